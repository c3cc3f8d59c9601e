// read_simple_yaml (yaml_events.h): the subset of YAML nearly all front
// matter is written in, read line by line. Anything this reader is not sure
// to read exactly as libyaml does makes it give up (return false) rather
// than guess: tabs, escapes, anchors and tags, multi-line scalars, comments
// after values, flow mappings, characters YAML does not allow. The rules it
// relies on are YAML 1.1's, as libyaml applies them.
#include <string_view>
#include <vector>

#include "core/text.h"
#include "load/yaml_events.h"

namespace topichub {
namespace {

using Kind = YamlEvent::Kind;

bool is_space(char c) { return c == ' '; }

// Bytes that YAML does not allow, treats as line breaks or reads
// specially, and invalid UTF-8 (which the loader never passes, as
// clean_source_text mends it); the reader leaves texts holding any of them
// to libyaml.
bool has_unsupported_bytes(std::string_view text) {
  if (find_invalid_utf8(text) != std::string_view::npos) return true;
  for (size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n') continue;
    if (c < 0x20 || c == 0x7F || c == '\\') return true;  // tabs, controls, escapes
    if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) < 0xA0) return true;  // C1, NEL
    if (c != 0xE2 && c != 0xEF) continue;
    auto three = text.substr(i, 3);
    if (three == "\xE2\x80\xA8" || three == "\xE2\x80\xA9") return true;  // line and paragraph separators
    if (three == "\xEF\xBB\xBF" || three == "\xEF\xBF\xBE" || three == "\xEF\xBF\xBF") return true;  // BOM, non-characters
  }
  return false;
}

struct Line {
  std::string_view content;  // without the indentation
  int indent = 0;
  int number = 0;  // 0-based
};

// The lines that hold something: blank and comment lines are left out, as
// libyaml skips them.
std::vector<Line> content_lines(std::string_view text) {
  std::vector<Line> lines;
  int number = 0;
  for (size_t begin = 0; begin < text.size(); ++number) {
    size_t end = text.find('\n', begin);
    if (end == std::string_view::npos) end = text.size();
    auto line = text.substr(begin, end - begin);
    size_t indent = 0;
    while (indent < line.size() && is_space(line[indent])) ++indent;
    auto content = line.substr(indent);
    while (!content.empty() && is_space(content.back())) content.remove_suffix(1);
    if (!content.empty() && content.front() != '#') lines.push_back({content, static_cast<int>(indent), number});
    begin = end + 1;
  }
  return lines;
}

bool is_key_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

// "key: rest" or "key:" with a simple key (letters, digits, '_' and '-',
// not starting with '-'); the key and what follows the colon and its
// spaces.
bool split_key(std::string_view content, std::string_view& key, std::string_view& rest) {
  size_t end = 0;
  while (end < content.size() && is_key_char(content[end])) ++end;
  if (end == 0 || content[0] == '-' || end == content.size() || content[end] != ':') return false;
  if (end + 1 < content.size() && !is_space(content[end + 1])) return false;
  key = content.substr(0, end);
  rest = content.substr(end + 1);
  while (!rest.empty() && is_space(rest.front())) rest.remove_prefix(1);
  return true;
}

// A sequence entry: "- rest".
bool split_dash(std::string_view content, std::string_view& rest) {
  if (content.size() < 2 || content[0] != '-' || !is_space(content[1])) return false;
  rest = content.substr(2);
  while (!rest.empty() && is_space(rest.front())) rest.remove_prefix(1);
  return !rest.empty();
}

// A quoted scalar that is all of `text`: "..." or '...' with no quote of its
// kind inside (no '' in single quotes; backslashes were refused before).
bool quoted_scalar(std::string_view text, std::string_view& value) {
  if (text.size() < 2 || (text.front() != '"' && text.front() != '\'') || text.back() != text.front()) return false;
  value = text.substr(1, text.size() - 2);
  return value.find(text.front()) == std::string_view::npos;
}

