#include "render/json_ld.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace topichub {
namespace {

// What pages held before JSON-LD was written directly: nlohmann::json's
// text with '<', '>' and '&' escaped for a script element.
std::string reference(const nlohmann::json& value) {
  std::string out;
  for (char c : value.dump()) {
    if (c == '<') out += "\\u003c";
    else if (c == '>') out += "\\u003e";
    else if (c == '&') out += "\\u0026";
    else out += c;
  }
  return out;
}

TEST(JsonLd, WritesWhatNlohmannJsonPrintedMembersInKeyOrder) {
  std::string every_ascii;
  for (int c = 1; c < 128; ++c) every_ascii += static_cast<char>(c);
  std::vector<std::string> names = {"Willis–Ekbom", "\"quoted\" & <b>", every_ascii};
  std::vector<JsonLdObject> items;
  auto expected_items = nlohmann::json::array();
  for (const auto& name : names) {
    items.emplace_back();
    items.back().text("name", name).text("@type", "Thing").number("position", 3);
    expected_items.push_back({{"name", name}, {"@type", "Thing"}, {"position", 3}});
  }
  JsonLdObject page;
  page.text("url", "https://example.org/a?b=1&c=2")
      .texts("alternateName", names)
      .objects("itemListElement", std::move(items))
      .object("about", std::move(JsonLdObject().text("name", "</script>")))
      .objects("none", {})
      .text("@context", "https://schema.org");
  nlohmann::json expected = {{"url", "https://example.org/a?b=1&c=2"},
                             {"alternateName", names},
                             {"itemListElement", expected_items},
                             {"about", {{"name", "</script>"}}},
                             {"none", nlohmann::json::array()},
                             {"@context", "https://schema.org"}};
  auto json = page.json();
  EXPECT_EQ(json, reference(expected));
  EXPECT_EQ(json.find("</"), std::string::npos);
  EXPECT_EQ(nlohmann::json::parse(json)["about"]["name"], "</script>");
}

// Escapes are found 16 bytes at a time, the last bytes of a text in one
// block that overlaps the one before: every character that needs one, at
// every place in and across those blocks, in texts of every length up to
// 60, among multi-byte characters.
TEST(JsonLd, EscapesEveryCharacterWhereverItStands) {
  std::string specials = "\"\\<>&\n\t";
  specials += '\x01';
  specials += '\x1F';
  for (char special : specials) {
    for (size_t at = 0; at < 40; ++at) for (size_t after = 0; after < 20; ++after) {
      // Exactly `bytes` bytes of whole characters before and after it: 'a',
      // DEL (not escaped) and 'é' (an 'a' where it would not fit).
      auto filler = [](size_t bytes) {
        std::string text;
        for (size_t i = 0; text.size() < bytes; ++i)
          text += i % 3 == 0 || text.size() + 2 > bytes ? "a" : i % 3 == 1 ? "\x7F" : "\xC3\xA9";
        return text;
      };
      std::string text = filler(at) + special + filler(after);
      EXPECT_EQ(JsonLdObject().text("name", text).json(), reference({{"name", text}}))
          << "special " << static_cast<int>(special) << " at " << at << " of " << text.size();
    }
  }
}

TEST(JsonLd, InvalidUtf8BecomesReplacementCharacters) {
  std::string json = JsonLdObject().text("name", "a\xFF" "b").json();
  EXPECT_EQ(json, "{\"name\":\"a\xEF\xBF\xBD" "b\"}");
  EXPECT_NO_THROW(nlohmann::json::parse(json));
}

}  // namespace
}  // namespace topichub
