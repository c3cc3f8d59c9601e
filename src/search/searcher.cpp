#include "search/searcher.h"

#include <algorithm>
#include <bit>
#include <chrono>
#include <cmath>
#include <map>
#include <set>
#include <unordered_set>

#include "core/text.h"
#include "search/analyzer.h"

namespace topichub {
namespace {

// BM25F parameters. Titles and topic names count more than the body.
constexpr double kK1 = 1.2;
constexpr std::array<double, kFieldCount> kFieldWeight = {3.0, 2.5, 1.5, 1.0};
constexpr std::array<double, kFieldCount> kFieldB = {0.5, 0.3, 0.6, 0.75};

// How much alternatives count against the literal word.
constexpr double kOneEditWeight = 0.55;
constexpr double kTwoEditWeight = 0.35;
constexpr double kPrefixWeight = 0.7;
constexpr double kSynonymWeight = 0.45;
constexpr double kTopicBoost = 2.5;   // per matched topic, scaled by how central it is to a document
constexpr double kPairBoost = 0.6;        // per neighbouring pair of query words, times the rarer word's idf
constexpr double kMaxProximityShare = 0.5;  // proximity adds at most half of a document's word score
constexpr uint32_t kRareWordDf = 2;        // known words this rare may still be typos...
constexpr uint32_t kCorrectionDfRatio = 20;  // ...of words this many times more common
constexpr size_t kProximityCandidates = 200;
constexpr size_t kMaxAlternatives = 3;
constexpr size_t kPrefixExpansions = 8;
constexpr size_t kSnippetChars = 180;
constexpr size_t kMaxGroups = 24;

struct Alternative {
  uint32_t term;
  double weight;
};

// One word of the query with the terms that may stand for it.
struct Group {
  std::vector<Alternative> alternatives;
  bool stop = false;
  bool synonym = false;  // added from a topic's other names
};

std::string uppercase_ascii(std::string_view word) {
  std::string out(word);
  for (char& c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return out;
}

std::string bounded_query(std::string_view raw) {
  std::string text = repair_utf8(raw.substr(0, std::min(raw.size(), kMaxQueryBytes + 4)));
  if (text.size() > kMaxQueryBytes) {
    text.resize(kMaxQueryBytes);
    while (!text.empty() && (static_cast<unsigned char>(text.back()) & 0xC0) == 0x80) text.pop_back();
    if (!text.empty() && static_cast<unsigned char>(text.back()) >= 0xC0) text.pop_back();
  }
  for (char& c : text)
    if (static_cast<unsigned char>(c) < 0x20) c = ' ';
  return collapse_whitespace(text);
}

}  // namespace

struct Searcher::State {
  Analyzer analyzer;
  std::vector<double> scores;     // per document, for the current query
  std::vector<double> best;       // per document, best alternative of the current group
  std::vector<uint32_t> touched;  // documents with a score
  std::vector<uint32_t> group_touched;
  std::vector<uint32_t> matched_groups;  // per document: bit set of groups matched
  std::vector<uint32_t> topic_counts;    // per topic, for facets
};

Searcher::Searcher(const SearchIndex& index) : index_(index), state_(std::make_unique<State>()) {
  state_->scores.assign(index.document_count(), 0.0);
  state_->best.assign(index.document_count(), 0.0);
  state_->matched_groups.assign(index.document_count(), 0);
}

Searcher::~Searcher() = default;

namespace {

double idf(const SearchIndex& index, uint32_t term) {
  double n = static_cast<double>(index.document_count());
  double df = static_cast<double>(index.postings(term).size());
  return std::log(1.0 + (n - df + 0.5) / (df + 0.5));
}

double bm25f(const SearchIndex& index, const Posting& posting) {
  const auto& doc = index.document(posting.doc);
  double tf = 0;
  for (size_t f = 0; f < kFieldCount; ++f) {
    if (posting.tf[f] == 0) continue;
    double norm = 1.0 - kFieldB[f] + kFieldB[f] * doc.field_length[f] / index.average_field_length(f);
    tf += kFieldWeight[f] * posting.tf[f] / norm;
  }
  return tf / (kK1 + tf);
}

void add_alternative(Group& group, uint32_t term, double weight) {
  for (auto& alternative : group.alternatives)
    if (alternative.term == term) {
      alternative.weight = std::max(alternative.weight, weight);
      return;
    }
  group.alternatives.push_back({term, weight});
}

// Words of the query to groups of alternative terms: the literal stem,
// corrections of unknown words, and completions of the last word.
std::vector<Group> build_groups(const SearchIndex& index, Analyzer& analyzer, const std::vector<SearchToken>& tokens,
                                bool query_ends_in_word, const SearchRequest& request, std::string& corrected) {
  std::vector<Group> groups;
  bool has_content = std::any_of(tokens.begin(), tokens.end(), [](const SearchToken& t) { return !t.stop; });
  for (size_t i = 0; i < tokens.size() && groups.size() < kMaxGroups; ++i) {
    const auto& token = tokens[i];
    Group group;
    group.stop = token.stop && has_content;
    auto surface = index.surface_id(token.surface);
    uint32_t df = surface >= 0 ? index.surface(static_cast<uint32_t>(surface)).df : 0;
    // Words the site only ever writes in capitals ("rls" for RLS) are
    // spelled that way for the topic matcher, which wants acronyms in capitals.
    std::string best_spelling = surface >= 0 && index.surface(static_cast<uint32_t>(surface)).only_capitals
                                    ? uppercase_ascii(token.surface)
                                    : token.surface;
    if (auto term = index.term_id(token.term); term >= 0) add_alternative(group, static_cast<uint32_t>(term), 1.0);
    // Unknown words, and known ones so rare they are probably typos
    // themselves, get the near-miss words of the site.
    if (df <= kRareWordDf && request.use_typos && !token.numeric) {
      auto matches = index.typos().find(token.surface, index.surface_words());
      std::erase_if(matches, [&](const auto& m) { return df > 0 && index.surface(m.id).df < kCorrectionDfRatio * df; });
      std::sort(matches.begin(), matches.end(), [&](const auto& a, const auto& b) {
        if (a.distance != b.distance) return a.distance < b.distance;
        return index.surface(a.id).df > index.surface(b.id).df;
      });
      for (size_t m = 0; m < matches.size() && m < kMaxAlternatives; ++m) {
        add_alternative(group, index.surface(matches[m].id).term, matches[m].distance == 1 ? kOneEditWeight : kTwoEditWeight);
        if (m == 0) best_spelling = index.surface_words()[matches[m].id];
      }
    }
    // As you type, the last word may be unfinished: complete it, unless it
    // is already a common word of the site (then completions only add noise
    // and time).
    bool last = i + 1 == tokens.size() && query_ends_in_word;
    constexpr uint32_t kCompleteWordDf = 3;
    if (last && request.use_prefix && token.surface.size() >= 2 && !token.numeric && df < kCompleteWordDf) {
      for (uint32_t id : index.words_with_prefix(token.surface, kPrefixExpansions))
        if (index.surface_words()[id] != token.surface) add_alternative(group, index.surface(id).term, kPrefixWeight);
    }
    corrected += (corrected.empty() ? "" : " ") + best_spelling;
    if (!group.alternatives.empty()) groups.push_back(std::move(group));
  }
  return groups;
}

// Cuts `text` to the byte range [from, to) without splitting a UTF-8 sequence.
std::string_view utf8_slice(std::string_view text, size_t from, size_t to) {
  to = std::min(to, text.size());
  while (to < text.size() && to > from && (static_cast<unsigned char>(text[to]) & 0xC0) == 0x80) --to;
  return text.substr(from, to > from ? to - from : 0);
}

// About kSnippetChars of the document around the densest run of query words
// (`hits`: body word indexes, sorted), escaped, with those words in <mark>.
std::string make_snippet(const SearchDocument& document, const std::vector<uint32_t>& hits) {
  std::string_view text = document.text;
  const auto& offsets = document.body_offsets;
  if (hits.empty()) return html_escape(shorten(collapse_whitespace(utf8_slice(text, 0, kSnippetChars * 2)), kSnippetChars));
  size_t best = 0, best_count = 0;
  for (size_t i = 0, j = 0; i < hits.size(); ++i) {
    j = std::max(j, i);
    while (j + 1 < hits.size() && offsets[hits[j + 1]] - offsets[hits[i]] < kSnippetChars - 40) ++j;
    if (j - i + 1 > best_count) {
      best_count = j - i + 1;
      best = i;
    }
  }
  // A little context before the first word, starting at a word.
  size_t first = offsets[hits[best]];
  size_t from = first;
  for (uint32_t w = hits[best]; w > 0 && first - offsets[w - 1] < 40; --w) from = offsets[w - 1];
  size_t to = from + kSnippetChars;
  std::string snippet = from > 0 ? "…" : "";
  size_t cursor = from;
  for (size_t h = best; h < hits.size() && offsets[hits[h]] < to; ++h) {
    size_t pos = offsets[hits[h]], begin = 0, end = 0;
    if (!next_word(text, pos, begin, end) || end > to) break;
    snippet += html_escape(text.substr(cursor, begin - cursor));
    snippet += "<mark>" + html_escape(text.substr(begin, end - begin)) + "</mark>";
    cursor = end;
  }
  snippet += html_escape(utf8_slice(text, cursor, to));
  if (to < text.size()) snippet += "…";
  return collapse_whitespace(snippet);
}

}  // namespace

SearchResult Searcher::search(const SearchRequest& request) {
  auto started = std::chrono::steady_clock::now();
  auto& state = *state_;
  SearchResult result;
  result.query = bounded_query(request.query);
  auto tokens = state.analyzer.analyze(result.query);
  bool ends_in_word = !request.query.empty() && request.query.back() != ' ';
  std::string corrected;
  auto groups = build_groups(index_, state.analyzer, tokens, ends_in_word, request, corrected);

  // Topics named in the query (literally or once corrected) add their other
  // names as weaker alternatives and boost the documents about them.
  std::set<size_t> topics_named;
  if (request.use_synonyms) {
    for (const auto& text : {result.query, corrected})
      index_.topic_matcher().scan(text, [&](const TopicMention& m) { topics_named.insert(m.topic); });
    for (size_t topic : topics_named) {
      const auto& t = index_.site().topics[topic];
      std::vector<std::string> names = t.synonyms;
      names.push_back(t.name);
      Group group;
      group.synonym = true;
      for (const auto& name : names)
        for (const auto& token : state.analyzer.analyze(name))
          if (!token.stop)
            if (auto term = index_.term_id(token.term); term >= 0) add_alternative(group, static_cast<uint32_t>(term), kSynonymWeight);
      if (!group.alternatives.empty() && groups.size() < kMaxGroups) groups.push_back(std::move(group));
    }
  }

  // Score: per group the best alternative per document, summed over groups.
  for (size_t g = 0; g < groups.size(); ++g) {
    const auto& group = groups[g];
    if (group.stop) continue;
    for (const auto& alternative : group.alternatives) {
      double weight = alternative.weight * idf(index_, alternative.term);
      for (const auto& posting : index_.postings(alternative.term)) {
        double value = weight * bm25f(index_, posting);
        if (state.best[posting.doc] == 0.0) state.group_touched.push_back(posting.doc);
        state.best[posting.doc] = std::max(state.best[posting.doc], value);
      }
    }
    for (uint32_t doc : state.group_touched) {
      if (state.scores[doc] == 0.0) state.touched.push_back(doc);
      state.scores[doc] += state.best[doc];
      if (!group.synonym) state.matched_groups[doc] |= 1u << g;
      state.best[doc] = 0.0;
    }
    state.group_touched.clear();
  }
  for (size_t topic : topics_named)
    for (const auto& [doc, weight] : index_.topic_documents(topic)) {
      if (state.scores[doc] == 0.0) state.touched.push_back(doc);
      state.scores[doc] += kTopicBoost * std::min(1.0, weight / 10.0);
    }

  // Filters, then facets over everything that matched.
  const auto& site = index_.site();
  std::vector<std::pair<double, uint32_t>> ranked;
  auto& topic_counts = state.topic_counts;
  topic_counts.assign(site.topics.size(), 0);
  std::map<std::string, size_t> intent_counts;
  for (uint32_t doc : state.touched) {
    const auto& d = index_.document(doc);
    bool keep = !(request.articles_only && d.is_topic);
    if (keep && !request.topic.empty())
      keep = std::any_of(d.topics.begin(), d.topics.end(), [&](size_t t) { return site.topics[t].slug == request.topic; });
    if (keep && !request.intent.empty())
      keep = std::find(d.intents.begin(), d.intents.end(), request.intent) != d.intents.end();
    if (keep) {
      ranked.push_back({-state.scores[doc], doc});
      for (size_t t : d.topics) ++topic_counts[t];
      for (const auto& intent : d.intents) ++intent_counts[intent];
    }
  }
  result.total = ranked.size();

  // Proximity: neighbouring query words that sit close together in a
  // document add to its score, in proportion to the rarer word's weight, so
  // common words next to each other count for little. Capped relative to the
  // word score: it refines the ranking by content and never overturns it.
  std::vector<double> group_idf(groups.size(), 0.0);
  for (size_t g = 0; g < groups.size(); ++g)
    for (const auto& alternative : groups[g].alternatives)
      group_idf[g] = std::max(group_idf[g], alternative.weight * idf(index_, alternative.term));
  auto doc_positions = [&](uint32_t doc, size_t g, uint32_t from, uint32_t to) {
    std::vector<uint32_t> positions;
    for (const auto& alternative : groups[g].alternatives) {
      auto postings = index_.postings(alternative.term);
      auto it = std::lower_bound(postings.begin(), postings.end(), doc, [](const Posting& p, uint32_t d) { return p.doc < d; });
      if (it == postings.end() || it->doc != doc) continue;
      for (uint32_t p : index_.positions(*it))
        if (p >= from && p < to) positions.push_back(p);
    }
    std::sort(positions.begin(), positions.end());
    return positions;
  };
  size_t head = std::min(ranked.size(), std::max(kProximityCandidates, request.offset + request.limit));
  std::partial_sort(ranked.begin(), ranked.begin() + static_cast<long>(head), ranked.end());
  for (size_t r = 0; r < head; ++r) {
    uint32_t doc = ranked[r].second;
    std::vector<std::pair<size_t, std::vector<uint32_t>>> present;  // query words found, in query order
    for (size_t g = 0; g < groups.size(); ++g)
      if (!groups[g].stop && !groups[g].synonym && (state.matched_groups[doc] & (1u << g)))
        present.push_back({g, doc_positions(doc, g, 0, UINT32_MAX)});
    double bonus = 0;
    for (size_t i = 1; i < present.size(); ++i) {
      const auto& a = present[i - 1].second;
      const auto& b = present[i].second;
      uint32_t nearest = UINT32_MAX;
      for (size_t x = 0, y = 0; x < a.size() && y < b.size();) {
        nearest = std::min(nearest, a[x] > b[y] ? a[x] - b[y] : b[y] - a[x]);
        (a[x] < b[y]) ? ++x : ++y;
      }
      if (nearest < kFieldStride && nearest > 0)
        bonus += kPairBoost * std::min(group_idf[present[i - 1].first], group_idf[present[i].first]) / nearest;
    }
    ranked[r].first -= std::min(bonus, kMaxProximityShare * -ranked[r].first);
  }
  std::sort(ranked.begin(), ranked.begin() + static_cast<long>(head));

  // Snippets for the page of hits: the window of the body with the most
  // query words, found from the postings' positions (no re-analysis).
  size_t limit = std::min(request.limit, kMaxLimit);
  for (size_t r = request.offset; r < ranked.size() && r < request.offset + limit; ++r) {
    uint32_t doc = ranked[r].second;
    const auto& document = index_.document(doc);
    std::vector<uint32_t> hits;  // body word indexes of query words
    uint32_t body_start = kBodyField * kFieldStride;
    for (size_t g = 0; g < groups.size(); ++g) {
      if (groups[g].stop) continue;
      for (uint32_t p : doc_positions(doc, g, body_start, body_start + kFieldStride))
        if (p - body_start < document.body_offsets.size()) hits.push_back(p - body_start);
    }
    std::sort(hits.begin(), hits.end());
    hits.erase(std::unique(hits.begin(), hits.end()), hits.end());
    result.hits.push_back({doc, -ranked[r].first, make_snippet(document, hits)});
  }

  std::vector<std::pair<uint32_t, size_t>> topic_order;
  for (uint32_t t = 0; t < topic_counts.size(); ++t)
    if (topic_counts[t]) topic_order.push_back({t, topic_counts[t]});
  auto facet_count = std::min<size_t>(topic_order.size(), 20);
  std::partial_sort(topic_order.begin(), topic_order.begin() + static_cast<long>(facet_count), topic_order.end(),
                    [&](const auto& a, const auto& b) { return a.second != b.second ? a.second > b.second : a.first < b.first; });
  for (size_t i = 0; i < facet_count; ++i) result.topic_facets.push_back({site.topics[topic_order[i].first].slug, topic_order[i].second});
  for (auto& [intent, count] : intent_counts) result.intent_facets.push_back({intent, count});
  auto by_count = [](const auto& a, const auto& b) { return a.second != b.second ? a.second > b.second : a.first < b.first; };
  std::sort(result.intent_facets.begin(), result.intent_facets.end(), by_count);

  for (uint32_t doc : state.touched) {
    state.scores[doc] = 0.0;
    state.matched_groups[doc] = 0;
  }
  state.touched.clear();
  result.took_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  return result;
}

}  // namespace topichub
