#include <algorithm>

#include "baseline_engine.h"
#include "search/analyzer.h"

namespace topichub::bench {
namespace {

bool is_word_byte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

}  // namespace

std::vector<std::string> query_words(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  for (size_t i = 0; i <= text.size(); ++i) {
    unsigned char c = i < text.size() ? static_cast<unsigned char>(text[i]) : ' ';
    if (is_word_byte(c)) {
      word += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  bool has_content = std::any_of(words.begin(), words.end(), [](const auto& w) { return !Analyzer::is_stop_word(w); });
  if (has_content)
    words.erase(std::remove_if(words.begin(), words.end(), [](const auto& w) { return Analyzer::is_stop_word(w); }),
                words.end());
  return words;
}

}  // namespace topichub::bench
