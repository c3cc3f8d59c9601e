// What the check rules need from a Markdown body, read in one md4c pass: the
// prose (paragraphs, list items, quotes; not headings, tables or code) block
// by block, and every link and image with where it is written.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace topichub {

struct ProseBlock {
  std::string text;  // visible text, line breaks as spaces; code spans and images left out
  // (offset in text, offset in the body) where each source piece starts.
  std::vector<std::pair<size_t, size_t>> anchors;

  // The body offset of a text offset (the start of its piece when the piece
  // did not come straight from the body, e.g. an entity).
  size_t body_offset(size_t text_offset) const;
};

struct BodyLink {
  std::string href;  // as written (md4c's destination text)
  size_t offset = 0;  // into the body: the destination, else the link text
  bool image = false;
};

struct BodyOutline {
  std::vector<ProseBlock> prose;
  std::vector<BodyLink> links;
};

// Parses `body` with the site's Markdown dialect (core/markdown_dialect.h).
BodyOutline outline_markdown(std::string_view body);

// False when `body` cannot hold a link or image in that dialect: every one
// needs "[" (inline, reference, image), "<" (autolink), "://" or "www."
// (bare URL) or "@" (bare e-mail address). Most bodies have none, and a
// build, which checks links but not prose, then need not parse them.
bool may_contain_links(std::string_view body);

// File lines of body offsets, in O(log n) per look-up (rules ask for many).
class BodyLines {
 public:
  // `first_line`: the file line where the body starts.
  BodyLines(std::string_view body, int first_line);
  int line(size_t offset) const;

 private:
  std::vector<size_t> line_starts_;
  int first_line_;
};

}  // namespace topichub
