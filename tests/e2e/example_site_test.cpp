// End to end: the real binary builds the example site, and the hub page
// carries what the reference page has, plus graded evidence and red flags.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <regex>

#include "test_support.h"

namespace topichub {
namespace {

using testing::TempDir;

struct CommandResult {
  int exit_code;
  std::string output;
};

CommandResult run(const std::string& command) {
  CommandResult result{-1, ""};
  FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  if (!pipe) return result;
  char buffer[4096];
  size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) result.output.append(buffer, n);
  int status = ::pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

std::string shell_quoted(const std::string& path) { return "'" + path + "'"; }

class ExampleSite : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    out = new TempDir();
    auto result = run(std::string(TOPICHUB_BINARY) + " build " + shell_quoted(testing::source_dir() + "/examples/leg-cramps") +
                      " -o " + shell_quoted((out->path() / "public").string()));
    build_output = result.output;
    exit_code = result.exit_code;
  }
  static void TearDownTestSuite() { delete out; }

  static std::string page(const std::string& relative) { return out->read("public/" + relative); }

  static inline TempDir* out = nullptr;
  static inline std::string build_output;
  static inline int exit_code = -1;
};

TEST_F(ExampleSite, BuildsWithoutErrorsOrWarnings) {
  EXPECT_EQ(exit_code, 0) << build_output;
  EXPECT_EQ(build_output.find("error:"), std::string::npos) << build_output;
  EXPECT_EQ(build_output.find("warning:"), std::string::npos) << build_output;
}

TEST_F(ExampleSite, HubHasHeadingSynonymsAndLinkedConceptsWithDefinitions) {
  auto hub = page("topics/leg-cramps-at-night/index.html");
  EXPECT_NE(hub.find("<h1>Leg cramps at night: why they happen and how to stop them</h1>"), std::string::npos);
  EXPECT_NE(hub.find("Also known as:</span> nocturnal leg cramps"), std::string::npos);
  EXPECT_NE(hub.find("charley horse"), std::string::npos);
  // Each linked concept: a link to its hub followed by its own definition.
  for (auto slug : {"muscle-cramps", "dehydration", "electrolyte-imbalance", "restless-legs-syndrome"}) {
    std::regex linked_concept("<a href=\"/topics/" + std::string(slug) + "/\">[^<]+</a>, [a-z][^<.;]{15,}");
    EXPECT_TRUE(std::regex_search(hub, linked_concept)) << slug;
  }
  // Drivers are stated with the strength of their evidence, not as certainties.
  EXPECT_NE(hub.find("Possible drivers include"), std::string::npos);
  EXPECT_NE(hub.find("(limited evidence)"), std::string::npos);
}

TEST_F(ExampleSite, HubHasGradedPracticalStepsEvidenceAndRedFlags) {
  auto hub = page("topics/leg-cramps-at-night/index.html");
  auto steps = hub.find("id=\"practical-steps\"");
  ASSERT_NE(steps, std::string::npos);
  auto stretching = hub.find("/topics/calf-stretching/", steps);
  ASSERT_NE(stretching, std::string::npos);
  EXPECT_NE(hub.find("grade-", stretching), std::string::npos);
  // Quinine is not a practical step; it is listed as not to rely on.
  auto not_advised = hub.find("id=\"not-advised\"");
  ASSERT_NE(not_advised, std::string::npos);
  EXPECT_GT(hub.find("/topics/quinine/", steps), not_advised);
  EXPECT_NE(hub.find("id=\"evidence\""), std::string::npos);
  EXPECT_NE(hub.find("https://pubmed.ncbi.nlm.nih.gov/"), std::string::npos);
  EXPECT_NE(hub.find("id=\"see-a-doctor\""), std::string::npos);
}

TEST_F(ExampleSite, HubCollectionHasTheRlsGuideWithSummaryAndDate) {
  auto hub = page("topics/leg-cramps-at-night/index.html");
  auto guide = hub.find("Restless Legs Syndrome (RLS) Guide: Causes, Symptoms &amp; Effective Treatments");
  ASSERT_NE(guide, std::string::npos);
  auto summary = hub.find("A comprehensive guide on Restless Legs Syndrome covering symptoms, causes, diagnosis", guide);
  ASSERT_NE(summary, std::string::npos);
  auto date = hub.find("<time datetime=\"2025-10-13\">13 October 2025</time>", summary);
  EXPECT_NE(date, std::string::npos);
  EXPECT_NE(hub.find("<h3>Quick relief tonight</h3>"), std::string::npos);
  EXPECT_NE(hub.find("<h3>Long-term prevention</h3>"), std::string::npos);
}

TEST_F(ExampleSite, HubHasConceptMapJsonLdAndBreadcrumbs) {
  auto hub = page("topics/leg-cramps-at-night/index.html");
  EXPECT_NE(hub.find("<svg class=\"concept-map\""), std::string::npos);
  EXPECT_NE(hub.find("<title>Concept map of leg cramps at night</title>"), std::string::npos);
  EXPECT_NE(hub.find("aria-hidden=\"true\""), std::string::npos);
  EXPECT_NE(hub.find("\"@type\":\"MedicalWebPage\""), std::string::npos);
  EXPECT_NE(hub.find("\"@type\":\"MedicalCondition\""), std::string::npos);
  EXPECT_NE(hub.find("\"codingSystem\":\"ICD-10\""), std::string::npos);
  EXPECT_NE(hub.find("\"possibleTreatment\""), std::string::npos);
  EXPECT_NE(hub.find("aria-label=\"Breadcrumb\""), std::string::npos);
}

