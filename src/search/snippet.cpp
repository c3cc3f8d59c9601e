#include "search/snippet.h"

#include <algorithm>
#include <vector>

#include "core/text.h"

namespace topichub {
namespace {

// Cuts `text` to the byte range [from, to) without splitting a UTF-8 sequence.
std::string_view utf8_slice(std::string_view text, size_t from, size_t to) {
  to = std::min(to, text.size());
  while (to < text.size() && to > from && (static_cast<unsigned char>(text[to]) & 0xC0) == 0x80) --to;
  return text.substr(from, to > from ? to - from : 0);
}

// Byte offsets of the text's words, up to word number `last` (or the end).
// Found again for the few documents that get a snippet rather than kept for
// all (13 MB on MedQuAD): the words are those the index counted positions of.
std::vector<uint32_t> word_offsets(std::string_view text, uint32_t last) {
  std::vector<uint32_t> offsets;
  size_t pos = 0, begin = 0, end = 0;
  while (offsets.size() <= last && next_word(text, pos, begin, end)) offsets.push_back(static_cast<uint32_t>(begin));
  return offsets;
}

}  // namespace

std::string make_snippet(const SearchDocument& document, std::span<const uint32_t> hits) {
  std::string_view text = document.text;
  auto offsets = word_offsets(text, hits.empty() ? 0 : hits.back());
  while (!hits.empty() && hits.back() >= offsets.size()) hits = hits.first(hits.size() - 1);
  if (hits.empty()) return html_escape(shorten(collapse_whitespace(utf8_slice(text, 0, kSnippetChars * 2)), kSnippetChars));
  size_t best = 0, best_count = 0;
  for (size_t i = 0, j = 0; i < hits.size(); ++i) {
    j = std::max(j, i);
    while (j + 1 < hits.size() && offsets[hits[j + 1]] - offsets[hits[i]] < kSnippetChars - 40) ++j;
    if (j - i + 1 > best_count) {
      best_count = j - i + 1;
      best = i;
    }
  }
  // A little context before the first word, starting at a word.
  size_t first = offsets[hits[best]];
  size_t from = first;
  for (uint32_t w = hits[best]; w > 0 && first - offsets[w - 1] < 40; --w) from = offsets[w - 1];
  size_t to = from + kSnippetChars;
  std::string snippet = from > 0 ? "…" : "";
  size_t cursor = from;
  for (size_t h = best; h < hits.size() && offsets[hits[h]] < to; ++h) {
    size_t pos = offsets[hits[h]], begin = 0, end = 0;
    if (!next_word(text, pos, begin, end) || end > to) break;
    snippet += html_escape(text.substr(cursor, begin - cursor));
    snippet += "<mark>" + html_escape(text.substr(begin, end - begin)) + "</mark>";
    cursor = end;
  }
  snippet += html_escape(utf8_slice(text, cursor, to));
  if (to < text.size()) snippet += "…";
  return collapse_whitespace(snippet);
}

}  // namespace topichub
