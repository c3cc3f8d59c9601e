#include "load/loader.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>

#include "test_support.h"

namespace topichub {
namespace {

using testing::TempDir;

// Finds a diagnostic whose file ends with `file` and whose message contains `text`.
const Diagnostic* find_diagnostic(const Diagnostics& diagnostics, std::string_view file, std::string_view text) {
  for (const auto& d : diagnostics.items())
    if (d.file.ends_with(file) && d.message.find(text) != std::string::npos) return &d;
  return nullptr;
}

class LoaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    site.write("topichub.toml", "title = \"Test\"\nbase_url = \"https://example.org/\"\n[check]\nreading_grade = 7\n");
    site.write("content/topics/leg-cramps.md",
               "---\nname: leg cramps\nsynonyms: [charley horse, night cramps]\nkind: condition\n---\n");
    site.write("content/topics/restless-legs-syndrome.md", "---\nname: restless legs syndrome\nsynonyms: [RLS]\n---\n");
  }
  TempDir site;
};

TEST_F(LoaderTest, LoadsArticlesTopicsAndConfig) {
  site.write("content/articles/a.md",
             "---\ntitle: A\ndate: 2025-10-13\ntopics: [leg-cramps]\nintent: [quick-relief, prevention]\n"
             "sources:\n  - {title: Review, pmid: \"22963024\"}\n---\nFirst paragraph here.\n");
  auto result = load_site(site.str());
  EXPECT_FALSE(result.diagnostics.has_errors()) << result.diagnostics.items().size();
  ASSERT_EQ(result.site.articles.size(), 1u);
  const auto& article = result.site.articles[0];
  EXPECT_EQ(article.slug, "a");
  EXPECT_EQ(article.date, (Date{2025, 10, 13}));
  EXPECT_EQ(article.intents.size(), 2u);
  EXPECT_EQ(article.summary, "First paragraph here.");
  ASSERT_EQ(article.sources.size(), 1u);
  EXPECT_EQ(article.sources[0].href(), "https://pubmed.ncbi.nlm.nih.gov/22963024/");
  ASSERT_EQ(article.topics.size(), 1u);
  EXPECT_EQ(result.site.topics[article.topics[0]].slug, "leg-cramps");
  EXPECT_EQ(result.site.config.title, "Test");
  EXPECT_EQ(result.site.config.reading_grade, 7);
}

TEST_F(LoaderTest, ResolvesTopicsBySlugNameOrSynonym) {
  site.write("content/articles/a.md", "---\ntitle: A\ntopics: [Leg Cramps, charley horse, RLS, leg-cramps]\n---\n");
  auto result = load_site(site.str());
  EXPECT_FALSE(result.diagnostics.has_errors());
  ASSERT_EQ(result.site.articles[0].topics.size(), 2u);  // duplicates collapse
}

TEST_F(LoaderTest, UnknownTopicIsAnErrorAtItsLine) {
  site.write("content/articles/a.md", "---\ntitle: A\ntopics:\n  - leg-cramps\n  - cramps of doom\n---\n");
  auto result = load_site(site.str());
  auto* d = find_diagnostic(result.diagnostics, "content/articles/a.md", "unknown topic \"cramps of doom\"");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->line, 5);
  EXPECT_EQ(d->severity, Severity::error);
}

TEST_F(LoaderTest, UnknownKeysAreKeptForTemplates) {
  site.write("content/articles/a.md", "---\ntitle: A\nhero_image: /img/x.png\naudience: [adults]\n---\n");
  auto result = load_site(site.str());
  const auto& extra = result.site.articles[0].extra;
  EXPECT_EQ(extra["hero_image"], "/img/x.png");
  EXPECT_EQ(extra["audience"][0], "adults");
  EXPECT_FALSE(extra.contains("title"));
}

TEST_F(LoaderTest, BomAndCrlfFilesLoad) {
  site.write("content/articles/a.md", "\xEF\xBB\xBF---\r\ntitle: Windows file\r\ntopics: [leg-cramps]\r\n---\r\nBody.\r\n");
  auto result = load_site(site.str());
  EXPECT_FALSE(result.diagnostics.has_errors());
  EXPECT_EQ(result.site.articles[0].title, "Windows file");
  EXPECT_EQ(result.site.articles[0].body, "Body.\n");
}

TEST_F(LoaderTest, InvalidUtf8IsAnErrorWithItsLine) {
  site.write("content/articles/a.md", "---\ntitle: A\n---\nGood line\nBad \xC3\x28 line\n");
  auto result = load_site(site.str());
  auto* d = find_diagnostic(result.diagnostics, "a.md", "invalid UTF-8");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->line, 5);
}

TEST_F(LoaderTest, UnparseableDateIsAnError) {
  site.write("content/articles/a.md", "---\ntitle: A\ndate: 13/10/2025\n---\n");
  auto result = load_site(site.str());
  auto* d = find_diagnostic(result.diagnostics, "a.md", "unparseable date \"13/10/2025\"");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->line, 3);
}

TEST_F(LoaderTest, DuplicateSlugsAreErrors) {
  site.write("content/articles/a.md", "---\ntitle: A\n---\n");
  site.write("content/articles/sub/b.md", "---\ntitle: B\nslug: a\n---\n");
  site.write("content/topics/lc/_index.md", "---\nname: another\nslug: leg-cramps\n---\n");
  auto result = load_site(site.str());
  EXPECT_NE(find_diagnostic(result.diagnostics, ".md", "duplicate article slug \"a\""), nullptr);
  EXPECT_NE(find_diagnostic(result.diagnostics, ".md", "duplicate topic slug \"leg-cramps\""), nullptr);
}

