#include "core/text.h"

#include "core/byte_scan.h"

#define XXH_INLINE_ALL
#include <xxhash.h>

#include <utf8proc.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <array>
#include <cstdlib>
#include <memory>

namespace topichub {

size_t StringHash::operator()(std::string_view text) const { return XXH3_64bits(text.data(), text.size()); }

namespace {

// What next_word makes of an ASCII byte without decoding: part of a word,
// a gap between words, or something to decode (a byte of a longer UTF-8
// sequence, or an apostrophe, which may be inside a word).
enum ByteKind : uint8_t { kGapByte, kWordByte, kDecodeByte };
constexpr std::array<ByteKind, 256> kByteKinds = [] {
  std::array<ByteKind, 256> kinds{};
  for (int c = 0; c < 256; ++c) {
    bool word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    kinds[c] = c >= 0x80 || c == '\'' ? kDecodeByte : word ? kWordByte : kGapByte;
  }
  return kinds;
}();

ByteKind kind_of(char byte) { return kByteKinds[static_cast<unsigned char>(byte)]; }

// The first offset at or after `pos` whose byte is not a word byte
// (kWordByte: an ASCII letter or digit), or text.size(). Every word of every
// article is split out at least twice (to link and to index), so with SSE2
// it tests 16 bytes at once.
size_t word_bytes_end(std::string_view text, size_t pos) {
#if defined(__SSE2__)
  // Signed compares: bytes from 0x80 on are negative, so never in a range.
  auto not_word = [](__m128i chunk) {
    const __m128i case_bit = _mm_set1_epi8(0x20);
    __m128i lower = _mm_or_si128(chunk, case_bit);  // 'A'-'Z' -> 'a'-'z'
    __m128i letter = _mm_and_si128(_mm_cmpgt_epi8(lower, _mm_set1_epi8('a' - 1)),
                                   _mm_cmplt_epi8(lower, _mm_set1_epi8('z' + 1)));
    __m128i digit = _mm_and_si128(_mm_cmpgt_epi8(chunk, _mm_set1_epi8('0' - 1)),
                                  _mm_cmplt_epi8(chunk, _mm_set1_epi8('9' + 1)));
    return ~static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(letter, digit))) & 0xffffu;
  };
  size_t from = pos;
  for (; pos + 16 <= text.size(); pos += 16) {
    unsigned mask = not_word(_mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + pos)));
    if (mask) return pos + static_cast<size_t>(__builtin_ctz(mask));
  }
  // The last bytes in one test of the final 16, overlapping bytes already
  // seen to be word bytes.
  if (pos < text.size() && text.size() - from >= 16) {
    size_t last = text.size() - 16;
    unsigned mask = not_word(_mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + last))) >> (pos - last);
    return mask ? pos + static_cast<size_t>(__builtin_ctz(mask)) : text.size();
  }
#endif
  while (pos < text.size() && kind_of(text[pos]) == kWordByte) ++pos;
  return pos;
}

// Length of the run of ASCII bytes at the start of `text`.
size_t ascii_prefix(std::string_view text) {
  size_t i = 0;
#if defined(__SSE2__)
  for (; i + 16 <= text.size(); i += 16) {
    auto block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i));
    if (int high = _mm_movemask_epi8(block); high != 0)
      return i + static_cast<size_t>(__builtin_ctz(static_cast<unsigned>(high)));
  }
#endif
  while (i < text.size() && static_cast<unsigned char>(text[i]) < 0x80) ++i;
  return i;
}

bool is_word_codepoint(utf8proc_int32_t cp) {
  if (cp < 0x80) return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
  switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
      return true;
    default:
      return false;
  }
}

bool is_apostrophe(utf8proc_int32_t cp) { return cp == '\'' || cp == 0x2019; }

