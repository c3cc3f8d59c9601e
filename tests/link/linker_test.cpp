#include "link/linker.h"

#include <gtest/gtest.h>

namespace topichub {
namespace {

Site small_site() {
  Site site;
  for (auto name : {"leg cramps", "dehydration", "magnesium"}) {
    Topic topic;
    topic.name = name;
    topic.slug = name;
    site.topic_by_slug[topic.slug] = site.topics.size();
    site.topics.push_back(topic);
  }
  return site;
}

std::vector<std::string> linked_words(const Article& article, const ArticleLinks& links) {
  std::vector<std::string> out;
  for (const auto& m : links.first_mentions) out.push_back(article.body.substr(m.begin, m.end - m.begin));
  return out;
}

TEST(Linker, LinksFirstMentionsOnlyInPlainText) {
  Site site = small_site();
  Article article;
  article.title = "T";
  article.body =
      "## Leg cramps and magnesium\n\n"
      "See [dehydration](/x/) and `magnesium` here.\n\n"
      "```\nleg cramps in code\n```\n\n"
      "Then leg cramps, leg cramps again, and dehydration.\n\n"
      "![magnesium](m.png) then magnesium.\n";
  Linker linker(site);
  auto links = linker.link(article);
  EXPECT_EQ(linked_words(article, links), (std::vector<std::string>{"leg cramps", "dehydration", "magnesium"}));
  // The links point at the first plain mentions, after the heading, link, code and image.
  EXPECT_GT(links.first_mentions[0].begin, article.body.find("```\n", 10));
  EXPECT_GT(links.first_mentions[2].begin, article.body.find("m.png"));
}

TEST(Linker, WeightsExplicitTopicsAndTitleMentionsAboveBodyMentions) {
  Site site = small_site();
  Article article;
  article.title = "All about magnesium";
  article.topics = {0};
  article.body = "Dehydration is mentioned once.\n";
  auto links = Linker(site).link(article);
  ASSERT_EQ(links.topics.size(), 3u);
  EXPECT_EQ(links.topics[0].topic, 0u);  // explicit
  EXPECT_EQ(links.topics[1].topic, 2u);  // in the title
  EXPECT_EQ(links.topics[2].topic, 1u);  // body only
  EXPECT_GT(links.weight_of(2), links.weight_of(1));
}

TEST(Linker, MentionAcrossSoftLineBreakCountsButIsNotLinked) {
  Site site = small_site();
  Article article;
  article.body = "Night leg\ncramps are common.\n";
  auto links = Linker(site).link(article);
  EXPECT_GT(links.weight_of(0), 0.0);
  EXPECT_TRUE(links.first_mentions.empty());
}

}  // namespace
}  // namespace topichub
