// YAML front matter to JSON with the line of every value, over libyaml's
// event parser. Aliases are expanded with a bound on the values they may
// produce, so an alias bomb is refused instead of exhausting memory.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <unordered_map>

namespace topichub {

struct YamlResult {
  nlohmann::json value;  // an object; empty when the text holds nothing
  std::unordered_map<std::string, int> lines;  // JSON pointer -> 1-based line
  std::string error;     // empty when parsed
  int error_line = 0;    // 1-based, when error is set
};

// `first_line` is the file line of the text's first line.
YamlResult parse_yaml_mapping(std::string_view text, int first_line);

}  // namespace topichub
