#include "load/front_matter.h"

#include "load/yaml_json.h"

#include <toml++/toml.h>

#include <sstream>

namespace topichub {
namespace {

// Bound on nesting (TOML; YAML has its own bound in yaml_json.cpp).
constexpr int kMaxDepth = 64;

struct Fence {
  std::string_view marker;  // "---" or "+++"
  size_t content_begin = 0;
  size_t content_end = 0;
  size_t body_begin = 0;
  int content_line = 2;
  int body_line = 1;
};

bool line_is(std::string_view text, size_t begin, std::string_view marker, size_t& line_end) {
  line_end = text.find('\n', begin);
  if (line_end == std::string_view::npos) line_end = text.size();
  auto line = text.substr(begin, line_end - begin);
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
  return line == marker;
}

// Finds the closing fence. Returns false when the block is never closed.
bool find_fence(std::string_view text, std::string_view marker, Fence& fence) {
  size_t first_end;
  if (!line_is(text, 0, marker, first_end)) return false;
  fence.marker = marker;
  fence.content_begin = first_end < text.size() ? first_end + 1 : text.size();
  int line = 2;
  for (size_t pos = fence.content_begin; pos < text.size(); ++line) {
    size_t end;
    if (line_is(text, pos, marker, end)) {
      fence.content_end = pos;
      fence.body_begin = end < text.size() ? end + 1 : text.size();
      fence.body_line = line + 1;
      return true;
    }
    pos = end + 1;
  }
  return false;
}

void parse_yaml(std::string_view content, int first_line, std::string_view file, FrontMatter& out,
                Diagnostics& diagnostics) {
  auto parsed = parse_yaml_mapping(content, first_line);
  if (!parsed.error.empty()) {
    diagnostics.error(file, parsed.error_line, "front-matter", parsed.error);
    return;
  }
  out.data = std::move(parsed.value);
  out.lines = std::move(parsed.lines);
}

nlohmann::json toml_to_json(const toml::node& node, const std::string& pointer, int line_offset,
                            FrontMatter& out, int depth) {
  if (depth > kMaxDepth) throw std::length_error("front matter is nested too deeply");
  if (node.source().begin.line > 0) out.lines[pointer] = static_cast<int>(node.source().begin.line) + line_offset;
  if (auto table = node.as_table()) {
    auto object = nlohmann::json::object();
    for (auto&& [key, value] : *table) {
      std::string name(key.str());
      object[name] = toml_to_json(value, pointer + "/" + name, line_offset, out, depth + 1);
    }
    return object;
  }
  if (auto array = node.as_array()) {
    auto list = nlohmann::json::array();
    size_t index = 0;
    for (auto&& value : *array)
      list.push_back(toml_to_json(value, pointer + "/" + std::to_string(index++), line_offset, out, depth + 1));
    return list;
  }
  if (auto text = node.as_string()) return text->get();
  if (auto integer = node.as_integer()) return integer->get();
  if (auto real = node.as_floating_point()) return real->get();
  if (auto flag = node.as_boolean()) return flag->get();
  std::ostringstream printed;  // dates, times and date-times: keep their TOML spelling
  if (auto date = node.as_date()) printed << date->get();
  else if (auto time = node.as_time()) printed << time->get();
  else if (auto date_time = node.as_date_time()) printed << date_time->get();
  return printed.str();
}

void parse_toml(std::string_view content, int first_line, std::string_view file, FrontMatter& out,
                Diagnostics& diagnostics) {
  try {
    toml::table table = toml::parse(content, std::string_view(file));
    out.data = toml_to_json(table, "", first_line - 1, out, 0);
  } catch (const toml::parse_error& e) {
    int line = static_cast<int>(e.source().begin.line) + first_line - 1;
    diagnostics.error(file, line, "front-matter", "invalid TOML: " + std::string(e.description()));
  } catch (const std::length_error& e) {
    diagnostics.error(file, first_line, "front-matter", e.what());
  }
}

}  // namespace

int FrontMatter::line_of(std::string_view pointer) const {
  std::string key(pointer);
  while (true) {
    auto it = lines.find(key);
    if (it != lines.end()) return it->second;
    auto slash = key.rfind('/');
    if (slash == std::string::npos || key.empty()) return opening_line;
    key.resize(slash);
  }
}

namespace {

// Parses the fenced block, if any, into `out`; returns where the body starts
// in `text`, or npos when the block is never closed (nothing is kept then).
size_t parse_fenced_block(std::string_view text, std::string_view file, FrontMatter& out, Diagnostics& diagnostics) {
  std::string_view marker = text.starts_with("---") ? "---" : text.starts_with("+++") ? "+++" : "";
  Fence fence;
  size_t first_end;
  if (marker.empty() || !line_is(text, 0, marker, first_end)) return 0;
  if (!find_fence(text, marker, fence)) {
    diagnostics.error(file, 1, "front-matter",
                      "front matter opened with '" + std::string(marker) + "' on line 1 is never closed");
    return std::string_view::npos;
  }
  auto content = text.substr(fence.content_begin, fence.content_end - fence.content_begin);
  if (marker == "---") parse_yaml(content, fence.content_line, file, out, diagnostics);
  else parse_toml(content, fence.content_line, file, out, diagnostics);
  out.body_line = fence.body_line;
  return fence.body_begin;
}

}  // namespace

FrontMatter parse_front_matter(std::string text, std::string_view file, Diagnostics& diagnostics) {
  FrontMatter out;
  size_t body_begin = parse_fenced_block(text, file, out, diagnostics);
  if (body_begin == std::string_view::npos) return out;
  text.erase(0, body_begin);
  out.body = std::move(text);
  return out;
}

FrontMatter parse_toml_document(std::string_view text, std::string_view file, Diagnostics& diagnostics) {
  FrontMatter out;
  parse_toml(text, 1, file, out, diagnostics);
  return out;
}

}  // namespace topichub
