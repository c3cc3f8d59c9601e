// Atomic output of a rendered site.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "render/site_renderer.h"

namespace topichub {

// The file topichub leaves in every output folder, so that it only ever
// replaces folders it wrote itself.
inline constexpr std::string_view kOutputMarker = ".topichub-output";

struct WriteResult {
  bool ok = false;
  std::string error;  // when !ok: what went wrong, naming the path
  size_t files_written = 0;
};

// Writes `files` into `out_dir` by staging beside it and swapping.
// REQUIRES: every path in files is relative, '/' separated, without "..".
// `site_root` is guarded: out_dir may not be it, nor lie inside its content/.
WriteResult write_site(std::span<const OutputFile> files, std::string_view out_dir, std::string_view site_root);

// True when `relative` is a safe relative path (no "..", no leading '/', no NUL).
bool is_safe_relative_path(std::string_view relative);

}  // namespace topichub
