#include "search/typos.h"

#include <algorithm>
#include <utility>
#include <unordered_set>

namespace topichub {

int edit_distance(std::string_view a, std::string_view b, int limit) {
  if (std::abs(static_cast<int>(a.size()) - static_cast<int>(b.size())) > limit) return limit + 1;
  std::vector<int> two_back(b.size() + 1), previous(b.size() + 1), current(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) previous[j] = static_cast<int>(j);
  for (size_t i = 1; i <= a.size(); ++i) {
    current[0] = static_cast<int>(i);
    int row_min = current[0];
    for (size_t j = 1; j <= b.size(); ++j) {
      int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        current[j] = std::min(current[j], two_back[j - 2] + 1);
      row_min = std::min(row_min, current[j]);
    }
    if (row_min > limit) return limit + 1;
    two_back.swap(previous);
    previous.swap(current);
  }
  return previous[b.size()];
}

int TypoIndex::max_edits_for(size_t length) const {
  if (static_cast<int>(length) >= min_two_) return 2;
  if (static_cast<int>(length) >= min_one_) return 1;
  return 0;
}

namespace {

// 32 bits: a collision only adds a candidate, which the edit distance then
// rejects, and the table is half the size of one with 64-bit hashes.
uint32_t hash_of(std::string_view text) { return static_cast<uint32_t>(std::hash<std::string_view>{}(text)); }

// Hashes of `word` and of every string `depth` or fewer deletions away, each
// once. Variants are built in buffers on the stack: no allocation per variant.
// REQUIRES: word.size() <= TypoIndex::kMaxWordLength.
void deletion_hashes(std::string_view word, int depth, std::vector<uint32_t>& out) {
  out.clear();
  out.push_back(hash_of(word));
  if (depth == 0) return;
  char once[TypoIndex::kMaxWordLength], twice[TypoIndex::kMaxWordLength];
  for (size_t i = 0; i < word.size(); ++i) {
    std::copy(word.begin(), word.begin() + static_cast<long>(i), once);
    std::copy(word.begin() + static_cast<long>(i) + 1, word.end(), once + i);
    std::string_view shorter(once, word.size() - 1);
    out.push_back(hash_of(shorter));
    if (depth < 2) continue;
    for (size_t j = i; j < shorter.size(); ++j) {  // j < i gives the same strings as deleting j first
      std::copy(shorter.begin(), shorter.begin() + static_cast<long>(j), twice);
      std::copy(shorter.begin() + static_cast<long>(j) + 1, shorter.end(), twice + j);
      out.push_back(hash_of(std::string_view(twice, shorter.size() - 1)));
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
}

}  // namespace

void TypoIndex::finish() {
  // A stable radix sort on the hash, 16 bits at a time, for the millions of
  // pairs of a large site: words are added in id order and each word's
  // hashes are distinct, so this is the order std::sort would give pairs.
  std::vector<std::pair<uint32_t, uint32_t>> sorted(by_deletion_.size());
  for (int shift : {0, 16}) {
    std::vector<size_t> start(1u << 16, 0);
    for (const auto& entry : by_deletion_) ++start[(entry.first >> shift) & 0xffff];
    size_t total = 0;
    for (auto& slot : start) total += std::exchange(slot, total);
    for (const auto& entry : by_deletion_) sorted[start[(entry.first >> shift) & 0xffff]++] = entry;
    by_deletion_.swap(sorted);
  }
  by_deletion_.shrink_to_fit();
}

void TypoIndex::add(std::string_view word, uint32_t id) {
  if (word.size() > kMaxWordLength) return;
  // A word can be reached by a query of the same length class; store enough
  // deletions for the largest distance a query near its length may use.
  std::vector<uint32_t> hashes;
  deletion_hashes(word, max_edits_for(word.size() + 2), hashes);
  for (uint32_t hash : hashes) by_deletion_.push_back({hash, id});
}

std::vector<TypoIndex::Match> TypoIndex::find(std::string_view word, const std::vector<std::string>& words) const {
  std::vector<Match> matches;
  int limit = max_edits_for(word.size());
  if (limit == 0 || word.size() > kMaxWordLength) return matches;
  std::vector<uint32_t> probes;
  deletion_hashes(word, limit, probes);
  std::unordered_set<uint32_t> seen;
  for (uint32_t hash : probes) {
    auto range = std::equal_range(by_deletion_.begin(), by_deletion_.end(), std::pair<uint32_t, uint32_t>{hash, 0},
                                  [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto it = range.first; it != range.second; ++it) {
      uint32_t id = it->second;
      if (!seen.insert(id).second || words[id] == word) continue;
      int distance = edit_distance(word, words[id], limit);
      if (distance <= limit) matches.push_back({id, distance});
    }
  }
  return matches;
}

}  // namespace topichub
