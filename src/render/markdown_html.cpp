#include "render/markdown_html.h"

#include <md4c.h>

#include <unordered_map>

#include "core/markdown_dialect.h"
#include "core/text.h"

namespace topichub {
namespace {

// Bounds nesting so that pathological input (thousands of nested quotes or
// lists) cannot make pages of unbounded depth; deeper blocks are flattened.
constexpr int kMaxNesting = 64;

std::string attribute_text(const MD_ATTRIBUTE& attribute) {
  return std::string(attribute.text, attribute.size);
}

class HtmlRenderer {
 public:
  HtmlRenderer(std::string_view source, std::span<const LinkInsertion> insertions)
      : source_(source), insertions_(insertions) {}

  RenderedMarkdown run() {
    MD_PARSER parser{};
    parser.flags = kMarkdownFlags;
    parser.enter_block = [](MD_BLOCKTYPE t, void* d, void* s) { return static_cast<HtmlRenderer*>(s)->enter_block(t, d); };
    parser.leave_block = [](MD_BLOCKTYPE t, void* d, void* s) { return static_cast<HtmlRenderer*>(s)->leave_block(t, d); };
    parser.enter_span = [](MD_SPANTYPE t, void* d, void* s) { return static_cast<HtmlRenderer*>(s)->enter_span(t, d); };
    parser.leave_span = [](MD_SPANTYPE t, void* d, void* s) { return static_cast<HtmlRenderer*>(s)->leave_span(t, d); };
    parser.text = [](MD_TEXTTYPE t, const MD_CHAR* text, MD_SIZE size, void* s) {
      return static_cast<HtmlRenderer*>(s)->text(t, text, size);
    };
    md_parse(source_.data(), static_cast<MD_SIZE>(source_.size()), &parser, this);
    close_pending_link();
    return {std::move(html_), std::move(plain_)};
  }

 private:
  int enter_block(MD_BLOCKTYPE type, void* detail) {
    close_pending_link();
    if (++depth_ > kMaxNesting && type != MD_BLOCK_P) return 0;
    switch (type) {
      case MD_BLOCK_DOC: break;
      case MD_BLOCK_QUOTE: html_ += "<blockquote>\n"; break;
      case MD_BLOCK_UL: html_ += "<ul>\n"; break;
      case MD_BLOCK_OL: {
        auto* ol = static_cast<MD_BLOCK_OL_DETAIL*>(detail);
        html_ += ol->start == 1 ? "<ol>\n" : "<ol start=\"" + std::to_string(ol->start) + "\">\n";
        break;
      }
      case MD_BLOCK_LI: {
        auto* li = static_cast<MD_BLOCK_LI_DETAIL*>(detail);
        html_ += "<li>";
        if (li->is_task)
          html_ += std::string("<input type=\"checkbox\" disabled") +
                   (li->task_mark == 'x' || li->task_mark == 'X' ? " checked" : "") + "> ";
        break;
      }
      case MD_BLOCK_HR: html_ += "<hr>\n"; break;
      case MD_BLOCK_H:
        heading_level_ = static_cast<MD_BLOCK_H_DETAIL*>(detail)->level;
        heading_start_ = html_.size();
        heading_text_.clear();
        break;
      case MD_BLOCK_CODE: {
        auto* code = static_cast<MD_BLOCK_CODE_DETAIL*>(detail);
        auto language = attribute_text(code->lang);
        html_ += language.empty() ? "<pre><code>" : "<pre><code class=\"language-" + html_escape(language) + "\">";
        break;
      }
      case MD_BLOCK_HTML: html_ += "<pre>"; break;
      case MD_BLOCK_P: html_ += "<p>"; break;
      case MD_BLOCK_TABLE: html_ += "<div class=\"table-wrap\"><table>\n"; break;
      case MD_BLOCK_THEAD: html_ += "<thead>\n"; break;
      case MD_BLOCK_TBODY: html_ += "<tbody>\n"; break;
      case MD_BLOCK_TR: html_ += "<tr>"; break;
      case MD_BLOCK_TH: cell("th", static_cast<MD_BLOCK_TD_DETAIL*>(detail)); break;
      case MD_BLOCK_TD: cell("td", static_cast<MD_BLOCK_TD_DETAIL*>(detail)); break;
    }
    return 0;
  }

