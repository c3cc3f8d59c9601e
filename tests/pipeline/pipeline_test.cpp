#include "pipeline/pipeline.h"

#include <gtest/gtest.h>

#include <mutex>

#include "test_support.h"

namespace topichub {
namespace {

using testing::TempDir;

std::string page(const BuildOutput& output, std::string_view path) {
  for (const auto& file : output.rendered.files)
    if (file.path == path) return file.content;
  return "NO PAGE " + std::string(path);
}

// Pages leave out front matter `params` when no template reads them (the
// default theme does not); a theme that reads them must still get them.
TEST(Pipeline, FrontMatterParamsReachTemplatesThatReadThem) {
  TempDir site;
  site.write("topichub.toml", "title = \"Params\"\n");
  site.write("content/topics/cramps.md", "---\nname: leg cramps\nreviewer: Dr Ada Lovelace\n---\n");
  site.write("content/articles/night.md",
             "---\ntitle: Cramps at night\ntopics: [cramps]\naudience: older adults\n---\nStretch first.\n");
  auto plain = build_site(site.str());
  ASSERT_FALSE(plain.diagnostics.has_errors());
  EXPECT_EQ(page(plain, "articles/night/index.html").find("older adults"), std::string::npos);

  site.write("templates/article.mustache", "<p class=\"audience\">For {{article.params.audience}}</p>");
  site.write("templates/hub.mustache", "{{#topic}}<p class=\"reviewer\">{{params.reviewer}}</p>{{/topic}}");
  auto themed = build_site(site.str());
  ASSERT_FALSE(themed.diagnostics.has_errors());
  EXPECT_NE(page(themed, "articles/night/index.html").find("<p class=\"audience\">For older adults</p>"),
            std::string::npos);
  EXPECT_NE(page(themed, "topics/cramps/index.html").find("<p class=\"reviewer\">Dr Ada Lovelace</p>"),
            std::string::npos);
}

// A build that writes its pages and keeps no state lets the Markdown go
// once the pages are out (its memory then serves the search index); the
// pages and the index still hold the text, and a build that keeps its state
// (serve) keeps the Markdown for the edits that follow.
TEST(Pipeline, WritingBuildReleasesMarkdownOnceRendered) {
  TempDir site;
  site.write("topichub.toml", "title = \"Release\"\n");
  site.write("content/topics/cramps.md", "---\nname: leg cramps\n---\nCramps are sudden.\n");
  site.write("content/articles/night.md",
             "---\ntitle: Cramps at night\ntopics: [cramps]\n---\nStretch your calves before bed.\n");
  std::vector<OutputFile> written;
  std::mutex written_mutex;  // pages arrive from every render thread
  BuildOptions options;
  options.build_search_index = true;
  options.write_file = [&](OutputFile&& file) {
    std::lock_guard lock(written_mutex);
    written.push_back(std::move(file));
  };
  auto output = build_site(site.str(), options);
  ASSERT_FALSE(output.diagnostics.has_errors());
  EXPECT_TRUE(output.site->articles.at(0).body.empty());
  EXPECT_TRUE(output.site->topics.at(0).body.empty());
  bool page_has_body = false;
  for (const auto& file : written)
    if (file.path == "articles/night/index.html") page_has_body = file.content.find("Stretch your calves") != std::string::npos;
  EXPECT_TRUE(page_has_body);
  ASSERT_TRUE(output.search);
  EXPECT_NE(output.search->document(0).text.find("Stretch your calves"), std::string::npos);

  options.keep_state = true;
  auto kept = build_site(site.str(), options);
  ASSERT_FALSE(kept.diagnostics.has_errors());
  EXPECT_EQ(kept.site->articles.at(0).body, "Stretch your calves before bed.\n");
}

}  // namespace
}  // namespace topichub
