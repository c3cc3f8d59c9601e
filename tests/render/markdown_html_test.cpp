#include "render/markdown_html.h"

#include <gtest/gtest.h>

namespace topichub {
namespace {

TEST(MarkdownHtml, RendersCommonBlocks) {
  auto html = render_markdown("## Hello world\n\nText *em* **strong** `code`.\n\n- a\n- b\n\n1. x\n\n> quote\n").html;
  EXPECT_NE(html.find("<h2 id=\"hello-world\">Hello world</h2>"), std::string::npos);
  EXPECT_NE(html.find("<em>em</em> <strong>strong</strong> <code>code</code>"), std::string::npos);
  EXPECT_NE(html.find("<ul>\n<li>a</li>"), std::string::npos);
  EXPECT_NE(html.find("<ol>"), std::string::npos);
  EXPECT_NE(html.find("<blockquote>"), std::string::npos);
}

TEST(MarkdownHtml, RendersTablesAndUniqueHeadingIds) {
  auto html = render_markdown("## Same\n\n## Same\n\n| a | b |\n|:--|--:|\n| 1 | 2 |\n").html;
  EXPECT_NE(html.find("id=\"same\""), std::string::npos);
  EXPECT_NE(html.find("id=\"same-2\""), std::string::npos);
  EXPECT_NE(html.find("<table>"), std::string::npos);
  EXPECT_NE(html.find("<td style=\"text-align:right\">2</td>"), std::string::npos);
}

TEST(MarkdownHtml, EscapesRawHtmlAndUnsafeLinks) {
  auto html = render_markdown("<script>alert(1)</script>\n\n[x](javascript:alert(1)) <img src=x onerror=y>\n").html;
  EXPECT_EQ(html.find("<script>"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;"), std::string::npos);
  EXPECT_EQ(html.find("javascript:"), std::string::npos);
  EXPECT_EQ(html.find("<img src=x"), std::string::npos);
}

TEST(MarkdownHtml, InsertsTopicLinksAtOffsets) {
  std::string md = "Night leg cramps are common.\n";
  auto begin = md.find("leg cramps");
  std::vector<LinkInsertion> links = {{begin, begin + 10, "/topics/leg-cramps/", "a \"title\""}};
  auto html = render_markdown(md, links).html;
  EXPECT_EQ(html, "<p>Night <a class=\"topic-link\" href=\"/topics/leg-cramps/\" title=\"a &quot;title&quot;\">leg cramps</a> are common.</p>\n");
}

TEST(MarkdownHtml, LinkSpanningPiecesClosesCorrectly) {
  std::string md = "See leg\ncramps now.\n";
  auto begin = md.find("leg");
  std::vector<LinkInsertion> links = {{begin, md.find(" now"), "/t/", ""}};
  auto html = render_markdown(md, links).html;
  EXPECT_NE(html.find("<a class=\"topic-link\" href=\"/t/\">leg\ncramps</a> now"), std::string::npos) << html;
}

TEST(MarkdownHtml, DeepNestingIsBounded) {
  std::string md(10000, '>');
  md += " deep\n";
  auto html = render_markdown(md).html;
  EXPECT_NE(html.find("deep"), std::string::npos);
  EXPECT_LT(html.size(), 2000u);
}

TEST(MarkdownHtml, PlainTextForWordCounts) {
  auto rendered = render_markdown("# Title\n\nOne two [three](x).\n");
  EXPECT_NE(rendered.plain_text.find("One two three."), std::string::npos);
}

}  // namespace
}  // namespace topichub
