#include "search/index.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>
#include <memory>

#include "core/parallel.h"
#include "core/text.h"
#include "render/markdown_html.h"
#include "search/analyzer.h"

namespace topichub {
namespace {

// One document's terms, gathered in parallel so that the sequential merge
// touches each distinct term and word of a document once.
struct DocumentTerm {
  std::string term;
  std::array<uint16_t, kFieldCount> tf{};
  std::vector<uint32_t> positions;
};

struct AnalyzedDocument {
  std::vector<DocumentTerm> terms;
  struct Surface {
    std::string word, term;
    bool only_capitals;
  };
  std::vector<Surface> surfaces;  // distinct written words
  std::array<double, kFieldCount> lengths{};
};

AnalyzedDocument gather_terms(const std::array<std::vector<SearchToken>, kFieldCount>& fields) {
  AnalyzedDocument out;
  std::unordered_map<std::string_view, size_t> term_slot;
  std::unordered_map<std::string_view, size_t> surface_slot;
  for (size_t f = 0; f < kFieldCount; ++f) {
    const auto& tokens = fields[f];
    out.lengths[f] = static_cast<double>(tokens.size());
    for (uint32_t p = 0; p < tokens.size(); ++p) {
      const auto& token = tokens[p];
      auto [slot, added] = term_slot.emplace(token.term, out.terms.size());
      if (added) out.terms.push_back({token.term, {}, {}});
      auto& entry = out.terms[slot->second];
      if (entry.tf[f] < UINT16_MAX) ++entry.tf[f];
      entry.positions.push_back(static_cast<uint32_t>(f) * kFieldStride + std::min<uint32_t>(p, kFieldStride - 1));
      auto [surface, new_surface] = surface_slot.emplace(token.surface, out.surfaces.size());
      if (new_surface) out.surfaces.push_back({token.surface, token.term, token.capitals});
      else out.surfaces[surface->second].only_capitals = out.surfaces[surface->second].only_capitals && token.capitals;
    }
  }
  return out;
}

std::string joined_topic_names(const Site& site, const std::vector<size_t>& topics, bool with_synonyms) {
  std::string text;
  for (size_t topic : topics) {
    text += site.topics[topic].name + ". ";
    if (with_synonyms)
      for (const auto& synonym : site.topics[topic].synonyms) text += synonym + ". ";
  }
  return text;
}

}  // namespace

SearchIndex::SearchIndex(const Site& site)
    : site_(&site),
      options_(site.config.search),
      typos_(site.config.search.typo_min_length_one_edit, site.config.search.typo_min_length_two_edits) {}

SearchIndex SearchIndex::build(const Site& site, std::span<const ArticleLinks> links, std::string_view prefix) {
  SearchIndex index(site);
  std::string path_prefix(prefix);
  // Documents: articles first (doc id == article index), then topic hubs.
  for (size_t a = 0; a < site.articles.size(); ++a) {
    const auto& article = site.articles[a];
    SearchDocument doc;
    doc.source = a;
    doc.slug = article.slug;
    doc.title = article.title;
    doc.url = path_prefix + "articles/" + article.slug + "/";
    doc.summary = article.summary;
    doc.topics = article.topics;
    doc.intents = article.intents;
    index.documents_.push_back(std::move(doc));
  }
  for (size_t t = 0; t < site.topics.size(); ++t) {
    const auto& topic = site.topics[t];
    SearchDocument doc;
    doc.is_topic = true;
    doc.source = t;
    doc.slug = topic.slug;
    doc.title = topic.title;
    doc.url = path_prefix + "topics/" + topic.slug + "/";
    doc.summary = topic.definition.empty() ? "" : capitalize_first(topic.name) + ": " + topic.definition + ".";
    doc.topics = {t};
    index.documents_.push_back(std::move(doc));
  }

  // Analyse every document in parallel (one analyzer per worker).
  std::vector<AnalyzedDocument> analyzed(index.documents_.size());
  std::vector<std::unique_ptr<Analyzer>> analyzers(worker_count());
  for (auto& analyzer : analyzers) analyzer = std::make_unique<Analyzer>();
  parallel_for(index.documents_.size(), [&](unsigned worker, size_t d) {
    auto& doc = index.documents_[d];
    auto& analyzer = *analyzers[worker];
    std::array<std::string, kFieldCount> texts;
    if (doc.is_topic) {
      const auto& topic = site.topics[doc.source];
      texts = {topic.title, joined_topic_names(site, doc.topics, true), doc.summary, render_markdown(topic.body).plain_text};
    } else {
      const auto& article = site.articles[doc.source];
      texts = {article.title, joined_topic_names(site, doc.topics, false), article.summary,
               render_markdown(article.body).plain_text};
    }
    std::array<std::vector<SearchToken>, kFieldCount> fields;
    for (size_t f = 0; f < kFieldCount; ++f) {
      fields[f] = analyzer.analyze(texts[f]);
      doc.field_length[f] = static_cast<uint32_t>(fields[f].size());
    }
    analyzed[d] = gather_terms(fields);
    for (const auto& token : fields[kBodyField]) doc.body_offsets.push_back(token.begin);
    doc.text = std::move(texts[kBodyField]);
    if (doc.text.empty()) doc.text = doc.summary;
  });

  // Average field lengths first: every posting's impact depends on them.
  double count = std::max<double>(1.0, static_cast<double>(analyzed.size()));
  for (const auto& doc : analyzed)
    for (size_t f = 0; f < kFieldCount; ++f) index.average_field_length_[f] += doc.lengths[f];
  for (auto& total : index.average_field_length_) total = std::max(1.0, total / count);

  // Merge into postings, in document order so that postings are sorted.
  for (uint32_t d = 0; d < analyzed.size(); ++d) {
    auto& doc = analyzed[d];
    std::array<double, kFieldCount> factors;
    for (size_t f = 0; f < kFieldCount; ++f) {
      double norm = 1.0 - kFieldB[f] + kFieldB[f] * doc.lengths[f] / index.average_field_length_[f];
      factors[f] = kFieldWeight[f] / norm;
    }
    for (auto& entry : doc.terms) {
      auto [term_it, new_term] = index.term_ids_.emplace(std::move(entry.term), static_cast<uint32_t>(index.postings_.size()));
      if (new_term) index.postings_.emplace_back();
      double tf = 0;
      for (size_t f = 0; f < kFieldCount; ++f) tf += entry.tf[f] * factors[f];
      index.postings_[term_it->second].push_back(Posting{d, static_cast<float>(tf / (kBm25K1 + tf)),
                                                         static_cast<uint32_t>(index.positions_.size()),
                                                         static_cast<uint32_t>(entry.positions.size())});
      index.positions_.insert(index.positions_.end(), entry.positions.begin(), entry.positions.end());
    }
    for (auto& surface : doc.surfaces) {
      auto [surface_it, new_surface] =
          index.surface_ids_.emplace(surface.word, static_cast<uint32_t>(index.surface_words_.size()));
      if (new_surface) {
        index.surface_words_.push_back(std::move(surface.word));
        index.surface_info_.push_back({index.term_ids_.at(surface.term), 0, 1});
      }
      auto& info = index.surface_info_[surface_it->second];
      ++info.df;
      info.only_capitals = info.only_capitals && surface.only_capitals;
    }
    doc = AnalyzedDocument{};  // free as we go
  }
  for (auto& postings : index.postings_) postings.shrink_to_fit();
  index.positions_.shrink_to_fit();

  // Vocabulary for prefixes and typos: words, not numbers.
  index.surface_sorted_.resize(index.surface_words_.size());
  for (uint32_t i = 0; i < index.surface_sorted_.size(); ++i) index.surface_sorted_[i] = i;
  std::sort(index.surface_sorted_.begin(), index.surface_sorted_.end(),
            [&](uint32_t a, uint32_t b) { return index.surface_words_[a] < index.surface_words_[b]; });
  for (uint32_t i = 0; i < index.surface_words_.size(); ++i) {
    const auto& word = index.surface_words_[i];
    bool numeric = std::all_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!numeric && index.typos_.max_edits_for(word.size() + 2) > 0) index.typos_.add(word, i);
  }
  index.typos_.finish();

