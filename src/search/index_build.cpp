// SearchIndex::build: documents analysed in parallel, merged in document order.
//
// Each worker keeps a table of the words it has met, so that a word is folded
// and stemmed once per worker rather than once per occurrence, and documents
// are gathered as small integer ids instead of strings. The sequential merge
// then maps each worker's ids to global ones, looking a string up only the
// first time a worker's word reaches it.
#include <absl/container/flat_hash_map.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <span>
#include <stdexcept>
#include <thread>
#include <unordered_map>
#include <utility>

#include "core/fill_later_vector.h"
#include "core/parallel.h"
#include "core/text.h"
#include "core/word_cache.h"
#include "search/analyzer.h"
#include "search/index.h"

namespace topichub {
namespace {

constexpr uint32_t kUnassigned = UINT32_MAX;

// The words one worker has met. Written words ("Cramps") map to folded
// surfaces ("cramps"), surfaces to stems ("cramp"); all get local ids.
class WordTable {
 public:
  struct Written {
    uint32_t surface;
    uint32_t term;  // the surface's, kept here to spare a look-up per word
    bool capitals;  // written as an acronym ("RLS")
  };
  struct Surface {
    std::string word;
    uint32_t term;
  };

  Written intern(std::string_view written, Analyzer& analyzer) {
    if (const Written* hit = recent_.find(written)) return *hit;
    if (auto it = written_.find(written); it != written_.end()) {
      recent_.put(written, it->second);
      return it->second;
    }
    auto folded = fold(written);
    uint32_t surface;
    if (auto it = surface_ids_.find(folded); it != surface_ids_.end()) {
      surface = it->second;
    } else {
      surface = static_cast<uint32_t>(surfaces_.size());
      surfaces_.push_back({folded, intern_term(analyzer.stem(folded))});
      surface_ids_.emplace(std::move(folded), surface);
    }
    Written entry{surface, surfaces_[surface].term, is_acronym(written)};
    written_.emplace(std::string(written), entry);
    recent_.put(written, entry);
    return entry;
  }

  const Surface& surface(uint32_t id) const { return surfaces_[id]; }
  const std::string& term(uint32_t id) const { return terms_[id]; }
  size_t surface_count() const { return surfaces_.size(); }
  size_t term_count() const { return terms_.size(); }

 private:
  uint32_t intern_term(std::string term) {
    auto [it, added] = term_ids_.emplace(std::move(term), static_cast<uint32_t>(terms_.size()));
    if (added) terms_.push_back(it->first);
    return it->second;
  }

  // Swiss tables: every word of every document is looked up here
  // (docs/decisions.md, "Hash maps").
  absl::flat_hash_map<std::string, Written, StringHash, std::equal_to<>> written_;
  WordCache<Written> recent_;  // in front of written_
  absl::flat_hash_map<std::string, uint32_t, StringHash, std::equal_to<>> surface_ids_;
  std::vector<Surface> surfaces_;
  absl::flat_hash_map<std::string, uint32_t, StringHash, std::equal_to<>> term_ids_;
  std::vector<std::string> terms_;
};

// One document in a worker's local ids.
struct AnalyzedDocument {
  struct Term {
    uint32_t term;  // the worker's local id
    std::array<uint16_t, kFieldCount> tf{};
    uint32_t position_bytes = 0;  // in `positions`, after those of the terms before
  };
  unsigned worker = 0;
  std::vector<Term> terms;
  std::vector<uint8_t> positions;  // each term's, encoded (position_list.h)
  std::array<uint32_t, kFieldCount> field_lengths{};  // words per field
};

std::string joined_topic_names(const Site& site, const std::vector<size_t>& topics, bool with_synonyms) {
  std::string text;
  for (size_t topic : topics) {
    text += site.topics[topic].name + ". ";
    if (with_synonyms)
      for (const auto& synonym : site.topics[topic].synonyms) text += synonym + ". ";
  }
  return text;
}

// The four fields of a document, in SearchField order.
// Takes the document's body text out of `bodies`.
std::array<std::string, kFieldCount> field_texts(const Site& site, BodyTexts& bodies, const SearchDocument& doc) {
  if (doc.is_topic) {
    const auto& topic = site.topics[doc.source];
    return {topic.title, joined_topic_names(site, doc.topics, true), doc.summary, std::move(bodies.topics[doc.source])};
  }
  const auto& article = site.articles[doc.source];
  return {article.title, joined_topic_names(site, doc.topics, false), article.summary,
          std::move(bodies.articles[doc.source])};
}

// Which slot of the current document a local id has, if any: a stamp per id
// says whether the slot is from this document, so nothing is cleared
// between documents.
class SlotTable {
 public:
  // The slot of `id` in document `stamp`, and whether it was just given.
  std::pair<uint32_t, bool> slot(uint32_t id, uint32_t stamp, uint32_t next_slot) {
    if (id >= entries_.size()) entries_.resize(id + 1, {0, 0});
    auto& entry = entries_[id];
    if (entry.stamp == stamp) return {entry.slot, false};
    entry = {stamp, next_slot};
    return {next_slot, true};
  }

