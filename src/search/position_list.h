// How the index stores a term's positions in one document: the gaps
// between them (the first from 0) as LEB128 varints, most of one byte.
//
// Positions are read for the few dozen documents a query shows, but every
// position of every document is built, held and saved: as 4-byte values
// they took about 10 MB of MedQuAD's positions.bin (34 MB), as gaps about
// 2.5 (docs/decisions.md, "Search index layout").
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <span>

namespace topichub {

// The most bytes one position takes.
inline constexpr size_t kMaxPositionBytes = 5;

// Writes the gaps of `ascending` at `out`; returns the end of what it wrote.
// REQUIRES: room at `out` for kMaxPositionBytes per position. Positions out
// of order still decode as written, but each step back takes five bytes.
inline uint8_t* encode_positions(std::span<const uint32_t> ascending, uint8_t* out) {
  uint32_t previous = 0;
  for (uint32_t position : ascending) {
    uint32_t gap = position - previous;
    previous = position;
    while (gap >= 0x80) {
      *out++ = static_cast<uint8_t>(gap | 0x80);
      gap >>= 7;
    }
    *out++ = static_cast<uint8_t>(gap);
  }
  return out;
}

// The positions in `bytes`, decoded as they are read:
//   for (uint32_t position : PositionList(bytes)) ...
// Never reads outside `bytes`, whatever they hold (a damaged file gives
// wrong positions, not a crash).
class PositionList {
 public:
  struct End {};
  class Iterator {
   public:
    using value_type = uint32_t;
    using difference_type = std::ptrdiff_t;
    Iterator() = default;
    Iterator(const uint8_t* at, const uint8_t* end) : at_(at), end_(end) { decode(); }
    uint32_t operator*() const { return value_; }
    Iterator& operator++() {
      at_ = next_;
      decode();
      return *this;
    }
    Iterator operator++(int) {
      Iterator before = *this;
      ++*this;
      return before;
    }
    bool operator==(End) const { return at_ == end_; }

   private:
    void decode() {
      uint32_t gap = 0;
      next_ = at_;
      for (unsigned shift = 0; next_ != end_; shift += 7) {
        uint8_t byte = *next_++;
        if (shift < 32) gap |= static_cast<uint32_t>(byte & 0x7f) << shift;
        if (!(byte & 0x80)) break;
      }
      value_ += gap;
    }
    const uint8_t* at_ = nullptr;    // the current position's first byte
    const uint8_t* next_ = nullptr;  // the next one's
    const uint8_t* end_ = nullptr;
    uint32_t value_ = 0;
  };

  explicit PositionList(std::span<const uint8_t> bytes) : bytes_(bytes) {}
  Iterator begin() const { return {bytes_.data(), bytes_.data() + bytes_.size()}; }
  End end() const { return {}; }

 private:
  std::span<const uint8_t> bytes_;
};

}  // namespace topichub
