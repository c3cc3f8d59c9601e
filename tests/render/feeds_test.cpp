#include "render/feeds.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "curate/curate.h"
#include "graph/graph.h"

namespace topichub {
namespace {

// The titles of a feed's entries, in order.
std::vector<std::string> entry_titles(const std::string& xml) {
  std::vector<std::string> titles;
  for (auto entry = xml.find("<entry>"); entry != std::string::npos; entry = xml.find("<entry>", entry + 1)) {
    auto begin = xml.find("<title>", entry) + 7;
    titles.push_back(xml.substr(begin, xml.find("</title>", begin) - begin));
  }
  return titles;
}

// A site of one topic with more articles than a feed holds: dates that
// repeat (ties broken by slug), some revised later (lastmod counts).
struct FeedSite {
  Site site;
  std::vector<ArticleLinks> links;
  TopicGraph graph;
  Curation curation;

  FeedSite() {
    site.config.title = "Test site";
    site.topics.resize(1);
    site.topics[0].slug = "cramps";
    site.topics[0].name = site.topics[0].title = "Cramps";
    for (int i = 0; i < 30; ++i) {
      Article article;
      article.slug = "article-" + std::to_string((i * 7) % 30);
      article.title = "Title " + article.slug;
      article.date = {2020 + i % 4, 1 + i % 3, 1};
      if (i % 5 == 0) article.lastmod = {2025, 6, 1 + i % 2};
      site.articles.push_back(article);
    }
    links.resize(site.articles.size());
    for (auto& link : links) link.topics = {{0, 1.0}};
    curation = curate(site, links);
  }
};

TEST(Feeds, RankedFeedsMatchFeedsThatCompareTheArticles) {
  FeedSite fixture;
  RenderContext compared(fixture.site, fixture.graph, fixture.links, fixture.curation, "https://example.org/");
  RenderContext ranked(fixture.site, fixture.graph, fixture.links, fixture.curation, "https://example.org/");
  ranked.feed_rank = feed_ranks(fixture.site);

  auto feed = topic_feed(compared, 0);
  EXPECT_EQ(topic_feed(ranked, 0), feed);
  EXPECT_EQ(site_feed(ranked), site_feed(compared));

  // Freshest first (a revision counts), equal dates by slug, twenty at most.
  // Revised: i = 5, 15, 25 on 2025-06-02 (slugs article-5, -15, -25) and
  // i = 0, 10, 20 on 2025-06-01 (article-0, -10, -20).
  auto titles = entry_titles(feed);
  ASSERT_EQ(titles.size(), kFeedEntries);
  std::vector<std::string> head(titles.begin(), titles.begin() + 6);
  EXPECT_EQ(head, (std::vector<std::string>{"Title article-15", "Title article-25", "Title article-5",
                                            "Title article-0", "Title article-10", "Title article-20"}));
}

}  // namespace
}  // namespace topichub