 private:
  struct Entry {
    uint32_t stamp, slot;  // side by side: one cache line per look-up
  };
  std::vector<Entry> entries_;
};

// What the vocabulary needs of a written word, gathered by the worker that
// met it: summed over workers, not listed per document (which cost a build
// a sequential pass over 1.7 million document-word pairs on MedQuAD).
struct SurfaceStats {
  uint32_t first_document = 0;  // the worker's first document that has it
  uint32_t documents = 0;
  uint32_t last_stamp = 0;  // the stamp of the last document that had it
  bool only_capitals = true;
};

struct GatherScratch {  // what gather() reuses from one document to the next
  std::vector<uint32_t> runs, grouped;
  std::vector<uint8_t> encoded;
};

struct Worker {
  Analyzer analyzer;
  WordTable words;
  uint32_t documents_seen = 0;  // stamps for the slot tables
  SlotTable term_slots;
  std::vector<SurfaceStats> surfaces;  // by local surface id
  // By local term id: documents and bytes of positions, to size the tables.
  std::vector<uint32_t> term_documents;
  std::vector<uint64_t> term_position_bytes;
  std::vector<std::pair<uint32_t, uint32_t>> occurrences;  // scratch: (slot, position)
  GatherScratch gathering;
  std::vector<AnalyzedDocument::Term> terms;  // scratch: the document's terms
  // Merge: local id -> global id.
  std::vector<uint32_t> global_term, global_surface;

