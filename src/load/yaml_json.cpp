#include "load/yaml_json.h"

#include <yaml.h>

#include <cstdlib>
#include <memory>
#include <vector>

#include "load/yaml_events.h"

namespace topichub {
namespace {

constexpr size_t kMaxValues = 200'000;
constexpr size_t kMaxDepth = 64;

std::string escape_pointer(std::string_view key) {
  std::string out;
  for (char c : key) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

// Plain (unquoted) scalars that look like booleans, null or integers become
// them; quoted scalars stay text.
nlohmann::json scalar_value(const YamlEvent& event) {
  std::string text(event.text);
  if (!event.plain) return text;
  if (text == "true" || text == "True" || text == "TRUE") return true;
  if (text == "false" || text == "False" || text == "FALSE") return false;
  if (text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL") return nullptr;
  if (std::isdigit(static_cast<unsigned char>(text[0])) || (text[0] == '-' && text.size() > 1)) {
    char* end = nullptr;
    long long integer = std::strtoll(text.c_str(), &end, 10);
    if (end && *end == '\0' && text.size() < 18) return integer;
  }
  return text;
}

size_t count_values(const nlohmann::json& value) {
  size_t count = 1;
  if (value.is_structured())
    for (const auto& item : value) count += count_values(item);
  return count;
}

// A container being filled: its JSON, its pointer, and for maps the key
// waiting for its value.
struct Frame {
  nlohmann::json value;
  std::string pointer;
  std::string anchor;
  bool is_map = false;
  bool have_key = false;
  std::string key;
  int key_line = 0;
};

class Converter {
 public:
  Converter(YamlResult& result, int first_line) : result_(result), first_line_(first_line) {}

  // Returns false (with result_.error set) to stop.
  bool on_event(const YamlEvent& event) {
    using Kind = YamlEvent::Kind;
    int line = event.line + first_line_;
    switch (event.kind) {
      case Kind::mapping_start:
      case Kind::sequence_start: {
        if (stack_.size() >= kMaxDepth) return fail(line, "front matter is nested too deeply");
        bool is_map = event.kind == Kind::mapping_start;
        if (!stack_.empty() && stack_.back().is_map && !stack_.back().have_key)
          return fail(line, "only text keys are supported in front matter");
        auto pointer = child_pointer();
        result_.lines[pointer] = line;
        Frame frame;
        frame.value = is_map ? nlohmann::json::object() : nlohmann::json::array();
        frame.pointer = pointer;
        frame.anchor = event.anchor;
        frame.is_map = is_map;
        stack_.push_back(std::move(frame));
        return true;
      }
      case Kind::mapping_end:
      case Kind::sequence_end: {
        Frame done = std::move(stack_.back());
        stack_.pop_back();
        if (!done.anchor.empty()) anchors_[done.anchor] = done.value;
        return add_value(std::move(done.value), line, false);
      }
      case Kind::scalar: {
        if (!stack_.empty() && stack_.back().is_map && !stack_.back().have_key) {
          auto& frame = stack_.back();
          frame.key.assign(event.text);
          frame.have_key = true;
          frame.key_line = line;
          return true;
        }
        auto value = scalar_value(event);
        if (!event.anchor.empty()) anchors_[std::string(event.anchor)] = value;
        return add_value(std::move(value), line, true);
      }
      case Kind::alias: {
        auto it = anchors_.find(std::string(event.anchor));
        if (it == anchors_.end()) return fail(line, "unknown alias");
        if (!stack_.empty() && stack_.back().is_map && !stack_.back().have_key)
          return fail(line, "only text keys are supported in front matter");
        // Count before copying, so that a bomb is refused before it is built.
        values_ += count_values(it->second);
        if (values_ > kMaxValues) return fail(line, "front matter expands to too many values (a YAML alias bomb?)");
        return add_value(it->second, line, false);
      }
      default: return true;
    }
  }

  nlohmann::json take_root() { return std::move(root_); }

 private:
  std::string child_pointer() const {
    if (stack_.empty()) return "";
    const auto& frame = stack_.back();
    if (frame.is_map) return frame.pointer + "/" + escape_pointer(frame.key);
    return frame.pointer + "/" + std::to_string(frame.value.size());
  }

  bool add_value(nlohmann::json value, int line, bool record_line) {
    values_ += record_line ? count_values(value) : 0;
    if (values_ > kMaxValues) return fail(line, "front matter expands to too many values (a YAML alias bomb?)");
    if (stack_.empty()) {
      root_ = std::move(value);
      return true;
    }
    auto& frame = stack_.back();
    auto pointer = child_pointer();
    if (frame.is_map) {
      // The key's line points at the entry better than its value's would.
      result_.lines[pointer] = frame.key_line;
      frame.value[frame.key] = std::move(value);
      frame.have_key = false;
    } else {
      if (record_line) result_.lines[pointer] = line;
      frame.value.push_back(std::move(value));
    }
    return true;
  }

  bool fail(int line, std::string message) {
    result_.error = std::move(message);
    result_.error_line = line;
    return false;
  }

  YamlResult& result_;
  int first_line_;
  std::vector<Frame> stack_;
  std::unordered_map<std::string, nlohmann::json> anchors_;
  nlohmann::json root_;
  size_t values_ = 0;
};

// The converted mapping into `result`, or the error that it is none.
void finish(YamlResult& result, Converter& converter, int first_line) {
  result.value = converter.take_root();
  if (result.value.is_null()) result.value = nlohmann::json::object();
  if (!result.value.is_object()) {
    result.error = "front matter must be a list of key: value pairs";
    result.error_line = first_line;
    result.value = nlohmann::json::object();
  }
}

}  // namespace

YamlResult parse_yaml_mapping(std::string_view text, int first_line) {
  YamlResult result;
  std::vector<YamlEvent> simple_events;
  if (read_simple_yaml(text, simple_events)) {
    Converter converter(result, first_line);
    for (const auto& event : simple_events)
      if (!converter.on_event(event)) return result;
    finish(result, converter, first_line);
    return result;
  }
  yaml_parser_t parser;
  if (!yaml_parser_initialize(&parser)) {
    result.error = "cannot start the YAML parser";
    result.error_line = first_line;
    return result;
  }
  std::unique_ptr<yaml_parser_t, decltype(&yaml_parser_delete)> owner(&parser, &yaml_parser_delete);
  yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  Converter converter(result, first_line);
  while (true) {
    yaml_event_t event;
    if (!yaml_parser_parse(&parser, &event)) {
      result.error = std::string("invalid YAML: ") + (parser.problem ? parser.problem : "syntax error");
      if (parser.context) result.error += std::string(" ") + parser.context;
      result.error_line = static_cast<int>(parser.problem_mark.line) + first_line;
      return result;
    }
    bool go_on = converter.on_event(from_libyaml(event));
    bool end = event.type == YAML_STREAM_END_EVENT || event.type == YAML_DOCUMENT_END_EVENT;
    yaml_event_delete(&event);
    if (!go_on) return result;
    if (end) break;
  }
  finish(result, converter, first_line);
  return result;
}

}  // namespace topichub
