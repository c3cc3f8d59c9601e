#include "search/searcher.h"

#include <algorithm>
#include <array>
#include <bit>
#include <chrono>

#include "search/query_plan.h"
#include "search/snippet.h"

namespace topichub {
namespace {

constexpr double kTopicBoost = 2.5;         // per matched topic, scaled by how central it is to a document
constexpr double kWholeQueryTopicBoost = 5.0;  // when the query is the topic's name and nothing else
constexpr double kIntentBoost = 1.0;            // an article with an intent the query asks for
constexpr double kTopicWeightAtOne = 10.0;      // the topic weight that gets the whole boost (topic_share)
constexpr double kPairBoost = 0.6;          // per neighbouring pair of query words, times the rarer word's idf
constexpr double kMaxProximityShare = 0.5;  // proximity adds at most half of a document's word score
constexpr size_t kProximityCandidates = 50;
constexpr double kRequiredQueryShare = 0.5;  // of the query's idf-weighted words, for a result
constexpr size_t kSeekRatio = 8;             // seek documents in a posting list this many times longer
constexpr size_t kTopicFacets = 20;
constexpr uint32_t kNoTopic = UINT32_MAX;

// Buffers reused from query to query, sized once to the index.
struct Scratch {
  Analyzer analyzer;
  std::vector<double> scores;            // per document, for the current query
  std::vector<double> best;              // per document, best alternative of the current group
  std::vector<uint32_t> touched;         // documents with a score
  std::vector<uint32_t> group_touched;   // documents matched by the current group
  std::vector<uint32_t> matched_groups;  // per document: bit set of the query's word groups it matched
  std::vector<uint32_t> topic_counts;    // per topic, for facets
  std::vector<uint32_t> counted_topics;  // topics with a count
  std::vector<std::pair<double, uint32_t>> ranked;  // (-score, document), filtered
  std::vector<uint32_t> positions;                  // of one document, for proximity and snippets
};

}  // namespace

struct Searcher::State : Scratch {};

Searcher::Searcher(const SearchIndex& index) : index_(index), state_(std::make_unique<State>()) {
  state_->scores.assign(index.document_count(), 0.0);
  state_->best.assign(index.document_count(), 0.0);
  state_->matched_groups.assign(index.document_count(), 0);
  state_->topic_counts.assign(index.site().topics.size(), 0);
}

Searcher::~Searcher() = default;

namespace {

// Finds the postings of ascending documents in one term's list, galloping
// forward from the last one found: a batch of lookups in document order costs
// far less than a binary search each.
class PostingCursor {
 public:
  PostingCursor(const SearchIndex& index, uint32_t term) : term_(term), postings_(index.postings(term)) {}

  uint32_t term() const { return term_; }
  // The number of the posting of `doc`, or -1. REQUIRES: doc >= the previous call's.
  ptrdiff_t seek(uint32_t doc) {
    size_t low = at_, step = 1, high = at_;
    while (high < postings_.size() && postings_[high].doc < doc) {
      low = high + 1;
      high += step;
      step *= 2;
    }
    high = std::min(high, postings_.size());
    auto it = std::lower_bound(postings_.begin() + static_cast<long>(low), postings_.begin() + static_cast<long>(high), doc,
                               [](const Posting& p, uint32_t d) { return p.doc < d; });
    at_ = static_cast<size_t>(it - postings_.begin());
    return it != postings_.end() && it->doc == doc ? static_cast<ptrdiff_t>(at_) : -1;
  }

 private:
  uint32_t term_;
  std::span<const Posting> postings_;
  size_t at_ = 0;
};

// How much of the query a document must match to be a result: words
// weighted by their idf, so that "andersen syndrome symptoms" is not answered
// by every page that says "syndrome" and "symptoms", while "dvt symptoms" is
// by a page on the signs of a DVT.
struct WordMatch {
  std::array<double, kMaxQueryGroups> weight{};  // per word group (0 for stop words and synonyms)
  double at_least = 0;

