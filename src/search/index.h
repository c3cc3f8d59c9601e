// The search index: documents (articles and topic hubs) with four fields,
// postings with per-field term counts and positions, the vocabulary of
// written words (for typos and prefixes), and each topic's articles with
// their weights (for synonym-driven boosts).
#pragma once

#include <absl/container/flat_hash_map.h>

#include <array>
#include <memory>
#include <optional>
#include <stop_token>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/body_texts.h"
#include "core/fill_later_vector.h"
#include "core/site.h"
#include "core/text.h"
#include "link/linker.h"
#include "link/topic_matcher.h"
#include "search/position_list.h"
#include "search/typos.h"

namespace topichub {

enum SearchField : uint8_t { kTitleField = 0, kTopicsField = 1, kSummaryField = 2, kBodyField = 3 };
inline constexpr size_t kFieldCount = 4;
// A word's position is field * kFieldStride + its index in the field, so that
// a phrase never spans two fields.
inline constexpr uint32_t kFieldStride = 100'000;

// BM25F: titles and topic names count more than the body. Folded into each
// posting's impact when the index is built.
inline constexpr double kBm25K1 = 1.2;
inline constexpr std::array<double, kFieldCount> kFieldWeight = {3.0, 2.5, 1.5, 1.0};
inline constexpr std::array<double, kFieldCount> kFieldB = {0.5, 0.3, 0.6, 0.75};

struct SearchDocument {
  bool is_topic = false;
  size_t source = 0;  // index into Site::articles or Site::topics
  std::string slug, title, url, summary;
  std::string text;  // plain text for snippets
  std::vector<size_t> topics;  // explicit topics (articles) or the topic itself
  std::vector<std::string> intents;
};

// Scoring reads every posting of a query's terms; positions are read for a
// few dozen documents only, so they sit in a table of their own and a
// posting is 8 bytes.
struct Posting {
  uint32_t doc;
  // The query-independent part of the term's BM25F score in `doc`:
  // tf / (k1 + tf), tf summed over fields with weights and length norms.
  float impact;
};

struct SurfaceWord {
  uint32_t term;  // the term its stem maps to
  uint32_t df;    // documents that contain the word (for ranking candidates)
  uint32_t only_capitals;  // 1 when every occurrence is written in capitals ("RLS")
};

class SearchIndex {
 public:
  // Builds from the loaded, linked site and its rendered body texts (which
  // the index keeps, for snippets). `matcher`, when given, is the site's
  // topic matcher (the linker's), kept rather than made again.
  // REQUIRES: links and bodies.articles as many as site.articles; bodies.topics as many as site.topics.
  static SearchIndex build(const Site& site, std::span<const ArticleLinks> links, BodyTexts bodies,
                           std::string_view path_prefix = "/",
                           std::shared_ptr<const TopicMatcher> matcher = nullptr);
  // The same, giving up (nullopt) soon after `stop` is requested: for a
  // background rebuild that a newer edit makes pointless.
  static std::optional<SearchIndex> build_unless_stopped(const Site& site, std::span<const ArticleLinks> links,
                                                         BodyTexts bodies, std::string_view path_prefix,
                                                         std::stop_token stop,
                                                         std::shared_ptr<const TopicMatcher> matcher = nullptr);

  const std::vector<SearchDocument>& documents() const { return documents_; }
  const SearchDocument& document(uint32_t doc) const { return documents_[doc]; }
  size_t document_count() const { return documents_.size(); }

  // Term id of a stem, or -1.
  int64_t term_id(std::string_view term) const;
  size_t term_count() const { return posting_starts_.size() - 1; }
  std::span<const Posting> postings(uint32_t term) const {
    return {postings_.data() + posting_starts_[term], posting_starts_[term + 1] - posting_starts_[term]};
  }
  // The positions of `term` in the document of its posting number `posting`,
  // never decreasing (in an index this program built).
  PositionList positions(uint32_t term, size_t posting) const {
    size_t p = posting_starts_[term] + posting;
    return PositionList({positions_.data() + position_starts_[p], position_starts_[p + 1] - position_starts_[p]});
  }
  double idf(uint32_t term) const { return term_idf_[term]; }

