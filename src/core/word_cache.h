// WordCache: a small direct-mapped cache in front of a table of words.
//
// Linking and indexing look every word of every article up in a hash table
// of the words met so far. On MedQuAD a worker's table holds some 35,000
// written forms, whose entries are spread over megabytes: most look-ups wait
// on a cache miss, although the 1,000 most frequent words make 80% of the
// occurrences (10,000 make 97%). This cache keeps recently met short words
// and their values in 4,096 slots of 32-40 bytes (128-160 KiB), which stay in
// the core's own L2 cache; a word it misses is looked up in the table as
// before and put here (docs/decisions.md, "Recent words").
//
//   if (const auto* hit = cache.find(word)) return *hit;
//   Value value = slow_lookup(word);
//   cache.put(word, value);
//
// Exact: a word matches only itself (its bytes and length are the key, not a
// hash of them). Words longer than kMaxLength bytes are never cached.
// Not thread-safe: one per thread. Its slots are allocated by the first put.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

namespace topichub {

template <typename Value>
class WordCache {
 public:
  static constexpr size_t kMaxLength = 16;

  // The value put for `word`, or nullptr when the cache does not hold it.
  const Value* find(std::string_view word) const {
    if (word.empty() || word.size() > kMaxLength || slots_.empty()) return nullptr;
    Key key = key_of(word);
    const Slot& slot = slots_[slot_of(key)];
    return slot.key == key ? &slot.value : nullptr;
  }

  // Holds `value` for `word` (replacing whatever word shared its slot).
  // Does nothing for an empty word or one longer than kMaxLength.
  void put(std::string_view word, const Value& value) {
    if (word.empty() || word.size() > kMaxLength) return;
    if (slots_.empty()) slots_.resize(size_t{1} << kSlotBits);
    Key key = key_of(word);
    Slot& slot = slots_[slot_of(key)];
    slot.key = key;
    slot.value = value;
  }

 private:
  static constexpr size_t kSlotBits = 12;  // 4,096 slots

  // A word's bytes, little-endian, zero-padded, and its length: equal keys
  // mean equal words. Length 0 marks an empty slot.
  struct Key {
    uint64_t low = 0, high = 0;
    uint32_t length = 0;
    bool operator==(const Key&) const = default;
  };
  struct Slot {
    Key key;
    Value value{};
  };

  // The `n` bytes at `p` (n <= 8) as a little-endian number, without a call
  // to memcpy: two overlapping loads cover any length, and the bytes they
  // share land on the same bits (on a little-endian machine).
  static_assert(std::endian::native == std::endian::little);
  static uint64_t load(const char* p, size_t n) {
    if (n >= 4) {
      uint32_t first, last;
      std::memcpy(&first, p, 4);
      std::memcpy(&last, p + n - 4, 4);
      return first | (static_cast<uint64_t>(last) << (8 * (n - 4)));
    }
    if (n == 0) return 0;
    auto byte = [p](size_t i) { return static_cast<uint64_t>(static_cast<unsigned char>(p[i])); };
    return byte(0) | (byte(n / 2) << (8 * (n / 2))) | (byte(n - 1) << (8 * (n - 1)));
  }
  static Key key_of(std::string_view word) {
    Key key;
    key.length = static_cast<uint32_t>(word.size());
    if (word.size() <= 8) {
      key.low = load(word.data(), word.size());
    } else {
      std::memcpy(&key.low, word.data(), 8);
      key.high = load(word.data() + 8, word.size() - 8);
    }
    return key;
  }
  static size_t slot_of(const Key& key) {
    uint64_t mixed = key.low * 0x9E3779B97F4A7C15ull ^ (key.high + key.length) * 0xC2B2AE3D27D4EB4Full;
    return static_cast<size_t>(mixed >> (64 - kSlotBits));
  }

  std::vector<Slot> slots_;  // made by the first put: a cache never filled costs nothing
};

}  // namespace topichub
