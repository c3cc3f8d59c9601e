#include "render/mustache.h"

#include <algorithm>

#include "core/text.h"

namespace topichub {

struct MustacheTemplate::Node {
  enum class Kind { text, variable, unescaped, section, inverted, partial };
  Kind kind = Kind::text;
  std::string text;                 // literal text, or the tag's name
  std::vector<std::string> path;    // name split at dots; empty for "."
  std::string indent;               // standalone partials: indentation of every line
  std::vector<Node> children;       // sections
};

namespace {

using Node = MustacheTemplate::Node;

constexpr size_t kMaxDepth = 64;  // nested sections and partials while rendering
// Nor does output size bound the work: sections over lists that render
// nothing can still multiply at every level. Each node visited costs one step
// plus one per level of context a name may be looked up in; rendering stops
// when the steps run out. Every page of the MedQuAD site (an A–Z of 4,742
// topics the largest) renders the same with a quarter of this.
constexpr size_t kMaxSteps = 1'000'000;

const View kTrue = true;
const View kFalse = false;

std::vector<std::string> split_path(std::string_view name) {
  std::vector<std::string> path;
  if (name == ".") return path;
  size_t start = 0;
  while (start <= name.size()) {
    auto dot = name.find('.', start);
    if (dot == std::string_view::npos) dot = name.size();
    path.emplace_back(name.substr(start, dot - start));
    start = dot + 1;
  }
  return path;
}

struct Tag {
  char sigil = 0;  // 0 for a variable; one of # ^ / ! > & { =
  std::string name;
  size_t begin = 0, end = 0;  // the tag's extent in the source
};

class Parser {
 public:
  Parser(std::string_view source, std::string& error) : source_(source), error_(error) {}

  bool parse(std::vector<Node>& nodes) {
    std::vector<std::vector<Node>*> stack = {&nodes};
    std::vector<std::pair<std::string, size_t>> open;  // section name, where it opened
    size_t pos = 0;
    while (pos < source_.size()) {
      auto start = source_.find(open_, pos);
      if (start == std::string_view::npos) {
        add_text(*stack.back(), source_.substr(pos));
        break;
      }
      Tag tag;
      if (!read_tag(start, tag)) return false;
      // A tag alone on its line (but for whitespace) takes the line with it.
      size_t line_begin = start;
      while (line_begin > 0 && source_[line_begin - 1] != '\n') --line_begin;
      size_t line_end = source_.find('\n', tag.end);
      bool standalone = tag.sigil != 0 && tag.sigil != '&' && tag.sigil != '{' &&
                        blank(source_.substr(line_begin, start - line_begin)) &&
                        blank(source_.substr(tag.end, (line_end == std::string_view::npos ? source_.size() : line_end) - tag.end));
      std::string indent;
      size_t text_end = start;
      size_t next = tag.end;
      if (standalone) {
        indent = std::string(source_.substr(line_begin, start - line_begin));
        text_end = line_begin;
        next = line_end == std::string_view::npos ? source_.size() : line_end + 1;
      }
      add_text(*stack.back(), source_.substr(pos, text_end - pos));
      pos = next;
      switch (tag.sigil) {
        case '!': break;
        case '=': break;  // delimiters already changed by read_tag
        case '#': case '^': {
          Node node;
          node.kind = tag.sigil == '#' ? Node::Kind::section : Node::Kind::inverted;
          node.text = tag.name;
          node.path = split_path(tag.name);
          stack.back()->push_back(std::move(node));
          stack.push_back(&stack.back()->back().children);
          open.push_back({tag.name, start});
          break;
        }
        case '/':
          if (open.empty() || open.back().first != tag.name) {
            fail(start, open.empty() ? "closing \"" + tag.name + "\" that was never opened"
                                     : "\"" + tag.name + "\" closes \"" + open.back().first + "\"");
            return false;
          }
          open.pop_back();
          stack.pop_back();
          break;
        case '>': {
          Node node;
          node.kind = Node::Kind::partial;
          node.text = tag.name;
          node.indent = indent;
          stack.back()->push_back(std::move(node));
          break;
        }
        default: {
          Node node;
          node.kind = tag.sigil == 0 ? Node::Kind::variable : Node::Kind::unescaped;
          node.text = tag.name;
          node.path = split_path(tag.name);
          stack.back()->push_back(std::move(node));
        }
      }
    }
    if (!open.empty()) {
      fail(open.back().second, "unclosed section \"" + open.back().first + "\"");
      return false;
    }
    return true;
  }

