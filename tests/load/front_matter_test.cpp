#include "load/front_matter.h"

#include <gtest/gtest.h>

#include "load/source_file.h"

namespace topichub {
namespace {

TEST(FrontMatter, ParsesYamlWithLines) {
  Diagnostics diagnostics;
  auto fm = parse_front_matter("---\ntitle: Hello\ntopics:\n  - a\n  - b\n---\nBody\n", "x.md", diagnostics);
  EXPECT_TRUE(diagnostics.empty());
  EXPECT_EQ(fm.data["title"], "Hello");
  EXPECT_EQ(fm.data["topics"][1], "b");
  EXPECT_EQ(fm.line_of("/title"), 2);
  EXPECT_EQ(fm.line_of("/topics/1"), 5);
  EXPECT_EQ(fm.body, "Body\n");
  EXPECT_EQ(fm.body_line, 7);
}

TEST(FrontMatter, ParsesToml) {
  Diagnostics diagnostics;
  auto fm = parse_front_matter("+++\ntitle = \"Hi\"\ndate = 2025-10-13\ntopics = [\"a\"]\n+++\nBody", "x.md", diagnostics);
  EXPECT_TRUE(diagnostics.empty());
  EXPECT_EQ(fm.data["title"], "Hi");
  EXPECT_EQ(fm.data["date"], "2025-10-13");
  EXPECT_EQ(fm.line_of("/date"), 3);
  EXPECT_EQ(fm.body, "Body");
}

TEST(FrontMatter, MissingClosingFenceIsAnError) {
  Diagnostics diagnostics;
  parse_front_matter("---\ntitle: Hello\n\nBody text\n", "a.md", diagnostics);
  ASSERT_EQ(diagnostics.items().size(), 1u);
  EXPECT_EQ(diagnostics.items()[0].line, 1);
  EXPECT_NE(diagnostics.items()[0].message.find("never closed"), std::string::npos);
}

TEST(FrontMatter, InvalidYamlNamesTheFileLine) {
  Diagnostics diagnostics;
  parse_front_matter("---\ntitle: ok\nsummary: [unclosed\n---\n", "a.md", diagnostics);
  ASSERT_EQ(diagnostics.items().size(), 1u);
  EXPECT_GE(diagnostics.items()[0].line, 3);
  EXPECT_NE(diagnostics.items()[0].message.find("invalid YAML"), std::string::npos);
}

TEST(FrontMatter, InvalidTomlNamesTheFileLine) {
  Diagnostics diagnostics;
  parse_front_matter("+++\ntitle = \"ok\"\ndate = = 3\n+++\n", "a.md", diagnostics);
  ASSERT_EQ(diagnostics.items().size(), 1u);
  EXPECT_EQ(diagnostics.items()[0].line, 3);
}

TEST(FrontMatter, NoFrontMatterMeansAllBody) {
  Diagnostics diagnostics;
  auto fm = parse_front_matter("Just text\n", "a.md", diagnostics);
  EXPECT_TRUE(diagnostics.empty());
  EXPECT_EQ(fm.body, "Just text\n");
  EXPECT_TRUE(fm.data.empty());
}

TEST(FrontMatter, YamlAliasBombIsRefused) {
  std::string bomb = "---\na: &a [x, x, x, x, x, x, x, x, x, x]\n";
  char previous = 'a';
  for (char name = 'b'; name <= 'k'; ++name) {
    bomb += std::string(1, name) + ": &" + name + " [";
    for (int i = 0; i < 10; ++i) bomb += std::string(i ? ", *" : "*") + previous;
    bomb += "]\n";
    previous = name;
  }
  bomb += "---\n";
  Diagnostics diagnostics;
  parse_front_matter(bomb, "bomb.md", diagnostics);
  ASSERT_TRUE(diagnostics.has_errors());
  EXPECT_NE(diagnostics.items()[0].message.find("too many"), std::string::npos);
}

TEST(SourceText, StripsBomAndNormalisesLineEnds) {
  Diagnostics diagnostics;
  auto text = clean_source_text("\xEF\xBB\xBF---\r\ntitle: A\r\n---\r\nBody\rMore", "a.md", diagnostics);
  EXPECT_TRUE(diagnostics.empty());
  EXPECT_EQ(text, "---\ntitle: A\n---\nBody\nMore");
}

TEST(SourceText, ReportsInvalidUtf8AtItsLine) {
  Diagnostics diagnostics;
  auto text = clean_source_text("line one\nline \xFF two\n", "a.md", diagnostics);
  ASSERT_EQ(diagnostics.items().size(), 1u);
  EXPECT_EQ(diagnostics.items()[0].line, 2);
  EXPECT_NE(diagnostics.items()[0].message.find("UTF-8"), std::string::npos);
  EXPECT_EQ(text, "line one\nline \xEF\xBF\xBD two\n");
}

TEST(SourceText, ReportsNulBytes) {
  Diagnostics diagnostics;
  auto text = clean_source_text(std::string("a\0b", 3), "a.md", diagnostics);
  EXPECT_TRUE(diagnostics.has_errors());
  EXPECT_EQ(text.find('\0'), std::string::npos);
}

}  // namespace
}  // namespace topichub
