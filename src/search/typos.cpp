#include "search/typos.h"

#include <algorithm>
#include <array>
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

// Every word of a site's vocabulary has its deletion neighbourhood hashed
// (1.3 million variants on MedQuAD), so variants are hashed without being
// built. With a polynomial hash h(w) = sum of w[k] * B^k (mod 2^32; B odd, so
// it has an inverse), deleting w[i] gives P(i) + (h - P(i+1)) / B, where P(i)
// is the hash of the first i characters; deleting w[i] and w[j] (i < j) gives
// P(i) + (P(j) - P(i+1)) / B + (h - P(j+1)) / B^2. Each is then mixed (the
// finaliser of MurmurHash3) to spread its bits. TypoIndex::add fell from
// 2.1% to 1.3% of a MedQuAD build's samples (perf) against std::hash of each
// variant built in a buffer.
// 32 bits: a collision only adds a candidate, which the edit distance then
// rejects, and the table is half the size of one with 64-bit hashes.
constexpr uint32_t kBase = 0x9E3779B1u;
constexpr uint32_t inverse_of(uint32_t odd) {
  uint32_t x = odd;  // Newton's iteration: each step doubles the correct low bits
  for (int i = 0; i < 5; ++i) x *= 2u - odd * x;
  return x;
}
constexpr uint32_t kBaseInverse = inverse_of(kBase);
static_assert(kBase * kBaseInverse == 1u);

uint32_t mixed(uint32_t h) {
  h ^= h >> 16;
  h *= 0x85EBCA6Bu;
  h ^= h >> 13;
  h *= 0xC2B2AE35u;
  h ^= h >> 16;
  return h;
}

// Calls out(hash) for `word` and every string `depth` or fewer deletions
// away; a string reached by two deletions passes twice ("coffee").
// REQUIRES: word.size() <= TypoIndex::kMaxWordLength.
template <typename Out>
void for_each_deletion_hash(std::string_view word, int depth, Out&& out) {
  std::array<uint32_t, TypoIndex::kMaxWordLength + 1> prefix{};  // prefix[i]: hash of word[0, i)
  uint32_t power = 1;
  for (size_t k = 0; k < word.size(); ++k) {
    prefix[k + 1] = prefix[k] + static_cast<unsigned char>(word[k]) * power;
    power *= kBase;
  }
  uint32_t whole = prefix[word.size()];
  constexpr uint32_t kBaseInverseSquared = kBaseInverse * kBaseInverse;
  out(mixed(whole));
  if (depth == 0) return;
  for (size_t i = 0; i < word.size(); ++i) {
    out(mixed(prefix[i] + (whole - prefix[i + 1]) * kBaseInverse));
    if (depth < 2) continue;
    for (size_t j = i + 1; j < word.size(); ++j)
      out(mixed(prefix[i] + (prefix[j] - prefix[i + 1]) * kBaseInverse + (whole - prefix[j + 1]) * kBaseInverseSquared));
  }
}

// The same hashes, each once.
void deletion_hashes(std::string_view word, int depth, std::vector<uint32_t>& out) {
  out.clear();
  for_each_deletion_hash(word, depth, [&out](uint32_t hash) { out.push_back(hash); });
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
}

}  // namespace

void TypoIndex::finish() {
  // A stable radix sort on the hash, 11 bits at a time (a pass's counters fit
  // in the core's cache: 17 ms against 19 with 16-bit passes, on MedQuAD's
  // 1.3 million pairs), for the millions of pairs of a large site: words are
  // added in id order, so this is the order std::sort would give pairs. A
  // word's repeated hashes ("coffee" less either "f") end up side by side,
  // and go.
  constexpr int kBits = 11;
  constexpr uint32_t kMask = (1u << kBits) - 1;
  std::vector<std::pair<uint32_t, uint32_t>> sorted(by_deletion_.size());
  for (int shift = 0; shift < 32; shift += kBits) {
    std::array<size_t, 1u << kBits> start{};
    for (const auto& entry : by_deletion_) ++start[(entry.first >> shift) & kMask];
    size_t total = 0;
    for (auto& slot : start) total += std::exchange(slot, total);
    for (const auto& entry : by_deletion_) sorted[start[(entry.first >> shift) & kMask]++] = entry;
    by_deletion_.swap(sorted);
  }
  // Not shrunk to fit: that would copy the whole table into a fresh block to
  // give back the room of the repeats.
  by_deletion_.erase(std::unique(by_deletion_.begin(), by_deletion_.end()), by_deletion_.end());
}

size_t TypoIndex::entries_for(std::string_view word) const {
  if (word.size() > kMaxWordLength) return 0;
  size_t n = word.size();
  switch (max_edits_for(n + 2)) {
    case 0: return 1;
    case 1: return 1 + n;
    default: return 1 + n + n * (n - 1) / 2;
  }
}

void TypoIndex::add(std::string_view word, uint32_t id) {
  if (word.size() > kMaxWordLength) return;
  // A word can be reached by a query of the same length class; store enough
  // deletions for the largest distance a query near its length may use.
  for_each_deletion_hash(word, max_edits_for(word.size() + 2), [&](uint32_t hash) { by_deletion_.push_back({hash, id}); });
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