bool is_word_char(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

// A plain scalar in block context that is all of `text`: it starts with a
// letter, a digit or a non-ASCII character (never an indicator), and holds
// no ": " and no " #" (which would end it), nor ends with ':'.
bool plain_block_scalar(std::string_view text) {
  if (text.empty() || !is_word_char(static_cast<unsigned char>(text.front())) || text.back() == ':') return false;
  return text.find(": ") == std::string_view::npos && text.find(" #") == std::string_view::npos;
}

// A plain scalar inside [ ]: as in block context, and none of ",[]{}#:".
bool plain_flow_scalar(std::string_view text) {
  return plain_block_scalar(text) && text.find_first_of(",[]{}#:") == std::string_view::npos;
}

class Reader {
 public:
  Reader(std::vector<Line> lines, std::vector<YamlEvent>& events) : lines_(std::move(lines)), events_(events) {}

  bool read() {
    if (lines_.empty()) return true;
    if (!mapping(lines_[0].indent)) return false;
    return next_ == lines_.size();
  }

 private:
  const Line* peek() const { return next_ < lines_.size() ? &lines_[next_] : nullptr; }

  void emit(Kind kind, int line, std::string_view text = {}, bool plain = false) {
    YamlEvent event;
    event.kind = kind;
    event.line = line;
    event.text = text;
    event.plain = plain;
    events_.push_back(event);
  }

  // Entries "key: value" at `indent`, until a line less indented.
  bool mapping(int indent) {
    std::string_view key, rest;
    // Deeper nesting is an error for yaml_json.cpp: libyaml reports it.
    if (++depth_ > kMaxDepth || !split_key(peek()->content, key, rest)) return false;
    emit(Kind::mapping_start, peek()->number);
    while (const Line* line = peek()) {
      if (line->indent < indent) break;
      if (line->indent > indent || !split_key(line->content, key, rest)) return false;
      ++next_;
      emit(Kind::scalar, line->number, key, true);
      if (!rest.empty()) {
        if (!inline_value(rest, *line)) return false;
      } else if (!block_value(indent, line->number)) {
        return false;
      }
    }
    emit(Kind::mapping_end, lines_[next_ - 1].number);
    --depth_;
    return true;
  }

  // The value of a key with nothing after its colon: a nested mapping or a
  // sequence on the lines below, or else null (an empty plain scalar).
  bool block_value(int indent, int key_line) {
    const Line* line = peek();
    std::string_view rest;
    if (line && line->indent >= indent && split_dash(line->content, rest)) return sequence(line->indent);
    if (line && line->indent > indent) return mapping(line->indent);
    emit(Kind::scalar, key_line, {}, true);
    return true;
  }

  // Entries "- value" at `indent`, until a line that is not one.
  bool sequence(int indent) {
    emit(Kind::sequence_start, peek()->number);
    std::string_view rest;
    while (const Line* line = peek()) {
      if (line->indent != indent || !split_dash(line->content, rest)) break;
      std::string_view key, value;
      if (rest.front() == '-' || split_key(rest, key, value)) return false;  // nested: libyaml's
      ++next_;
      if (!inline_value(rest, *line)) return false;
    }
    if (const Line* line = peek(); line && line->indent > indent) return false;
    emit(Kind::sequence_end, lines_[next_ - 1].number);
    return true;
  }

  // A value that is the rest of `line`: a scalar or a flow sequence. A
  // line below indented deeper would continue it: left to libyaml.
  bool inline_value(std::string_view text, const Line& line) {
    if (const Line* below = peek(); below && below->indent > line.indent) return false;
    std::string_view value;
    if (quoted_scalar(text, value)) {
      emit(Kind::scalar, line.number, value, false);
      return true;
    }
    if (text.front() == '[') return flow_sequence(text, line.number);
    if (!plain_block_scalar(text)) return false;
    emit(Kind::scalar, line.number, text, true);
    return true;
  }

  // "[a, "b", 'c']" on one line.
  bool flow_sequence(std::string_view text, int line) {
    if (text.back() != ']') return false;
    auto inside = text.substr(1, text.size() - 2);
    emit(Kind::sequence_start, line);
    bool empty = inside.find_first_not_of(' ') == std::string_view::npos;
    for (size_t begin = 0; !empty && begin <= inside.size();) {
      // Quoted items may hold commas: their end is their closing quote.
      size_t start = inside.find_first_not_of(' ', begin);
      if (start == std::string_view::npos) return false;  // an empty item
      size_t end;
      if (inside[start] == '"' || inside[start] == '\'') {
        size_t close = inside.find(inside[start], start + 1);
        if (close == std::string_view::npos) return false;
        end = inside.find_first_not_of(' ', close + 1);
        if (end != std::string_view::npos && inside[end] != ',') return false;
        if (end == std::string_view::npos) end = inside.size();
      } else {
        end = inside.find(',', start);
        if (end == std::string_view::npos) end = inside.size();
      }
      auto item = inside.substr(start, end - start);
      while (!item.empty() && is_space(item.back())) item.remove_suffix(1);
      std::string_view value;
      if (quoted_scalar(item, value)) emit(Kind::scalar, line, value, false);
      else if (plain_flow_scalar(item)) emit(Kind::scalar, line, item, true);
      else return false;
      if (end == inside.size()) break;
      begin = end + 1;
      if (begin == inside.size() || inside.find_first_not_of(' ', begin) == std::string_view::npos)
        return false;  // a trailing comma
    }
    emit(Kind::sequence_end, line);
    return true;
  }

  static constexpr int kMaxDepth = 32;
  std::vector<Line> lines_;
  size_t next_ = 0;
  int depth_ = 0;
  std::vector<YamlEvent>& events_;
};

}  // namespace

bool read_simple_yaml(std::string_view text, std::vector<YamlEvent>& events) {
  events.clear();
  events.reserve(64);  // a MedQuAD front matter makes about 20: no regrowth
  if (has_unsupported_bytes(text)) return false;
  return Reader(content_lines(text), events).read();
}

}  // namespace topichub
