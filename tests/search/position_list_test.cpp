// How positions are stored (src/search/position_list.h): gaps as varints,
// read back as they were, and never read past their bytes.
#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <vector>

#include "search/position_list.h"

namespace topichub {
namespace {

std::vector<uint8_t> encoded(const std::vector<uint32_t>& positions) {
  std::vector<uint8_t> bytes(kMaxPositionBytes * positions.size());
  bytes.resize(static_cast<size_t>(encode_positions(positions, bytes.data()) - bytes.data()));
  return bytes;
}

std::vector<uint32_t> decoded(const std::vector<uint8_t>& bytes) {
  std::vector<uint32_t> positions;
  for (uint32_t position : PositionList(bytes)) positions.push_back(position);
  return positions;
}

TEST(PositionList, GivesBackWhatWasEncodedAtEveryWidthOfGap) {
  // Gaps at the edges of every varint width, each alone and all in one list
  // (its positions are their running sums), repeats (a position repeats
  // where a field's words run past kFieldStride) and the largest value.
  const std::vector<uint32_t> gaps = {0, 1, 127, 128, 16'383, 16'384, 2'097'151, 2'097'152, 268'435'455, 268'435'456};
  std::vector<uint32_t> sums;
  uint32_t sum = 0;
  for (uint32_t gap : gaps) {
    EXPECT_EQ(decoded(encoded({gap})), std::vector<uint32_t>{gap});
    EXPECT_EQ(decoded(encoded({5, 5 + gap})), (std::vector<uint32_t>{5, 5 + gap}));
    sums.push_back(sum += gap);
  }
  EXPECT_EQ(decoded(encoded(sums)), sums);
  EXPECT_EQ(decoded(encoded({0, 0, UINT32_MAX - 1, UINT32_MAX})), (std::vector<uint32_t>{0, 0, UINT32_MAX - 1, UINT32_MAX}));
  EXPECT_TRUE(decoded({}).empty());
  // Out of order, the gaps wrap around and still decode as written.
  EXPECT_EQ(decoded(encoded({10, 3, 400'000, 0})), (std::vector<uint32_t>{10, 3, 400'000, 0}));

  std::mt19937 random(7);
  for (int round = 0; round < 200; ++round) {
    std::vector<uint32_t> ascending;
    uint32_t at = random() % 1000;
    auto length = random() % 60;
    for (size_t i = 0; i < length; ++i) {
      ascending.push_back(at);
      auto width = random() % 20;
      at += random() % (1u << width);
    }
    ASSERT_EQ(decoded(encoded(ascending)), ascending) << "round " << round;
  }
}

TEST(PositionList, SmallGapsTakeOneByteEach) {
  // Body words of one term a few dozen words apart: a byte each, not four.
  std::vector<uint32_t> positions = {300'010, 300'040, 300'041, 300'120, 300'200};
  EXPECT_EQ(encoded(positions).size(), 3u + 4u);  // 300,010 takes three bytes
}

TEST(PositionList, DamagedBytesStopAtTheirEnd) {
  // Every byte says "more follows": the list ends where its bytes do. Run
  // under AddressSanitizer, a read past the vector's end would fail it.
  std::vector<uint8_t> runaway(7, 0xff);
  auto positions = decoded(runaway);
  EXPECT_EQ(positions.size(), 1u);
  std::vector<uint8_t> cut = encoded({5, 300'000});
  cut.pop_back();
  EXPECT_EQ(decoded(cut).size(), 2u);
  EXPECT_EQ(decoded(cut).front(), 5u);
}

}  // namespace
}  // namespace topichub
