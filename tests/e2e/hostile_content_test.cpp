// Content from many hands: each hostile input ends in a clear diagnostic or
// a correct page, in bounded time — never a crash, a hang, or a file written
// outside the output folder.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>

#include "pipeline/pipeline.h"
#include "search/searcher.h"
#include "test_support.h"
#include "write/site_writer.h"

namespace topichub {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;
using Clock = std::chrono::steady_clock;

class HostileContent : public ::testing::Test {
 protected:
  void SetUp() override {
    site.write("topichub.toml", "title = \"Hostile\"\n");
    site.write("content/topics/gout.md", "---\nname: gout\n---\n");
  }

  // Builds and writes the site; returns the build output. Fails the test if
  // it takes more than `seconds`.
  BuildOutput build(double seconds = 20) {
    auto started = Clock::now();
    BuildOptions options;
    options.build_search_index = true;
    auto output = build_site(site.str(), options);
    if (output.ok()) {
      auto written = write_site(output.rendered.files, (out.path() / "public").string(), site.str());
      EXPECT_TRUE(written.ok) << written.error;
    }
    EXPECT_LT(std::chrono::duration<double>(Clock::now() - started).count(), seconds);
    return output;
  }

  std::string page(const std::string& slug) { return out.read("public/articles/" + slug + "/index.html"); }

  bool has_diagnostic(const BuildOutput& output, std::string_view file, std::string_view text) {
    for (const auto& d : output.diagnostics.items())
      if (d.file.find(file) != std::string::npos && d.message.find(text) != std::string::npos) return true;
    return false;
  }

  TempDir site, out;
};

TEST_F(HostileContent, TenMegabyteSingleLineArticle) {
  std::string line;
  while (line.size() < 10'000'000) line += "gout word filler text, ";
  site.write("content/articles/huge.md", "---\ntitle: Huge\n---\n" + line + "\n");
  auto output = build(60);
  ASSERT_TRUE(output.ok());
  EXPECT_GT(page("huge").size(), 10'000'000u);
}

TEST_F(HostileContent, TenThousandDeepListsAndQuotes) {
  std::string lists, quotes;
  for (int i = 0; i < 10000; ++i) lists += std::string(static_cast<size_t>(i % 40) * 2, ' ') + "- item\n";
  std::string nested;
  for (int i = 0; i < 10000; ++i) nested += "- ";
  nested += "deep\n";
  quotes = std::string(10000, '>') + " deep quote\n";
  site.write("content/articles/nested.md", "---\ntitle: Nested\n---\n" + lists + "\n" + nested + "\n" + quotes);
  auto output = build();
  ASSERT_TRUE(output.ok());
  auto html = page("nested");
  EXPECT_NE(html.find("deep quote"), std::string::npos);
  EXPECT_LT(html.size(), 5'000'000u);
}

TEST_F(HostileContent, MillionCharacterWord) {
  site.write("content/articles/word.md", "---\ntitle: Word\n---\n" + std::string(1'000'000, 'g') + " gout\n");
  auto output = build();
  ASSERT_TRUE(output.ok());
  Searcher searcher(*output.search);
  EXPECT_LE(searcher.search({.query = std::string(300, 'g')}).query.size(), kMaxQueryBytes);
  EXPECT_FALSE(searcher.search({.query = "gout"}).hits.empty());
}

TEST_F(HostileContent, NulBytesAreReportedWithTheirLine) {
  site.write("content/articles/nul.md", std::string("---\ntitle: Nul\n---\nline one\nbad \0 byte\n", 36));
  auto output = build();
  EXPECT_FALSE(output.ok());
  ASSERT_TRUE(has_diagnostic(output, "nul.md", "NUL byte"));
  for (const auto& d : output.diagnostics.items())
    if (d.message.find("NUL") != std::string::npos) {
      EXPECT_EQ(d.line, 5);
    }
}

TEST_F(HostileContent, EveryKindOfInvalidUtf8IsReported) {
  const char* cases[] = {"\x80", "\xC3", "\xC0\xAF", "\xE0\x80\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80",
                         "\xF8\x88\x80\x80\x80", "\xFF", "\xFE", "\xE2\x82"};
  int n = 0;
  for (const char* bad : cases)
    site.write("content/articles/bad" + std::to_string(n++) + ".md", std::string("---\ntitle: Bad\n---\nok ") + bad + " end\n");
  auto output = build();
  EXPECT_FALSE(output.ok());
  for (int i = 0; i < n; ++i) EXPECT_TRUE(has_diagnostic(output, "bad" + std::to_string(i) + ".md", "invalid UTF-8")) << i;
}

TEST_F(HostileContent, YamlAliasBombIsRefused) {
  std::string bomb = "---\ntitle: Bomb\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n";
  char previous = 'a';
  for (char name = 'b'; name <= 'i'; ++name) {
    bomb += std::string(1, name) + ": &" + name + " [";
    for (int i = 0; i < 9; ++i) bomb += std::string(i ? ",*" : "*") + previous;
    bomb += "]\n";
    previous = name;
  }
  site.write("content/articles/bomb.md", bomb + "---\nBody\n");
  auto output = build();
  EXPECT_FALSE(output.ok());
  EXPECT_TRUE(has_diagnostic(output, "bomb.md", "too many values"));
}

TEST_F(HostileContent, SymlinkOutOfTheSiteIsReportedNotFollowed) {
  TempDir elsewhere;
  elsewhere.write("secret.md", "---\ntitle: Secret\n---\nsecret\n");
  fs::create_directories(site.path() / "content/articles");
  fs::create_symlink(elsewhere.path() / "secret.md", site.path() / "content/articles/secret.md");
  fs::create_directories(site.path() / "static");
  fs::create_symlink(elsewhere.path(), site.path() / "static/escape");
  auto output = build();
  EXPECT_TRUE(has_diagnostic(output, "content/articles/secret.md", "outside the site"));
  EXPECT_TRUE(has_diagnostic(output, "static/escape", "outside the site"));
  for (const auto& file : output.rendered.files) EXPECT_EQ(file.content.find("secret"), std::string::npos) << file.path;
}

TEST_F(HostileContent, AwkwardFileNamesStayInsideTheOutput) {
  site.write("content/articles/with space.md", "---\ntitle: Space\n---\nx\n");
  site.write("content/articles/ünïcödé.md", "---\ntitle: Unicode\n---\nx\n");
  site.write("content/articles/a..b.md", "---\ntitle: Dots\n---\nx\n");
  site.write("content/articles/..md", "---\ntitle: Just dots\n---\nx\n");
  site.write("static/odd name ü.txt", "static file");
  auto output = build();
  ASSERT_TRUE(output.ok());
  EXPECT_FALSE(page("with-space").empty());
  EXPECT_FALSE(page("unicode").empty());
  EXPECT_FALSE(page("a-b").empty());
  EXPECT_EQ(out.read("public/odd name ü.txt"), "static file");
  // Nothing escaped the output folder.
  for (const auto& entry : fs::directory_iterator(out.path())) EXPECT_EQ(entry.path().filename(), "public");
}

TEST_F(HostileContent, HostileSlugInFrontMatterIsAnError) {
  site.write("content/articles/a.md", "---\ntitle: A\nslug: ../../etc/passwd\n---\nx\n");
  auto output = build();
  EXPECT_FALSE(output.ok());
  EXPECT_TRUE(has_diagnostic(output, "a.md", "slug"));
}

}  // namespace
}  // namespace topichub
