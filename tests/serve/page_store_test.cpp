#include "serve/page_store.h"

#include <gtest/gtest.h>

namespace topichub {
namespace {

PageStore store() {
  return PageStore({{"index.html", "home"}, {"topics/x/index.html", "hub"}, {"style.css", "css"}, {"404.html", "missing"}});
}

TEST(PageStore, ResolvesPagesFoldersAndRedirects) {
  auto pages = store();
  auto home = pages.resolve("/");
  ASSERT_EQ(home.resolution, Resolution::found);
  EXPECT_EQ(home.page->content, "home");
  EXPECT_EQ(pages.resolve("/topics/x/").page->content, "hub");
  EXPECT_EQ(pages.resolve("/style.css").page->content_type, "text/css; charset=utf-8");
  auto redirect = pages.resolve("/topics/x");
  EXPECT_EQ(redirect.resolution, Resolution::redirect);
  EXPECT_EQ(redirect.location, "/topics/x/");
  EXPECT_EQ(pages.resolve("/nope/").resolution, Resolution::not_found);
}

TEST(PageStore, RefusesTraversal) {
  auto pages = store();
  for (auto path : {"/../etc/passwd", "/topics/../index.html", "/./index.html", "/topics//x/", "/a\\..\\b",
                    "relative", ""}) {
    EXPECT_EQ(pages.resolve(path).resolution, Resolution::bad_request) << path;
  }
  // Percent-encoding is decoded before resolve; a doubly encoded ".." is just a name.
  EXPECT_EQ(pages.resolve("/%2e%2e/index.html").resolution, Resolution::not_found);
}

}  // namespace
}  // namespace topichub
