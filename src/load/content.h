// Articles and topics from parsed front matter (DESIGN.md §1 keys).
#pragma once

#include <string>
#include <string_view>

#include "core/diagnostics.h"
#include "core/site.h"
#include "load/front_matter.h"

namespace topichub {

// `default_slug` comes from the file name; `slug:` in front matter overrides it.
// The body moves out of `front_matter` (pass an rvalue to spare a copy).
Article parse_article(FrontMatter front_matter, std::string_view file, std::string_view default_slug,
                      Diagnostics& diagnostics);
Topic parse_topic(FrontMatter front_matter, std::string_view file, std::string_view default_slug,
                  Diagnostics& diagnostics);

// The first paragraph of a Markdown body as plain text, shortened for a summary.
std::string summary_from_markdown(std::string_view body, size_t max_chars = 160);

}  // namespace topichub