  // `matched`: the bits of the word groups a document matched (only word
  // groups ever set bits).
  bool enough(uint32_t matched) const {
    double sum = 0;
    for (uint32_t bits = matched; bits; bits &= bits - 1) sum += weight[std::countr_zero(bits)];
    return sum >= at_least;
  }
};

WordMatch word_match_of(const SearchIndex& index, const QueryPlan& plan) {
  WordMatch match;
  double total = 0;
  for (size_t g = 0; g < plan.groups.size(); ++g) {
    const auto& group = plan.groups[g];
    if (group.stop || group.synonym) continue;
    // A word counts for as much as its most common reading: a typo the site
    // also happens to contain once ("sydrome") weighs what "syndrome" does.
    size_t most_documents = 0;
    for (const auto& alternative : group.alternatives) {
      size_t documents = index.postings(alternative.term).size();
      double weight = alternative.weight * index.idf(alternative.term);
      if (documents > most_documents || (documents == most_documents && weight > match.weight[g])) {
        most_documents = documents;
        match.weight[g] = weight;
      }
    }
    total += match.weight[g];
  }
  match.at_least = kRequiredQueryShare * total;
  return match;
}

// The documents that have a score, once no other can become a result.
// Sorted only when first sought, since sorting thousands would cost more
// than the scan it saves.
struct ScoredDocuments {
  std::vector<uint32_t> docs;
  bool sorted = false;
};

// Calls f(doc, impact) for the postings of `term`; with `only`, for those
// documents alone.
template <typename F>
void for_each_posting(const SearchIndex& index, uint32_t term, ScoredDocuments* only, const Scratch& state, F&& f) {
  auto postings = index.postings(term);
  if (only && only->docs.size() * kSeekRatio < postings.size()) {  // few documents in a long list: seek them
    if (!only->sorted) std::sort(only->docs.begin(), only->docs.end());
    only->sorted = true;
    PostingCursor cursor(index, term);
    for (uint32_t doc : only->docs)
      if (auto at = cursor.seek(doc); at >= 0) f(doc, postings[static_cast<size_t>(at)].impact);
    return;
  }
  for (const auto& posting : postings)
    if (!only || state.scores[posting.doc] != 0.0) f(posting.doc, posting.impact);
}

// Adds the best alternative of `group` to each document it matches (all, or
// `only` those) and marks `bits` as matched for them.
void score_group(const SearchIndex& index, const Group& group, uint32_t bits, ScoredDocuments* only,
                 Scratch& state) {
  if (group.alternatives.size() == 1) {  // most words: no best-of pass needed
    double weight = group.alternatives[0].weight * index.idf(group.alternatives[0].term);
    for_each_posting(index, group.alternatives[0].term, only, state, [&](uint32_t doc, float impact) {
      if (state.scores[doc] == 0.0) state.touched.push_back(doc);
      state.scores[doc] += weight * impact;
      state.matched_groups[doc] |= bits;
    });
    return;
  }
  for (const auto& alternative : group.alternatives) {
    double weight = alternative.weight * index.idf(alternative.term);
    for_each_posting(index, alternative.term, only, state, [&](uint32_t doc, float impact) {
      double& best = state.best[doc];
      if (best == 0.0) state.group_touched.push_back(doc);
      best = std::max(best, weight * impact);
    });
  }
  for (uint32_t doc : state.group_touched) {
    if (state.scores[doc] == 0.0) state.touched.push_back(doc);
    state.scores[doc] += state.best[doc];
    state.matched_groups[doc] |= bits;
    state.best[doc] = 0.0;
  }
  state.group_touched.clear();
}

// The part of a topic's boost an article gets, growing with the topic's
// weight in it (src/link: an explicit first topic weighs 10 and gets 1, more
// mentions more) without a ceiling, so that the article mainly about the
// topic stays ahead of one that also lists it.
double topic_share(double weight) { return 2.0 * weight / (weight + kTopicWeightAtOne); }

// Scores the documents that match the query: per group the best alternative,
// summed over groups, plus the boost of documents about a topic the query
// names. With `prune`, documents that cannot match enough of the query
// (`words`) are left out: once the words still to score weigh less than a
// result needs, only documents that already have a score are updated (for
// "andersen syndrome symptoms": the few pages naming Andersen, not the
// thousands saying "syndrome").
void score(const SearchIndex& index, const QueryPlan& plan, const WordMatch& words, bool prune, Scratch& state) {
  // Topics first: an article about a topic the query names has the words of
  // the name, whatever it calls the topic. The other names' words add to the
  // score but match no word of the query: any one of them would let in every
  // page that happens to use it.
  for (const auto& group : plan.groups)
    if (group.synonym) score_group(index, group, 0, nullptr, state);
  for (size_t topic : plan.topics_named) {
    // A query that is nothing but a topic's name asks for the topic itself.
    double boost = plan.topics_named_whole.count(topic) ? kWholeQueryTopicBoost : kTopicBoost;
    // An article about the topic matches the words that name it.
    uint32_t covers = plan.topic_covers.at(topic);
    for (const auto& [doc, weight] : index.topic_documents(topic)) {
      if (state.scores[doc] == 0.0) state.touched.push_back(doc);
      state.scores[doc] += boost * topic_share(weight);
      state.matched_groups[doc] |= covers;
    }
  }
  // Then the words, weightiest first.
  std::vector<size_t> order;
  double remaining = 0;
  for (size_t g = 0; g < plan.groups.size(); ++g)
    if (!plan.groups[g].stop && !plan.groups[g].synonym) {
      order.push_back(g);
      remaining += words.weight[g];
    }
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return words.weight[a] > words.weight[b]; });
  ScoredDocuments scored;
  ScoredDocuments* only = nullptr;
  for (size_t g : order) {
    if (prune && !only && remaining < words.at_least) {
      scored.docs = state.touched;
      only = &scored;
    }
    score_group(index, plan.groups[g], 1u << g, only, state);
    remaining -= words.weight[g];
  }
}