 private:
  static bool blank(std::string_view text) { return text.find_first_not_of(" \t\r") == std::string_view::npos; }

  void add_text(std::vector<Node>& nodes, std::string_view text) {
    if (text.empty()) return;
    if (!nodes.empty() && nodes.back().kind == Node::Kind::text) {
      nodes.back().text += text;
      return;
    }
    Node node;
    node.text = std::string(text);
    nodes.push_back(std::move(node));
  }

  void fail(size_t offset, const std::string& message) {
    error_ = "line " + std::to_string(line_at(source_, offset)) + ": " + message;
  }

  bool read_tag(size_t start, Tag& tag) {
    tag.begin = start;
    size_t inner = start + open_.size();
    std::string close = close_;
    if (inner < source_.size() && source_[inner] == '{' && open_ == "{{") close = "}" + close_;
    if (inner < source_.size() && source_[inner] == '=') close = "=" + close_;
    auto end = source_.find(close, inner);
    if (end == std::string_view::npos) {
      fail(start, "tag is never closed");
      return false;
    }
    auto content = trim(source_.substr(inner, end - inner));
    tag.end = end + close.size();
    if (!content.empty() && std::string_view("#^/!>&{=").find(content[0]) != std::string_view::npos) {
      tag.sigil = content[0];
      content = trim(content.substr(1));
    }
    if (tag.sigil == '=') {
      auto delimiters = trim(content.substr(0, content.size()));
      auto space = delimiters.find_first_of(" \t");
      if (space == std::string_view::npos) {
        fail(start, "set-delimiter tag needs two delimiters");
        return false;
      }
      open_ = std::string(delimiters.substr(0, space));
      close_ = std::string(trim(delimiters.substr(space)));
      if (open_.empty() || close_.empty()) {
        fail(start, "empty delimiter");
        return false;
      }
    }
    tag.name = std::string(content);
    if (tag.name.empty() && tag.sigil != '!' && tag.sigil != '=') {
      fail(start, "empty tag");
      return false;
    }
    return true;
  }

  std::string_view source_;
  std::string& error_;
  std::string open_ = "{{";
  std::string close_ = "}}";
};

class Renderer {
 public:
  Renderer(std::string& out, const MustacheTemplate::PartialLookup& partials, size_t& budget, size_t& steps)
      : out_(out), partials_(partials), budget_(budget), steps_(steps) {}

  void render(const std::vector<Node>& nodes, std::vector<const View*>& stack, size_t depth) {
    if (depth > kMaxDepth) return;
    for (const auto& node : nodes) {
      size_t cost = 1 + stack.size();
      if (out_.size() > budget_ || steps_ < cost) {
        steps_ = 0;
        return;
      }
      steps_ -= cost;
      switch (node.kind) {
        case Node::Kind::text: out_ += node.text; break;
        case Node::Kind::variable: interpolate(lookup(node.path, stack), true); break;
        case Node::Kind::unescaped: interpolate(lookup(node.path, stack), false); break;
        case Node::Kind::section: section(node, lookup(node.path, stack), stack, depth); break;
        case Node::Kind::inverted:
          if (!truthy(lookup(node.path, stack))) render(node.children, stack, depth + 1);
          break;
        case Node::Kind::partial: partial(node, stack, depth); break;
      }
    }
  }

 private:
  static bool truthy(const View* value) {
    if (!value) return false;
    switch (value->kind()) {
      case View::Kind::null: return false;
      case View::Kind::boolean: return value->flag();
      case View::Kind::list: case View::Kind::text: return !value->empty();
      default: return true;
    }
  }

