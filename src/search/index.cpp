#include "search/index.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "core/text.h"
#include "search/analyzer.h"

// SearchIndex::build is in index_build.cpp.

namespace topichub {

SearchIndex::SearchIndex(const Site& site)
    : site_(&site),
      options_(site.config.search),
      typos_(site.config.search.typo_min_length_one_edit, site.config.search.typo_min_length_two_edits) {}

namespace {

// Synonyms longer than this are descriptions ("Clinical anophthalmia mild
// facial dysmorphism lung heart and diaphragm malformations"): their words,
// added to every query that names the topic, match unrelated documents.
constexpr size_t kMaxExpandedSynonymWords = 4;

}  // namespace

void SearchIndex::derive_tables() {
  derive_document_tables();
  derive_term_idf();
  derive_topic_terms();
}

void SearchIndex::derive_term_idf() {
  double n = static_cast<double>(documents_.size());
  term_idf_.resize(term_count());
  for (uint32_t t = 0; t < term_count(); ++t) {
    double df = static_cast<double>(postings(t).size());
    term_idf_[t] = std::log(1.0 + (n - df + 0.5) / (df + 0.5));
  }
}

void SearchIndex::derive_document_tables() {
  static_assert(std::size(kIntents) < 8);
  doc_flags_.assign(documents_.size(), 0);
  doc_topic_offsets_.assign(1, 0);
  doc_topic_ids_.clear();
  for (size_t d = 0; d < documents_.size(); ++d) {
    const auto& doc = documents_[d];
    for (size_t topic : doc.topics) doc_topic_ids_.push_back(static_cast<uint32_t>(topic));
    doc_topic_offsets_.push_back(static_cast<uint32_t>(doc_topic_ids_.size()));
    for (const auto& intent : doc.intents)
      for (size_t i = 0; i < std::size(kIntents); ++i)
        if (kIntents[i] == intent) doc_flags_[d] |= static_cast<uint8_t>(1u << i);
    if (doc.is_topic) doc_flags_[d] |= kTopicHubFlag;
  }
}

void SearchIndex::derive_topic_terms() {
  // Every word of a topic's names is in the index (its hub's topics field),
  // so its term is found through the written word, without stemming again:
  // analysing and stemming every name and synonym took 25 ms of a MedQuAD
  // build, on its one-thread path; this takes 11.
  Analyzer analyzer;
  std::string folded;
  auto content_terms = [&](std::string_view name, std::vector<uint32_t>& terms) {
    terms.clear();
    size_t content_words = 0;
    for_each_word(name, [&](size_t begin, size_t end) {
      folded.clear();
      fold_into(name.substr(begin, end - begin), folded);
      if (Analyzer::is_stop_word(folded)) return;
      ++content_words;
      auto surface = surface_id(folded);
      auto term = surface >= 0 ? static_cast<int64_t>(surface_info_[surface].term) : term_id(analyzer.stem(folded));
      if (term >= 0) terms.push_back(static_cast<uint32_t>(term));
    });
    return content_words;
  };
  topic_term_offsets_.assign(1, 0);
  topic_term_ids_.clear();
  std::vector<uint32_t> terms;
  for (const auto& topic : site_->topics) {
    size_t first = topic_term_ids_.size();
    auto add = [&] {
      for (uint32_t term : terms)
        if (std::find(topic_term_ids_.begin() + static_cast<long>(first), topic_term_ids_.end(), term) ==
            topic_term_ids_.end())
          topic_term_ids_.push_back(term);
    };
    content_terms(topic.name, terms);
    add();
    for (const auto& synonym : topic.synonyms)
      if (content_terms(synonym, terms) <= kMaxExpandedSynonymWords) add();
    topic_term_offsets_.push_back(static_cast<uint32_t>(topic_term_ids_.size()));
  }
}

int64_t SearchIndex::term_id(std::string_view term) const {
  auto it = term_ids_.find(term);
  return it == term_ids_.end() ? -1 : static_cast<int64_t>(it->second);
}

int64_t SearchIndex::surface_id(std::string_view word) const {
  auto it = surface_ids_.find(word);
  return it == surface_ids_.end() ? -1 : static_cast<int64_t>(it->second);
}

std::vector<uint32_t> SearchIndex::words_with_prefix(std::string_view prefix, size_t limit) const {
  auto first = std::lower_bound(surface_sorted_.begin(), surface_sorted_.end(), prefix,
                                [&](uint32_t id, std::string_view p) { return surface_words_[id] < p; });
  std::vector<uint32_t> found;
  for (auto it = first; it != surface_sorted_.end() && surface_words_[*it].starts_with(prefix); ++it)
    found.push_back(*it);
  std::sort(found.begin(), found.end(), [&](uint32_t a, uint32_t b) { return surface_info_[a].df > surface_info_[b].df; });
  if (found.size() > limit) found.resize(limit);
  return found;
}

}  // namespace topichub
