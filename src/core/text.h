// Text helpers shared by all stages: UTF-8 checks, Unicode folding, word
// boundaries, escaping for HTML/XML, slugs.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace topichub {

// Hash for unordered maps keyed by std::string that are looked up with
// string_views, without building a std::string per lookup:
//   std::unordered_map<std::string, T, StringHash, std::equal_to<>>
struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view text) const;
};

// Byte offset of the first invalid UTF-8 sequence, or npos when valid.
size_t find_invalid_utf8(std::string_view text);

// Replaces invalid UTF-8 sequences with U+FFFD so later stages can trust the text.
std::string repair_utf8(std::string_view text);

// Case-folds, strips accents and applies compatibility normalisation (NFKC),
// so that "Café", "CAFE" and "café" compare equal. ASCII takes a fast path.
std::string fold(std::string_view text);
// The same, into `out` (its buffer reused).
void fold_into(std::string_view text, std::string& out);

// Finds the next word at or after `pos`: a run of letters and digits, with
// apostrophes allowed between letters ("Parkinson's"). Offsets are bytes.
// Returns false at the end of the text; advances `pos` past the word.
bool next_word(std::string_view text, size_t& pos, size_t& begin, size_t& end);

// Calls on_word(begin, end) for each word (see next_word).
template <typename OnWord>
void for_each_word(std::string_view text, OnWord&& on_word) {
  size_t pos = 0, begin = 0, end = 0;
  while (next_word(text, pos, begin, end)) on_word(begin, end);
}

// True when the word has at least two letters and no lower-case letter ("RLS", "PKD").
bool is_acronym(std::string_view word);

// Percent-encodes everything but unreserved characters (RFC 3986), for query strings.
std::string url_encode(std::string_view text);

std::string html_escape(std::string_view text);  // & < > " '
void append_html_escaped(std::string& out, std::string_view text);  // the same, appended to `out`
inline std::string xml_escape(std::string_view text) { return html_escape(text); }

// "Leg cramps: at Night!" -> "leg-cramps-at-night". Accents are folded; other
// characters that are not ASCII letters or digits become single dashes.
std::string slugify(std::string_view text);

// A slug is safe in a URL path and a file name: [a-z0-9_-], not starting with '-'.
bool is_valid_slug(std::string_view slug);

std::string_view trim(std::string_view text);
std::string collapse_whitespace(std::string_view text);

// Shortens at a word boundary and adds an ellipsis when longer than max_chars.
std::string shorten(std::string_view text, size_t max_chars);

// 1-based line number of a byte offset.
int line_at(std::string_view text, size_t offset);

std::string capitalize_first(std::string_view text);

size_t count_words(std::string_view text);

}  // namespace topichub