// Decodes one code point at offset; invalid bytes decode as -1 with length 1.
utf8proc_ssize_t decode(std::string_view text, size_t offset, utf8proc_int32_t& cp) {
  if (static_cast<unsigned char>(text[offset]) < 0x80) {
    cp = static_cast<unsigned char>(text[offset]);
    return 1;
  }
  auto length = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data() + offset),
                                 static_cast<utf8proc_ssize_t>(text.size() - offset), &cp);
  if (length < 1) {
    cp = -1;
    return 1;
  }
  return length;
}

}  // namespace

size_t find_invalid_utf8(std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    i += ascii_prefix(text.substr(i));  // valid whatever follows
    if (i == text.size()) break;
    utf8proc_int32_t cp;
    auto length = decode(text, i, cp);
    if (cp < 0) return i;
    i += static_cast<size_t>(length);
  }
  return std::string_view::npos;
}

std::string repair_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    utf8proc_int32_t cp;
    auto length = decode(text, i, cp);
    if (cp < 0) out += "\xEF\xBF\xBD";
    else out.append(text.substr(i, static_cast<size_t>(length)));
    i += static_cast<size_t>(length);
  }
  return out;
}

std::string fold(std::string_view text) {
  std::string out;
  fold_into(text, out);
  return out;
}

void fold_into(std::string_view text, std::string& out) {
  if (ascii_prefix(text) == text.size()) {
    out.resize(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
      char c = text[i];
      out[i] = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    }
    return;
  }
  utf8proc_uint8_t* mapped = nullptr;
  auto options = static_cast<utf8proc_option_t>(UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD |
                                                UTF8PROC_STRIPMARK | UTF8PROC_IGNORE);
  auto length = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                             static_cast<utf8proc_ssize_t>(text.size()), &mapped, options);
  if (length < 0) {
    fold_into(repair_utf8(text), out);
    return;
  }
  std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owner(mapped, &std::free);
  out.assign(reinterpret_cast<const char*>(mapped), static_cast<size_t>(length));
}

bool next_word(std::string_view text, size_t& pos, size_t& begin, size_t& end) {
  size_t start = std::string_view::npos;
  while (pos < text.size()) {
    // ASCII fast path: most text is plain ASCII, and most of a word's bytes
    // are letters.
    auto kind = kind_of(text[pos]);
    if (kind == kWordByte) {
      if (start == std::string_view::npos) start = pos;
      pos = word_bytes_end(text, pos + 1);
      continue;
    }
    if (kind == kGapByte) {
      if (start != std::string_view::npos) {
        begin = start;
        end = pos++;
        return true;
      }
      ++pos;
      continue;
    }
    utf8proc_int32_t cp;
    auto length = static_cast<size_t>(decode(text, pos, cp));
    if (cp >= 0 && is_word_codepoint(cp)) {
      if (start == std::string_view::npos) start = pos;
    } else if (start != std::string_view::npos && cp >= 0 && is_apostrophe(cp) && pos + length < text.size()) {
      utf8proc_int32_t next;
      decode(text, pos + length, next);
      if (!(next >= 0 && is_word_codepoint(next))) {
        begin = start;
        end = pos;
        pos += length;
        return true;
      }
    } else if (start != std::string_view::npos) {
      begin = start;
      end = pos;
      pos += length;
      return true;
    }
    pos += length;
  }
  if (start != std::string_view::npos) {
    begin = start;
    end = text.size();
    return true;
  }
  return false;
}

bool is_acronym(std::string_view word) {
  int letters = 0;
  for (char c : word) {
    if (c >= 'a' && c <= 'z') return false;
    if (c >= 'A' && c <= 'Z') ++letters;
  }
  return letters >= 2;
}

std::string url_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    bool unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                      c == '_' || c == '.' || c == '~';
    if (unreserved) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

