// Structured data (schema.org JSON-LD) for <script type="application/ld+json">
// blocks, written straight as text. Built as nlohmann::json, whose objects are
// trees of separately allocated nodes, it took 3% of a MedQuAD build.
//
// For valid UTF-8 (the loader repairs what is not) the text is what
// nlohmann::json printed: members in key order, strings escaped the same way.
// On top of that '<', '>' and '&' are written as \u003c, \u003e and \u0026,
// so that no string can close the script element.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace topichub {

class JsonLdObject {
 public:
  // Room for a typical object's members at once: grown one by one, the list
  // of an object of five to eight members was allocated four times.
  JsonLdObject() { members_.reserve(8); }

  // REQUIRES (every member): `key` outlives the object (keys are literals).
  JsonLdObject& text(std::string_view key, std::string_view value);
  JsonLdObject& number(std::string_view key, long value);
  JsonLdObject& object(std::string_view key, JsonLdObject&& value);
  // Arrays; an empty one is written as [].
  JsonLdObject& objects(std::string_view key, std::vector<JsonLdObject>&& values);
  JsonLdObject& texts(std::string_view key, std::span<const std::string> values);

  // The object as JSON text, members in key order (they are sorted in
  // place). REQUIRES: keys distinct.
  std::string json();

 private:
  std::vector<std::pair<std::string_view, std::string>> members_;  // key, value as JSON text
};

// Appends `value` as a JSON string (quoted, escaped as above) to `out`.
void append_json_ld_string(std::string& out, std::string_view value);

}  // namespace topichub