  // Notes an occurrence of a local surface in document `document` (stamp
  // `stamp`).
  void count_surface(uint32_t surface, bool capitals, uint32_t document, uint32_t stamp) {
    if (surface == surfaces.size()) surfaces.push_back({document, 0, 0, true});  // ids are given in order
    auto& stats = surfaces[surface];
    if (stats.last_stamp != stamp) {
      stats.last_stamp = stamp;
      ++stats.documents;
    }
    stats.only_capitals = stats.only_capitals && capitals;
  }
  void count_terms(const AnalyzedDocument& doc) {
    term_documents.resize(words.term_count(), 0);
    term_position_bytes.resize(words.term_count(), 0);
    for (const auto& entry : doc.terms) {
      ++term_documents[entry.term];
      term_position_bytes[entry.term] += entry.position_bytes;
    }
  }
};

// Positions grouped by term and encoded, terms in order of first occurrence
// (so that global ids, given in merge order, do not depend on which worker
// analysed what). `occurrences`: (slot, position) in text order.
void gather(std::span<const std::pair<uint32_t, uint32_t>> occurrences, GatherScratch& scratch,
            AnalyzedDocument& out) {
  // Per slot: its count of positions, then where its run starts in
  // `grouped`, then where it ends.
  auto& runs = scratch.runs;
  runs.assign(out.terms.size(), 0);
  for (const auto& [slot, position] : occurrences) {
    auto& tf = out.terms[slot].tf[position / kFieldStride];
    if (tf < UINT16_MAX) ++tf;
    ++runs[slot];
  }
  uint32_t total = 0;
  for (auto& run : runs) total += std::exchange(run, total);
  auto& grouped = scratch.grouped;
  grouped.resize(occurrences.size());
  for (const auto& [slot, position] : occurrences) grouped[runs[slot]++] = position;
  // Taken in text order, each term's positions ascend.
  auto& encoded = scratch.encoded;
  if (encoded.size() < kMaxPositionBytes * grouped.size()) encoded.resize(kMaxPositionBytes * grouped.size());
  uint8_t* end = encoded.data();
  uint32_t run_start = 0;
  for (size_t slot = 0; slot < out.terms.size(); ++slot) {
    uint8_t* start = end;
    end = encode_positions({grouped.data() + run_start, runs[slot] - run_start}, start);
    run_start = runs[slot];
    out.terms[slot].position_bytes = static_cast<uint32_t>(end - start);
  }
  out.positions.assign(encoded.data(), end);
}

// REQUIRES: each worker analyses its documents in increasing order of `d`
// (the vocabulary's merge relies on it).
AnalyzedDocument analyze_document(const Site& site, BodyTexts& bodies, uint32_t d, SearchDocument& doc,
                                  Worker& worker, unsigned worker_id) {
  AnalyzedDocument out;
  out.worker = worker_id;
  auto texts = field_texts(site, bodies, doc);
  worker.occurrences.clear();
  // Terms gather in the worker's scratch and are copied out at their size:
  // growing each document's own vector left a third of it unused.
  auto& terms = worker.terms;
  terms.clear();
  uint32_t stamp = ++worker.documents_seen;
  for (uint32_t f = 0; f < kFieldCount; ++f) {
    uint32_t index_in_field = 0;
    std::string_view text = texts[f];
    for_each_word(text, [&](size_t begin, size_t end) {
      auto written = worker.words.intern(text.substr(begin, end - begin), worker.analyzer);
      uint32_t position = f * kFieldStride + std::min(index_in_field, kFieldStride - 1);
      uint32_t term = written.term;
      auto [term_slot, new_term] = worker.term_slots.slot(term, stamp, static_cast<uint32_t>(terms.size()));
      if (new_term) terms.push_back({term, {}, 0});
      worker.occurrences.push_back({term_slot, position});
      worker.count_surface(written.surface, written.capitals, d, stamp);
      ++index_in_field;
    });
    out.field_lengths[f] = index_in_field;
  }
  out.terms.assign(terms.begin(), terms.end());
  gather(worker.occurrences, worker.gathering, out);
  worker.count_terms(out);
  doc.text = std::move(texts[kBodyField]);
  if (trim(doc.text).empty()) doc.text = doc.summary;
  return out;
}

// Each topic's documents with weights: the articles that discuss it, by the
// topic's weight in each scaled by its share of the article's main topic
// (of two articles that both discuss a topic at length, the one mainly
// about it counts for more), then the topic's own hub.
std::vector<std::vector<std::pair<uint32_t, float>>> weighted_topic_documents(const Site& site,
                                                                            std::span<const ArticleLinks> links) {
  std::vector<std::vector<std::pair<uint32_t, float>>> documents(site.topics.size());
  for (uint32_t a = 0; a < links.size(); ++a) {
    double main_weight = links[a].topics.empty() ? 1.0 : std::max(1.0, links[a].topics.front().weight);
    for (const auto& entry : links[a].topics) {
      double centrality = 0.5 + 0.5 * std::min(1.0, entry.weight / main_weight);
      documents[entry.topic].push_back({a, static_cast<float>(entry.weight * centrality)});
    }
  }
  for (size_t t = 0; t < site.topics.size(); ++t)
    documents[t].push_back({static_cast<uint32_t>(site.articles.size() + t), 12.0f});
  return documents;
}

// Calls visit(worker, local surface id) for the surfaces of every worker in
// the order they first occur in the documents. Each worker's own ids are in
// that order already (it takes documents in increasing order), so the
// workers' lists are merged by first document.
template <typename Visit>
void for_each_surface_by_first_document(const std::vector<std::unique_ptr<Worker>>& workers, Visit&& visit) {
  std::vector<uint32_t> next(workers.size(), 0);
  for (;;) {
    size_t earliest = workers.size();
    for (size_t w = 0; w < workers.size(); ++w)
      if (next[w] < workers[w]->surfaces.size() &&
          (earliest == workers.size() ||
           workers[w]->surfaces[next[w]].first_document < workers[earliest]->surfaces[next[earliest]].first_document))
        earliest = w;
    if (earliest == workers.size()) return;
    visit(*workers[earliest], next[earliest]++);
  }
}

// Document `d` of the index: article d, or after the articles, a topic's hub.
SearchDocument make_document(const Site& site, std::string_view path_prefix, size_t d) {
  SearchDocument doc;
  if (d < site.articles.size()) {
    const auto& article = site.articles[d];
    doc.source = d;
    doc.slug = article.slug;
    doc.title = article.title;
    doc.url = std::string(path_prefix) + "articles/" + article.slug + "/";
    doc.summary = article.summary;
    doc.topics = article.topics;
    doc.intents = article.intents;
    return doc;
  }
  size_t t = d - site.articles.size();
  const auto& topic = site.topics[t];
  doc.is_topic = true;
  doc.source = t;
  doc.slug = topic.slug;
  doc.title = topic.title;
  doc.url = std::string(path_prefix) + "topics/" + topic.slug + "/";
  doc.summary = topic.definition.empty() ? "" : capitalize_first(topic.name) + ": " + topic.definition + ".";
  doc.topics = {t};
  return doc;
}

// Per global term: in how many documents, and its positions' bytes.
struct TermCounts {
  std::vector<uint32_t> documents;
  std::vector<uint64_t> position_bytes;
};

// SearchIndex's flat tables (see index.h), before they move into it.
struct PostingTables {
  std::vector<uint32_t> posting_starts;  // one per term, and the end
  std::vector<uint32_t> term_position_starts;  // term t's first byte of positions; one per term, and the end
  FillLaterVector<Posting> postings;
  FillLaterVector<uint32_t> position_starts;
  FillLaterVector<uint8_t> positions;
};

// Sized for `counts`, their large tables not yet written.
// Throws when the site's positions take more bytes than 32-bit offsets reach.
PostingTables allocate_tables(const TermCounts& counts) {
  size_t term_count = counts.documents.size();
  PostingTables tables;
  tables.posting_starts.resize(term_count + 1);
  tables.term_position_starts.resize(term_count + 1);
  uint64_t posting_total = 0, position_total = 0;
  for (size_t t = 0; t < term_count; ++t) {
    tables.posting_starts[t] = static_cast<uint32_t>(posting_total);
    tables.term_position_starts[t] = static_cast<uint32_t>(position_total);
    posting_total += counts.documents[t];
    position_total += counts.position_bytes[t];
    if (position_total > UINT32_MAX) throw std::length_error("search index: word positions over 4 GiB");
  }
  tables.posting_starts[term_count] = static_cast<uint32_t>(posting_total);
  tables.term_position_starts[term_count] = static_cast<uint32_t>(position_total);
  tables.postings.resize(posting_total);
  tables.position_starts.resize(posting_total + 1);
  tables.position_starts[posting_total] = static_cast<uint32_t>(position_total);
  tables.positions.resize(position_total);
  return tables;
}

// Per term, where its next posting and its next bytes of positions go.
struct Cursors {
  std::vector<uint32_t> posting, position;
};

// Fills the postings (with their impacts) and positions of documents
// [begin, end), freeing each analysed document once it is in. Forward:
// documents in increasing order, each term's cursors moving up from where
// they stand. Backward: in decreasing order, the cursors moving down. Either
// way each term's postings end up in document order. False if stopped.
// REQUIRES: every term of these documents a global id in its worker's
// global_term; the cursors leave room for their postings and positions.
template <bool kBackward>
bool fill_documents(std::span<AnalyzedDocument> analyzed, uint32_t begin, uint32_t end,
                    const std::vector<std::unique_ptr<Worker>>& workers,
                    const std::array<double, kFieldCount>& average_length, Cursors cursors, PostingTables& tables,
                    std::stop_token stop) {
  for (uint32_t i = 0; i < end - begin; ++i) {
    if (i % 1024 == 0 && stop.stop_requested()) return false;
    uint32_t d = kBackward ? end - 1 - i : begin + i;
    auto& doc = analyzed[d];
    std::array<double, kFieldCount> factors;
    for (size_t f = 0; f < kFieldCount; ++f)
      factors[f] = kFieldWeight[f] / (1.0 - kFieldB[f] + kFieldB[f] * doc.field_lengths[f] / average_length[f]);
    const auto& global_term = workers[doc.worker]->global_term;
    auto first = doc.positions.begin();
    for (const auto& entry : doc.terms) {
      double tf = 0;
      for (size_t f = 0; f < kFieldCount; ++f) tf += entry.tf[f] * factors[f];
      uint32_t term = global_term[entry.term];
      uint32_t& next_byte = cursors.position[term];
      uint32_t posting = kBackward ? --cursors.posting[term] : cursors.posting[term]++;
      uint32_t start = kBackward ? (next_byte -= entry.position_bytes)
                                 : std::exchange(next_byte, next_byte + entry.position_bytes);
      tables.postings[posting] = Posting{d, static_cast<float>(tf / (kBm25K1 + tf))};
      tables.position_starts[posting] = start;
      std::copy(first, first + entry.position_bytes, tables.positions.begin() + start);
      first += entry.position_bytes;
    }
    doc = AnalyzedDocument{};
  }
  return true;
}

// The first document of the second half, the halves holding about as many
// postings and bytes of positions.
uint32_t balanced_split(std::span<const AnalyzedDocument> analyzed) {
  uint64_t total = 0;
  for (const auto& doc : analyzed) total += doc.terms.size() + doc.positions.size();
  uint64_t first_half = 0;
  for (uint32_t d = 0; d < analyzed.size(); ++d) {
    if (2 * first_half >= total) return d;
    first_half += analyzed[d].terms.size() + analyzed[d].positions.size();
  }
  return static_cast<uint32_t>(analyzed.size());
}

// Postings with their impacts, and positions, each term's in document order;
// frees the analysed documents as it goes. Two threads fill them: one the
// first half of the documents, forward from the start of each term's range,
// the other the second half, backward from its end. They meet without
// counting either half's postings first. (On the 6x MedQuAD copy one
// thread took 700-1030 ms here while the other core waited, 460-490 ms of
// it zeroing 385 MB of fresh tables; docs/decisions.md, "Search index
// layout".)
// REQUIRES: every term of `analyzed` a global id in its worker's
// global_term, counted in `counts`.
std::optional<PostingTables> fill_postings(std::vector<AnalyzedDocument>& analyzed,
                                           const std::vector<std::unique_ptr<Worker>>& workers,
                                           const TermCounts& counts,
                                           const std::array<double, kFieldCount>& average_length,
                                           std::stop_token stop) {
  auto tables = allocate_tables(counts);
  auto split = balanced_split(analyzed);
  auto total = static_cast<uint32_t>(analyzed.size());
  Cursors from_start{tables.posting_starts, tables.term_position_starts};
  Cursors from_end{{tables.posting_starts.begin() + 1, tables.posting_starts.end()},
                   {tables.term_position_starts.begin() + 1, tables.term_position_starts.end()}};
  bool second_half_filled = false;
  BackgroundTask second_half([&] {
    second_half_filled =
        fill_documents<true>(analyzed, split, total, workers, average_length, std::move(from_end), tables, stop);
  });
  bool first_half_filled =
      fill_documents<false>(analyzed, 0, split, workers, average_length, std::move(from_start), tables, stop);
  second_half.join();
  if (!first_half_filled || !second_half_filled) return std::nullopt;
  return tables;
}

}  // namespace

SearchIndex SearchIndex::build(const Site& site, std::span<const ArticleLinks> links, BodyTexts bodies,
                               std::string_view prefix, std::shared_ptr<const TopicMatcher> matcher) {
  return *build_unless_stopped(site, links, std::move(bodies), prefix, {}, std::move(matcher));
}

std::optional<SearchIndex> SearchIndex::build_unless_stopped(const Site& site, std::span<const ArticleLinks> links,
                                                             BodyTexts bodies, std::string_view prefix,
                                                             std::stop_token stop,
                                                             std::shared_ptr<const TopicMatcher> matcher) {
  SearchIndex index(site);
  index.matcher_ = std::move(matcher);
  std::string path_prefix(prefix);
  // Documents: articles first (doc id == article index), then topic hubs.
  index.documents_.resize(site.articles.size() + site.topics.size());
  std::vector<std::unique_ptr<Worker>> workers(worker_count());
  for (auto& worker : workers) worker = std::make_unique<Worker>();
  std::vector<AnalyzedDocument> analyzed(index.documents_.size());
  parallel_for(index.documents_.size(), [&](unsigned w, size_t d) {
    if (stop.stop_requested()) return;
    index.documents_[d] = make_document(site, path_prefix, d);
    analyzed[d] = analyze_document(site, bodies, static_cast<uint32_t>(d), index.documents_[d], *workers[w], w);
  });
  if (stop.stop_requested()) return std::nullopt;

  // Topics: the matcher for queries, and each topic's documents by weight;
  // and the per-document tables. They do not depend on the words, so they
  // are made on another thread while this one merges them.
  BackgroundTask topic_tables([&index, &site, links] {
    if (!index.matcher_) index.matcher_ = std::make_shared<const TopicMatcher>(site.topics);
    index.topic_documents_ = weighted_topic_documents(site, links);
    index.derive_document_tables();
  });

  // Average field lengths first: every posting's impact depends on them.
  double count = std::max<double>(1.0, static_cast<double>(analyzed.size()));
  std::array<double, kFieldCount> average_length{};
  for (const auto& doc : analyzed)
    for (size_t f = 0; f < kFieldCount; ++f) average_length[f] += doc.field_lengths[f];
  for (auto& total : average_length) total = std::max(1.0, total / count);

  for (auto& worker : workers) {
    worker->global_term.assign(worker->words.term_count(), kUnassigned);
    worker->global_surface.assign(worker->words.surface_count(), kUnassigned);
  }
  TermCounts counts;
  auto global_term = [&](Worker& worker, uint32_t local) {
    auto& id = worker.global_term[local];
    if (id == kUnassigned) {
      auto [it, added] = index.term_ids_.emplace(worker.words.term(local), static_cast<uint32_t>(counts.documents.size()));
      if (added) {
        counts.documents.push_back(0);
        counts.position_bytes.push_back(0);
      }
      id = it->second;
    }
    return id;
  };
  auto global_surface = [&](Worker& worker, uint32_t local) {
    auto& id = worker.global_surface[local];
    if (id == kUnassigned) {
      const auto& surface = worker.words.surface(local);
      auto [it, added] = index.surface_ids_.emplace(surface.word, static_cast<uint32_t>(index.surface_words_.size()));
      if (added) {
        index.surface_words_.push_back(surface.word);
        index.surface_info_.push_back({global_term(worker, surface.term), 0, 1});
      }
      id = it->second;
    }
    return id;
  };

  // Vocabulary first, ids given in the order words first occur in the
  // documents, so that they do not depend on which worker analysed what.
  // The typo table and the topics' terms are made from it on another
  // thread while this one fills the postings (on MedQuAD the typo table
  // takes 25 ms of the fill's 40, the topics' terms 12: after the fill on
  // this thread, they left the other core idle).
  size_t surfaces_met = 0, terms_met = 0;  // with words two workers met counted twice
  for (const auto& worker : workers) {
    surfaces_met += worker->words.surface_count();
    terms_met += worker->words.term_count();
  }
  index.surface_ids_.reserve(surfaces_met);
  index.surface_words_.reserve(surfaces_met);
  index.surface_info_.reserve(surfaces_met);
  index.term_ids_.reserve(terms_met);
  for_each_surface_by_first_document(workers, [&](Worker& worker, uint32_t local) {
    const auto& stats = worker.surfaces[local];
    auto& info = index.surface_info_[global_surface(worker, local)];
    info.df += stats.documents;
    info.only_capitals = info.only_capitals && stats.only_capitals;
  });

  // Postings: counts first, so that the flat tables are allocated once at
  // their size; then filled in document order, so that each term's
  // postings are sorted. Every term is in term_ids_ by now (through a
  // surface, perhaps another worker's: then it is looked up here), and
  // has a count (count_terms sized the counters after each document).
  for (auto& worker : workers) {
    for (uint32_t local = 0; local < worker->words.term_count(); ++local) {
      uint32_t term = global_term(*worker, local);
      counts.documents[term] += worker->term_documents[local];
      counts.position_bytes[term] += worker->term_position_bytes[local];
    }
  }
  BackgroundTask vocabulary([&index] {
    index.build_vocabulary_tables();
    index.derive_topic_terms();  // reads term_ids_: complete now
  });
  if (stop.stop_requested()) return std::nullopt;
  auto tables = fill_postings(analyzed, workers, counts, average_length, stop);
  if (!tables) return std::nullopt;
  index.posting_starts_ = std::move(tables->posting_starts);
  index.postings_ = std::move(tables->postings);
  index.position_starts_ = std::move(tables->position_starts);
  index.positions_ = std::move(tables->positions);

  index.derive_term_idf();
  topic_tables.join();
  vocabulary.join();
  return index;
}

void SearchIndex::build_vocabulary_tables() {
  // Words, not numbers, for prefixes and typos.
  surface_sorted_.resize(surface_words_.size());
  for (uint32_t i = 0; i < surface_sorted_.size(); ++i) surface_sorted_[i] = i;
  std::sort(surface_sorted_.begin(), surface_sorted_.end(),
            [&](uint32_t a, uint32_t b) { return surface_words_[a] < surface_words_[b]; });
  auto typo_indexed = [&](const std::string& word) {
    bool numeric = std::all_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; });
    return !numeric && typos_.max_edits_for(word.size() + 2) > 0;
  };
  size_t entries = 0;
  for (const auto& word : surface_words_)
    if (typo_indexed(word)) entries += typos_.entries_for(word);
  typos_.reserve(entries);
  for (uint32_t i = 0; i < surface_words_.size(); ++i)
    if (typo_indexed(surface_words_[i])) typos_.add(surface_words_[i], i);
  typos_.finish();
}

}  // namespace topichub
