#include <gtest/gtest.h>

#include <random>

#include "load/yaml_events.h"
#include "load/yaml_json.h"

namespace topichub {
namespace {

// Whether the subset reader takes `text`; when it does, its events must be
// libyaml's.
bool simple_reader_matches_libyaml(std::string_view text, bool& accepted) {
  std::vector<YamlEvent> simple;
  accepted = read_simple_yaml(text, simple);
  if (!accepted) return true;
  std::deque<std::string> storage;
  auto reference = read_yaml_with_libyaml(text, storage);
  if (!reference || reference->size() != simple.size()) return false;
  for (size_t i = 0; i < simple.size(); ++i)
    if (!simple[i].same_as((*reference)[i])) return false;
  return true;
}

void expect_taken(std::string_view text) {
  bool accepted = false;
  EXPECT_TRUE(simple_reader_matches_libyaml(text, accepted)) << text;
  EXPECT_TRUE(accepted) << text;
}

void expect_left_to_libyaml(std::string_view text) {
  std::vector<YamlEvent> events;
  EXPECT_FALSE(read_simple_yaml(text, events)) << text;
}

TEST(SimpleYaml, ReadsTheSubsetAsLibyamlDoes) {
  expect_taken("");
  expect_taken("# only a comment\n\n");
  expect_taken("title: \"What is ALL?\"\nsummary: A plain summary, with commas (and brackets]).\n");
  expect_taken("topics: [\"leg-cramps\", 'night', plain words]\nempty: []\nspaced: [ a , b ]\n");
  expect_taken("source:\n  name: \"CancerGov\"\n  url: https://www.cancer.gov/x?y=1\nafter: 3\n");
  expect_taken("intents:\n  - quick-relief\n  - \"prevention\"\nkind: condition\n");
  expect_taken("compact:\n- a\n- 'b'\nnext: true\n");
  expect_taken("nothing:\nnull_word: null\nnumber: 42\nnegative_is_left: x\n");
  expect_taken("a:\n  b:\n    c: deep\n  d: [1, 2]\ne: f\n");
  expect_taken("title: It's \"fine\" here\nunicode: Syndrome de Sjögren – type 1\n");
  expect_taken("\n# leading comment\n  indented: root\n  second: value\n");
  expect_taken("dup: 1\ndup: 2\n");
}

TEST(SimpleYaml, LeavesEverythingElseToLibyaml) {
  expect_left_to_libyaml("title: \"escaped \\\" quote\"\n");       // escapes
  expect_left_to_libyaml("title:\tTabbed\n");                       // tabs
  expect_left_to_libyaml("base: &b x\ncopy: *b\n");                 // anchors and aliases
  expect_left_to_libyaml("title: two\n  lines\n");                   // a multi-line plain scalar
  expect_left_to_libyaml("title: \"open\n  quote\"\n");              // a multi-line quoted scalar
  expect_left_to_libyaml("title: x # a comment\n");                 // comments after values
  expect_left_to_libyaml("map: {a: 1}\n");                           // flow mappings
  expect_left_to_libyaml("list: [a, [b]]\n");                        // nested flow
  expect_left_to_libyaml("list: [a, ]\n");                           // trailing comma
  expect_left_to_libyaml("sources:\n  - title: A\n    url: x\n");    // mappings in sequences
  expect_left_to_libyaml("text: |\n  block\n");                      // block scalars
  expect_left_to_libyaml("- a\n- b\n");                              // not a mapping
  expect_left_to_libyaml("key: 'it''s'\n");                          // quote escapes
  expect_left_to_libyaml("a b: spaced key\n");
  expect_left_to_libyaml("value: -5\n");                             // starts with an indicator
  expect_left_to_libyaml("a: 1\n---\nb: 2\n");                       // documents
  expect_left_to_libyaml("a: x\xC2\x85y\n");                         // NEL, a line break to YAML
  expect_left_to_libyaml("a: x\xE2\x80\xA8y\n");                     // LS, another
  expect_left_to_libyaml("a: \xEF\xBB\xBFx\n");                         // a byte order mark
  expect_left_to_libyaml("name: \"11\xC4-beta\"\n");                    // invalid UTF-8 (found by fuzz_yaml)
}

// What the subset reader takes converts as before: same JSON, same lines.
TEST(SimpleYaml, ConvertsToTheSameJsonAndLines) {
  auto result = parse_yaml_mapping("title: \"Cramps\"\ntopics:\n  - a\n  - b\nsource:\n  url: x\n", 2);
  ASSERT_TRUE(result.error.empty());
  EXPECT_EQ(result.value["title"], "Cramps");
  EXPECT_EQ(result.value["topics"][1], "b");
  EXPECT_EQ(result.value["source"]["url"], "x");
  EXPECT_EQ(result.lines.at("/title"), 2);
  EXPECT_EQ(result.lines.at("/topics/1"), 5);
  EXPECT_EQ(result.lines.at("/source/url"), 7);
}

// Front matter made of random pieces, most of them in the subset and some
// just outside it: whatever the subset reader takes, it reads as libyaml.
TEST(SimpleYaml, RandomFrontMatterReadsAsLibyamlDoes) {
  const std::vector<std::string> keys = {"title", "topics", "a", "b-c", "x_1", "-bad", "two words", "k"};
  const std::vector<std::string> values = {
      "plain text", "\"quoted, with: colon\"", "'single'", "[a, \"b\", 'c']", "[]", "[ x ]", "42", "true",
      "null", "~", "http://x.org/a:b", "a: b", "x #c", "x#y", "\"\"", "''", "[a,]", "[a, [b]]", "{a: 1}",
      "-1", "é", "it's", "\"it's\"", "'say \"hi\"'", "a]", "[\"a]\", b]", "&a x", "*a", "!tag x", "|", ">",
      "@x", "`x", "%x", "? x", "x:", "[a b, c]", "\"a\" b", "[\"a\" b]"};
  const std::vector<std::string> indents = {"", " ", "  ", "   ", "    "};
  std::mt19937 random(20261128);
  auto pick = [&](const auto& items) { return items[random() % items.size()]; };
  size_t accepted_count = 0;
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    int lines = 1 + static_cast<int>(random() % 6);
    for (int l = 0; l < lines; ++l) {
      std::string indent = random() % 3 == 0 ? pick(indents) : "";
      switch (random() % 6) {
        case 0: text += indent + pick(keys) + ":\n"; break;
        case 1: text += indent + "- " + pick(values) + "\n"; break;
        case 2: text += indent + "# note\n"; break;
        default: text += indent + pick(keys) + ": " + pick(values) + "\n"; break;
      }
    }
    bool accepted = false;
    ASSERT_TRUE(simple_reader_matches_libyaml(text, accepted)) << "differs from libyaml on:\n" << text;
    accepted_count += accepted;
  }
  EXPECT_GT(accepted_count, 2000u);  // the test exercises the reader, not only its refusals
}

}  // namespace
}  // namespace topichub