  // A key of an object; `has_x` answers whether list x has items.
  static const View* member(const View& object, const std::string& key) {
    if (const auto* found = object.find(key)) return found;
    if (key.starts_with("has_")) {
      const auto* list = object.find(std::string_view(key).substr(4));
      if (list && list->kind() == View::Kind::list) return list->empty() ? &kFalse : &kTrue;
    }
    return nullptr;
  }

  // The first name is looked up through the context stack; the rest only
  // inside what it found (Mustache's dotted names).
  static const View* lookup(const std::vector<std::string>& path, const std::vector<const View*>& stack) {
    if (path.empty()) return stack.back();
    const View* found = nullptr;
    for (auto it = stack.rbegin(); it != stack.rend() && !found; ++it) found = member(**it, path[0]);
    for (size_t i = 1; found && i < path.size(); ++i) found = member(*found, path[i]);
    return found;
  }

  void interpolate(const View* value, bool escape) {
    if (!value) return;
    switch (value->kind()) {
      case View::Kind::text:
        if (escape) append_html_escaped(out_, value->text());
        else out_ += value->text();
        return;
      case View::Kind::integer: case View::Kind::real: out_ += value->number_text(); return;
      default: return;
    }
  }

  void section(const Node& node, const View* value, std::vector<const View*>& stack, size_t depth) {
    if (!truthy(value)) return;
    if (value->kind() == View::Kind::list) {
      for (const auto& item : value->items()) {
        stack.push_back(&item);
        render(node.children, stack, depth + 1);
        stack.pop_back();
      }
      return;
    }
    stack.push_back(value);
    render(node.children, stack, depth + 1);
    stack.pop_back();
  }

  void partial(const Node& node, std::vector<const View*>& stack, size_t depth) {
    if (!partials_) return;
    const auto* tmpl = partials_(node.text);
    if (!tmpl) return;
    if (node.indent.empty()) {
      render(tmpl->nodes(), stack, depth + 1);
      return;
    }
    std::string inner;
    size_t inner_budget = budget_ > out_.size() ? budget_ - out_.size() : 0;
    Renderer(inner, partials_, inner_budget, steps_).render(tmpl->nodes(), stack, depth + 1);
    size_t start = 0;
    while (start < inner.size()) {
      auto end = inner.find('\n', start);
      end = end == std::string::npos ? inner.size() : end + 1;
      out_ += node.indent;
      out_.append(inner, start, end - start);
      start = end;
    }
  }

  std::string& out_;
  const MustacheTemplate::PartialLookup& partials_;
  size_t& budget_;  // the size the output may reach
  size_t& steps_;   // nodes that may still be visited
};

}  // namespace

MustacheTemplate::MustacheTemplate() = default;
MustacheTemplate::~MustacheTemplate() = default;

std::shared_ptr<const MustacheTemplate> MustacheTemplate::compile(std::string_view source, std::string& error) {
  auto compiled = std::make_shared<MustacheTemplate>();
  error.clear();
  if (!Parser(source, error).parse(compiled->nodes_)) return nullptr;
  return compiled;
}

void MustacheTemplate::render(const View& view, std::string& out, const PartialLookup& partials) const {
  std::vector<const View*> stack = {&view};
  size_t budget = out.size() + kMaxTemplateOutput;
  size_t steps = kMaxSteps;
  Renderer(out, partials, budget, steps).render(nodes_, stack, 0);
}

namespace {

bool any_node_references(const std::vector<Node>& nodes, std::string_view key) {
  for (const auto& node : nodes) {
    if (std::find(node.path.begin(), node.path.end(), key) != node.path.end()) return true;
    if (any_node_references(node.children, key)) return true;
  }
  return false;
}

}  // namespace

bool MustacheTemplate::references(std::string_view key) const { return any_node_references(nodes_, key); }

std::string MustacheTemplate::render(const View& view, const PartialLookup& partials) const {
  std::string out;
  render(view, out, partials);
  return out;
}

}  // namespace topichub
