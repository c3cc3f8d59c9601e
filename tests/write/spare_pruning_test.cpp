#include "write/spare_pruning.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "test_support.h"

namespace topichub {
namespace {

using testing::TempDir;
namespace fs = std::filesystem;

int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// The spare's files as its marker lists them.
FileRecords records_of(std::initializer_list<const char*> paths) {
  FileRecords records;
  for (const char* path : paths) records[path] = FileRecord{};
  return records;
}

struct Spare {
  TempDir dir;
  fs::path root = dir.path() / "spare";

  Spare() {
    dir.write("spare/index.html", "home");
    dir.write("spare/articles/a/index.html", "a");
    dir.write("spare/articles/b/index.html", "b");
    dir.write("spare/topics/x/index.html", "x");
  }
  PrunedSpare prune(int64_t marker_time_ns) {
    int fd = ::open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    auto pruned = prune_spare(fd, root.string(), records_of({"index.html", "articles/a/index.html",
                                                              "articles/b/index.html", "topics/x/index.html"}),
                              marker_time_ns);
    ::close(fd);
    return pruned;
  }
};

TEST(PruneSpare, RemovesWhatTheMarkerDoesNotListFromFoldersChangedSinceIt) {
  Spare spare;
  int64_t marker_time = now_ns();
  std::this_thread::sleep_for(std::chrono::milliseconds(10));
  spare.dir.write("spare/extra.html", "by hand");
  spare.dir.write("spare/articles/a/notes.txt", "by hand");
  spare.dir.write("spare/drafts/deep/page.html", "by hand");
  fs::create_directories(spare.root / "articles/a/sub");
  auto pruned = spare.prune(marker_time);
  EXPECT_TRUE(pruned.complete);
  EXPECT_FALSE(fs::exists(spare.root / "extra.html"));
  EXPECT_FALSE(fs::exists(spare.root / "articles/a/notes.txt"));
  EXPECT_FALSE(fs::exists(spare.root / "articles/a/sub"));
  EXPECT_FALSE(fs::exists(spare.root / "drafts"));
  EXPECT_EQ(spare.dir.read("spare/articles/a/index.html"), "a") << "a listed file was removed";
  EXPECT_EQ(pruned.folders, (std::unordered_set<std::string>{"articles", "articles/a", "articles/b", "topics", "topics/x"}));
}

// The saving, and the contract it rests on: a folder whose ctime is older
// than the marker (less the margin) has had no entry added since, and is
// not read.
TEST(PruneSpare, ReadsNoFolderUnchangedSinceTheMarker) {
  Spare spare;
  spare.dir.write("spare/articles/b/left.txt", "before the marker");
  std::this_thread::sleep_for(std::chrono::nanoseconds(kChangeMarginNs) + std::chrono::milliseconds(50));
  int64_t marker_time = now_ns();
  spare.dir.write("spare/articles/a/stray.txt", "after the marker");
  auto pruned = spare.prune(marker_time);
  EXPECT_TRUE(pruned.complete);
  EXPECT_TRUE(fs::exists(spare.root / "articles/b/left.txt")) << "a folder unchanged since the marker was read";
  EXPECT_FALSE(fs::exists(spare.root / "articles/a/stray.txt")) << "a folder changed since the marker was not read";
  EXPECT_TRUE(pruned.folders.contains("articles/b"));
}

// A symbolic link put where a listed folder was is removed, not followed:
// nothing below it is read or pruned, and it does not count as a folder.
TEST(PruneSpare, ASymbolicLinkInPlaceOfAFolderIsRemovedNotFollowed) {
  Spare spare;
  spare.dir.write("elsewhere/x/index.html", "not ours");
  spare.dir.write("elsewhere/x/keep.txt", "not ours");
  int64_t marker_time = now_ns();
  fs::remove_all(spare.root / "topics");
  fs::create_directory_symlink(spare.dir.path() / "elsewhere", spare.root / "topics");
  auto pruned = spare.prune(marker_time);
  EXPECT_TRUE(pruned.complete);
  EXPECT_FALSE(fs::is_symlink(spare.root / "topics"));
  EXPECT_EQ(spare.dir.read("elsewhere/x/keep.txt"), "not ours");
  EXPECT_FALSE(pruned.folders.contains("topics"));
  EXPECT_FALSE(pruned.folders.contains("topics/x"));
}

TEST(PruneSpare, AFileInPlaceOfAListedFolderIsRemoved) {
  Spare spare;
  int64_t marker_time = now_ns();
  fs::remove_all(spare.root / "articles/b");
  spare.dir.write("spare/articles/b", "a file now");
  auto pruned = spare.prune(marker_time);
  EXPECT_TRUE(pruned.complete);
  EXPECT_FALSE(fs::exists(spare.root / "articles/b"));
  EXPECT_FALSE(pruned.folders.contains("articles/b"));
  EXPECT_TRUE(pruned.folders.contains("articles/a"));
}

}  // namespace
}  // namespace topichub
