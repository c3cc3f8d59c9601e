#include "render/theme.h"

#include <kainjow/mustache.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "render/builtin_theme.h"

namespace topichub {
namespace fs = std::filesystem;
namespace mustache = kainjow::mustache;

struct Theme::Compiled {
  std::map<std::string, mustache::mustache, std::less<>> templates;
};

namespace {

constexpr std::string_view kTemplateSuffix = ".mustache";

mustache::data to_mustache(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::object: {
      // Every list field X also gets has_X, so templates can wrap a list in
      // a heading only when it has items.
      mustache::data object{mustache::data::type::object};
      for (const auto& [key, item] : value.items()) {
        object.set(key, to_mustache(item));
        if (item.is_array()) object.set("has_" + key, mustache::data{!item.empty()});
      }
      return object;
    }
    case nlohmann::json::value_t::array: {
      mustache::data list{mustache::data::type::list};
      for (const auto& item : value) list.push_back(to_mustache(item));
      return list;
    }
    case nlohmann::json::value_t::string: {
      // An empty text is false, so that {{#x}}…{{/x}} hides what has no value.
      const auto& text = value.get_ref<const std::string&>();
      return text.empty() ? mustache::data{false} : mustache::data{text};
    }
    case nlohmann::json::value_t::boolean: return mustache::data{value.get<bool>()};
    case nlohmann::json::value_t::null: return mustache::data{false};
    default: return mustache::data{value.dump()};
  }
}

std::unique_ptr<Theme::Compiled> compile(const std::map<std::string, std::string>& sources) {
  auto compiled = std::make_unique<Theme::Compiled>();
  for (const auto& [name, text] : sources) compiled->templates.emplace(name, mustache::mustache(text));
  return compiled;
}

}  // namespace

Theme::Theme() = default;
Theme::~Theme() = default;

Theme::Theme(const Theme& other)
    : sources_(other.sources_), assets_(other.assets_), compiled_(compile(other.sources_)) {}

Theme Theme::load(std::string_view site_root, Diagnostics& diagnostics) {
  Theme theme;
  auto add = [&](const std::string& file_name, std::string text) {
    if (file_name.ends_with(kTemplateSuffix))
      theme.sources_[file_name.substr(0, file_name.size() - kTemplateSuffix.size())] = std::move(text);
    else
      theme.assets_[file_name] = std::move(text);
  };
  for (const auto& file : builtin_theme_files()) add(file.name, file.content);

  std::error_code error;
  auto dir = fs::path(site_root) / "templates";
  if (fs::is_directory(dir, error)) {
    for (const auto& entry : fs::directory_iterator(dir, error)) {
      if (!entry.is_regular_file(error)) continue;
      std::ifstream in(entry.path(), std::ios::binary);
      std::stringstream text;
      text << in.rdbuf();
      auto name = entry.path().filename().string();
      if (name.ends_with(kTemplateSuffix)) {
        mustache::mustache check(text.str());
        if (!check.is_valid()) {
          diagnostics.error("templates/" + name, 0, "template", "template does not compile: " + check.error_message());
          continue;
        }
      }
      add(name, text.str());
    }
  }
  theme.compiled_ = compile(theme.sources_);
  return theme;
}

std::string Theme::render(std::string_view name, const nlohmann::json& view) const {
  auto it = compiled_->templates.find(name);
  if (it == compiled_->templates.end()) throw std::runtime_error("theme has no template " + std::string(name));
  return it->second.render(to_mustache(view));
}

std::string Theme::render_page(std::string_view name, nlohmann::json view) const {
  view["content"] = render(name, view);
  return render("layout", view);
}

}  // namespace topichub