  int leave_block(MD_BLOCKTYPE type, void*) {
    close_pending_link();
    if (depth_-- > kMaxNesting && type != MD_BLOCK_P) return 0;
    switch (type) {
      case MD_BLOCK_DOC: break;
      case MD_BLOCK_QUOTE: html_ += "</blockquote>\n"; break;
      case MD_BLOCK_UL: html_ += "</ul>\n"; break;
      case MD_BLOCK_OL: html_ += "</ol>\n"; break;
      case MD_BLOCK_LI: html_ += "</li>\n"; plain_ += '\n'; break;
      case MD_BLOCK_HR: break;
      case MD_BLOCK_H: finish_heading(); break;
      case MD_BLOCK_CODE: html_ += "</code></pre>\n"; plain_ += '\n'; break;
      case MD_BLOCK_HTML: html_ += "</pre>\n"; break;
      case MD_BLOCK_P: html_ += "</p>\n"; plain_ += '\n'; break;
      case MD_BLOCK_TABLE: html_ += "</table></div>\n"; break;
      case MD_BLOCK_THEAD: html_ += "</thead>\n"; break;
      case MD_BLOCK_TBODY: html_ += "</tbody>\n"; break;
      case MD_BLOCK_TR: html_ += "</tr>\n"; plain_ += '\n'; break;
      case MD_BLOCK_TH: html_ += "</th>"; plain_ += '\t'; break;
      case MD_BLOCK_TD: html_ += "</td>"; plain_ += '\t'; break;
    }
    return 0;
  }

  void cell(const char* tag, const MD_BLOCK_TD_DETAIL* detail) {
    static constexpr const char* kAlign[] = {"", " style=\"text-align:left\"", " style=\"text-align:center\"",
                                             " style=\"text-align:right\""};
    html_ += std::string("<") + tag + kAlign[detail->align] + ">";
  }

  // Heading ids come from the heading text, made unique within the page.
  void finish_heading() {
    auto id = slugify(heading_text_);
    if (id.empty()) id = "section";
    if (int count = ++heading_ids_[id]; count > 1) id += "-" + std::to_string(count);
    auto level = std::to_string(heading_level_);
    html_.insert(heading_start_, "<h" + level + " id=\"" + id + "\">");
    html_ += "</h" + level + ">\n";
    plain_ += '\n';
    heading_level_ = 0;
  }

  int enter_span(MD_SPANTYPE type, void* detail) {
    close_pending_link();
    switch (type) {
      case MD_SPAN_EM: html_ += "<em>"; break;
      case MD_SPAN_STRONG: html_ += "<strong>"; break;
      case MD_SPAN_U: html_ += "<u>"; break;
      case MD_SPAN_DEL: html_ += "<del>"; break;
      case MD_SPAN_CODE: html_ += "<code>"; break;
      case MD_SPAN_LATEXMATH: case MD_SPAN_LATEXMATH_DISPLAY: html_ += "<code class=\"math\">"; break;
      case MD_SPAN_A: {
        auto* a = static_cast<MD_SPAN_A_DETAIL*>(detail);
        auto href = attribute_text(a->href);
        if (is_unsafe_href(href)) href = "#";
        html_ += "<a href=\"" + html_escape(href) + "\"";
        if (a->title.size > 0) html_ += " title=\"" + html_escape(attribute_text(a->title)) + "\"";
        if (href.starts_with("http://") || href.starts_with("https://")) html_ += " rel=\"noopener\"";
        html_ += ">";
        break;
      }
      case MD_SPAN_IMG: {
        auto* img = static_cast<MD_SPAN_IMG_DETAIL*>(detail);
        auto src = attribute_text(img->src);
        if (is_unsafe_href(src)) src = "";
        html_ += "<img src=\"" + html_escape(src) + "\" alt=\"";
        image_title_ = attribute_text(img->title);
        ++in_image_;
        break;
      }
      case MD_SPAN_WIKILINK: html_ += "<span>"; break;
    }
    return 0;
  }

