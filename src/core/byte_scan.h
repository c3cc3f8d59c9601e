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

// A set of bytes, as a table for the byte-by-byte part of a scan.
using ByteSet = std::array<bool, 256>;

#if defined(__SSE2__)
// The offset of the first byte at or after `from` in `set`, or text.size().
// `hits(chunk)` marks the bytes of a 16-byte chunk that are in `set` (0xFF)
// and must agree with it.
template <typename Hits>
size_t find_first_in(std::string_view text, size_t from, const ByteSet& set, Hits&& hits) {
  size_t i = from;
  for (; i + 16 <= text.size(); i += 16) {
    __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i));
    if (int mask = _mm_movemask_epi8(hits(chunk))) return i + static_cast<size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
  }
  // The last bytes in one more test of the final 16, which overlaps bytes
  // already seen (most escaped texts are short: a title, a run of a body).
  if (i < text.size() && text.size() - from >= 16) {
    size_t last = text.size() - 16;
    __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + last));
    // Only bytes from i on count: those before were tested already.
    unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(hits(chunk))) >> (i - last);
    return mask ? i + static_cast<size_t>(__builtin_ctz(mask)) : text.size();
  }
  while (i < text.size() && !set[static_cast<unsigned char>(text[i])]) ++i;
  return i;
}
#else
template <typename Hits>
size_t find_first_in(std::string_view text, size_t from, const ByteSet& set, Hits&&) {
  size_t i = from;
  while (i < text.size() && !set[static_cast<unsigned char>(text[i])]) ++i;
  return i;
}
#endif

}  // namespace topichub
