// Mustache templates rendered straight from a View (render/view.h).
//
// Our own engine rather than kainjow-mustache: converting every page's JSON
// view into kainjow's data type took half of all build instructions on the
// MedQuAD site (docs/decisions.md). Supports the Mustache spec's core:
// {{name}}, {{{name}}}, {{&name}}, sections, inverted sections, comments,
// partials (with standalone indentation), set delimiters, dotted names and
// {{.}}, with standalone tag lines removed. Site conventions on top: an empty
// text is false in sections, and `has_x` is true when list `x` has items.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "render/view.h"

namespace topichub {

// A template can be its own partial; each level may render it many times, so
// nesting depth alone does not bound the output. Rendering stops past this
// size: 13 times the largest page of the MedQuAD site (its A–Z, 1.2 MB).
inline constexpr size_t kMaxTemplateOutput = 16u << 20;

class MustacheTemplate {
 public:
  // Returns nullptr and sets `error` ("line 3: unclosed section \"steps\"")
  // when the template does not compile.
  static std::shared_ptr<const MustacheTemplate> compile(std::string_view source, std::string& error);

  // Finds a partial by name; nullptr renders nothing.
  using PartialLookup = std::function<const MustacheTemplate*(std::string_view name)>;

  void render(const View& view, std::string& out, const PartialLookup& partials = {}) const;
  std::string render(const View& view, const PartialLookup& partials = {}) const;

  // Whether a tag of the template names `key` anywhere in its path
  // ("{{params.x}}", "{{#a.params}}"): a view may leave out what no tag reads.
  bool references(std::string_view key) const;

  struct Node;  // defined in mustache.cpp
  const std::vector<Node>& nodes() const { return nodes_; }

  MustacheTemplate();
  ~MustacheTemplate();

 private:
  std::vector<Node> nodes_;
};

}  // namespace topichub
