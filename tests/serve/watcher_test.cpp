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
  EXPECT_FALSE(watcher.wait_for_change(50ms)) << "nothing changed yet";

  site.write("content/articles/a.md", "---\ntitle: A\n---\nBody, edited.\n");
  EXPECT_TRUE(watcher.wait_for_change(2s));
  EXPECT_FALSE(watcher.wait_for_change(50ms)) << "one save is reported once";

  site.write("content/topics/new/_index.md", "---\nname: new\n---\n");  // a new folder and a file in it
  EXPECT_TRUE(watcher.wait_for_change(2s));
  watcher.wait_for_change(50ms);
  site.write("content/topics/new/_index.md", "---\nname: newer\n---\n");  // inside the new folder
  EXPECT_TRUE(watcher.wait_for_change(2s));

  site.write("public/index.html", "new output");  // the build's own output
  site.write("notes.txt", "not a source");
  EXPECT_FALSE(watcher.wait_for_change(200ms));

  site.write("topichub.toml", "title = \"Renamed\"\n");
  EXPECT_TRUE(watcher.wait_for_change(2s));

  site.write("templates/article.mustache", "{{title}}");  // a source folder that did not exist
  EXPECT_TRUE(watcher.wait_for_change(2s));
}

}  // namespace
}  // namespace topichub
