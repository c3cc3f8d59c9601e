#include "render/view.h"

#include <charconv>
#include <cstring>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace topichub {

View::View(std::initializer_list<Member> members) {
  Object object;
  object.reserve(members.size());
  for (const auto& member : members) object.emplace_back(std::move(member.key), std::move(member.value));
  value_ = std::move(object);
}

View View::borrow(std::string_view text) {
  View view;
  view.value_ = text;
  return view;
}

View View::share(const View& shared) {
  View view;
  view.value_ = &shared.resolved();
  return view;
}

View View::list(size_t capacity) {
  View view;
  view.value_ = List();
  std::get<List>(view.value_).reserve(capacity);
  return view;
}

View View::object() {
  View view;
  view.value_ = Object();
  return view;
}

View View::from_json(const nlohmann::json& json) {
  switch (json.type()) {
    case nlohmann::json::value_t::boolean: return json.get<bool>();
    case nlohmann::json::value_t::number_integer: return json.get<int64_t>();
    case nlohmann::json::value_t::number_unsigned:
      // Beyond int64_t, kept as its text: it renders the same.
      if (json.get<uint64_t>() > static_cast<uint64_t>(INT64_MAX)) return json.dump();
      return static_cast<int64_t>(json.get<uint64_t>());
    case nlohmann::json::value_t::number_float: return json.get<double>();
    case nlohmann::json::value_t::string: return json.get<std::string>();
    case nlohmann::json::value_t::array: {
      auto list = View::list(json.size());
      for (const auto& item : json) list.push_back(from_json(item));
      return list;
    }
    case nlohmann::json::value_t::object: {
      auto object = View::object();
      auto& members = std::get<Object>(object.value_);
      members.reserve(json.size());
      for (const auto& [key, value] : json.items()) members.emplace_back(key, from_json(value));
      return object;
    }
    default: return {};
  }
}

View& View::operator[](std::string_view key) {
  if (std::holds_alternative<std::monostate>(value_)) value_ = Object();
  auto* members = std::get_if<Object>(&value_);
  if (!members) throw std::logic_error("View::operator[] on a view that is not an object");
  for (auto& member : *members)
    if (member.key == key) return member.value;
  return members->emplace_back(std::string(key), View()).value;
}

void View::push_back(View item) {
  if (std::holds_alternative<std::monostate>(value_)) value_ = List();
  auto* items = std::get_if<List>(&value_);
  if (!items) throw std::logic_error("View::push_back on a view that is not a list");
  items->push_back(std::move(item));
}

const View& View::resolved() const {
  const auto* shared = std::get_if<const View*>(&value_);
  return shared ? **shared : *this;  // share() stores an already resolved view
}

View::Kind View::kind() const {
  switch (resolved().value_.index()) {
    case 1: return Kind::boolean;
    case 2: return Kind::integer;
    case 3: return Kind::real;
    case 4: case 5: return Kind::text;
    case 6: return Kind::list;
    case 7: return Kind::object;
    default: return Kind::null;
  }
}

bool View::flag() const { return std::get<bool>(resolved().value_); }

std::string_view View::text() const {
  const auto& value = resolved().value_;
  if (const auto* owned = std::get_if<std::string>(&value)) return *owned;
  if (const auto* borrowed = std::get_if<std::string_view>(&value)) return *borrowed;
  return {};
}

std::span<const View> View::items() const {
  const auto* items = std::get_if<List>(&resolved().value_);
  return items ? std::span<const View>(*items) : std::span<const View>();
}

std::span<const View::Member> View::members() const {
  const auto* members = std::get_if<Object>(&resolved().value_);
  return members ? std::span<const Member>(*members) : std::span<const Member>();
}

const View* View::find(std::string_view key) const {
  // Every {{name}} of every page is looked up here, mostly missing (the
  // names of outer views are tried in inner ones first): a key of another
  // length or first letter is passed over without a call to memcmp.
  for (const auto& member : members()) {
    std::string_view candidate = member.key;
    if (candidate.size() == key.size() && (key.empty() || candidate[0] == key[0]) &&
        std::memcmp(candidate.data(), key.data(), key.size()) == 0)
      return &member.value;
  }
  return nullptr;
}

bool View::empty() const {
  switch (kind()) {
    case Kind::text: return text().empty();
    case Kind::list: return items().empty();
    case Kind::object: return members().empty();
    default: return false;
  }
}

std::string View::number_text() const {
  const auto& value = resolved().value_;
  char digits[32];
  if (const auto* integer = std::get_if<int64_t>(&value))
    return std::string(digits, std::to_chars(digits, digits + sizeof digits, *integer).ptr);
  const auto* real = std::get_if<double>(&value);
  // JSON's own spelling ("100000.0", "1e+20", null for NaN), as pages
  // showed numbers when views were JSON.
  return real ? nlohmann::json(*real).dump() : std::string();
}

}  // namespace topichub
