#include "pipeline/pipeline.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace topichub
