#include "core/byte_scan.h"

#include <gtest/gtest.h>

#include <string>

namespace topichub {
namespace {

using Markup = ByteSet<ControlBytes::excluded, '&', '<', '>'>;
using JsonLike = ByteSet<ControlBytes::included, '"', '\\'>;

// What each set should hold, written apart from ByteSet.
bool in_markup(unsigned char c) { return c == '&' || c == '<' || c == '>'; }
bool in_json_like(unsigned char c) { return c < 0x20 || c == '"' || c == '\\'; }

// Every byte, standing alone at every offset of texts of every length up
// to 40 (across the 16-byte blocks, the overlapping last block and the
// byte-by-byte tail), is found exactly when it is in the set and at or
// after `from`.
template <typename Set>
void expect_each_byte_found_as_its_set_says(bool (*expected)(unsigned char)) {
  for (int byte = 0; byte < 256; ++byte) {
    char c = static_cast<char>(byte);
    char filler = expected('a') ? 'b' : 'a';
    ASSERT_FALSE(expected(static_cast<unsigned char>(filler)));
    for (size_t size = 1; size <= 40; ++size) {
      for (size_t at = 0; at < size; ++at) {
        std::string text(size, filler);
        text[at] = c;
        size_t found_at = expected(static_cast<unsigned char>(byte)) ? at : size;
        for (size_t from : {size_t{0}, at, at + 1}) {
          size_t want = from <= at ? found_at : size;
          ASSERT_EQ(find_first_in<Set>(text, from), want) << "byte " << byte << ", size " << size << ", at " << at
                                                          << ", from " << from;
        }
      }
    }
  }
}

TEST(ByteScan, FindsTheListedBytesAndNoOthers) { expect_each_byte_found_as_its_set_says<Markup>(in_markup); }

TEST(ByteScan, FindsControlBytesAndNotBytesFromDel) {
  // 0x7F and 0x80-0xFF are not control characters: a signed compare would
  // take 0x80-0xFF for negative, so below 0x20.
  expect_each_byte_found_as_its_set_says<JsonLike>(in_json_like);
}

// With two bytes of the set in a text, the first at or after `from` is
// found, in whichever part of the scan either falls: not a later one of the
// same 16 bytes, and not one before `from`.
TEST(ByteScan, FindsTheFirstHitAtOrAfterFrom) {
  for (size_t size = 2; size <= 40; ++size) {
    for (size_t earlier = 0; earlier + 1 < size; ++earlier) {
      for (size_t later = earlier + 1; later < size; ++later) {
        std::string text(size, 'x');
        text[earlier] = '<';
        text[later] = '&';
        for (size_t from = 0; from <= size; ++from) {
          size_t want = from <= earlier ? earlier : from <= later ? later : size;
          ASSERT_EQ(find_first_in<Markup>(text, from), want)
              << "size " << size << ", earlier " << earlier << ", later " << later << ", from " << from;
        }
      }
    }
  }
}

TEST(ByteScan, EmptyTextAndFromAtTheEnd) {
  EXPECT_EQ(find_first_in<Markup>("", 0), 0u);
  EXPECT_EQ(find_first_in<Markup>("<<<<<<<<<<<<<<<<<<<<", 20), 20u);
}

}  // namespace
}  // namespace topichub
