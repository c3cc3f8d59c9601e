#include "graph/graph.h"

#include <gtest/gtest.h>

#include "load/loader.h"
#include "test_support.h"

namespace topichub {
namespace {

using testing::TempDir;

LoadResult load(const TempDir& site) { return load_site(site.str()); }

size_t topic(const Site& site, std::string_view slug) { return site.topic_by_slug.at(std::string(slug)); }

TEST(Graph, DerivesReverseEdges) {
  TempDir dir;
  dir.write("content/topics/cramps.md",
            "---\nname: cramps\nrelations:\n  - {type: caused_by, target: dehydration}\n"
            "  - {type: prevented_by, target: hydration, evidence: limited, sources: [{pmid: \"1\"}]}\n"
            "  - {type: overlaps, target: spasm}\n---\n");
  dir.write("content/topics/dehydration.md",
            "---\nname: dehydration\nrelations:\n  - {type: prevented_by, target: hydration, evidence: strong, sources: [{pmid: \"2\"}]}\n---\n");
  dir.write("content/topics/hydration.md", "---\nname: hydration\n---\n");
  dir.write("content/topics/spasm.md", "---\nname: spasm\n---\n");
  auto loaded = load(dir);
  auto graph = TopicGraph::build(loaded.site, loaded.diagnostics);
  EXPECT_FALSE(loaded.diagnostics.has_errors());
  const auto& site = loaded.site;
  auto causes = graph.edges_of(topic(site, "dehydration"), RelationType::caused_by, true);
  ASSERT_EQ(causes.size(), 1u);
  EXPECT_EQ(causes[0].other, topic(site, "cramps"));
  auto overlaps = graph.edges_of(topic(site, "spasm"), RelationType::overlaps);
  ASSERT_EQ(overlaps.size(), 1u);  // symmetric: visible from both sides
  EXPECT_TRUE(graph.addresses(topic(site, "hydration"), topic(site, "dehydration")));
  auto remedies = graph.remedies_of(topic(site, "cramps"), site);
  ASSERT_EQ(remedies.size(), 1u);
  ASSERT_EQ(remedies[0].also_addresses.size(), 1u);
  EXPECT_EQ(remedies[0].also_addresses[0], topic(site, "dehydration"));
}

TEST(Graph, RemediesOrderedByGradeThenTriggersAddressed) {
  TempDir dir;
  dir.write("content/topics/t.md",
            "---\nname: t\nrelations:\n"
            "  - {type: caused_by, target: c1}\n  - {type: caused_by, target: c2}\n"
            "  - {type: eased_by, target: one, evidence: limited}\n"
            "  - {type: eased_by, target: many, evidence: limited}\n"
            "  - {type: eased_by, target: best, evidence: moderate}\n"
            "  - {type: eased_by, target: bad, evidence: not-recommended}\n---\n");
  dir.write("content/topics/c1.md", "---\nname: c1\nrelations:\n  - {type: eased_by, target: many, evidence: limited}\n"
                                    "  - {type: eased_by, target: one, evidence: limited}\n---\n");
  dir.write("content/topics/c2.md", "---\nname: c2\nrelations:\n  - {type: prevented_by, target: many, evidence: mixed}\n---\n");
  for (auto name : {"one", "many", "best", "bad"}) dir.write(std::string("content/topics/") + name + ".md", std::string("---\nname: ") + name + "\n---\n");
  auto loaded = load(dir);
  auto graph = TopicGraph::build(loaded.site, loaded.diagnostics);
  auto remedies = graph.remedies_of(topic(loaded.site, "t"), loaded.site);
  ASSERT_EQ(remedies.size(), 4u);
  EXPECT_EQ(loaded.site.topics[remedies[0].topic].slug, "best");
  EXPECT_EQ(loaded.site.topics[remedies[1].topic].slug, "many");  // addresses c1 and c2
  EXPECT_EQ(loaded.site.topics[remedies[2].topic].slug, "one");
  EXPECT_EQ(loaded.site.topics[remedies[3].topic].slug, "bad");
}

TEST(Graph, ReportsUnknownTargetsSelfRelationsAndUngradedRemedies) {
  TempDir dir;
  dir.write("content/topics/a.md",
            "---\nname: a\nrelations:\n  - {type: caused_by, target: nowhere}\n  - {type: overlaps, target: a}\n"
            "  - {type: eased_by, target: b}\n  - {type: sideways, target: b}\n---\n");
  dir.write("content/topics/b.md", "---\nname: b\n---\n");
  auto loaded = load(dir);
  auto graph = TopicGraph::build(loaded.site, loaded.diagnostics);
  std::vector<std::pair<int, std::string>> found;
  for (const auto& d : loaded.diagnostics.items()) found.push_back({d.line, d.message});
  auto has = [&](int line, std::string_view text) {
    for (const auto& [l, m] : found)
      if (l == line && m.find(text) != std::string::npos) return true;
    return false;
  };
  EXPECT_TRUE(has(4, "unknown topic \"nowhere\""));
  EXPECT_TRUE(has(5, "cannot be overlaps itself"));
  EXPECT_TRUE(has(6, "needs an evidence grade"));
  EXPECT_TRUE(has(7, "unknown relation type \"sideways\""));
  EXPECT_TRUE(graph.edges(topic(loaded.site, "a")).empty());
}

}  // namespace
}  // namespace topichub