// Forgets the scores of the last query.
void clear_scores(Scratch& state) {
  for (uint32_t doc : state.touched) {
    state.scores[doc] = 0.0;
    state.matched_groups[doc] = 0;
  }
  state.touched.clear();
}

// The request's filters as ids: a topic id (kNoTopic: any) and intent bits
// (0: any). An unknown topic or intent matches nothing.
struct Filters {
  uint32_t topic = kNoTopic;
  uint8_t intents = 0;
  bool matches_nothing = false;
  bool articles_only = false;
};

Filters filters_of(const SearchIndex& index, const SearchRequest& request) {
  Filters filters;
  filters.articles_only = request.articles_only;
  if (!request.topic.empty()) {
    auto it = index.site().topic_by_slug.find(request.topic);
    if (it == index.site().topic_by_slug.end()) filters.matches_nothing = true;
    else filters.topic = static_cast<uint32_t>(it->second);
  }
  if (!request.intent.empty()) {
    auto it = std::find(std::begin(kIntents), std::end(kIntents), request.intent);
    if (it == std::end(kIntents)) filters.matches_nothing = true;
    else filters.intents = static_cast<uint8_t>(1u << (it - std::begin(kIntents)));
  }
  return filters;
}

// Keeps in state.ranked the best `head` matched documents that pass the
// filters, as (-score, document), in no particular order; counts the topics
// and intents of all of them; returns how many passed. A bounded heap rather
// than all matches and nth_element: on common words the partition over every
// match took a fifth of the search time.
size_t filter_and_count(const SearchIndex& index, const Filters& filters, const WordMatch& words, uint8_t plan_intents,
                        size_t head, Scratch& state, std::array<size_t, std::size(kIntents)>& intent_counts) {
  state.ranked.clear();
  if (filters.matches_nothing || head == 0) return 0;
  size_t passed = 0;
  for (uint32_t doc : state.touched) {
    if (!words.enough(state.matched_groups[doc])) continue;
    if (filters.articles_only && index.is_topic_hub(doc)) continue;
    auto topics = index.document_topics(doc);
    if (filters.topic != kNoTopic && std::find(topics.begin(), topics.end(), filters.topic) == topics.end()) continue;
    uint8_t intents = index.document_intents(doc);
    if (filters.intents && !(intents & filters.intents)) continue;
    ++passed;
    // Articles written for what the query asks ("what causes...") come first among equals.
    double intent_boost = (intents & plan_intents) ? kIntentBoost : 0.0;
    std::pair<double, uint32_t> entry{-(state.scores[doc] + intent_boost), doc};
    if (state.ranked.size() < head) {
      state.ranked.push_back(entry);
      std::push_heap(state.ranked.begin(), state.ranked.end());  // the worst kept on top
    } else if (entry < state.ranked.front()) {
      std::pop_heap(state.ranked.begin(), state.ranked.end());
      state.ranked.back() = entry;
      std::push_heap(state.ranked.begin(), state.ranked.end());
    }
    for (uint32_t t : topics)
      if (state.topic_counts[t]++ == 0) state.counted_topics.push_back(t);
    for (size_t i = 0; intents; ++i, intents >>= 1) intent_counts[i] += intents & 1u;
  }
  return passed;
}

