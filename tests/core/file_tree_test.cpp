#include "core/file_tree.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>

#include "test_support.h"

namespace topichub {
namespace {

TEST(FileTree, VisitsEveryEntryFolderBeforeWhatItHoldsWithoutFollowingLinks) {
  testing::TempDir dir;
  dir.write("a.txt", "");
  dir.write("sub/b.txt", "");
  dir.write("sub/deeper/c.txt", "");
  dir.write("elsewhere/d.txt", "");
  std::filesystem::create_directory_symlink(dir.path() / "elsewhere", dir.path() / "sub/link");
  std::map<std::string, bool> seen;
  std::vector<std::string> order;
  bool complete = walk_tree((dir.path() / "sub").string(), [&](const std::string& relative, bool is_folder) {
    seen[relative] = is_folder;
    order.push_back(relative);
  });
  EXPECT_TRUE(complete);
  EXPECT_EQ(seen, (std::map<std::string, bool>{
                      {"b.txt", false}, {"deeper", true}, {"deeper/c.txt", false}, {"link", false}}));
  auto position = [&](const std::string& path) { return std::find(order.begin(), order.end(), path) - order.begin(); };
  EXPECT_LT(position("deeper"), position("deeper/c.txt"));
  EXPECT_FALSE(walk_tree((dir.path() / "missing").string(), [](const std::string&, bool) {}));
}

}  // namespace
}  // namespace topichub
