// View: the template data type (borrowed text, shared parts, JSON numbers).
#include "render/view.h"

#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "render/mustache.h"

namespace topichub {
namespace {

std::string render(std::string_view source, const View& view) {
  std::string error;
  auto tmpl = MustacheTemplate::compile(source, error);
  return tmpl ? tmpl->render(view) : "ERROR " + error;
}

TEST(View, BorrowedTextReadsTheOwnersCurrentText) {
  std::string title = "Leg cramps";
  auto view = View{{"title", View::borrow(title)}};
  title[0] = 'l';  // same buffer: the view sees the change, proving it did not copy
  EXPECT_EQ(view.find("title")->text(), "leg cramps");
  EXPECT_EQ(render("{{title}}", view), "leg cramps");
}

TEST(View, SharedPartIsReadThroughNotCopied) {
  View site{{"title", "Health"}};
  View page{{"site", View::share(site)}, {"name", "Cramps"}};
  EXPECT_EQ(render("{{site.title}}: {{name}}", page), "Health: Cramps");
  site["title"] = "Health A–Z";  // shared, so the page sees it
  EXPECT_EQ(render("{{#site}}{{title}}{{/site}}", page), "Health A–Z");
  // A share of a share points at the original.
  View again{{"site", View::share(*page.find("site"))}};
  EXPECT_EQ(again.find("site")->find("title")->text(), "Health A–Z");
}

TEST(View, InitializerListMovesListsIn) {
  auto list = View::list();
  for (int i = 0; i < 3; ++i) list.push_back(View{{"n", i}});
  const View* first = &list.items()[0];
  View page{{"items", std::move(list)}};
  // Moved, not copied: the items are the same objects.
  EXPECT_EQ(&page.find("items")->items()[0], first);
  EXPECT_EQ(render("{{#items}}{{n}}{{/items}}", page), "012");
}

TEST(View, OperatorBracketFindsOrAppends) {
  View view;
  view["a"] = "1";
  view["b"] = true;
  view["a"] = "2";
  ASSERT_EQ(view.members().size(), 2u);
  EXPECT_EQ(view.find("a")->text(), "2");
  EXPECT_EQ(view.find("b")->kind(), View::Kind::boolean);
  EXPECT_EQ(view.find("c"), nullptr);
  View text = "x";
  EXPECT_THROW(text["a"], std::logic_error);
  EXPECT_THROW(text.push_back(1), std::logic_error);
}

TEST(View, NumbersReadAsJsonWritesThem) {
  EXPECT_EQ(View(42).number_text(), "42");
  EXPECT_EQ(View(size_t{7}).number_text(), "7");
  EXPECT_EQ(View(-3).number_text(), "-3");
  EXPECT_EQ(View(1.5).number_text(), "1.5");
  EXPECT_EQ(View(2.0).number_text(), "2.0");
  EXPECT_EQ(View("2").number_text(), "");
  EXPECT_EQ(View(std::nan("")).number_text(), "null");
  for (const char* json : {"42", "1.5", "2.0", "-7", "0.1", "1e+20", "100000.0", "0.0001", "1e6",
                           "18446744073709551615", "-9223372036854775808"})
    EXPECT_EQ(render("{{n}}", View{{"n", View::from_json(nlohmann::json::parse(json))}}), nlohmann::json::parse(json).dump())
        << json;
}

TEST(View, FromJsonKeepsStructureAndOrder) {
  auto json = nlohmann::json::parse(R"({"b": [1, "two", true, null], "a": {"k": "v"}, "bin": null})");
  auto view = View::from_json(json);
  ASSERT_EQ(view.kind(), View::Kind::object);
  ASSERT_EQ(view.members().size(), 3u);
  const auto& list = *view.find("b");
  ASSERT_EQ(list.items().size(), 4u);
  EXPECT_EQ(list.items()[0].kind(), View::Kind::integer);
  EXPECT_EQ(list.items()[1].text(), "two");
  EXPECT_TRUE(list.items()[2].flag());
  EXPECT_TRUE(list.items()[3].is_null());
  EXPECT_EQ(view.find("a")->find("k")->text(), "v");
  EXPECT_TRUE(View::from_json(nlohmann::json::binary({1, 2})).is_null());
}

TEST(View, EmptinessDrivesSections) {
  View view{{"text", ""}, {"list", View::list()}, {"zero", 0}, {"object", View::object()}};
  EXPECT_TRUE(view.find("text")->empty());
  EXPECT_TRUE(view.find("list")->empty());
  EXPECT_FALSE(view.find("zero")->empty());
  // Numbers and objects are true even when zero or empty, as in the spec.
  EXPECT_EQ(render("{{#text}}t{{/text}}{{#list}}l{{/list}}{{#zero}}z{{/zero}}{{#object}}o{{/object}}", view), "zo");
}

}  // namespace
}  // namespace topichub
