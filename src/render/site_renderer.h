// Renders every page of the site into memory, in parallel.
#pragma once

#include <string>
#include <vector>

#include "core/diagnostics.h"
#include "render/context.h"
#include "render/theme.h"

namespace topichub {

struct OutputFile {
  std::string path;  // relative to the output root, '/' separated: "topics/x/index.html"
  std::string content;
};

struct RenderedSite {
  std::vector<OutputFile> files;  // sorted by path
};

// Calls `progress(done, total)` now and then when given (for the terminal).
RenderedSite render_site(const RenderContext& context, const Theme& theme,
                         const std::function<void(size_t, size_t)>& progress = {});

}  // namespace topichub