  // Topics: the matcher for queries, and each topic's documents by weight.
  index.matcher_ = std::make_unique<TopicMatcher>(site.topics);
  index.topic_documents_.resize(site.topics.size());
  for (uint32_t a = 0; a < links.size(); ++a)
    for (const auto& entry : links[a].topics)
      index.topic_documents_[entry.topic].push_back({a, static_cast<float>(entry.weight)});
  for (size_t t = 0; t < site.topics.size(); ++t)
    index.topic_documents_[t].push_back({static_cast<uint32_t>(site.articles.size() + t), 12.0f});
  index.derive_tables();
  return index;
}

void SearchIndex::derive_tables() {
  double n = static_cast<double>(documents_.size());
  term_idf_.resize(postings_.size());
  for (size_t t = 0; t < postings_.size(); ++t) {
    double df = static_cast<double>(postings_[t].size());
    term_idf_[t] = std::log(1.0 + (n - df + 0.5) / (df + 0.5));
  }
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
  Analyzer analyzer;
  topic_term_offsets_.assign(1, 0);
  topic_term_ids_.clear();
  for (const auto& topic : site_->topics) {
    size_t first = topic_term_ids_.size();
    auto add_terms_of = [&](std::string_view name) {
      for (const auto& token : analyzer.analyze(name)) {
        auto term = token.stop ? -1 : term_id(token.term);
        if (term >= 0 && std::find(topic_term_ids_.begin() + static_cast<long>(first), topic_term_ids_.end(), term) ==
                             topic_term_ids_.end())
          topic_term_ids_.push_back(static_cast<uint32_t>(term));
      }
    };
    add_terms_of(topic.name);
    for (const auto& synonym : topic.synonyms) add_terms_of(synonym);
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