TEST_F(ExampleSite, ConceptMapBoxesNeverOverlap) {
  auto hub = page("topics/leg-cramps-at-night/index.html");
  std::regex rect("<rect class=\"node[^\"]*\" x=\"(-?[0-9]+)\" y=\"(-?[0-9]+)\" width=\"([0-9]+)\" height=\"([0-9]+)\"");
  struct Box { int x, y, w, h; };
  std::vector<Box> boxes;
  for (auto it = std::sregex_iterator(hub.begin(), hub.end(), rect); it != std::sregex_iterator(); ++it)
    boxes.push_back({std::stoi((*it)[1]), std::stoi((*it)[2]), std::stoi((*it)[3]), std::stoi((*it)[4])});
  ASSERT_GE(boxes.size(), 10u);
  for (size_t i = 0; i < boxes.size(); ++i) {
    EXPECT_GE(boxes[i].x, 0);
    EXPECT_LE(boxes[i].x + boxes[i].w, 720);
    for (size_t j = i + 1; j < boxes.size(); ++j) {
      bool apart = boxes[i].x + boxes[i].w <= boxes[j].x || boxes[j].x + boxes[j].w <= boxes[i].x ||
                   boxes[i].y + boxes[i].h <= boxes[j].y || boxes[j].y + boxes[j].h <= boxes[i].y;
      EXPECT_TRUE(apart) << "boxes " << i << " and " << j << " overlap";
    }
  }
}

TEST_F(ExampleSite, EveryTopicHasAHubAndEveryArticleAPage) {
  namespace fs = std::filesystem;
  auto site = fs::path(testing::source_dir()) / "examples/leg-cramps/content";
  size_t topics = 0, articles = 0;
  for (const auto& entry : fs::directory_iterator(site / "topics")) {
    ++topics;
    EXPECT_TRUE(fs::exists(out->path() / "public/topics" / entry.path().stem() / "index.html")) << entry.path();
  }
  for (const auto& entry : fs::directory_iterator(site / "articles")) {
    ++articles;
    EXPECT_TRUE(fs::exists(out->path() / "public/articles" / entry.path().stem() / "index.html")) << entry.path();
  }
  EXPECT_GE(topics, 16u);
  EXPECT_GE(articles, 12u);
  for (auto file : {"index.html", "topics/index.html", "404.html", "sitemap.xml", "feed.xml", "style.css",
                    "topics/leg-cramps-at-night/feed.xml"})
    EXPECT_TRUE(fs::exists(out->path() / "public" / file)) << file;
}

TEST_F(ExampleSite, ArticlePageLinksTopicsAndListsSources) {
  auto article = page("articles/restless-legs-syndrome-guide/index.html");
  EXPECT_NE(article.find("<time datetime=\"2025-10-13\">13 October 2025</time>"), std::string::npos);
  EXPECT_NE(article.find("class=\"topic-link\""), std::string::npos);
  EXPECT_NE(article.find("id=\"sources\""), std::string::npos);
  EXPECT_NE(article.find("min read"), std::string::npos);
  EXPECT_NE(article.find("rel=\"canonical\""), std::string::npos);
  EXPECT_NE(article.find("property=\"og:title\""), std::string::npos);
}

TEST(BuildCommand, ReportsEveryErrorWithFileAndLineAndWritesNothing) {
  TempDir site;
  site.write("topichub.toml", "title = \"Broken\"\n");
  site.write("content/topics/gout.md", "---\nname: gout\n---\n");
  site.write("content/articles/a.md", "---\ntitle: A\ntopics: [cramps]\n---\n");
  site.write("content/articles/b.md", "---\ntitle: B\ndate: yesterday\n---\n");
  auto out = (site.path() / "public").string();
  auto result = run(std::string(TOPICHUB_BINARY) + " build " + shell_quoted(site.str()) + " -o " + shell_quoted(out));
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.output.find("content/articles/a.md:3: error: unknown topic \"cramps\""), std::string::npos)
      << result.output;
  EXPECT_NE(result.output.find("content/articles/b.md:3: error: unparseable date"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(out));
}

TEST(BuildCommand, RebuildReplacesOutputAndLeavesNoTemporaryFolders) {
  TempDir site;
  site.write("content/topics/gout.md", "---\nname: gout\n---\n");
  site.write("content/articles/a.md", "---\ntitle: First\n---\n");
  auto out = (site.path() / "out").string();
  auto command = std::string(TOPICHUB_BINARY) + " build " + shell_quoted(site.str()) + " -o " + shell_quoted(out);
  ASSERT_EQ(run(command).exit_code, 0);
  site.write("content/articles/a.md", "---\ntitle: Second\n---\n");
  ASSERT_EQ(run(command).exit_code, 0);
  EXPECT_NE(site.read("out/articles/a/index.html").find("Second"), std::string::npos);
  for (const auto& entry : std::filesystem::directory_iterator(site.path()))
    EXPECT_EQ(entry.path().filename().string().find(".topichub-staging"), std::string::npos);
}

}  // namespace
}  // namespace topichub