namespace {

using HtmlSpecial = ByteSet<ControlBytes::excluded, '&', '<', '>', '"', '\''>;

// The offset of the first character HTML escapes at or after `from`, or
// text.size(). Every page's text goes through here (4.8% of a MedQuAD
// build's samples one byte at a time), so with SSE2 it tests 16 bytes at once.
size_t find_html_special(std::string_view text, size_t from) { return find_first_in<HtmlSpecial>(text, from); }

}  // namespace

void append_html_escaped(std::string& out, std::string_view text) {
  // Most text has nothing to escape: copy runs between special characters.
  size_t start = 0;
  for (size_t i = find_html_special(text, 0); i < text.size(); i = find_html_special(text, start)) {
    out.append(text.data() + start, i - start);
    switch (text[i]) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += "&#39;"; break;
    }
    start = i + 1;
  }
  out.append(text.data() + start, text.size() - start);
}

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 16);
  append_html_escaped(out, text);
  return out;
}

std::string slugify(std::string_view text) {
  std::string folded = fold(text);
  std::string slug;
  bool dash = false;
  for (char c : folded) {
    bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    if (keep) {
      if (dash && !slug.empty()) slug += '-';
      slug += c;
      dash = false;
    } else {
      dash = true;
    }
  }
  return slug;
}

bool is_valid_slug(std::string_view slug) {
  if (slug.empty() || slug.size() > 200 || slug.front() == '-') return false;
  for (char c : slug) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

std::string_view trim(std::string_view text) {
  const char* space = " \t\r\n";
  auto begin = text.find_first_not_of(space);
  if (begin == std::string_view::npos) return {};
  auto end = text.find_last_not_of(space);
  return text.substr(begin, end - begin + 1);
}

std::string collapse_whitespace(std::string_view text) {
  std::string out;
  bool space = false;
  for (char c : trim(text)) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = true;
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

std::string shorten(std::string_view text, size_t max_chars) {
  if (text.size() <= max_chars) return std::string(text);
  auto cut = text.substr(0, max_chars);
  auto space = cut.rfind(' ');
  if (space != std::string_view::npos && space > max_chars / 2) cut = cut.substr(0, space);
  // Never cut inside a UTF-8 sequence.
  while (!cut.empty() && (static_cast<unsigned char>(cut.back()) & 0xC0) == 0x80) cut.remove_suffix(1);
  if (!cut.empty() && static_cast<unsigned char>(cut.back()) >= 0xC0) cut.remove_suffix(1);
  std::string out(trim(cut));
  while (!out.empty() && (out.back() == ',' || out.back() == ';' || out.back() == ':')) out.pop_back();
  return out + "…";
}

int line_at(std::string_view text, size_t offset) {
  int line = 1;
  for (size_t i = 0; i < offset && i < text.size(); ++i)
    if (text[i] == '\n') ++line;
  return line;
}

std::string capitalize_first(std::string_view text) {
  std::string out(text);
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 'a' + 'A');
  return out;
}

size_t count_words(std::string_view text) {
  // A word starts at each byte that is not a space and follows one (or the
  // start): counted 16 bytes at a time from bit masks.
  size_t words = 0, i = 0;
  bool after_space = true;
#if defined(__SSE2__)
  for (; i + 16 <= text.size(); i += 16) {
    auto block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i));
    auto is = [&block](char c) { return _mm_cmpeq_epi8(block, _mm_set1_epi8(c)); };
    auto spaces = _mm_or_si128(_mm_or_si128(is(' '), is('\n')), _mm_or_si128(is('\t'), is('\r')));
    auto space = static_cast<unsigned>(_mm_movemask_epi8(spaces));
    unsigned follows_space = (space << 1 | (after_space ? 1u : 0u)) & 0xFFFFu;
    words += static_cast<size_t>(__builtin_popcount(~space & follows_space & 0xFFFFu));
    after_space = (space >> 15) & 1u;
  }
#endif
  for (; i < text.size(); ++i) {
    char c = text[i];
    bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    if (!space && after_space) ++words;
    after_space = space;
  }
  return words;
}

}  // namespace topichub
