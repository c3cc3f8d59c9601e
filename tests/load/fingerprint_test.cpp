#include "load/fingerprint.h"

#include <gtest/gtest.h>

#include <filesystem>

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

}  // namespace
}  // namespace topichub
