// Readability of English prose: syllables, sentences and the Flesch–Kincaid
// grade level. Pure functions over plain text (no Markdown), unit-tested.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace topichub {

// Syllables in one English word, by spelling rules (vowel groups, silent
// endings, a few two-vowel splits such as "-ium"). Right for most everyday
// words, off by one for some; never less than 1 for a word with letters.
// Words without letters ("2012") count as one syllable.
int count_syllables(std::string_view word);

struct SentenceSpan {
  size_t begin = 0;  // byte offsets into the text, without surrounding spaces
  size_t end = 0;
};

// Splits text into sentences at '.', '!' or '?' (with any closing quotes or
// brackets) followed by a space or the end. Abbreviations ("e.g.", "Dr."),
// initials ("J. Smith") and decimals ("2.5") do not end a sentence. Text
// without a final stop is one sentence.
std::vector<SentenceSpan> split_sentences(std::string_view text);

struct TextCounts {
  size_t words = 0;
  size_t sentences = 0;
  size_t syllables = 0;

  TextCounts& operator+=(const TextCounts& other);
};

// Words and syllables of `sentence`, counted as one sentence (none when it
// has no words).
TextCounts count_sentence(std::string_view sentence);

// 0.39 × words per sentence + 11.8 × syllables per word − 15.59; 0 when empty.
double flesch_kincaid_grade(const TextCounts& counts);

}  // namespace topichub
