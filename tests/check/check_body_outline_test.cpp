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

// A build skips parsing bodies that cannot hold a link: the test must never
// say "no link" of a body in which md4c finds one.
TEST(CheckBodyOutline, ABodyWithALinkOfAnyKindMayContainLinks) {
  for (std::string_view body :
       {"See [the guide](/articles/a/).", "A [reference][r].\n\n[r]: /x/", "![chart](c.png)", "<https://example.org/>",
        "Read https://example.org/ today.", "ftp://files.example.org", "Go to www.example.org now.",
        "Mail help@example.org.", "Mail <help@example.org>."}) {
    EXPECT_FALSE(outline_markdown(body).links.empty()) << body;  // the cases are real links
    EXPECT_TRUE(may_contain_links(body)) << body;
  }
}

TEST(CheckBodyOutline, ABodyWithoutLinkCharactersHasNoLinks) {
  for (std::string_view body : {"Plain prose. Nothing to follow: just words.", "Cramps (at night) ease with stretching.",
                                "A list:\n\n- one\n- two\n\n**Bold** and _italic_, w.w.w. spaced out", ""}) {
    EXPECT_FALSE(may_contain_links(body)) << body;
    EXPECT_TRUE(outline_markdown(body).links.empty()) << body;
  }
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
