// reading-grade, long-sentence, jargon: health pages are for everyone, so
// they should read at about school grade 8, in sentences a reader can hold,
// and explain technical names in everyday words.
#include <algorithm>
#include <cstdio>

#include "check/readability.h"
#include "check/rules.h"
#include "core/text.h"

namespace topichub {
namespace {

// Shorter bodies have too few sentences for a grade to mean much.
constexpr size_t kMinWordsForGrade = 50;
constexpr size_t kLongSentenceWords = 30;
constexpr size_t kHardestShown = 3;
// Fragments (a stray heading written as a paragraph) are not worth quoting.
constexpr size_t kMinQuotedWords = 5;
// How close (bytes either side of the technical name) a plain name must be.
constexpr size_t kJargonWindow = 300;

struct Sentence {
  std::string_view text;  // into its ProseBlock
  size_t body_offset;
  TextCounts counts;
};

std::string quote_text(std::string_view text) { return "\"" + shorten(collapse_whitespace(text), 100) + "\""; }

std::string one_decimal(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f", value);
  return buffer;
}

std::vector<Topic> plain_name_entries(const Site& site) {
  std::vector<Topic> entries;
  for (const auto& topic : site.topics) {
    if (topic.plain_names.empty()) continue;
    Topic entry;
    entry.name = topic.plain_names.front();
    entry.synonyms.assign(topic.plain_names.begin() + 1, topic.plain_names.end());
    entries.push_back(std::move(entry));
  }
  return entries;
}

}  // namespace

JargonIndex::JargonIndex(const Site& site) : owner_of_(site.topics.size(), kNone), plain_names_(plain_name_entries(site)) {
  for (size_t t = 0; t < site.topics.size(); ++t) {
    if (site.topics[t].plain_names.empty()) continue;
    owner_of_[t] = topic_of_.size();
    topic_of_.push_back(t);
  }
}

bool JargonIndex::explained(size_t topic, std::string_view body, size_t begin, size_t end) const {
  size_t from = begin > kJargonWindow ? begin - kJargonWindow : 0;
  size_t to = std::min(body.size(), end + kJargonWindow);
  while (from > 0 && (static_cast<unsigned char>(body[from]) & 0xC0) == 0x80) --from;  // whole UTF-8 characters
  while (to < body.size() && (static_cast<unsigned char>(body[to]) & 0xC0) == 0x80) ++to;
  bool found = false;
  plain_names_.scan(body.substr(from, to - from), [&](const TopicMention& mention) {
    found = found || topic_of_[mention.topic] == topic;
  });
  return found;
}

void check_article_readability(const CheckContext& context, size_t article, const BodyLines& lines,
                               const BodyOutline& outline, Diagnostics& diagnostics) {
  const auto& a = context.site.articles[article];
  std::vector<Sentence> sentences;
  TextCounts total;
  for (const auto& block : outline.prose) {
    for (const auto& span : split_sentences(block.text)) {
      auto text = std::string_view(block.text).substr(span.begin, span.end - span.begin);
      auto counts = count_sentence(text);
      if (counts.words == 0) continue;
      total += counts;
      sentences.push_back({text, block.body_offset(span.begin), counts});
    }
  }
  for (const auto& sentence : sentences)
    if (sentence.counts.words > kLongSentenceWords)
      diagnostics.warning(a.file, lines.line(sentence.body_offset), "long-sentence",
                          "sentence of " + std::to_string(sentence.counts.words) + " words (keep to " +
                              std::to_string(kLongSentenceWords) + " or fewer): " + quote_text(sentence.text));

  int target = context.site.config.reading_grade;
  double grade = flesch_kincaid_grade(total);
  if (total.words < kMinWordsForGrade || grade <= target) return;
  diagnostics.warning(a.file, a.body_line, "reading-grade",
                      "reads at grade " + one_decimal(grade) + " (Flesch-Kincaid; target " + std::to_string(target) +
                          "): shorter sentences and everyday words help");
  auto grade_of = [](const Sentence& s) { return flesch_kincaid_grade(s.counts); };
  std::erase_if(sentences, [](const Sentence& s) { return s.counts.words < kMinQuotedWords; });
  std::stable_sort(sentences.begin(), sentences.end(),
                   [&](const Sentence& x, const Sentence& y) { return grade_of(x) > grade_of(y); });
  for (size_t i = 0; i < std::min(kHardestShown, sentences.size()); ++i)
    diagnostics.add({a.file, lines.line(sentences[i].body_offset), Severity::note, "reading-grade",
                     "hard sentence (grade " + one_decimal(grade_of(sentences[i])) + "): " + quote_text(sentences[i].text)});
}

void check_article_jargon(const CheckContext& context, const JargonIndex& jargon, size_t article,
                          const BodyLines& lines, Diagnostics& diagnostics) {
  const auto& a = context.site.articles[article];
  for (const auto& mention : context.links[article].first_mentions) {
    if (!jargon.is_technical(mention.topic) || jargon.explained(mention.topic, a.body, mention.begin, mention.end))
      continue;
    const auto& topic = context.site.topics[mention.topic];
    diagnostics.warning(a.file, lines.line(mention.begin), "jargon",
                        quote_text(a.body.substr(mention.begin, mention.end - mention.begin)) +
                            " is a technical term: say \"" + topic.plain_names.front() + "\" close to it");
  }
}

}  // namespace topichub
