#include "write/site_writer.h"

#include <gtest/gtest.h>

#include <sys/stat.h>

#include <chrono>
#include <fstream>
#include <map>
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

// Entries beside the output folder other than the site folder, the output
// folder and its spare, once the background removal of previous sites has
// finished (at most 10 s).
size_t leftovers_beside_output_after_cleanup(const fs::path& parent) {
  size_t entries = 0;
  for (int attempt = 0; attempt < 1000; ++attempt) {
    entries = 0;
    for (const auto& entry : fs::directory_iterator(parent)) {
      auto name = entry.path().filename();
      entries += name != "site" && name != "public" && name != ".public.topichub-spare";
    }
    if (entries == 0) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return entries;
}

// Every file below `folder` but the marker, with its bytes.
std::map<std::string, std::string> contents_of(const fs::path& folder) {
  std::map<std::string, std::string> contents;
  for (const auto& entry : fs::recursive_directory_iterator(folder)) {
    if (!entry.is_regular_file() || entry.path().filename() == kOutputMarker) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    contents[entry.path().lexically_relative(folder).string()] =
        std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  return contents;
}

std::map<std::string, std::string> as_map(const std::vector<OutputFile>& files) {
  std::map<std::string, std::string> map;
  for (const auto& file : files) map[file.path] = file.content;
  return map;
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
  // Beside the output folder, only its spare: the previous site as it was,
  // which the next build rewrites into.
  EXPECT_EQ(leftovers_beside_output_after_cleanup(dir.path()), 0u);
  EXPECT_EQ(dir.read(".public.topichub-spare/topics/x/index.html"), "hub 1");
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
  EXPECT_EQ(leftovers_beside_output_after_cleanup(dir.path()), 0u);
}

TEST(SiteWriter, FilesWrittenInPartsArriveWholeAndAreAlwaysWritten) {
  TempDir dir;
  auto out = (dir.path() / "public").string();
  auto site = (dir.path() / "site").string();
  // Parts of several sizes, one larger than any buffer, the second half of
  // the file from another thread while the first is written.
  std::vector<std::string> chunks = {"head:", std::string(3 << 20, 'x'), "", "middle", std::string(1 << 20, 'y'), "tail"};
  std::string whole;
  std::vector<uint64_t> offsets;
  for (const auto& chunk : chunks) {
    offsets.push_back(whole.size());
    whole += chunk;
  }
  auto produce = [&](const SiteWriter::WritePart& write) {
    std::thread second_half([&] {
      for (size_t i = 3; i < chunks.size(); ++i) write(offsets[i], chunks[i]);
    });
    for (size_t i = 0; i < 3; ++i) write(offsets[i], chunks[i]);
    second_half.join();
  };
  for (int build = 0; build < 2; ++build) {
    auto writer = SiteWriter::open(out, site);
    ASSERT_TRUE(writer.ok()) << writer.error();
    writer.add_in_parts("_search/index.bin", [&](const SiteWriter::WritePart& write) {
      produce(write);
      return uint64_t{0};  // no hash: never taken for unchanged
    });
    writer.add("index.html", "home");
    auto result = writer.commit();
    ASSERT_TRUE(result.ok) << result.error;
    EXPECT_EQ(result.files_written, 2u);
    // The page is linked from the first build; the file in parts never is.
    EXPECT_EQ(result.files_unchanged, build == 0 ? 0u : 1u);
    EXPECT_EQ(dir.read("public/_search/index.bin"), whole);
  }
  EXPECT_EQ(leftovers_beside_output_after_cleanup(dir.path()), 0u);
}

TEST(ContentHasher, PartsHashAsTheWhole) {
  ContentHasher whole, parts, other;
  whole.add("search index bytes");
  for (std::string_view part : {"search ", "", "index ", "bytes"}) parts.add(part);
  other.add("search index bytez");
  EXPECT_EQ(parts.size(), whole.size());
  EXPECT_EQ(parts.hash(), whole.hash());
  EXPECT_NE(other.hash(), whole.hash());
}

// A large file written in parts with its hash: the next build can keep it
// without producing it again, unless its bytes changed.
TEST(SiteWriter, AFileInPartsWithItsHashIsKeptWhenUnchanged) {
  TempDir dir;
  auto out = (dir.path() / "public").string();
  auto site = (dir.path() / "site").string();
  auto save = [&](SiteWriter& writer, const std::string& content) {
    ContentHasher hasher;
    hasher.add(content);
    if (writer.has_previous("_search/index.bin") &&
        writer.keep_unchanged("_search/index.bin", hasher.size(), hasher.hash()))
      return true;
    writer.add_in_parts("_search/index.bin", [&](const SiteWriter::WritePart& write) {
      write(0, content.substr(0, 3));
      write(3, content.substr(3));
      return hasher.hash();
    });
    return false;
  };
  struct Build {
    std::string content;
    bool kept;
  };
  // The third build keeps the second's file (hard-linked from OUT), the
  // fourth the spare's copy of the third's.
  for (const auto& [content, kept] : {Build{"index one", false}, Build{"index two", false}, Build{"index two", true},
                                      Build{"index two", true}, Build{"index one", false}}) {
    auto writer = SiteWriter::open(out, site);
    ASSERT_TRUE(writer.ok()) << writer.error();
    EXPECT_EQ(save(writer, content), kept) << content;
    EXPECT_FALSE(writer.keep_unchanged("index.html", 4, 0)) << "hash 0 is never a match";
    writer.add("index.html", "home");
    auto result = writer.commit();
    ASSERT_TRUE(result.ok) << result.error;
    EXPECT_EQ(result.files_written, 2u);
    EXPECT_EQ(dir.read("public/_search/index.bin"), content);
  }
  auto first = SiteWriter::open((dir.path() / "elsewhere").string(), site);
  EXPECT_FALSE(first.has_previous("_search/index.bin"));
}

TEST(SiteWriter, AFileInPartsThatCannotBeWrittenFailsTheWriter) {
  TempDir dir;
  dir.write("site/.keep", "");
  auto writer = SiteWriter::open((dir.path() / "public").string(), (dir.path() / "site").string());
  ASSERT_TRUE(writer.ok());
  writer.add_in_parts("../escape.bin", [](const SiteWriter::WritePart& write) {
    write(0, "x");
    return uint64_t{0};
  });
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

// A rebuild writes into the spare (the site from two builds ago): pages the
// spare already holds are kept as they are, pages OUT holds are linked, the
// rest written, and what the new build lacks removed, folders included.
TEST(SiteWriter, RebuildsIntoTheSpareKeepingWhatItAlreadyHolds) {
  TempDir dir;
  auto out = (dir.path() / "public").string();
  auto site = (dir.path() / "site").string();
  std::vector<OutputFile> first = {{"a/index.html", "a1"}, {"b/index.html", "b1"}, {"c/index.html", "c1"}};
  std::vector<OutputFile> second = {{"a/index.html", "a1"}, {"b/index.html", "b2"}, {"c/index.html", "c1"}};
  std::vector<OutputFile> third = {{"b/index.html", "b2"}, {"c/index.html", "c3"}, {"d/e/index.html", "d3"}};
  ASSERT_TRUE(write_site(first, out, site).ok);
  ASSERT_TRUE(write_site(second, out, site).ok);
  auto spare = dir.path() / ".public.topichub-spare";
  EXPECT_EQ(contents_of(spare), as_map(first));

  // The spare holds b1: b2 is linked from OUT; c changed, d is new; a goes.
  auto result = write_site(third, out, site);
  ASSERT_TRUE(result.ok) << result.error;
  EXPECT_EQ(result.files_written, 3u);
  EXPECT_EQ(result.files_unchanged, 1u);
  EXPECT_EQ(contents_of(dir.path() / "public"), as_map(third));
  EXPECT_FALSE(fs::exists(dir.path() / "public/a")) << "the folder of a removed page stays behind";
  EXPECT_EQ(contents_of(spare), as_map(second));

  // The same again: the spare (the second build) holds b2; c3 and d3 are
  // linked from OUT. Nothing is written.
  auto b_inode = inode_of(spare / "b/index.html");
  result = write_site(third, out, site);
  ASSERT_TRUE(result.ok) << result.error;
  EXPECT_EQ(result.files_unchanged, 3u);
  EXPECT_EQ(inode_of(dir.path() / "public/b/index.html"), b_inode) << "a page the spare held was rewritten";
  EXPECT_EQ(contents_of(dir.path() / "public"), as_map(third));
  EXPECT_EQ(leftovers_beside_output_after_cleanup(dir.path()), 0u);
}

// The spare and OUT share the inodes of unchanged pages: a changed page must
// get a new file, so that OUT shows the old page until the swap.
TEST(SiteWriter, RewritingASharedPageLeavesTheLiveSiteAloneUntilTheSwap) {
  TempDir dir;
  auto out = (dir.path() / "public").string();
  auto site = (dir.path() / "site").string();
  ASSERT_TRUE(write_site(files("1"), out, site).ok);
  ASSERT_TRUE(write_site(files("1"), out, site).ok);  // OUT links the spare's pages
  ASSERT_EQ(inode_of(dir.path() / "public/index.html"), inode_of(dir.path() / ".public.topichub-spare/index.html"));

  auto writer = SiteWriter::open(out, site);
  ASSERT_TRUE(writer.ok()) << writer.error();
  writer.add("index.html", "home 2");
  writer.add("topics/x/index.html", "hub 1");
  EXPECT_EQ(dir.read("public/index.html"), "home 1") << "the live site changed before the swap";
  ASSERT_TRUE(writer.commit().ok);
  EXPECT_EQ(dir.read("public/index.html"), "home 2");
  EXPECT_EQ(dir.read("public/topics/x/index.html"), "hub 1");
}

TEST(SiteWriter, AFileAddedToTheOutputByHandDoesNotComeBackFromTheSpare) {
  TempDir dir;
  auto out = (dir.path() / "public").string();
  auto site = (dir.path() / "site").string();
  ASSERT_TRUE(write_site(files("1"), out, site).ok);
  dir.write("public/extra.html", "by hand");
  dir.write("public/topics/x/notes.txt", "by hand");
  fs::create_directories(dir.path() / "public/drafts/empty");
  ASSERT_TRUE(write_site(files("1"), out, site).ok);
  EXPECT_FALSE(fs::exists(dir.path() / "public/extra.html"));
  ASSERT_TRUE(write_site(files("1"), out, site).ok);  // rewrites into the tree that held them
  EXPECT_EQ(contents_of(dir.path() / "public"), as_map(files("1")));
  EXPECT_FALSE(fs::exists(dir.path() / "public/drafts")) << "a folder added by hand came back";
}

TEST(SiteWriter, AHandEditedSharedPageIsRewrittenFromTheSpare) {
  TempDir dir;
  auto out = (dir.path() / "public").string();
  auto site = (dir.path() / "site").string();
  ASSERT_TRUE(write_site(files("1"), out, site).ok);
  ASSERT_TRUE(write_site(files("1"), out, site).ok);
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  dir.write("public/index.html", "edited");  // in place: the spare's copy is the same inode
  auto result = write_site(files("1"), out, site);
  ASSERT_TRUE(result.ok) << result.error;
  EXPECT_EQ(dir.read("public/index.html"), "home 1");
  EXPECT_EQ(result.files_unchanged, 1u) << "only the untouched hub page is reused";
}

TEST(SiteWriter, ADamagedSpareIsReplacedNotReused) {
  TempDir dir;
  auto out = (dir.path() / "public").string();
  auto site = (dir.path() / "site").string();
  ASSERT_TRUE(write_site(files("1"), out, site).ok);
  ASSERT_TRUE(write_site(files("2"), out, site).ok);
  dir.write(".public.topichub-spare/.topichub-output", "not a marker");
  dir.write(".public.topichub-spare/stray.html", "stray");
  auto result = write_site(files("3"), out, site);
  ASSERT_TRUE(result.ok) << result.error;
  EXPECT_EQ(contents_of(dir.path() / "public"), as_map(files("3")));
  EXPECT_EQ(leftovers_beside_output_after_cleanup(dir.path()), 0u);
}

// Paths that were folders become files and the other way round.
TEST(SiteWriter, ASpareWhoseFoldersAndFilesTradePlacesIsCleared) {
  TempDir dir;
  auto out = (dir.path() / "public").string();
  auto site = (dir.path() / "site").string();
  std::vector<OutputFile> first = {{"static/a/b.txt", "folder a"}, {"static/c", "file c"}};
  std::vector<OutputFile> second = {{"index.html", "home"}};
  std::vector<OutputFile> third = {{"static/a", "file a"}, {"static/c/d.txt", "folder c"}};
  ASSERT_TRUE(write_site(first, out, site).ok);
  ASSERT_TRUE(write_site(second, out, site).ok);
  auto result = write_site(third, out, site);  // into the first build's tree
  ASSERT_TRUE(result.ok) << result.error;
  EXPECT_EQ(contents_of(dir.path() / "public"), as_map(third));
}

// The same path twice (a static file named like a page): the second copy
// must not be written through the first, a hard link of OUT's page.
TEST(SiteWriter, APathWrittenTwiceNeverWritesThroughALinkIntoTheLiveSite) {
  TempDir dir;
  auto out = (dir.path() / "public").string();
  auto site = (dir.path() / "site").string();
  ASSERT_TRUE(write_site(files("1"), out, site).ok);
  auto writer = SiteWriter::open(out, site);
  ASSERT_TRUE(writer.ok()) << writer.error();
  writer.add("index.html", "home 1");  // linked from OUT
  writer.add("index.html", "static home");
  EXPECT_EQ(dir.read("public/index.html"), "home 1") << "the live site changed before the swap";
  writer.add("topics/x/index.html", "hub 1");
  ASSERT_TRUE(writer.commit().ok);
  EXPECT_EQ(dir.read("public/index.html"), "static home");
}

// Many threads writing into folders of the spare that are files there.
TEST(SiteWriter, ThreadsClearingTheSameConflictAllSucceed) {
  for (int round = 0; round < 20; ++round) {
    TempDir dir;
    auto out = (dir.path() / "public").string();
    auto site = (dir.path() / "site").string();
    ASSERT_TRUE(write_site(std::vector<OutputFile>{{"s/a", "file"}, {"s/b", "file"}}, out, site).ok);
    ASSERT_TRUE(write_site(std::vector<OutputFile>{{"x", "other"}}, out, site).ok);
    auto writer = SiteWriter::open(out, site);  // into the first build's tree
    ASSERT_TRUE(writer.ok()) << writer.error();
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t)
      threads.emplace_back([&writer, t] {
        writer.add("s/" + std::string(1, static_cast<char>('a' + t % 2)) + "/" + std::to_string(t) + ".txt", "in a folder");
      });
    for (auto& thread : threads) thread.join();
    auto result = writer.commit();
    ASSERT_TRUE(result.ok) << "round " << round << ": " << result.error;
    EXPECT_EQ(contents_of(dir.path() / "public").size(), 8u);
  }
}

TEST(SiteWriter, AFailedBuildLeavesOutputAsItWasAndNoLeftovers) {
  TempDir dir;
  auto out = (dir.path() / "public").string();
  auto site = (dir.path() / "site").string();
  ASSERT_TRUE(write_site(files("1"), out, site).ok);
  ASSERT_TRUE(write_site(files("2"), out, site).ok);
  {
    auto writer = SiteWriter::open(out, site);  // claims the spare
    writer.add("index.html", "home 3");
    writer.add("../escape", "x");  // fails the writer
    EXPECT_FALSE(writer.commit().ok);
  }
  EXPECT_EQ(contents_of(dir.path() / "public"), as_map(files("2")));
  EXPECT_EQ(leftovers_beside_output_after_cleanup(dir.path()), 0u);
  // The spare went with the failed build; the next build still succeeds.
  ASSERT_TRUE(write_site(files("3"), out, site).ok);
  EXPECT_EQ(contents_of(dir.path() / "public"), as_map(files("3")));
}

TEST(SiteWriter, ASymbolicLinkNamedLikeTheSpareIsNotFollowed) {
  TempDir dir;
  auto out = (dir.path() / "public").string();
  auto site = (dir.path() / "site").string();
  dir.write("elsewhere/precious.txt", "keep me");
  ASSERT_TRUE(write_site(files("1"), out, site).ok);
  fs::create_directory_symlink(dir.path() / "elsewhere", dir.path() / ".public.topichub-spare");
  ASSERT_TRUE(write_site(files("2"), out, site).ok);
  EXPECT_EQ(dir.read("elsewhere/precious.txt"), "keep me");
  EXPECT_EQ(contents_of(dir.path() / "public"), as_map(files("2")));
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
