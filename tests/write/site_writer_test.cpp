#include "write/site_writer.h"

#include <gtest/gtest.h>

#include <sys/stat.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "test_support.h"

namespace topichub {
namespace {

using testing::TempDir;
namespace fs = std::filesystem;

std::vector<OutputFile> files(std::string_view version) {
  return {{"index.html", "home " + std::string(version)}, {"topics/x/index.html", "hub " + std::string(version)}};
}

ino_t inode_of(const fs::path& path) {
  struct stat info {};
  return ::stat(path.c_str(), &info) == 0 ? info.st_ino : 0;
}

// Entries beside the output folder (the site folder aside), once the
// background removal of previous sites has finished (at most 10 s).
size_t entries_beside_output_after_cleanup(const fs::path& parent) {
  size_t entries = 0;
  for (int attempt = 0; attempt < 1000; ++attempt) {
    entries = 0;
    for (const auto& entry : fs::directory_iterator(parent)) entries += entry.path().filename() != "site";
    if (entries <= 1) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return entries;
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
  // Nothing but the output folder is left beside it once the previous site
  // is removed (by a process of its own).
  EXPECT_EQ(entries_beside_output_after_cleanup(dir.path()), 1u);
}

TEST(SiteWriter, UnchangedPagesAreLinkedNotRewritten) {
  TempDir dir;
  auto out = (dir.path() / "public").string();
  auto site = (dir.path() / "site").string();
  ASSERT_TRUE(write_site(files("1"), out, site).ok);
  auto home_inode = inode_of(dir.path() / "public/index.html");
  auto hub_inode = inode_of(dir.path() / "public/topics/x/index.html");

  auto next = files("1");
  next[1].content = "hub 2";
  auto result = write_site(next, out, site);
  ASSERT_TRUE(result.ok) << result.error;
  EXPECT_EQ(result.files_written, 2u);
  EXPECT_EQ(result.files_unchanged, 1u);
  EXPECT_EQ(inode_of(dir.path() / "public/index.html"), home_inode) << "an unchanged page was rewritten";
  EXPECT_NE(inode_of(dir.path() / "public/topics/x/index.html"), hub_inode);
  EXPECT_EQ(dir.read("public/topics/x/index.html"), "hub 2");
  EXPECT_EQ(entries_beside_output_after_cleanup(dir.path()), 1u);
}

TEST(SiteWriter, StreamedFilesArriveWholeAndAreAlwaysWritten) {
  TempDir dir;
  auto out = (dir.path() / "public").string();
  auto site = (dir.path() / "site").string();
  // Chunks of several sizes, one larger than any buffer, in order.
  std::vector<std::string> chunks = {"head:", std::string(3 << 20, 'x'), "", "tail"};
  std::string whole;
  for (const auto& chunk : chunks) whole += chunk;
  auto produce = [&](const SiteWriter::WriteChunk& write) {
    for (const auto& chunk : chunks) write(chunk);
  };
  for (int build = 0; build < 2; ++build) {
    auto writer = SiteWriter::open(out, site);
    ASSERT_TRUE(writer.ok()) << writer.error();
    writer.add_streamed("_search/index.bin", produce);
    writer.add("index.html", "home");
    auto result = writer.commit();
    ASSERT_TRUE(result.ok) << result.error;
    EXPECT_EQ(result.files_written, 2u);
    // The page is linked from the first build; the streamed file never is.
    EXPECT_EQ(result.files_unchanged, build == 0 ? 0u : 1u);
    EXPECT_EQ(dir.read("public/_search/index.bin"), whole);
  }
  EXPECT_EQ(entries_beside_output_after_cleanup(dir.path()), 1u);
}

TEST(SiteWriter, AStreamedFileThatCannotBeWrittenFailsTheWriter) {
  TempDir dir;
  dir.write("site/.keep", "");
  auto writer = SiteWriter::open((dir.path() / "public").string(), (dir.path() / "site").string());
  ASSERT_TRUE(writer.ok());
  writer.add_streamed("../escape.bin", [](const SiteWriter::WriteChunk& write) { write("x"); });
  EXPECT_FALSE(writer.ok());
  EXPECT_NE(writer.error().find("unsafe output path"), std::string::npos) << writer.error();
}

TEST(SiteWriter, AHandEditedOutputFileIsNotTakenForUnchanged) {
  TempDir dir;
  auto out = (dir.path() / "public").string();
  auto site = (dir.path() / "site").string();
  ASSERT_TRUE(write_site(files("1"), out, site).ok);
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  dir.write("public/index.html", "edited");
  auto result = write_site(files("1"), out, site);
  ASSERT_TRUE(result.ok) << result.error;
  EXPECT_EQ(dir.read("public/index.html"), "home 1");
  EXPECT_EQ(result.files_unchanged, 1u) << "only the untouched hub page is reused";
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
