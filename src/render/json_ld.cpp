#include "render/json_ld.h"

#include <algorithm>

#include "core/byte_scan.h"
#include "core/text.h"

namespace topichub {
namespace {

// The bytes a JSON string escapes, and '<', '>' and '&' (json_ld.h says why).
using JsonEscaped = ByteSet<ControlBytes::included, '"', '\\', '<', '>', '&'>;

// The offset of the first byte at or after `from` that needs an escape, or
// text.size(). The titles, summaries and names of every page pass through
// here and almost never need one.
size_t find_escape(std::string_view text, size_t from) { return find_first_in<JsonEscaped>(text, from); }

void append_escaped(std::string& out, std::string_view value) {
  static constexpr char kHex[] = "0123456789abcdef";
  size_t run = 0;  // start of the bytes not yet appended, which need no escape
  for (size_t i = find_escape(value, 0); i < value.size(); i = find_escape(value, i + 1)) {
    char c = value[i];
    out.append(value.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '<': out += "\\u003c"; break;
      case '>': out += "\\u003e"; break;
      case '&': out += "\\u0026"; break;
      default:
        out += "\\u00";
        out += kHex[(c >> 4) & 0xF];
        out += kHex[c & 0xF];
    }
  }
  out.append(value.data() + run, value.size() - run);
}

// "[a,b]", each item appended by append(out, item).
template <typename Items, typename Append>
std::string json_array(Items&& items, Append&& append) {
  std::string json = "[";
  for (auto& item : items) {
    if (json.size() > 1) json += ',';
    append(json, item);
  }
  json += ']';
  return json;
}

}  // namespace

void append_json_ld_string(std::string& out, std::string_view value) {
  out += '"';
  // Text is checked when the site loads; should any invalid UTF-8 reach here,
  // each bad byte becomes U+FFFD rather than breaking the JSON.
  if (find_invalid_utf8(value) == std::string_view::npos) append_escaped(out, value);
  else append_escaped(out, repair_utf8(value));
  out += '"';
}

JsonLdObject& JsonLdObject::text(std::string_view key, std::string_view value) {
  std::string json;
  json.reserve(value.size() + 2);
  append_json_ld_string(json, value);
  members_.emplace_back(key, std::move(json));
  return *this;
}

JsonLdObject& JsonLdObject::number(std::string_view key, long value) {
  members_.emplace_back(key, std::to_string(value));
  return *this;
}

JsonLdObject& JsonLdObject::object(std::string_view key, JsonLdObject&& value) {
  members_.emplace_back(key, value.json());
  return *this;
}

JsonLdObject& JsonLdObject::objects(std::string_view key, std::vector<JsonLdObject>&& values) {
  members_.emplace_back(key, json_array(values, [](std::string& out, JsonLdObject& value) { out += value.json(); }));
  return *this;
}

JsonLdObject& JsonLdObject::texts(std::string_view key, std::span<const std::string> values) {
  members_.emplace_back(key, json_array(values, append_json_ld_string));
  return *this;
}

std::string JsonLdObject::json() {
  std::sort(members_.begin(), members_.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  size_t size = 2;
  for (const auto& [key, value] : members_) size += key.size() + value.size() + 4;
  std::string out;
  out.reserve(size);
  out += '{';
  for (size_t i = 0; i < members_.size(); ++i) {
    if (i > 0) out += ',';
    append_json_ld_string(out, members_[i].first);
    out += ':';
    out += members_[i].second;
  }
  out += '}';
  return out;
}

}  // namespace topichub
