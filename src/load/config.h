// topichub.toml: the site's settings (DESIGN.md §1).
#pragma once

#include <string_view>

#include "core/diagnostics.h"
#include "core/site.h"

namespace topichub {

// REQUIRES: `text` is the cleaned content of topichub.toml.
Config parse_config(std::string_view text, std::string_view file, Diagnostics& diagnostics);

}  // namespace topichub