  // What ranking, filters and facets read for every matching document, kept
  // in dense arrays (SearchDocument is large and scattered in memory).
  std::span<const uint32_t> document_topics(uint32_t doc) const {
    return {doc_topic_ids_.data() + doc_topic_offsets_[doc], doc_topic_offsets_[doc + 1] - doc_topic_offsets_[doc]};
  }
  // Bit i set when the document has intent kIntents[i].
  uint8_t document_intents(uint32_t doc) const { return doc_flags_[doc] & ~kTopicHubFlag; }
  bool is_topic_hub(uint32_t doc) const { return doc_flags_[doc] & kTopicHubFlag; }

  // Written (folded) words: id -> word, word -> id; sorted ids for prefixes.
  const std::vector<std::string>& surface_words() const { return surface_words_; }
  const SurfaceWord& surface(uint32_t id) const { return surface_info_[id]; }
  int64_t surface_id(std::string_view word) const;
  // Surface ids of words starting with `prefix`, most frequent first.
  std::vector<uint32_t> words_with_prefix(std::string_view prefix, size_t limit) const;
  const TypoIndex& typos() const { return typos_; }

  // Topics: the matcher over names/synonyms, and per topic its documents
  // with weights (articles by link weight; the topic's own hub document).
  const TopicMatcher& topic_matcher() const { return *matcher_; }
  std::span<const std::pair<uint32_t, float>> topic_documents(size_t topic) const { return topic_documents_[topic]; }
  // The terms of a topic's name and synonyms, stop words left out.
  std::span<const uint32_t> topic_name_terms(size_t topic) const {
    return {topic_term_ids_.data() + topic_term_offsets_[topic], topic_term_offsets_[topic + 1] - topic_term_offsets_[topic]};
  }
  const Site& site() const { return *site_; }

  const SearchOptions& options() const { return options_; }

 private:
  friend class SearchIndexFile;
  SearchIndex(const Site& site);
  // Fills the dense tables that are not saved (after a load): the three
  // below. A build calls them itself, on whichever thread is free.
  void derive_tables();
  // doc_flags_, doc_topic_offsets_ and doc_topic_ids_. REQUIRES: documents_
  // complete.
  void derive_document_tables();
  // term_idf_. REQUIRES: posting_starts_ complete.
  void derive_term_idf();
  // topic_term_offsets_ and topic_term_ids_. REQUIRES: the vocabulary
  // (surface_words_, surface_info_, surface_ids_) and term_ids_ complete.
  void derive_topic_terms();
  // Sorts the vocabulary for prefixes and fills the typo table from it.
  // REQUIRES: surface_words_ complete. Touches none of the tables the
  // derive_ functions fill, nor the postings.
  void build_vocabulary_tables();

  // A loaded index owns the part of a site it needs (topics); a built one
  // points at the caller's site.
  std::shared_ptr<Site> owned_site_;
  const Site* site_;
  SearchOptions options_;
  std::vector<SearchDocument> documents_;
  // Swiss tables: a build inserts every term and written word here, one
  // thread at a time (docs/decisions.md, "Hash maps").
  absl::flat_hash_map<std::string, uint32_t, StringHash, std::equal_to<>> term_ids_;
  // Flat tables, a few large arrays rather than two small ones per term (which
  // cost a build 100,000 growing vectors, and a load as many copies):
  // term t's postings are postings_[posting_starts_[t], posting_starts_[t + 1]),
  // in document order; posting p's positions are the bytes
  // positions_[position_starts_[p], position_starts_[p + 1]) (position_list.h).
  std::vector<uint32_t> posting_starts_{0};  // one per term, and the end
  // The three large tables are sized and then filled, in parallel: left
  // unzeroed, their pages are first touched by the fill (fill_later_vector.h).
  FillLaterVector<Posting> postings_;
  FillLaterVector<uint32_t> position_starts_{0};  // one per posting, and the end
  FillLaterVector<uint8_t> positions_;
  std::vector<double> term_idf_;
  std::vector<uint32_t> doc_topic_offsets_, doc_topic_ids_;
  std::vector<uint32_t> topic_term_offsets_, topic_term_ids_;
  static constexpr uint8_t kTopicHubFlag = 0x80;  // above the intent bits
  std::vector<uint8_t> doc_flags_;
  std::vector<std::string> surface_words_;
  std::vector<SurfaceWord> surface_info_;
  absl::flat_hash_map<std::string, uint32_t, StringHash, std::equal_to<>> surface_ids_;
  std::vector<uint32_t> surface_sorted_;  // ids in lexical order
  TypoIndex typos_;
  std::shared_ptr<const TopicMatcher> matcher_;
  std::vector<std::vector<std::pair<uint32_t, float>>> topic_documents_;
};

}  // namespace topichub
