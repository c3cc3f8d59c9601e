// Markdown body -> HTML, with topic links inserted at given source offsets.
//
// Our own renderer over md4c's callbacks (rather than md4c-html) because we
// must wrap mentions in links inside text runs and give headings ids; see
// docs/decisions.md.
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace topichub {

struct LinkInsertion {
  size_t begin;  // byte offsets into the Markdown source
  size_t end;
  std::string href;
  std::string title;  // shown on hover; may be empty
};

struct RenderedMarkdown {
  std::string html;
  std::string plain_text;  // the visible text, for word counts and search
};

// REQUIRES: insertions sorted by begin, not overlapping, each inside plain
// text (the link stage guarantees this). Insertions elsewhere are skipped.
RenderedMarkdown render_markdown(std::string_view markdown, std::span<const LinkInsertion> insertions = {});

// True for hrefs that must not reach a page (javascript:, vbscript:, data:).
bool is_unsafe_href(std::string_view href);

}  // namespace topichub
