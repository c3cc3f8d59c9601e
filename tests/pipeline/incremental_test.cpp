#include "pipeline/incremental.h"

#include <gtest/gtest.h>

#include <map>

#include "pipeline/pipeline.h"
#include "test_support.h"

namespace topichub {
namespace {

using testing::TempDir;
using Pages = std::map<std::string, std::string>;

Pages pages_of(const std::vector<OutputFile>& files) {
  Pages pages;
  for (const auto& file : files) pages[file.path] = file.content;
  return pages;
}

std::string article(int n, std::string_view topics, std::string_view body) {
  return "---\ntitle: Article " + std::to_string(n) + "\ndate: 2025-0" + std::to_string(1 + n % 9) +
         "-01\ntopics: [" + std::string(topics) + "]\nintent: prevention\n---\n" + std::string(body) + "\n";
}

std::string with_summary(std::string text) { return text.insert(4, "summary: What magnesium does.\n"); }

class IncrementalTest : public ::testing::Test {
 protected:
  void SetUp() override {
    site.write("topichub.toml", "title = \"Incremental\"\n[hub]\npage_size = 2\n");
    for (std::string name : {"calf cramps", "dehydration", "magnesium"})
      site.write("content/topics/" + name.substr(0, name.find(' ')) + ".md",
                 "---\nname: " + name + "\ndefinition: about " + name + "\n---\n");
    site.write("content/articles/a1.md", article(1, "calf", "Calf cramps and dehydration."));
    site.write("content/articles/a2.md", article(2, "calf", "Calf cramps at night."));
    site.write("content/articles/a3.md", article(3, "dehydration", "Dehydration and calf cramps."));
    site.write("content/articles/a4.md", with_summary(article(4, "magnesium", "Magnesium does not help much.")));
    site.write("content/articles/a5.md", article(5, "magnesium", "Magnesium for calf cramps? Calf cramps go on."));
    BuildOptions options;
    options.keep_state = true;
    built = build_site(site.str(), options);
    ASSERT_TRUE(built.ok());
    pages = pages_of(built.rendered.files);
  }

  void apply(const ArticleUpdate& update) {
    for (const auto& file : update.files) pages[file.path] = file.content;
    for (const auto& path : update.removed) pages.erase(path);
  }

  // The pages so far against those of a full build of the site as it now is.
  void expect_same_as_full_build() {
    auto full = pages_of(build_site(site.str()).rendered.files);
    for (const auto& [path, content] : full) {
      auto it = pages.find(path);
      if (it == pages.end()) ADD_FAILURE() << path << " is missing";
      else EXPECT_EQ(it->second, content) << path << " differs from a full build";
    }
    for (const auto& [path, content] : pages) EXPECT_TRUE(full.count(path)) << path << " should be gone";
  }

  TempDir site;
  BuildOutput built;
  Pages pages;
};

TEST_F(IncrementalTest, AnEditedArticleShowsEverywhereAsAFullBuildWouldShowIt) {
  // New title, date and summary; the body now mentions magnesium often and no longer dehydration.
  site.write("content/articles/a3.md",
             "---\ntitle: Salt, water and cramps\ndate: 2025-09-09\ntopics: [dehydration]\nintent: prevention\n---\n"
             "Magnesium, magnesium and calf cramps. Magnesium again.\n");
  auto update = update_article(*built.state, "content/articles/a3.md");
  ASSERT_TRUE(update.has_value());
  EXPECT_FALSE(update->diagnostics.has_errors());
  apply(*update);
  expect_same_as_full_build();
  EXPECT_NE(pages["articles/a3/index.html"].find("Salt, water and cramps"), std::string::npos);
}

TEST_F(IncrementalTest, EditsOneAfterAnotherAndAHubThatGetsShorter) {
  // Calf cramps: a1 and a2 by their topics, a3 and a5 by mentions; two per page.
  ASSERT_TRUE(pages.count("topics/calf/page/2/index.html"));
  for (auto [name, text] : {std::pair{"a3", article(3, "dehydration", "Only dehydration now.")},
                            std::pair{"a5", article(5, "magnesium", "Magnesium only.")}}) {
    site.write("content/articles/" + std::string(name) + ".md", text);
    auto update = update_article(*built.state, "content/articles/" + std::string(name) + ".md");
    ASSERT_TRUE(update.has_value()) << name;
    apply(*update);
  }
  EXPECT_FALSE(pages.count("topics/calf/page/2/index.html")) << "two calf articles fit one page";
  expect_same_as_full_build();
}

TEST_F(IncrementalTest, AnArticleThatMovesWithinItsHubRerendersThePagesBetween) {
  // Calf cramps, two per page: a2, a1 | a5, a3. Many more mentions make a3
  // the most central: a3, a2 | a1, a5. Same articles, both pages change.
  site.write("content/articles/a3.md",
             article(3, "dehydration",
                     "Dehydration. Calf cramps, calf cramps, calf cramps. Calf cramps and calf cramps. Calf cramps, "
                     "calf cramps, calf cramps, calf cramps."));
  auto update = update_article(*built.state, "content/articles/a3.md");
  ASSERT_TRUE(update.has_value());
  apply(*update);
  expect_same_as_full_build();
}

TEST_F(IncrementalTest, ABodyEditThatMovesNothingRerendersOnlyTheArticle) {
  // (With a summary of its own: otherwise the summary comes from the body.)
  site.write("content/articles/a4.md", with_summary(article(4, "magnesium", "Magnesium does not help at all, sadly.")));
  auto update = update_article(*built.state, "content/articles/a4.md");
  ASSERT_TRUE(update.has_value());
  std::string paths;
  for (const auto& file : update->files) paths += file.path + " ";
  ASSERT_EQ(update->files.size(), 1u) << paths;
  EXPECT_EQ(update->files[0].path, "articles/a4/index.html");
  apply(*update);
  expect_same_as_full_build();
}

TEST_F(IncrementalTest, ChangesToTheArticlesPlaceNeedAFullRebuild) {
  site.write("content/articles/a3.md", article(3, "magnesium", "Dehydration and calf cramps."));  // other topics
  EXPECT_FALSE(update_article(*built.state, "content/articles/a3.md").has_value());
  site.write("content/articles/a3.md", "---\ntitle: Broken\ntopics: [nowhere]\n---\nBody\n");  // an error
  EXPECT_FALSE(update_article(*built.state, "content/articles/a3.md").has_value());
  site.write("content/articles/a9.md", article(9, "calf", "New."));  // a new file
  EXPECT_FALSE(update_article(*built.state, "content/articles/a9.md").has_value());
}

}  // namespace
}  // namespace topichub