TEST_F(LoaderTest, AllProblemsAreReportedTogether) {
  site.write("content/articles/a.md", "---\ntitle: A\ndate: soon\n---\n");
  site.write("content/articles/b.md", "---\ntitle: [not, text]\n---\n");
  site.write("content/articles/c.md", "---\ntitle: C\n");
  auto result = load_site(site.str());
  EXPECT_GE(result.diagnostics.count(Severity::error), 3u);
}

TEST_F(LoaderTest, HugoTopicFoldersAndTomlFrontMatterLoad) {
  site.write("content/topics/muscle-cramps/_index.md", "+++\ntitle = \"muscle cramps\"\nsynonyms = [\"muscle spasm\"]\n+++\n");
  site.write("content/articles/bundle/index.md", "+++\ntitle = \"Bundle\"\ntags = [\"muscle spasm\", \"not a topic\"]\n+++\n");
  auto result = load_site(site.str());
  EXPECT_FALSE(result.diagnostics.has_errors());
  const auto* topic = result.site.find_topic("muscle-cramps");
  ASSERT_NE(topic, nullptr);
  EXPECT_EQ(topic->name, "muscle cramps");
  ASSERT_EQ(result.site.articles.size(), 1u);
  EXPECT_EQ(result.site.articles[0].slug, "bundle");
  ASSERT_EQ(result.site.articles[0].topics.size(), 1u);  // matching tag becomes a topic, the other is ignored
}

TEST_F(LoaderTest, DraftsAreLeftOutUnlessAsked) {
  site.write("content/articles/a.md", "---\ntitle: A\ndraft: true\n---\n");
  EXPECT_TRUE(load_site(site.str()).site.articles.empty());
  EXPECT_EQ(load_site(site.str(), LoadOptions{true}).site.articles.size(), 1u);
}

TEST_F(LoaderTest, FileNamesWithSpacesAndUnicodeGetSafeSlugs) {
  site.write("content/articles/My Article é.md", "---\ntitle: A\n---\n");
  auto result = load_site(site.str());
  ASSERT_EQ(result.site.articles.size(), 1u);
  EXPECT_EQ(result.site.articles[0].slug, "my-article-e");
}

TEST_F(LoaderTest, SymlinkOutOfTheSiteIsNotFollowed) {
  TempDir outside;
  outside.write("secret.md", "---\ntitle: Secret\n---\n");
  std::filesystem::create_directories(site.path() / "content/articles");
  std::filesystem::create_symlink(outside.path() / "secret.md", site.path() / "content/articles/secret.md");
  auto result = load_site(site.str());
  EXPECT_TRUE(result.site.articles.empty());
  EXPECT_NE(find_diagnostic(result.diagnostics, "secret.md", "outside the site"), nullptr);
}

TEST_F(LoaderTest, ArticlesInFoldersAndLinksInsideTheSiteAreRead) {
  site.write("drafts/shared.md", "---\ntitle: Shared\n---\n");
  site.write("content/articles/cramps/index.md", "---\ntitle: In a folder\n---\n");
  site.write("content/articles/section/_index.md", "---\ntitle: Section page\n---\n");
  site.write("content/articles/notes.txt", "not an article");
  std::filesystem::create_symlink(site.path() / "drafts/shared.md", site.path() / "content/articles/shared.md");
  std::filesystem::create_directories(site.path() / "elsewhere");
  site.write("elsewhere/hidden.md", "---\ntitle: Behind a folder link\n---\n");
  std::filesystem::create_directory_symlink(site.path() / "elsewhere", site.path() / "content/articles/linked");
  // Not a file: opening a FIFO would wait for a writer forever.
  ASSERT_EQ(::mkfifo((site.path() / "content/articles/pipe.md").c_str(), 0644), 0);
  site.write("content/articles/.md", "---\ntitle: No name\n---\n");
  auto result = load_site(site.str());
  std::vector<std::string> slugs;
  for (const auto& article : result.site.articles) slugs.push_back(article.slug);
  // A linked file is read; a linked folder is not walked into; a FIFO and a
  // file with no name before ".md" are left alone.
  EXPECT_EQ(slugs, (std::vector<std::string>{"cramps", "shared"}));
  EXPECT_FALSE(result.diagnostics.has_errors());
}

TEST_F(LoaderTest, BadKindIntentAndSlugAreErrors) {
  site.write("content/topics/x.md", "---\nname: x\nkind: vibe\n---\n");
  site.write("content/articles/a.md", "---\ntitle: A\nintent: cure-all\nslug: ../up\n---\n");
  auto result = load_site(site.str());
  EXPECT_NE(find_diagnostic(result.diagnostics, "x.md", "unknown kind"), nullptr);
  EXPECT_NE(find_diagnostic(result.diagnostics, "a.md", "unknown intent"), nullptr);
  EXPECT_NE(find_diagnostic(result.diagnostics, "a.md", "slug"), nullptr);
}

TEST_F(LoaderTest, MissingFolderIsAnError) {
  auto result = load_site((site.path() / "nope").string());
  EXPECT_TRUE(result.diagnostics.has_errors());
}

}  // namespace
}  // namespace topichub
