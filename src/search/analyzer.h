// Text to search terms. Words are folded (case, accents, compatibility forms)
// and stemmed with Snowball's English stemmer, so "Cramps", "cramping" and
// "cramp" meet. Stop words are kept in the index (with positions) so that
// phrases such as "vitamin a" survive; queries decide how much they count.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

struct sb_stemmer;

namespace topichub {

struct SearchToken {
  std::string surface;  // folded word as written: "cramps"
  std::string term;     // stem: "cramp"
  uint32_t begin = 0;   // byte offsets in the analysed text
  uint32_t end = 0;
  bool stop = false;
  bool numeric = false;
  bool capitals = false;  // written as an acronym ("RLS")
};

// Not thread-safe (the stemmer keeps state): one Analyzer per thread.
class Analyzer {
 public:
  Analyzer();
  ~Analyzer();
  Analyzer(const Analyzer&) = delete;
  Analyzer& operator=(const Analyzer&) = delete;

  std::vector<SearchToken> analyze(std::string_view text);
  // Stem of one already-folded word.
  std::string stem(std::string_view folded_word);

  static bool is_stop_word(std::string_view folded_word);

 private:
  struct StemmerDeleter {
    void operator()(sb_stemmer* stemmer) const;
  };
  std::unique_ptr<sb_stemmer, StemmerDeleter> stemmer_;
};

}  // namespace topichub
