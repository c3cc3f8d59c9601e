// Front matter: the YAML (`---`) or TOML (`+++`) block that opens a content
// file, parsed into JSON so that later code reads one shape whatever the
// syntax, with the file line of every value kept for diagnostics.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/diagnostics.h"

namespace topichub {

struct FrontMatter {
  nlohmann::json data = nlohmann::json::object();
  // JSON pointer ("/relations/2/target") -> 1-based line in the file.
  std::unordered_map<std::string, int> lines;
  int opening_line = 1;  // the fence line, or 1 when there is no front matter
  std::string body;
  int body_line = 1;

  // The line of a value, else of its nearest parent, else the opening fence.
  int line_of(std::string_view pointer) const;
};

// REQUIRES: `text` is valid UTF-8 with '\n' line ends (see clean_source_text).
// On a syntax error adds a diagnostic and returns what it could (empty data).
// The body keeps `text`'s buffer.
FrontMatter parse_front_matter(std::string text, std::string_view file, Diagnostics& diagnostics);

// Parses a whole TOML document (topichub.toml) the same way.
FrontMatter parse_toml_document(std::string_view text, std::string_view file, Diagnostics& diagnostics);

}  // namespace topichub
