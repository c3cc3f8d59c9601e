// View: the data a Mustache template renders — text, flags, numbers, lists
// and objects, as in JSON — made for building ~30,000 pages a second.
//
// Unlike nlohmann::json (which views were until measured: building and
// freeing them was 15% of a MedQuAD build), a view can borrow text it does
// not own (an article's title lives as long as the site) and share a part
// built once (the site block, an article's card) instead of copying it into
// every page. Objects are small vectors searched in order: a view object has
// a dozen keys, and templates look up a few of them.
//
//   View card{{"title", View::borrow(article.title)}, {"url", context.article_url(i)}};
//   View page{{"site", View::share(site_block)}, {"cards", View::list()}};
#pragma once

#include <concepts>
#include <cstdint>
#include <initializer_list>
#include <nlohmann/json_fwd.hpp>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace topichub {

class View {
 public:
  struct Member;
  using List = std::vector<View>;
  using Object = std::vector<Member>;
  enum class Kind { null, boolean, integer, real, text, list, object };

  // Defined below Member, which must be complete first.
  View();
  View(std::nullptr_t);
  View(bool value);
  template <std::integral Number>
    requires(!std::same_as<Number, bool>)
  View(Number value);
  View(double value);
  View(std::string text);
  View(const char* text);
  // Any other pointer would silently become a bool.
  template <typename T>
  View(const T*) = delete;
  View(std::initializer_list<Member> members);  // an object

  // Text the view does not own. REQUIRES: `text` outlives the view.
  static View borrow(std::string_view text);
  static View borrow(std::string&& text) = delete;  // a temporary dies first
  // Another view, not copied. REQUIRES: `shared` outlives this view and is
  // not changed while this view is rendered.
  static View share(const View& shared);
  static View share(const View&& shared) = delete;
  static View list(size_t capacity = 0);
  static View object();
  // A copy of JSON data (front matter params, test fixtures). Binary values
  // become null.
  static View from_json(const nlohmann::json& json);

  // Building. operator[] finds or appends a key of an object (a null view
  // becomes an empty object); push_back appends to a list (a null view
  // becomes an empty list). REQUIRES: not a shared view.
  View& operator[](std::string_view key);
  void push_back(View item);

  // Reading (shared views read as what they share).
  Kind kind() const;
  bool is_null() const { return kind() == Kind::null; }
  bool flag() const;                  // REQUIRES: kind() == boolean
  std::string_view text() const;      // empty unless kind() == text
  std::span<const View> items() const;  // empty unless kind() == list
  std::span<const Member> members() const;  // empty unless kind() == object
  const View* find(std::string_view key) const;  // nullptr unless an object with that key
  bool empty() const;  // no items, no members, or empty text
  // The text of a number as JSON writes it ("42", "1.5", "2.0", "1e+20").
  std::string number_text() const;

 private:
  const View& resolved() const;

  std::variant<std::monostate, bool, int64_t, double, std::string, std::string_view, List, Object, const View*> value_;
};

struct View::Member {
  Member(std::string key, View value) : key(std::move(key)), value(std::move(value)) {}
  // Mutable so that View's initializer-list constructor can move members out
  // of the list (whose elements are const) instead of copying whole lists;
  // nothing else changes a member through a const View.
  mutable std::string key;
  mutable View value;
};

inline View::View() = default;
inline View::View(std::nullptr_t) {}
inline View::View(bool value) : value_(value) {}
template <std::integral Number>
  requires(!std::same_as<Number, bool>)
View::View(Number value) : value_(static_cast<int64_t>(value)) {}
inline View::View(double value) : value_(value) {}
inline View::View(std::string text) : value_(std::move(text)) {}
inline View::View(const char* text) : value_(std::string(text)) {}

}  // namespace topichub
