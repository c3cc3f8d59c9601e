#include "core/text.h"

#include <gtest/gtest.h>

#include <cctype>
#include <utility>
#include <vector>

namespace topichub {
namespace {

std::vector<std::string> words_of(std::string_view text) {
  std::vector<std::string> words;
  for_each_word(text, [&](size_t b, size_t e) { words.emplace_back(text.substr(b, e - b)); });
  return words;
}

TEST(Text, FoldsCaseAndAccents) {
  EXPECT_EQ(fold("Café"), "cafe");
  EXPECT_EQ(fold("CAFÉ"), "cafe");
  EXPECT_EQ(fold("Ménière's"), "meniere's");
  EXPECT_EQ(fold("Leg Cramps"), "leg cramps");
}

TEST(Text, SplitsWordsKeepingInnerApostrophes) {
  EXPECT_EQ(words_of("Parkinson's disease, (RLS)!"), (std::vector<std::string>{"Parkinson's", "disease", "RLS"}));
  EXPECT_EQ(words_of("Willis–Ekbom"), (std::vector<std::string>{"Willis", "Ekbom"}));
  EXPECT_EQ(words_of("naïve café 2024"), (std::vector<std::string>{"naïve", "café", "2024"}));
  EXPECT_EQ(words_of("cramps'"), (std::vector<std::string>{"cramps"}));
}

// Words in ASCII text without apostrophes are runs of letters and digits;
// next_word tests 16 bytes at a time, so words end at every offset of a
// block here, and texts are cut at every length around a block.
TEST(Text, SplitsAsciiWordsAtEveryOffset) {
  auto reference = [](std::string_view text) {
    std::vector<std::string> words;
    std::string word;
    for (char c : text) {
      if (std::isalnum(static_cast<unsigned char>(c))) {
        word += c;
      } else if (!word.empty()) {
        words.push_back(std::exchange(word, {}));
      }
    }
    if (!word.empty()) words.push_back(word);
    return words;
  };
  const std::string_view alphabet = "aqzAQZ059 .,-(@[`{/:";
  uint32_t state = 12345;
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    size_t length = round % 70;
    for (size_t i = 0; i < length; ++i) {
      state = state * 1664525u + 1013904223u;
      // Mostly letters, so that words run across block edges.
      size_t pick = (state >> 16) % 100;
      text += pick < 80 ? alphabet[pick % 9] : alphabet[9 + pick % (alphabet.size() - 9)];
    }
    ASSERT_EQ(words_of(text), reference(text)) << "\"" << text << "\"";
  }
  std::string letters(40, 'a');
  for (size_t at = 0; at < letters.size(); ++at) {
    std::string text = letters;
    text[at] = ' ';
    EXPECT_EQ(words_of(text), reference(text)) << at;
  }
}

TEST(Text, DetectsAcronyms) {
  EXPECT_TRUE(is_acronym("ALL"));
  EXPECT_TRUE(is_acronym("PKD"));
  EXPECT_FALSE(is_acronym("All"));
  EXPECT_FALSE(is_acronym("A"));
}

TEST(Text, FindsAndRepairsInvalidUtf8) {
  EXPECT_EQ(find_invalid_utf8("fine ü"), std::string_view::npos);
  EXPECT_EQ(find_invalid_utf8("ab\xFF" "cd"), 2u);
  EXPECT_EQ(find_invalid_utf8("\xC3"), 0u);                 // truncated sequence
  EXPECT_EQ(find_invalid_utf8("\xED\xA0\x80"), 0u);         // surrogate
  EXPECT_EQ(find_invalid_utf8("\xC0\xAF"), 0u);             // overlong
  EXPECT_EQ(repair_utf8("a\xFF" "b"), "a\xEF\xBF\xBD" "b");
}

TEST(Text, Slugs) {
  EXPECT_EQ(slugify("Leg cramps: at Night!"), "leg-cramps-at-night");
  EXPECT_EQ(slugify("Ménière disease"), "meniere-disease");
  EXPECT_EQ(slugify("my article"), "my-article");
  EXPECT_TRUE(is_valid_slug("leg-cramps_2"));
  EXPECT_FALSE(is_valid_slug("../etc"));
  EXPECT_FALSE(is_valid_slug("a b"));
  EXPECT_FALSE(is_valid_slug(""));
}

TEST(Text, EscapesHtml) {
  EXPECT_EQ(html_escape("<a href=\"x\">'&'</a>"), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
}

TEST(Text, FindsInvalidUtf8AndFoldsAtEveryOffsetOfLongText) {
  // The ASCII fast paths go 16 bytes at a time: a non-ASCII byte at each
  // offset around the block edges.
  for (size_t length : {15u, 16u, 17u, 31u, 32u, 33u}) {
    for (size_t at = 0; at < length; ++at) {
      std::string text(length, 'A');
      text[at] = '\xFF';
      EXPECT_EQ(find_invalid_utf8(text), at) << length << " " << at;
      std::string accented(length, 'A');
      accented.replace(at, 1, "\xC3\x89");  // É
      EXPECT_EQ(find_invalid_utf8(accented), std::string_view::npos);
      EXPECT_EQ(fold(accented), std::string(at, 'a') + "e" + std::string(length - at - 1, 'a')) << length << " " << at;
      EXPECT_EQ(fold(text.replace(at, 1, "Q")), std::string(at, 'a') + "q" + std::string(length - at - 1, 'a'));
    }
  }
}

TEST(Text, CountsWordsAtEveryOffsetOfLongText) {
  auto reference = [](std::string_view text) {
    size_t words = 0;
    bool in_word = false;
    for (char c : text) {
      bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
      if (!space && !in_word) ++words;
      in_word = !space;
    }
    return words;
  };
  std::string_view pieces[] = {"a", "bb", " ", "\n", "\t\r", "ccc ", "  ", "é", "word."};
  for (unsigned seed = 0; seed < 200; ++seed) {
    std::string text;
    for (unsigned i = 0, r = seed; i < seed % 40; ++i, r = r * 1103515245u + 12345u) text += pieces[(r >> 16) % 9];
    ASSERT_EQ(count_words(text), reference(text)) << "\"" << text << "\"";
  }
  EXPECT_EQ(count_words(""), 0u);
  EXPECT_EQ(count_words(std::string(40, ' ') + "one" + std::string(13, ' ') + "two"), 2u);
}

// Long text is scanned 16 bytes at a time: a special character anywhere in
// a block, at its edges, or in the tail after the last whole block, and
// bytes above 0x7F (UTF-8) beside it.
TEST(Text, EscapesHtmlAtEveryOffsetOfLongText) {
  auto reference = [](std::string_view text) {
    std::string out;
    for (char c : text) {
      switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        default: out += c;
      }
    }
    return out;
  };
  for (size_t length : {15u, 16u, 17u, 31u, 32u, 33u, 50u}) {
    for (size_t at = 0; at < length; ++at) {
      for (char special : std::string_view("&<>\"'")) {
        std::string text(length, 'a');
        text[at] = special;
        if (at + 2 < length) text.replace(at + 1, 2, "\xC3\xA9");  // é after it
        std::string out = "kept:";
        append_html_escaped(out, text);
        ASSERT_EQ(out, "kept:" + reference(text)) << "length " << length << " at " << at;
      }
    }
    std::string two(length, '<');
    EXPECT_EQ(html_escape(two), reference(two));
  }
  // Every other byte is kept as it is, in the 16-byte part and after it.
  std::string every_byte;
  for (int c = 1; c < 256; ++c) every_byte += static_cast<char>(c);
  EXPECT_EQ(html_escape(every_byte), reference(every_byte));
  EXPECT_EQ(html_escape(every_byte.substr(250)), reference(every_byte.substr(250)));
}

TEST(Text, ShortensAtWordBoundaryWithoutBreakingUtf8) {
  EXPECT_EQ(shorten("short", 10), "short");
  EXPECT_EQ(shorten("one two three four five", 12), "one two…");
  auto cut = shorten("ééééééééééééééé", 7);
  EXPECT_EQ(find_invalid_utf8(cut), std::string_view::npos);
}

}  // namespace
}  // namespace topichub
