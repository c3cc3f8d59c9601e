#include "serve/watcher.h"

#include <gtest/gtest.h>

#include <chrono>

#include "test_support.h"

namespace topichub {
namespace {

using namespace std::chrono_literals;
using testing::TempDir;

class WatcherTest : public ::testing::Test {
 protected:
  void SetUp() override {
    site.write("topichub.toml", "title = \"Watched\"\n");
    site.write("content/articles/a.md", "---\ntitle: A\n---\nBody.\n");
    site.write("public/index.html", "old output");
  }
  TempDir site;
};

TEST_F(WatcherTest, SeesEditsNewFoldersAndConfigButNotTheOutput) {
  SiteWatcher watcher(site.str());
  EXPECT_TRUE(watcher.uses_inotify());
  EXPECT_FALSE(watcher.wait_for_changes(50ms).any) << "nothing changed yet";

  site.write("content/articles/a.md", "---\ntitle: A\n---\nBody, edited.\n");
  auto edit = watcher.wait_for_changes(2s);
  EXPECT_TRUE(edit.any);
  EXPECT_TRUE(edit.files_known);
  EXPECT_EQ(edit.files, std::vector<std::string>{"content/articles/a.md"});
  EXPECT_FALSE(watcher.wait_for_changes(50ms).any) << "one save is reported once";

  site.write("content/topics/new/_index.md", "---\nname: new\n---\n");  // a new folder and a file in it
  auto folder = watcher.wait_for_changes(2s);
  EXPECT_TRUE(folder.any);
  EXPECT_FALSE(folder.files_known) << "a new folder is more than a file edit";
  watcher.wait_for_changes(50ms);
  site.write("content/topics/new/_index.md", "---\nname: newer\n---\n");  // inside the new folder
  EXPECT_EQ(watcher.wait_for_changes(2s).files, std::vector<std::string>{"content/topics/new/_index.md"});

  site.write("public/index.html", "new output");  // the build's own output
  site.write("notes.txt", "not a source");
  EXPECT_FALSE(watcher.wait_for_changes(200ms).any);

  site.write("topichub.toml", "title = \"Renamed\"\n");
  EXPECT_EQ(watcher.wait_for_changes(2s).files, std::vector<std::string>{"topichub.toml"});

  site.write("templates/article.mustache", "{{title}}");  // a source folder that did not exist
  EXPECT_TRUE(watcher.wait_for_changes(2s).any);
}

}  // namespace
}  // namespace topichub
