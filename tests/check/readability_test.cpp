#include "check/readability.h"

#include <gtest/gtest.h>

#include <string>

namespace topichub {
namespace {

TEST(Readability, CountsSyllablesOfEverydayAndMedicalWords) {
  struct Case {
    const char* word;
    int syllables;
  };
  for (auto [word, syllables] : std::initializer_list<Case>{
           {"cat", 1},        {"cramps", 1},      {"night", 1},        {"stretched", 1},   {"makes", 1},
           {"doctor", 2},     {"table", 2},       {"muscle", 2},       {"muscles", 2},     {"wanted", 2},
           {"boxes", 2},      {"people", 2},      {"syllable", 3},     {"medicine", 3},    {"evidence", 3},
           {"calcium", 3},    {"thrombosis", 3},  {"hydration", 3},    {"dementia", 3},    {"actual", 3},
           {"usually", 4},    {"magnesium", 4},   {"potassium", 4},    {"hypertension", 4}, {"recommended", 4},
           {"readability", 5}, {"Doctor's", 2},   {"CRAMPS", 1},       {"2012", 1}}) {
    EXPECT_EQ(count_syllables(word), syllables) << word;
  }
}

TEST(Readability, EveryWordHasAtLeastOneSyllable) {
  for (const char* word : {"a", "I", "rhythm", "DVT", "x", "é"}) EXPECT_GE(count_syllables(word), 1) << word;
}

std::vector<std::string> sentences_of(std::string_view text) {
  std::vector<std::string> out;
  for (const auto& span : split_sentences(text)) out.emplace_back(text.substr(span.begin, span.end - span.begin));
  return out;
}

TEST(Readability, SplitsSentencesAtStops) {
  EXPECT_EQ(sentences_of("It hurts. Stretch it!  Does it help? Yes"),
            (std::vector<std::string>{"It hurts.", "Stretch it!", "Does it help?", "Yes"}));
  EXPECT_EQ(sentences_of("He said \"stop.\" Then he left."),
            (std::vector<std::string>{"He said \"stop.\"", "Then he left."}));
  EXPECT_EQ(sentences_of("Wait... then go."), (std::vector<std::string>{"Wait...", "then go."}));
  EXPECT_TRUE(sentences_of("   ").empty());
}

TEST(Readability, AbbreviationsInitialsAndDecimalsDoNotEndSentences) {
  EXPECT_EQ(sentences_of("Take 2.5 mg, e.g. with food. Dr. Lee agrees."),
            (std::vector<std::string>{"Take 2.5 mg, e.g. with food.", "Dr. Lee agrees."}));
  EXPECT_EQ(sentences_of("A study by J. Smith et al. found it. Salt, water etc. help."),
            (std::vector<std::string>{"A study by J. Smith et al. found it.", "Salt, water etc. help."}));
  EXPECT_EQ(sentences_of("See www.nhs.uk for more."), (std::vector<std::string>{"See www.nhs.uk for more."}));
  EXPECT_EQ(sentences_of("Salt, water etc. Then rest."), (std::vector<std::string>{"Salt, water etc.", "Then rest."}));
}

TEST(Readability, SentenceSpansPointIntoTheText) {
  std::string_view text = "  One. Two.";
  auto spans = split_sentences(text);
  ASSERT_EQ(spans.size(), 2u);
  EXPECT_EQ(spans[0].begin, 2u);
  EXPECT_EQ(spans[1].begin, 7u);
  EXPECT_EQ(spans[1].end, text.size());
}

TEST(Readability, CountsWordsAndSyllablesOfASentence) {
  auto counts = count_sentence("The muscle's cramp, in 2012, hurt.");
  EXPECT_EQ(counts.words, 6u);  // The, muscle's, cramp, in, 2012, hurt
  EXPECT_EQ(counts.syllables, 7u);
  EXPECT_EQ(counts.sentences, 1u);
  EXPECT_EQ(count_sentence(" -- ").sentences, 0u);
}

TEST(Readability, FleschKincaidGradeFollowsTheFormula) {
  TextCounts counts{100, 5, 150};
  EXPECT_NEAR(flesch_kincaid_grade(counts), 0.39 * 20 + 11.8 * 1.5 - 15.59, 1e-9);
  EXPECT_EQ(flesch_kincaid_grade(TextCounts{}), 0.0);
  counts += TextCounts{100, 5, 150};
  EXPECT_EQ(counts.words, 200u);
  EXPECT_NEAR(flesch_kincaid_grade(counts), 0.39 * 20 + 11.8 * 1.5 - 15.59, 1e-9);
}

TEST(Readability, PlainTextGradesLowerThanTechnicalText) {
  auto grade = [](std::string_view text) {
    TextCounts total;
    for (const auto& span : split_sentences(text)) total += count_sentence(text.substr(span.begin, span.end - span.begin));
    return flesch_kincaid_grade(total);
  };
  double plain = grade("Your calf goes hard. It hurts a lot. Pull your toes up. Rub the calf. It will pass.");
  double technical = grade(
      "Nocturnal musculoskeletal contractions frequently necessitate comprehensive evaluation. "
      "Pharmacological interventions demonstrate considerable heterogeneity.");
  EXPECT_LT(plain, 3.0);
  EXPECT_GT(technical, 16.0);
}

}  // namespace
}  // namespace topichub