// One cursor per alternative of each group.
using GroupCursors = std::vector<std::vector<PostingCursor>>;

GroupCursors cursors_for(const SearchIndex& index, const QueryPlan& plan) {
  GroupCursors cursors(plan.groups.size());
  for (size_t g = 0; g < plan.groups.size(); ++g)
    for (const auto& alternative : plan.groups[g].alternatives) cursors[g].emplace_back(index, alternative.term);
  return cursors;
}

// Appends to `out` the positions in [from, to) of a group's terms in `doc`,
// sorted. REQUIRES: doc >= the cursors' previous document.
void group_positions(const SearchIndex& index, std::vector<PostingCursor>& cursors, uint32_t doc, uint32_t from,
                     uint32_t to, std::vector<uint32_t>& out) {
  size_t start = out.size();
  for (auto& cursor : cursors)
    if (auto posting = cursor.seek(doc); posting >= 0)
      for (uint32_t p : index.positions(cursor.term(), static_cast<size_t>(posting)))
        if (p >= from && p < to) out.push_back(p);
  std::sort(out.begin() + static_cast<long>(start), out.end());
}

// Neighbouring query words that sit close together in a document add to its
// score, in proportion to the rarer word's weight, so common words next to
// each other count for little. Capped relative to the word score: it refines
// the ranking by content and never overturns it.
double proximity_bonus(const SearchIndex& index, const QueryPlan& plan, std::span<const double> group_idf,
                       GroupCursors& cursors, uint32_t doc, uint32_t matched_groups, std::vector<uint32_t>& positions) {
  double bonus = 0;
  size_t previous_group = 0, previous_begin = 0, previous_end = 0;
  bool have_previous = false;
  positions.clear();
  for (size_t g = 0; g < plan.groups.size(); ++g) {
    const auto& group = plan.groups[g];
    if (group.stop || group.synonym || !(matched_groups & (1u << g))) continue;
    size_t begin = positions.size();
    group_positions(index, cursors[g], doc, 0, UINT32_MAX, positions);
    size_t end = positions.size();
    if (have_previous) {
      uint32_t nearest = UINT32_MAX;
      for (size_t x = previous_begin, y = begin; x < previous_end && y < end;) {
        uint32_t a = positions[x], b = positions[y];
        nearest = std::min(nearest, a > b ? a - b : b - a);
        (a < b) ? ++x : ++y;
      }
      if (nearest < kFieldStride && nearest > 0)
        bonus += kPairBoost * std::min(group_idf[previous_group], group_idf[g]) / nearest;
    }
    previous_group = g;
    previous_begin = begin;
    previous_end = end;
    have_previous = true;
  }
  return bonus;
}

// Orders the head documents (state.ranked), proximity included.
void rank_head(const SearchIndex& index, const QueryPlan& plan, Scratch& state) {
  auto& ranked = state.ranked;
  auto head_end = ranked.end();
  std::vector<double> group_idf(plan.groups.size(), 0.0);
  for (size_t g = 0; g < plan.groups.size(); ++g)
    for (const auto& alternative : plan.groups[g].alternatives)
      group_idf[g] = std::max(group_idf[g], alternative.weight * index.idf(alternative.term));
  // In document order, so that the cursors only move forward.
  std::sort(ranked.begin(), head_end, [](const auto& a, const auto& b) { return a.second < b.second; });
  auto cursors = cursors_for(index, plan);
  for (auto it = ranked.begin(); it != head_end; ++it) {
    double bonus =
        proximity_bonus(index, plan, group_idf, cursors, it->second, state.matched_groups[it->second], state.positions);
    it->first -= std::min(bonus, kMaxProximityShare * -it->first);
  }
  std::sort(ranked.begin(), head_end);
}

