// Near-miss words for typo tolerance. Every vocabulary word is stored under
// each of its one- and two-character deletions (SymSpell's idea), so finding
// candidates within an edit distance costs a few hash look-ups instead of a
// scan of the vocabulary; candidates are then confirmed with a true
// (Damerau) edit distance.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace topichub {

// Optimal-string-alignment distance (insert, delete, substitute, transpose),
// over bytes of folded text. Stops early once above `limit`.
int edit_distance(std::string_view a, std::string_view b, int limit);

class TypoIndex {
 public:
  // Longer words are neither indexed nor corrected: the deletion
  // neighbourhood grows with the square of the length, and no real word a
  // reader types is this long.
  static constexpr size_t kMaxWordLength = 32;

  // `max_edits_for(length)`: 0, 1 or 2 edits allowed for a word of that length.
  TypoIndex(int min_length_one_edit, int min_length_two_edits)
      : min_one_(min_length_one_edit), min_two_(min_length_two_edits) {}

  // REQUIRES: ids in increasing order (finish() keeps each hash's words in it).
  void add(std::string_view word, uint32_t id);
  // How many entries add(word) makes, for reserving them all at once (the
  // table outgrew its memory some twenty times on MedQuAD, each time a fresh
  // block to fault in and copy).
  size_t entries_for(std::string_view word) const;
  void reserve(size_t entries) { by_deletion_.reserve(entries); }
  size_t entry_count() const { return by_deletion_.size(); }
  // REQUIRES: called once after the last add() and before find().
  void finish();
  int max_edits_for(size_t length) const;

  struct Match {
    uint32_t id;
    int distance;
  };
  // Words within the allowed distance of `word` (never `word` itself).
  std::vector<Match> find(std::string_view word, const std::vector<std::string>& words) const;

 private:
  friend class SearchIndexFile;

  int min_one_, min_two_;
  // (hash of a deletion variant, word id), sorted by hash. Hash collisions
  // only add candidates, which the edit distance then rejects.
  std::vector<std::pair<uint32_t, uint32_t>> by_deletion_;
};

}  // namespace topichub
