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
  // Gaps of every varint width and their edges, repeats (a position can
  // repeat where a field's words run past kFieldStride) and the largest value.
  std::vector<uint32_t> positions = {0, 0, 1, 127, 128, 255, 16'383, 16'384, 16'384, 300'000, 2'097'151,
                                     2'097'152, 268'435'455, 268'435'456, UINT32_MAX - 1, UINT32_MAX};
  EXPECT_EQ(decoded(encoded(positions)), positions);
  EXPECT_TRUE(decoded({}).empty());

  std::mt19937 random(7);
  for (int round = 0; round < 200; ++round) {
    std::vector<uint32_t> ascending;
    uint32_t at = random() % 1000;
    for (int i = 0; i < static_cast<int>(random() % 60); ++i) {
      ascending.push_back(at);
      at += random() % (1u << (random() % 20));
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
