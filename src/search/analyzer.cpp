#include "search/analyzer.h"

#include <libstemmer.h>

#include <algorithm>
#include <array>
#include <stdexcept>

#include "core/text.h"

namespace topichub {
namespace {

// Short, common English function words, in lexical order (for a binary
// search). Kept in the index; ignored for scoring when a query has other
// words.
constexpr auto kStopWords = std::to_array<std::string_view>({
    "a",     "about", "an",   "and",  "are",   "as",   "at",    "be",   "by",    "can",  "could", "do",   "does",
    "for",   "from",  "get",  "had",  "has",   "have", "how",   "i",    "if",    "in",   "into",  "is",   "it",
    "its",   "me",    "my",   "no",   "not",   "of",   "on",    "or",   "should", "so",  "than",  "that", "the",
    "their", "them",  "then", "there", "these", "they", "this", "to",   "was",   "we",   "were",  "what", "when",
    "where", "which", "who",  "why",  "will",  "with", "would", "you",  "your",  "yours"});
static_assert(std::ranges::is_sorted(kStopWords));

bool is_number(std::string_view word) {
  return !word.empty() && std::all_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

void Analyzer::StemmerDeleter::operator()(sb_stemmer* stemmer) const { sb_stemmer_delete(stemmer); }

Analyzer::Analyzer() : stemmer_(sb_stemmer_new("english", "UTF_8")) {
  if (!stemmer_) throw std::runtime_error("libstemmer has no English stemmer");
}

Analyzer::~Analyzer() = default;

bool Analyzer::is_stop_word(std::string_view word) {
  // Sorted: six comparisons rather than up to 62.
  return std::binary_search(kStopWords.begin(), kStopWords.end(), word);
}

std::string Analyzer::stem(std::string_view word) {
  if (word.size() <= 2 || is_number(word)) return std::string(word);
  // Possessives: "parkinson's" -> "parkinson".
  for (std::string_view suffix : {"'s", "\xE2\x80\x99s"})
    if (word.ends_with(suffix)) word.remove_suffix(suffix.size());
  const sb_symbol* stemmed = sb_stemmer_stem(stemmer_.get(), reinterpret_cast<const sb_symbol*>(word.data()),
                                             static_cast<int>(word.size()));
  if (!stemmed) return std::string(word);
  return std::string(reinterpret_cast<const char*>(stemmed), static_cast<size_t>(sb_stemmer_length(stemmer_.get())));
}

std::vector<SearchToken> Analyzer::analyze(std::string_view text) {
  std::vector<SearchToken> tokens;
  for_each_word(text, [&](size_t begin, size_t end) {
    SearchToken token;
    token.surface = fold(text.substr(begin, end - begin));
    token.term = stem(token.surface);
    token.begin = static_cast<uint32_t>(begin);
    token.end = static_cast<uint32_t>(end);
    token.stop = is_stop_word(token.surface);
    token.numeric = is_number(token.surface);
    token.capitals = is_acronym(text.substr(begin, end - begin));
    tokens.push_back(std::move(token));
  });
  return tokens;
}

}  // namespace topichub
