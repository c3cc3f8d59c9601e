// Finds mentions of topics (names and synonyms) in text in one pass.
//
// Text is split into words; each word is folded (case, accents) and reduced
// to a simple singular ("cramps" -> "cramp"). Names become paths in a trie of
// word ids, so matching costs O(words x longest name) whatever the number of
// topics. Leftmost-longest: "restless legs syndrome" wins over "legs".
// Names written as acronyms ("ALL", "RLS") match only in capitals.
#pragma once

#include <absl/container/flat_hash_map.h>

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/site.h"
#include "core/text.h"
#include "core/word_cache.h"

namespace topichub {

struct TopicMention {
  size_t topic;
  size_t begin;  // byte offsets into the scanned text
  size_t end;
};

class TopicMatcher {
 public:
  explicit TopicMatcher(const std::vector<Topic>& topics);

  // What one thread's scans remember: the id of every word as written
  // ("Cramps", "the"), so that a word met again is looked up once rather
  // than normalised and looked up (most words of a site recur), and the
  // space a scan works in. REQUIRES: used with one matcher only.
  class Scratch {
   public:
    Scratch() = default;

   private:
    friend class TopicMatcher;
    struct Word {
      size_t begin, end;
      int32_t id;  // of a word some name contains (no others are kept)
      bool capitals;
      bool joined;  // only spaces or dashes since the previous word: a name may continue
    };
    absl::flat_hash_map<std::string, int32_t, StringHash, std::equal_to<>> ids_by_written_;
    WordCache<int32_t> recent_;  // in front of ids_by_written_
    std::vector<Word> words_;
    std::string normalized_;
  };

  // Calls on_mention for each mention, in text order, not overlapping.
  void scan(std::string_view text, Scratch& scratch, const std::function<void(const TopicMention&)>& on_mention) const;
  void scan(std::string_view text, const std::function<void(const TopicMention&)>& on_mention) const {
    Scratch scratch;
    scan(text, scratch, on_mention);
  }

  // The normalised form of a single word (exposed for tests).
  static std::string normalize_word(std::string_view word);
  // The same, into `out` (reusing its buffer): scanning normalises every word
  // of every article.
  static void normalize_word(std::string_view word, std::string& out);

 private:
  struct Entry {
    size_t topic;
    bool acronym;  // match only when every matched word is in capitals
  };
  struct Node {
    std::vector<Entry> entries;  // names that end here
  };

  void add_name(std::string_view name, size_t topic);
  int32_t child(int32_t node, int32_t word) const;
  // The id of a word as written (-1: in no name).
  int32_t word_id(std::string_view written, Scratch& scratch) const;

  // Swiss tables, not std::unordered_map: every word of every article is
  // looked up, and a node-based map costs a cache miss per lookup (a third of
  // the link stage on MedQuAD; docs/decisions.md, "Hash maps").
  absl::flat_hash_map<std::string, int32_t> word_ids_;
  absl::flat_hash_map<uint64_t, int32_t> children_;  // (node << 32 | word) -> node
  // The root's children by word id (-1: no name starts with the word), in a
  // plain array: every known word of every article is a lookup at the root,
  // and few go deeper.
  std::vector<int32_t> root_children_;
  std::vector<Node> nodes_;
  // What a node's entries allow, beside nodes_ in a byte per node: the scan
  // asks it of every node it reaches, and reading the entries themselves
  // cost a cache miss each (a fifth of the scan's time on MedQuAD).
  enum NodeFlags : uint8_t { kEndsPlainName = 1, kEndsAcronym = 2 };
  std::vector<uint8_t> node_flags_;
  size_t longest_name_ = 0;
};

}  // namespace topichub
