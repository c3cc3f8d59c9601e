#include "write/site_writer.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "test_support.h"

namespace topichub {
namespace {

using testing::TempDir;
namespace fs = std::filesystem;

std::vector<OutputFile> files(std::string_view version) {
  return {{"index.html", "home " + std::string(version)}, {"topics/x/index.html", "hub " + std::string(version)}};
}

TEST(SiteWriter, WritesThenReplacesPreviousOutput) {
  TempDir dir;
  auto out = (dir.path() / "public").string();
  ASSERT_TRUE(write_site(files("1"), out, (dir.path() / "site").string()).ok);
  EXPECT_EQ(dir.read("public/topics/x/index.html"), "hub 1");
  dir.write("public/stale.html", "old");
  ASSERT_TRUE(write_site(files("2"), out, (dir.path() / "site").string()).ok);
  EXPECT_EQ(dir.read("public/index.html"), "home 2");
  EXPECT_FALSE(fs::exists(dir.path() / "public/stale.html"));
  // Nothing but the output folder is left beside it.
  size_t entries = 0;
  for (const auto& entry : fs::directory_iterator(dir.path())) entries += entry.path().filename() != "site";
  EXPECT_EQ(entries, 1u);
}

TEST(SiteWriter, RefusesToReplaceAFolderItDidNotWrite) {
  TempDir dir;
  dir.write("mine/notes.txt", "precious");
  auto result = write_site(files("1"), (dir.path() / "mine").string(), (dir.path() / "site").string());
  EXPECT_FALSE(result.ok);
  EXPECT_NE(result.error.find("not written by topichub"), std::string::npos);
  EXPECT_EQ(dir.read("mine/notes.txt"), "precious");
}

TEST(SiteWriter, RefusesToWriteOverTheSiteSources) {
  TempDir dir;
  dir.write("site/content/articles/a.md", "x");
  EXPECT_FALSE(write_site(files("1"), (dir.path() / "site").string(), (dir.path() / "site").string()).ok);
  EXPECT_FALSE(write_site(files("1"), (dir.path() / "site/content").string(), (dir.path() / "site").string()).ok);
  EXPECT_EQ(dir.read("site/content/articles/a.md"), "x");
}

TEST(SiteWriter, UnsafePathFailsAndLeavesPreviousSite) {
  TempDir dir;
  auto out = (dir.path() / "public").string();
  ASSERT_TRUE(write_site(files("1"), out, (dir.path() / "site").string()).ok);
  std::vector<OutputFile> bad = {{"ok.html", "x"}, {"../escape.html", "y"}};
  auto result = write_site(bad, out, (dir.path() / "site").string());
  EXPECT_FALSE(result.ok);
  EXPECT_FALSE(fs::exists(dir.path() / "escape.html"));
  EXPECT_EQ(dir.read("public/index.html"), "home 1");
}

TEST(SiteWriter, SafeRelativePaths) {
  EXPECT_TRUE(is_safe_relative_path("topics/x/index.html"));
  EXPECT_FALSE(is_safe_relative_path("../x"));
  EXPECT_FALSE(is_safe_relative_path("/etc/passwd"));
  EXPECT_FALSE(is_safe_relative_path("a//b"));
  EXPECT_FALSE(is_safe_relative_path("a/./b"));
}

}  // namespace
}  // namespace topichub
