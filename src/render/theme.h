// The theme: Mustache page templates and the stylesheet, built in and
// overridable file by file from SITE/templates/. Templates are compiled once
// and are safe to render from many threads; rendering takes a view
// (render/view.h; docs/templates.md lists its fields).
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "core/diagnostics.h"
#include "render/mustache.h"

namespace topichub {

class Theme {
 public:
  // Loads the built-in theme, then SITE/templates/* over it. A template that
  // does not compile is reported and the built-in one kept.
  static Theme load(std::string_view site_root, Diagnostics& diagnostics);

  // Renders `name` ("hub") with the view, then wraps it in "layout" with the
  // same view plus {{{content}}}.
  std::string render_page(std::string_view name, View view) const;
  std::string render(std::string_view name, const View& view) const;
  // Whether any template reads `key` (see MustacheTemplate::references).
  bool references(std::string_view key) const;

  // Non-template files of the theme (style.css), served at the site root.
  const std::map<std::string, std::string>& assets() const { return assets_; }

 private:
  const MustacheTemplate* find(std::string_view name) const;
  // Appends `name` rendered with the view to `out`.
  void render_into(std::string_view name, const View& view, std::string& out) const;

  std::map<std::string, std::shared_ptr<const MustacheTemplate>, std::less<>> templates_;
  std::map<std::string, std::string> assets_;
};

}  // namespace topichub
