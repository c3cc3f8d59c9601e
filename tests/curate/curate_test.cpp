#include "curate/curate.h"

#include <gtest/gtest.h>

namespace topichub {
namespace {

Article article(std::string slug, Date date, std::vector<std::string> intents = {}) {
  Article a;
  a.slug = slug;
  a.title = slug;
  a.date = date;
  a.intents = std::move(intents);
  return a;
}

TEST(Curate, RanksByCentralityThenFreshness) {
  Site site;
  site.topics.resize(2);
  site.articles = {article("old", {2020, 1, 1}), article("new", {2025, 1, 1}), article("central", {2019, 1, 1})};
  std::vector<ArticleLinks> links(3);
  links[0].topics = {{0, 1.0}};
  links[1].topics = {{0, 1.0}, {1, 3.0}};
  links[2].topics = {{0, 10.0}};
  auto curation = curate(site, links);
  ASSERT_EQ(curation.by_topic[0].size(), 3u);
  EXPECT_EQ(curation.by_topic[0][0].article, 2u);
  EXPECT_EQ(curation.by_topic[0][1].article, 1u);  // fresher of the two equals
  EXPECT_EQ(curation.by_topic[0][2].article, 0u);
  ASSERT_EQ(curation.by_topic[1].size(), 1u);
  // Related: articles sharing topics, never the article itself.
  for (size_t a = 0; a < 3; ++a)
    for (size_t r : curation.related[a]) EXPECT_NE(r, a);
  EXPECT_EQ(curation.related[2].size(), 2u);
}

// Equal centrality and date: by title, and articles of the same title in
// path order, both in the whole curation and after an edit re-sorts one
// collection (the two must agree, or a preview would differ from a build).
TEST(Curate, TiesGoByTitleThenPathOrderInCurationAndAfterAnEdit) {
  Site site;
  site.topics.resize(1);
  site.articles = {article("b", {2024, 5, 1}), article("a", {2024, 5, 1}), article("same", {2024, 5, 1}),
                   article("same", {2024, 5, 1}), article("c", {2024, 5, 1})};
  site.articles[2].title = site.articles[3].title = "b";  // "b" three times
  std::vector<ArticleLinks> links(site.articles.size());
  for (auto& link : links) link.topics = {{0, 2.0}};
  auto order = [](const Curation& curation) {
    std::vector<size_t> articles;
    for (const auto& entry : curation.by_topic[0]) articles.push_back(entry.article);
    return articles;
  };
  auto curation = curate(site, links);
  EXPECT_EQ(order(curation), (std::vector<size_t>{1, 0, 2, 3, 4}));
  // An edit of article 0 that changes nothing of its listing takes it out
  // of the collection, puts it back at the end and re-sorts: the order stays.
  std::vector<size_t> topics = {0};
  update_curation(curation, site, links, 0, topics);
  EXPECT_EQ(order(curation), (std::vector<size_t>{1, 0, 2, 3, 4}));
  EXPECT_EQ(order(curation), order(curate(site, links)));
}

TEST(Curate, GroupsByFirstIntentInReaderOrder) {
  Site site;
  site.articles = {article("a", {}, {"causes"}), article("b", {}, {"quick-relief", "causes"}), article("c", {})};
  std::vector<CuratedArticle> list = {{0, 1}, {1, 1}, {2, 1}};
  auto groups = group_by_intent(list, site);
  ASSERT_EQ(groups.size(), 3u);
  EXPECT_EQ(groups[0].heading, "Quick relief tonight");
  EXPECT_EQ(groups[1].heading, "Causes");
  EXPECT_EQ(groups[2].heading, "More to read");
  EXPECT_EQ(groups[0].articles.size(), 1u);
}

}  // namespace
}  // namespace topichub
