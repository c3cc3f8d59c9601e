#include "check/body_outline.h"

#include <gtest/gtest.h>

namespace topichub {
namespace {

TEST(CheckBodyOutline, ProseLeavesOutHeadingsCodeTablesAndImages) {
  auto outline = outline_markdown(
      "# Title\n\nFirst line\nsecond line with `code`.\n\n```\nnot prose\n```\n\n| a | b |\n|---|---|\n| c | d |\n\n"
      "- item one\n- item ![alt text](x.png) two\n\n> quoted &amp; text\n");
  std::vector<std::string> texts;
  for (const auto& block : outline.prose) texts.push_back(block.text);
  EXPECT_EQ(texts, (std::vector<std::string>{"First line second line with .", "item one", "item  two",
                                             "quoted   text"}));
}

TEST(CheckBodyOutline, ProseOffsetsLeadBackToTheBody) {
  std::string_view body = "Intro.\n\nA *bold* claim\ncontinues here.\n";
  auto outline = outline_markdown(body);
  ASSERT_EQ(outline.prose.size(), 2u);
  const auto& block = outline.prose[1];
  auto at = block.text.find("continues");
  EXPECT_EQ(block.body_offset(at), body.find("continues"));
  EXPECT_EQ(block.body_offset(0), body.find("A *bold*"));
}

TEST(CheckBodyOutline, LinksAndImagesWithTheirPlace) {
  std::string_view body =
      "Text [one](/articles/a/) and\n![pic](/img.png)\n\n<https://example.org/>\n\n[ref][r]\n\n[r]: /topics/t/\n"
      "\nmail help@example.org now\n";
  auto outline = outline_markdown(body);
  ASSERT_EQ(outline.links.size(), 5u);
  EXPECT_EQ(outline.links[0].href, "/articles/a/");
  EXPECT_EQ(outline.links[0].offset, body.find("/articles/a/"));
  EXPECT_FALSE(outline.links[0].image);
  EXPECT_EQ(outline.links[1].href, "/img.png");
  EXPECT_TRUE(outline.links[1].image);
  EXPECT_EQ(outline.links[2].href, "https://example.org/");
  EXPECT_EQ(outline.links[3].href, "/topics/t/");
  EXPECT_EQ(outline.links[4].href, "mailto:help@example.org");
  EXPECT_EQ(outline.links[4].offset, body.find("help@"));
}

TEST(CheckBodyOutline, BodyLinesCountFromTheFirstBodyLine) {
  std::string_view body = "a\nb\n\nc";
  BodyLines lines(body, 7);
  EXPECT_EQ(lines.line(0), 7);
  EXPECT_EQ(lines.line(1), 7);  // the newline belongs to its line
  EXPECT_EQ(lines.line(2), 8);
  EXPECT_EQ(lines.line(body.find('c')), 10);
}

}  // namespace
}  // namespace topichub
