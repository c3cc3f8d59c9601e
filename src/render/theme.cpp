#include "render/theme.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "render/builtin_theme.h"

namespace topichub {
namespace fs = std::filesystem;
namespace {

constexpr std::string_view kTemplateSuffix = ".mustache";

}  // namespace

Theme Theme::load(std::string_view site_root, Diagnostics& diagnostics) {
  Theme theme;
  auto add = [&](const std::string& file_name, const std::string& text, bool builtin) {
    if (!file_name.ends_with(kTemplateSuffix)) {
      theme.assets_[file_name] = text;
      return;
    }
    std::string error;
    auto compiled = MustacheTemplate::compile(text, error);
    if (!compiled) {
      if (builtin) throw std::logic_error("built-in template " + file_name + " does not compile: " + error);
      // The error names the line within the template.
      auto line_end = error.find(':');
      int line = error.starts_with("line ") ? std::atoi(error.c_str() + 5) : 0;
      diagnostics.error("templates/" + file_name, line, "template",
                        "template does not compile: " + (line_end == std::string::npos ? error : error.substr(line_end + 2)));
      return;
    }
    theme.templates_[file_name.substr(0, file_name.size() - kTemplateSuffix.size())] = std::move(compiled);
  };
  for (const auto& file : builtin_theme_files()) add(file.name, file.content, true);

  std::error_code error;
  auto dir = fs::path(site_root) / "templates";
  if (fs::is_directory(dir, error)) {
    for (const auto& entry : fs::directory_iterator(dir, error)) {
      if (!entry.is_regular_file(error)) continue;
      std::ifstream in(entry.path(), std::ios::binary);
      std::stringstream text;
      text << in.rdbuf();
      add(entry.path().filename().string(), text.str(), false);
    }
  }
  return theme;
}

const MustacheTemplate* Theme::find(std::string_view name) const {
  auto it = templates_.find(name);
  return it == templates_.end() ? nullptr : it->second.get();
}

bool Theme::references(std::string_view key) const {
  for (const auto& [name, tmpl] : templates_)
    if (tmpl->references(key)) return true;
  return false;
}

void Theme::render_into(std::string_view name, const View& view, std::string& out) const {
  const auto* tmpl = find(name);
  if (!tmpl) throw std::runtime_error("theme has no template " + std::string(name));
  tmpl->render(view, out, [this](std::string_view partial) { return find(partial); });
}

std::string Theme::render(std::string_view name, const View& view) const {
  std::string out;
  render_into(name, view, out);
  return out;
}

std::string Theme::render_page(std::string_view name, View view) const {
  // Both texts get room up front: grown from empty, a page of 6-10 KiB was
  // reallocated some ten times (copying its bytes once more in all), and
  // that twice (content, then layout).
  // The built-in layout adds 3-4 KiB to a page (its head, with the page's
  // JSON-LD, and its footer).
  constexpr size_t kContentRoom = 16 * 1024, kLayoutRoom = 8 * 1024;
  std::string content;
  content.reserve(kContentRoom);
  render_into(name, view, content);
  std::string page;
  page.reserve(content.size() + kLayoutRoom);
  view["content"] = std::move(content);
  render_into("layout", view, page);
  return page;
}

}  // namespace topichub
