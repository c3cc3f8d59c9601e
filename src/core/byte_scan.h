// Finding the first byte of a text that belongs to a small set, 16 bytes at
// a time with SSE2 (byte by byte without): the escapers of HTML (core/text.cpp) and of JSON-LD
// (render/json_ld.cpp) pass every page's text through such a scan, and
// almost none of it needs escaping.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace topichub {

// Whether a ByteSet holds the control characters, bytes 0x00 to 0x1F.
enum class ControlBytes { excluded, included };

// A set of bytes to scan for: the `Listed` bytes, plus the control
// characters when `kControls` includes them. The table the byte-by-byte
// part reads and the compares of the 16-byte part are both made from this
// one list, so they cannot disagree.
template <ControlBytes kControls, char... Listed>
struct ByteSet {
  static constexpr std::array<bool, 256> kTable = [] {
    std::array<bool, 256> table{};
    if constexpr (kControls == ControlBytes::included) {
      for (int c = 0; c < 0x20; ++c) table[c] = true;
    }
    ((table[static_cast<unsigned char>(Listed)] = true), ...);
    return table;
  }();

  static constexpr bool contains(char c) { return kTable[static_cast<unsigned char>(c)]; }

#if defined(__SSE2__)
  // 0xFF at each byte of `chunk` in the set, 0 elsewhere.
  static __m128i hits(__m128i chunk) {
    __m128i found = _mm_setzero_si128();
    if constexpr (kControls == ControlBytes::included) {
      // Unsigned: a byte is a control character when min(byte, 0x1F) is itself.
      found = _mm_cmpeq_epi8(_mm_min_epu8(chunk, _mm_set1_epi8(0x1F)), chunk);
    }
    ((found = _mm_or_si128(found, _mm_cmpeq_epi8(chunk, _mm_set1_epi8(Listed)))), ...);
    return found;
  }
#endif
};

// The offset of the first byte at or after `from` in `Set` (a ByteSet), or
// text.size(). REQUIRES: from <= text.size().
template <typename Set>
size_t find_first_in(std::string_view text, size_t from) {
  size_t i = from;
#if defined(__SSE2__)
  for (; i + 16 <= text.size(); i += 16) {
    __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i));
    if (int mask = _mm_movemask_epi8(Set::hits(chunk)))
      return i + static_cast<size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
  }
  // The last bytes in one more test of the final 16, which overlaps bytes
  // already seen or before `from` (most escaped texts are short: a title, a
  // run of a body, the rest of a text after its last escape).
  if (i < text.size() && text.size() >= 16) {
    size_t last = text.size() - 16;
    __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + last));
    // Only bytes from i on count: those before were tested already, or come before `from`.
    unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(Set::hits(chunk))) >> (i - last);
    return mask ? i + static_cast<size_t>(__builtin_ctz(mask)) : text.size();
  }
#endif
  while (i < text.size() && !Set::contains(text[i])) ++i;
  return i;
}

}  // namespace topichub
