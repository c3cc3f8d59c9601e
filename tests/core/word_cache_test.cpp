#include "core/word_cache.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <unordered_map>
#include <vector>

namespace topichub {
namespace {

TEST(WordCache, FindsWhatWasPutAndNothingElse) {
  WordCache<int> cache;
  EXPECT_EQ(cache.find("cramp"), nullptr);
  cache.put("cramp", 7);
  ASSERT_NE(cache.find("cramp"), nullptr);
  EXPECT_EQ(*cache.find("cramp"), 7);
  EXPECT_EQ(cache.find("cramps"), nullptr);
  EXPECT_EQ(cache.find("Cramp"), nullptr);
  cache.put("cramp", 8);
  EXPECT_EQ(*cache.find("cramp"), 8);
}

// A key is the word's bytes and its length: a word and the same word with
// a zero byte more are different words.
TEST(WordCache, WordsThatDifferOnlyInLengthOrAZeroByteAreDifferent) {
  WordCache<int> cache;
  const std::vector<std::string> words = {"a", std::string("a\0", 2), std::string("a\0\0\0", 4),
                                          "abcdefgh", std::string("abcdefgh\0", 9), "abcdefghijklmnop"};
  for (size_t i = 0; i < words.size(); ++i) cache.put(words[i], static_cast<int>(i));
  for (size_t i = 0; i < words.size(); ++i) {
    if (const int* hit = cache.find(words[i])) {
      EXPECT_EQ(*hit, static_cast<int>(i)) << i;
    }
  }
  EXPECT_EQ(cache.find(std::string("a\0\0", 3)), nullptr);
}

TEST(WordCache, EmptyAndLongWordsAreNeverCached) {
  WordCache<int> cache;
  cache.put("", 1);
  EXPECT_EQ(cache.find(""), nullptr);
  std::string longest(WordCache<int>::kMaxLength, 'x');
  cache.put(longest, 2);
  ASSERT_NE(cache.find(longest), nullptr);
  cache.put(longest + "x", 3);
  EXPECT_EQ(cache.find(longest + "x"), nullptr);
  EXPECT_EQ(*cache.find(longest), 2);
}

// Random words of every length up to past the limit, with random bytes
// (zeros included), put with random values: a find gives either nothing or
// the last value put for that very word, never another word's.
TEST(WordCache, NeverAnswersWithAnotherWordsValue) {
  std::mt19937 random(42);
  std::vector<std::string> words;
  std::uniform_int_distribution<int> length(0, 20), byte(0, 255), small_byte(0, 2);
  for (int i = 0; i < 20000; ++i) {
    std::string word(static_cast<size_t>(length(random)), '\0');
    // Few distinct bytes: many words share prefixes, suffixes and lengths.
    for (auto& c : word) c = static_cast<char>(i % 2 ? byte(random) : 'a' + small_byte(random));
    words.push_back(word);
  }
  WordCache<int> cache;
  std::unordered_map<std::string, int> last_put;
  std::uniform_int_distribution<size_t> pick(0, words.size() - 1);
  size_t hits = 0;
  for (int round = 0; round < 200000; ++round) {
    const auto& word = words[pick(random)];
    if (round % 3 == 0) {
      cache.put(word, round);
      last_put[word] = round;
      continue;
    }
    const int* hit = cache.find(word);
    if (!hit) continue;
    ++hits;
    ASSERT_FALSE(word.empty());
    ASSERT_LE(word.size(), WordCache<int>::kMaxLength);
    auto it = last_put.find(word);
    ASSERT_NE(it, last_put.end()) << "a word never put was found";
    ASSERT_EQ(*hit, it->second);
  }
  EXPECT_GT(hits, 1000u);  // the test exercised hits, not only misses
}

}  // namespace
}  // namespace topichub