// The snippet of `doc`: from the positions of the query's words in its body
// (the body is split into words again to place them, but not analysed).
std::string snippet_of(const SearchIndex& index, const QueryPlan& plan, uint32_t doc, std::vector<uint32_t>& hits) {
  const auto& document = index.document(doc);
  constexpr uint32_t body_start = kBodyField * kFieldStride;
  hits.clear();
  auto cursors = cursors_for(index, plan);
  for (size_t g = 0; g < plan.groups.size(); ++g)
    if (!plan.groups[g].stop) group_positions(index, cursors[g], doc, body_start, body_start + kFieldStride, hits);
  for (auto& hit : hits) hit -= body_start;
  std::sort(hits.begin(), hits.end());
  hits.erase(std::unique(hits.begin(), hits.end()), hits.end());
  return make_snippet(document, hits);
}

// Facets order: (value, count) pairs, most frequent first, then by value.
constexpr auto kMostFrequentFirst = [](const auto& a, const auto& b) {
  return a.second != b.second ? a.second > b.second : a.first < b.first;
};

// Topic facets, most frequent first; resets the counts for the next query.
std::vector<std::pair<std::string, size_t>> take_topic_facets(const SearchIndex& index, Scratch& state) {
  std::vector<std::pair<uint32_t, uint32_t>> counted;  // topic, count
  counted.reserve(state.counted_topics.size());
  for (uint32_t t : state.counted_topics) {
    counted.push_back({t, state.topic_counts[t]});
    state.topic_counts[t] = 0;
  }
  state.counted_topics.clear();
  auto shown = std::min(counted.size(), kTopicFacets);
  std::partial_sort(counted.begin(), counted.begin() + static_cast<long>(shown), counted.end(), kMostFrequentFirst);
  std::vector<std::pair<std::string, size_t>> facets;
  for (size_t i = 0; i < shown; ++i) facets.push_back({index.site().topics[counted[i].first].slug, counted[i].second});
  return facets;
}

}  // namespace

SearchResult Searcher::search(const SearchRequest& request) {
  auto started = std::chrono::steady_clock::now();
  auto& state = *state_;
  auto plan = plan_query(index_, state.analyzer, request);
  SearchResult result;
  result.query = plan.query;

  auto words = word_match_of(index_, plan);
  score(index_, plan, words, /*prune=*/true, state);
  size_t limit = std::min(request.limit, kMaxLimit);
  size_t head = std::max(kProximityCandidates, request.offset + limit);
  std::array<size_t, std::size(kIntents)> intent_counts{};
  auto filters = filters_of(index_, request);
  result.total = filter_and_count(index_, filters, words, plan.intents, head, state, intent_counts);
  if (result.total == 0 && words.at_least > 0) {  // nothing has enough of the words: any will do
    words.at_least = 0;
    clear_scores(state);
    score(index_, plan, words, /*prune=*/false, state);
    result.total = filter_and_count(index_, filters, words, plan.intents, head, state, intent_counts);
  }
  head = state.ranked.size();
  rank_head(index_, plan, state);
  std::vector<uint32_t> hits;
  for (size_t r = request.offset; r < head && r < request.offset + limit; ++r) {
    auto [negative_score, doc] = state.ranked[r];
    result.hits.push_back({doc, -negative_score, snippet_of(index_, plan, doc, hits)});
  }

  result.topic_facets = take_topic_facets(index_, state);
  for (size_t i = 0; i < intent_counts.size(); ++i)
    if (intent_counts[i]) result.intent_facets.push_back({std::string(kIntents[i]), intent_counts[i]});
  std::sort(result.intent_facets.begin(), result.intent_facets.end(), kMostFrequentFirst);

  clear_scores(state);
  result.took_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  return result;
}

}  // namespace topichub
