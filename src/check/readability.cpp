#include "check/readability.h"

#include <algorithm>
#include <array>
#include <string>

#include "core/text.h"

namespace topichub {
namespace {

bool is_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y'; }
bool is_consonant(char c) { return c >= 'a' && c <= 'z' && !is_vowel(c); }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Words whose trailing '.' does not end a sentence, lower-cased, inner dots kept.
constexpr std::array<std::string_view, 18> kAbbreviations = {
    "e.g", "i.e", "vs", "dr", "mr", "mrs", "ms", "prof", "st", "fig", "approx", "cf", "jr", "sr", "u.s", "u.k",
    "a.m", "p.m"};

// Closing marks that may follow the stop of a sentence: ) ] " ' and the
// curly quotes ” ’ (UTF-8 E2 80 9D, E2 80 99).
size_t closing_mark_length(std::string_view text, size_t at) {
  char c = text[at];
  if (c == ')' || c == ']' || c == '"' || c == '\'') return 1;
  if (text.substr(at).starts_with("\xE2\x80\x9D") || text.substr(at).starts_with("\xE2\x80\x99")) return 3;
  return 0;
}

bool is_upper_ascii(char c) { return c >= 'A' && c <= 'Z'; }

// True when the '.' at `stop` closes an abbreviation or an initial rather
// than a sentence. `next` is the first character after the following spaces.
bool abbreviation_before(std::string_view text, size_t stop, char next) {
  size_t begin = stop;
  while (begin > 0) {
    char c = text[begin - 1];
    bool part = (c >= 'a' && c <= 'z') || is_upper_ascii(c) || c == '.';
    if (!part) break;
    --begin;
  }
  auto word = text.substr(begin, stop - begin);
  if (word.size() == 1 && is_upper_ascii(word[0])) return true;  // an initial: "J. Smith"
  std::string lower;
  for (char c : word) lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  for (auto abbreviation : kAbbreviations)
    if (lower == abbreviation) return true;
  // "etc." and "et al." end a sentence only when a capital follows.
  if (lower == "etc" || lower == "al") return !is_upper_ascii(next);
  return false;
}

}  // namespace

int count_syllables(std::string_view word) {
  // Lower-case ASCII letters in a fixed buffer: this runs once per word of
  // every article, so it must not allocate. Longer words are cut; their
  // first 64 letters are syllables enough.
  char buffer[64];
  size_t size = 0;
  bool letters = false;
  for (char c : word) {
    if (c == '\'') break;  // "doctor's", "don't": the ending adds no syllable worth counting
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c >= 'a' && c <= 'z') {
      if (size < sizeof buffer) buffer[size++] = c;
      letters = true;
    } else if (static_cast<unsigned char>(c) >= 0x80) {
      letters = true;  // accented letters: counted by the ASCII ones around them
    }
  }
  if (!letters || size <= 3) return 1;
  std::string_view w(buffer, size);

  int extra = 0;
  auto ends = [&](std::string_view suffix) { return w.size() > suffix.size() + 1 && w.ends_with(suffix); };
  // A consonant + "le(s)" is a syllable of its own ("ta-ble", "mus-cles").
  if ((ends("le") && is_consonant(w[w.size() - 3])) || (ends("les") && is_consonant(w[w.size() - 4]))) {
    w.remove_suffix(w.back() == 's' ? 3 : 2);
    ++extra;
  } else if (ends("es") && !(ends("ses") || ends("xes") || ends("zes") || ends("ces") || ends("ges") ||
                             ends("ches") || ends("shes"))) {
    w.remove_suffix(2);  // "makes", "times": silent
  } else if (ends("ed") && !(ends("ted") || ends("ded"))) {
    w.remove_suffix(2);  // "stretched", "caused": silent
  } else if (ends("e") && !ends("ee")) {
    w.remove_suffix(1);  // "make", "cause": silent
  }

  int groups = 0;
  bool in_group = false;
  for (size_t i = 0; i < w.size(); ++i) {
    bool vowel = is_vowel(w[i]) && !(w[i] == 'y' && i == 0);
    if (vowel && !in_group) ++groups;
    in_group = vowel;
  }
  // Vowel pairs that are usually said as two syllables: "cal-ci-um",
  // "ac-tu-al", "bi-ol-o-gy". Not "-tion", "-cial", "qua-", "lan-guage".
  for (size_t i = 0; i + 1 < w.size(); ++i) {
    char a = w[i], b = w[i + 1];
    char before = i > 0 ? w[i - 1] : ' ';
    bool soft = before == 'c' || before == 't' || before == 's' || before == 'g';
    if (a == 'i' && b == 'u') ++extra;
    else if (a == 'i' && (b == 'a' || b == 'o') && !soft) ++extra;
    else if (a == 'u' && (b == 'a' || b == 'o') && before != 'q' && before != 'g') ++extra;
  }
  return std::max(1, groups + extra);
}

std::vector<SentenceSpan> split_sentences(std::string_view text) {
  std::vector<SentenceSpan> sentences;
  size_t start = 0;
  auto add = [&](size_t end) {
    while (start < end && is_space(text[start])) ++start;
    size_t stop = end;
    while (stop > start && is_space(text[stop - 1])) --stop;
    if (stop > start) sentences.push_back({start, stop});
    start = end;
  };
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c != '.' && c != '!' && c != '?') continue;
    size_t end = i + 1;
    while (end < text.size() && (text[end] == '.' || text[end] == '!' || text[end] == '?')) ++end;
    while (end < text.size()) {
      size_t mark = closing_mark_length(text, end);
      if (mark == 0) break;
      end += mark;
    }
    if (end < text.size() && !is_space(text[end])) continue;  // "2.5", "e.g.x", "www.nhs.uk"
    size_t next = end;
    while (next < text.size() && is_space(text[next])) ++next;
    char following = next < text.size() ? text[next] : 'A';
    if (c == '.' && end == i + 1 && abbreviation_before(text, i, following)) continue;
    add(end);
    i = end - 1;
  }
  add(text.size());
  return sentences;
}

TextCounts& TextCounts::operator+=(const TextCounts& other) {
  words += other.words;
  sentences += other.sentences;
  syllables += other.syllables;
  return *this;
}

TextCounts count_sentence(std::string_view sentence) {
  TextCounts counts;
  for_each_word(sentence, [&](size_t begin, size_t end) {
    ++counts.words;
    counts.syllables += static_cast<size_t>(count_syllables(sentence.substr(begin, end - begin)));
  });
  if (counts.words > 0) counts.sentences = 1;
  return counts;
}

double flesch_kincaid_grade(const TextCounts& counts) {
  if (counts.words == 0 || counts.sentences == 0) return 0.0;
  double words = static_cast<double>(counts.words);
  return 0.39 * words / static_cast<double>(counts.sentences) +
         11.8 * static_cast<double>(counts.syllables) / words - 15.59;
}

}  // namespace topichub