  int leave_span(MD_SPANTYPE type, void*) {
    close_pending_link();
    switch (type) {
      case MD_SPAN_EM: html_ += "</em>"; break;
      case MD_SPAN_STRONG: html_ += "</strong>"; break;
      case MD_SPAN_U: html_ += "</u>"; break;
      case MD_SPAN_DEL: html_ += "</del>"; break;
      case MD_SPAN_CODE: case MD_SPAN_LATEXMATH: case MD_SPAN_LATEXMATH_DISPLAY: html_ += "</code>"; break;
      case MD_SPAN_A: html_ += "</a>"; break;
      case MD_SPAN_IMG:
        --in_image_;
        html_ += "\"";
        if (!image_title_.empty()) html_ += " title=\"" + html_escape(image_title_) + "\"";
        html_ += " loading=\"lazy\">";
        break;
      case MD_SPAN_WIKILINK: html_ += "</span>"; break;
    }
    return 0;
  }

  int text(MD_TEXTTYPE type, const MD_CHAR* text, MD_SIZE size) {
    std::string_view piece(text, size);
    switch (type) {
      case MD_TEXT_NULLCHAR: append_text("\xEF\xBF\xBD"); break;
      case MD_TEXT_BR: html_ += in_image_ ? " " : "<br>\n"; plain_ += '\n'; break;
      case MD_TEXT_SOFTBR: html_ += in_image_ ? " " : "\n"; plain_ += ' '; break;
      case MD_TEXT_ENTITY: html_ += piece; plain_ += piece; break;  // md4c only reports well-formed entities
      case MD_TEXT_NORMAL: normal_text(piece); break;
      default: append_text(piece);
    }
    return 0;
  }

  void append_text(std::string_view piece) {
    append_html_escaped(html_, piece);
    plain_ += piece;
    if (heading_level_) heading_text_ += piece;
  }

  // Plain text, with any link insertions that fall inside it.
  void normal_text(std::string_view piece) {
    const char* base = source_.data();
    bool in_source = piece.data() >= base && piece.data() + piece.size() <= base + source_.size();
    if (!in_source || in_image_ || heading_level_) {
      append_text(piece);
      return;
    }
    size_t begin = static_cast<size_t>(piece.data() - base);
    size_t end = begin + piece.size();
    size_t at = begin;
    while (at < end) {
      if (pending_close_ > 0 && pending_close_ <= end) {  // a link opened in an earlier piece ends here
        append_text(source_.substr(at, pending_close_ - at));
        html_ += "</a>";
        at = pending_close_;
        pending_close_ = 0;
        continue;
      }
      while (next_ < insertions_.size() && insertions_[next_].begin < at) ++next_;  // skipped: not in plain text
      if (pending_close_ > 0 || next_ == insertions_.size() || insertions_[next_].begin >= end) {
        append_text(source_.substr(at, end - at));
        break;
      }
      const auto& link = insertions_[next_++];
      append_text(source_.substr(at, link.begin - at));
      html_ += "<a class=\"topic-link\" href=\"" + html_escape(link.href) + "\"";
      if (!link.title.empty()) html_ += " title=\"" + html_escape(link.title) + "\"";
      html_ += ">";
      at = link.begin;
      pending_close_ = link.end;
    }
  }

  // A link must not stay open across a span or block boundary.
  void close_pending_link() {
    if (pending_close_ > 0) {
      html_ += "</a>";
      pending_close_ = 0;
    }
  }

  std::string_view source_;
  std::span<const LinkInsertion> insertions_;
  size_t next_ = 0;
  size_t pending_close_ = 0;
  std::string html_;
  std::string plain_;
  int depth_ = 0;
  int in_image_ = 0;
  std::string image_title_;
  unsigned heading_level_ = 0;
  size_t heading_start_ = 0;
  std::string heading_text_;
  std::unordered_map<std::string, int> heading_ids_;
};

}  // namespace

bool is_unsafe_href(std::string_view href) {
  auto scheme_end = href.find(':');
  if (scheme_end == std::string_view::npos) return false;
  auto slash = href.find('/');
  if (slash != std::string_view::npos && slash < scheme_end) return false;
  std::string scheme;
  for (char c : href.substr(0, scheme_end))
    if (c != ' ' && c != '\t' && c != '\n') scheme += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return scheme == "javascript" || scheme == "vbscript" || scheme == "data";
}

RenderedMarkdown render_markdown(std::string_view markdown, std::span<const LinkInsertion> insertions) {
  return HtmlRenderer(markdown, insertions).run();
}

}  // namespace topichub
