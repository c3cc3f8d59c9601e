// The built-in theme's files, compiled into the binary from templates/
// (see cmake/embed_templates.cmake).
#pragma once

#include <span>

namespace topichub {

struct ThemeFile {
  const char* name;     // "hub.mustache", "style.css"
  const char* content;
};

std::span<const ThemeFile> builtin_theme_files();

}  // namespace topichub
