#include "load/fingerprint.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "load/loader.h"
#include "test_support.h"

namespace topichub {
namespace {

using testing::TempDir;
namespace fs = std::filesystem;

class FingerprintTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir.write("topichub.toml", "title = \"x\"\n");
    dir.write("content/articles/a.md", "---\ntitle: A\n---\nbody\n");
    dir.write("content/topics/t.md", "---\nname: T\n---\n");
    dir.write("templates/article.mustache", "{{title}}");
  }
  uint64_t fingerprint() const { return site_fingerprint(dir.str()); }

  TempDir dir;
};

TEST_F(FingerprintTest, StableWhileNothingChanges) { EXPECT_EQ(fingerprint(), fingerprint()); }

TEST_F(FingerprintTest, ChangesWithAFilesSize) {
  auto before = fingerprint();
  dir.write("content/articles/a.md", "---\ntitle: A\n---\nlonger body\n");
  EXPECT_NE(fingerprint(), before);
}

TEST_F(FingerprintTest, ChangesWithAFilesTimeAlone) {
  auto before = fingerprint();
  auto file = dir.path() / "content/topics/t.md";
  fs::last_write_time(file, fs::last_write_time(file) + std::chrono::seconds(5));
  EXPECT_NE(fingerprint(), before);
}

TEST_F(FingerprintTest, ChangesWhenAFileIsAddedDeepDownOrRemoved) {
  auto before = fingerprint();
  dir.write("content/articles/2026/new.md", "x");
  auto added = fingerprint();
  EXPECT_NE(added, before);
  fs::remove(dir.path() / "content/articles/2026/new.md");
  EXPECT_NE(fingerprint(), added);
}

TEST_F(FingerprintTest, SeesEveryFileOfADeepWideTree) {
  // Enough entries, folders within folders, that the list of paths grows
  // while a folder is being read (it once read a moved-from path then).
  for (int folder = 0; folder < 8; ++folder)
    for (int file = 0; file < 40; ++file)
      dir.write("content/articles/f" + std::to_string(folder) + "/sub/g" + std::to_string(file) + ".md", "x");
  auto before = fingerprint();
  EXPECT_EQ(fingerprint(), before);
  dir.write("content/articles/f7/sub/g39.md", "xy");
  EXPECT_NE(fingerprint(), before);
}

TEST_F(FingerprintTest, ChangesWithTemplatesAndConfigButNotTheOutput) {
  auto before = fingerprint();
  dir.write("public/index.html", "built output is not an input");
  EXPECT_EQ(fingerprint(), before);
  dir.write("templates/article.mustache", "{{title}} changed");
  auto with_template = fingerprint();
  EXPECT_NE(with_template, before);
  dir.write("topichub.toml", "title = \"a longer title\"\n");
  EXPECT_NE(fingerprint(), with_template);
}

// A build fingerprints its sources as it loaded them; `topichub search`
// fingerprints the folder afresh to tell whether the saved index is fresh.
// The two must agree while nothing changes, and differ once something does.
TEST_F(FingerprintTest, TheLoadersViewOfTheSourcesGivesTheSameFingerprint) {
  dir.write("content/topics/folder-topic/_index.md", "---\nname: F\n---\n");
  dir.write("content/articles/2026/deep.md", "---\ntitle: D\n---\nbody\n");
  dir.write("content/articles/picture.png", "not a source");
  dir.write("static/site.css", "body {}");
  auto loaded = load_site(dir.str());
  ASSERT_FALSE(loaded.diagnostics.has_errors());
  EXPECT_EQ(loaded.sources.size(), 5u);  // topichub.toml and four Markdown files
  EXPECT_EQ(site_fingerprint(dir.str(), loaded.sources), fingerprint());
}

TEST_F(FingerprintTest, AFileChangedAfterLoadingMakesTheLoadedFingerprintStale) {
  auto loaded = load_site(dir.str());
  dir.write("content/articles/a.md", "---\ntitle: A\n---\nedited while the build ran\n");
  EXPECT_NE(site_fingerprint(dir.str(), loaded.sources), fingerprint());
  loaded = load_site(dir.str());
  dir.write("content/articles/b.md", "---\ntitle: B\n---\nadded after loading\n");
  EXPECT_NE(site_fingerprint(dir.str(), loaded.sources), fingerprint());
}

}  // namespace
}  // namespace topichub
