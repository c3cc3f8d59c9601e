#include "check/body_outline.h"

#include <md4c.h>
#include <string.h>  // memmem

#include <algorithm>
#include <cstring>
#include <optional>

#include "core/markdown_dialect.h"

namespace topichub {
namespace {

class OutlineBuilder {
 public:
  explicit OutlineBuilder(std::string_view body) : body_(body) {}

  BodyOutline run() {
    MD_PARSER parser{};
    parser.flags = kMarkdownFlags;
    parser.enter_block = [](MD_BLOCKTYPE t, void*, void* s) { return static_cast<OutlineBuilder*>(s)->block(t, +1); };
    parser.leave_block = [](MD_BLOCKTYPE t, void*, void* s) { return static_cast<OutlineBuilder*>(s)->block(t, -1); };
    parser.enter_span = [](MD_SPANTYPE t, void* d, void* s) { return static_cast<OutlineBuilder*>(s)->enter_span(t, d); };
    parser.leave_span = [](MD_SPANTYPE t, void*, void* s) { return static_cast<OutlineBuilder*>(s)->leave_span(t); };
    parser.text = [](MD_TEXTTYPE t, const MD_CHAR* text, MD_SIZE size, void* s) {
      return static_cast<OutlineBuilder*>(s)->text(t, text, size);
    };
    md_parse(body_.data(), static_cast<MD_SIZE>(body_.size()), &parser, this);
    flush();
    return std::move(outline_);
  }

 private:
  // Headings, tables and code are not prose: their fragments would read as
  // very short sentences and flatter the reading grade.
  int block(MD_BLOCKTYPE type, int step) {
    flush();
    if (type == MD_BLOCK_H || type == MD_BLOCK_CODE || type == MD_BLOCK_HTML || type == MD_BLOCK_TABLE)
      skip_ += step;
    return 0;
  }

  int enter_span(MD_SPANTYPE type, void* detail) {
    if (type == MD_SPAN_A) add_link(static_cast<MD_SPAN_A_DETAIL*>(detail)->href, false);
    if (type == MD_SPAN_IMG) {
      add_link(static_cast<MD_SPAN_IMG_DETAIL*>(detail)->src, true);
      ++hidden_;  // alt text is not read as prose
    }
    if (type == MD_SPAN_CODE || type == MD_SPAN_LATEXMATH || type == MD_SPAN_LATEXMATH_DISPLAY) ++hidden_;
    return 0;
  }

  int leave_span(MD_SPANTYPE type) {
    if (type == MD_SPAN_IMG || type == MD_SPAN_CODE || type == MD_SPAN_LATEXMATH || type == MD_SPAN_LATEXMATH_DISPLAY)
      --hidden_;
    return 0;
  }

  void add_link(const MD_ATTRIBUTE& destination, bool image) {
    BodyLink link{std::string(destination.text, destination.size), last_offset_, image};
    if (auto offset = in_body(destination.text, destination.size)) link.offset = *offset;
    else pending_link_ = outline_.links.size();  // placed at its text, which comes next
    outline_.links.push_back(std::move(link));
  }

  std::optional<size_t> in_body(const char* text, size_t size) const {
    const char* begin = body_.data();
    if (text < begin || text + size > begin + body_.size() || size == 0) return std::nullopt;
    return static_cast<size_t>(text - begin);
  }

  int text(MD_TEXTTYPE type, const MD_CHAR* text, MD_SIZE size) {
    auto offset = in_body(text, size);
    if (offset) {
      last_offset_ = *offset;
      if (pending_link_ < outline_.links.size()) outline_.links[pending_link_].offset = *offset;
      pending_link_ = static_cast<size_t>(-1);
    }
    if (skip_ > 0 || hidden_ > 0) return 0;
    if (type == MD_TEXT_NORMAL && offset) {
      current_.anchors.emplace_back(current_.text.size(), *offset);
      current_.text.append(text, size);
    } else if (type == MD_TEXT_NORMAL) {
      current_.anchors.emplace_back(current_.text.size(), last_offset_);
      current_.text.append(text, size);
    } else {
      current_.text += ' ';  // line breaks, entities, NUL: a space keeps words apart
    }
    return 0;
  }

  void flush() {
    if (current_.text.find_first_not_of(" \t\n") != std::string::npos) outline_.prose.push_back(std::move(current_));
    current_ = ProseBlock{};
  }

  std::string_view body_;
  BodyOutline outline_;
  ProseBlock current_;
  int skip_ = 0;
  int hidden_ = 0;
  size_t last_offset_ = 0;
  size_t pending_link_ = static_cast<size_t>(-1);
};

}  // namespace

size_t ProseBlock::body_offset(size_t text_offset) const {
  auto it = std::upper_bound(anchors.begin(), anchors.end(), text_offset,
                             [](size_t offset, const auto& anchor) { return offset < anchor.first; });
  if (it == anchors.begin()) return anchors.empty() ? 0 : anchors.front().second;
  --it;
  return it->second + (text_offset - it->first);
}

BodyOutline outline_markdown(std::string_view body) { return OutlineBuilder(body).run(); }

bool may_contain_links(std::string_view body) {
  // memchr and memmem: std::string_view's find calls memchr once for every
  // occurrence of the needle's first letter ("w"), and find_first_of tests
  // byte by byte; for every body of a build that was 40 ms of CPU.
  if (body.empty()) return false;
  const char* data = body.data();
  const char* end = data + body.size();
  for (char c : {'[', '<', '@'})
    if (std::memchr(data, c, body.size())) return true;
  if (::memmem(data, body.size(), "://", 3)) return true;
  // "www.": a dot after three w's (of either case, to be safe).
  for (auto* dot = static_cast<const char*>(std::memchr(data, '.', body.size())); dot;
       dot = static_cast<const char*>(std::memchr(dot + 1, '.', static_cast<size_t>(end - dot - 1))))
    if (dot - data >= 3 && (dot[-1] | 0x20) == 'w' && (dot[-2] | 0x20) == 'w' && (dot[-3] | 0x20) == 'w') return true;
  return false;
}

BodyLines::BodyLines(std::string_view body, int first_line) : first_line_(first_line) {
  line_starts_.push_back(0);
  for (size_t i = 0; i < body.size(); ++i)
    if (body[i] == '\n') line_starts_.push_back(i + 1);
}

int BodyLines::line(size_t offset) const {
  auto after = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  return first_line_ + static_cast<int>(after - line_starts_.begin()) - 1;
}

}  // namespace topichub
