#include "search/query_plan.h"

#include <algorithm>

#include "core/text.h"

namespace topichub {
namespace {

// How much alternatives count against the literal word.
constexpr double kOneEditWeight = 0.55;
constexpr double kTwoEditWeight = 0.35;
constexpr double kPrefixWeight = 0.7;
constexpr double kSynonymWeight = 0.45;
constexpr double kWholeNameWordWeight = 0.5;
constexpr uint32_t kRareWordDf = 2;          // known words this rare may still be typos...
constexpr uint32_t kCorrectionDfRatio = 20;  // ...of words this many times more common
constexpr uint32_t kCompleteWordDf = 3;      // last words rarer than this are completed
constexpr size_t kMaxAlternatives = 3;
constexpr size_t kPrefixExpansions = 8;
// Topic names are expanded into alternatives, but on large sites not with
// words in more than 1 document in kCommonSynonymWordShare: they add little
// score and cost a pass over much of the index.
constexpr size_t kCommonSynonymWordShare = 20;
constexpr size_t kCommonSynonymWordMinDf = 100;
// A name that this many topics or fewer share is expanded into their other
// names. MedQuAD gives "Microphthalmia" as another name of ten syndromes:
// expanding it added every word of their names ("facial", "pulmonary",
// "skin"...) and matched a third of the site.
constexpr size_t kMaxTopicsExpandedPerName = 3;

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

void add_alternative(Group& group, uint32_t term, double weight) {
  for (auto& alternative : group.alternatives)
    if (alternative.term == term) {
      alternative.weight = std::max(alternative.weight, weight);
      return;
    }
  group.alternatives.push_back({term, weight});
}

// Words by which a reader asks for an intent of kIntents, in its order,
// separated by spaces.
constexpr std::string_view kIntentCues[] = {
    "relief relieve relieving quick quickly fast now tonight immediately ease",
    "prevent prevents preventing prevention avoid avoiding stopping",
    "cause causes caused causing why reason reasons trigger triggers triggered",
    "treat treating treatment treatments cure cures remedy remedies medicine medicines medication medications",
    "diagnose diagnosed diagnosis test tests testing doctor gp symptom symptoms sign signs pain painful swollen "
    "swelling numb numbness tingling weakness",
    "living cope coping everyday daily manage managing",
};
static_assert(std::size(kIntentCues) == std::size(kIntents));

bool is_cue(std::string_view cues, std::string_view word) {
  for (size_t start = 0; start < cues.size();) {
    size_t end = std::min(cues.find(' ', start), cues.size());
    if (cues.substr(start, end - start) == word) return true;
    start = end + 1;
  }
  return false;
}

uint8_t intents_asked(const std::vector<SearchToken>& tokens) {
  uint8_t intents = 0;
  for (const auto& token : tokens)
    for (size_t i = 0; i < std::size(kIntentCues); ++i)
      if (is_cue(kIntentCues[i], token.surface)) intents |= static_cast<uint8_t>(1u << i);
  return intents;
}

// Words of the query to groups of alternative terms: the literal stem,
// corrections of unknown words, and completions of the last word.
std::vector<Group> build_groups(const SearchIndex& index, const std::vector<SearchToken>& tokens, bool query_ends_in_word,
                                const SearchRequest& request, std::string& corrected) {
  std::vector<Group> groups;
  bool has_content = std::any_of(tokens.begin(), tokens.end(), [](const SearchToken& t) { return !t.stop; });
  for (size_t i = 0; i < tokens.size() && groups.size() < kMaxQueryGroups; ++i) {
    const auto& token = tokens[i];
    Group group;
    group.token = i;
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
        if (index.surface(a.id).df != index.surface(b.id).df) return index.surface(a.id).df > index.surface(b.id).df;
        return a.id < b.id;  // not the typo table's order, which follows its hashes
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
    if (last && request.use_prefix && token.surface.size() >= 2 && !token.numeric && df < kCompleteWordDf) {
      for (uint32_t id : index.words_with_prefix(token.surface, kPrefixExpansions))
        if (index.surface_words()[id] != token.surface) add_alternative(group, index.surface(id).term, kPrefixWeight);
    }
    corrected += (corrected.empty() ? "" : " ") + best_spelling;
    if (!group.alternatives.empty()) groups.push_back(std::move(group));
  }
  return groups;
}

// The topics the query names, literally or once corrected, with the word
// groups each name stands for and whether it is the whole query. Returns the
// topics named only by a name more than kMaxTopicsExpandedPerName share.
std::set<size_t> find_named_topics(const SearchIndex& index, Analyzer& analyzer,
                                   const std::vector<SearchToken>& query_tokens, QueryPlan& plan) {
  std::set<size_t> ambiguous;
  // The word groups whose tokens a mention spans. `tokens` are those of the
  // searched text, which the corrected query matches token for token.
  auto covered_groups = [&](const TopicMention& m, const std::vector<SearchToken>& tokens) {
    uint32_t bits = 0;
    if (tokens.size() != query_tokens.size()) return bits;
    for (size_t g = 0; g < plan.groups.size(); ++g) {
      const auto& token = tokens[plan.groups[g].token];
      if (!plan.groups[g].stop && token.begin >= m.begin && token.end <= m.end) bits |= 1u << g;
    }
    return bits;
  };
  auto find_topics = [&](const std::string& text, const std::vector<SearchToken>& tokens) {
    std::vector<TopicMention> mentions;
    index.topic_matcher().scan(text, [&](const TopicMention& m) { mentions.push_back(m); });
    for (const auto& m : mentions) {
      plan.topics_named.insert(m.topic);
      plan.topic_covers[m.topic] |= covered_groups(m, tokens);
      bool whole = std::all_of(tokens.begin(), tokens.end(), [&](const SearchToken& t) {
        return t.stop || (t.begin >= m.begin && t.end <= m.end);
      });
      if (whole) plan.topics_named_whole.insert(m.topic);
      auto sharing = std::count_if(mentions.begin(), mentions.end(),
                                   [&](const TopicMention& other) { return other.begin == m.begin && other.end == m.end; });
      if (static_cast<size_t>(sharing) > kMaxTopicsExpandedPerName) ambiguous.insert(m.topic);
    }
  };
  find_topics(plan.query, query_tokens);
  if (plan.corrected != plan.query) find_topics(plan.corrected, analyzer.analyze(plan.corrected));
  return ambiguous;
}

// A query that is nothing but a topic's name asks about the topic: its
// words, each alone, say little ("muscle" in "nocturnal muscle spasms").
void weigh_down_words_of_a_whole_name(QueryPlan& plan) {
  if (plan.topics_named_whole.empty()) return;
  for (auto& group : plan.groups)
    for (auto& alternative : group.alternatives) alternative.weight *= kWholeNameWordWeight;
}

// One group per topic named in the query (`ambiguous` ones aside): the terms
// of the topic's other names, as weaker alternatives. Terms the query
// already has are left out (the literal word scores them), as are, on large
// sites, very common ones.
void add_synonym_groups(const SearchIndex& index, const std::set<size_t>& ambiguous, QueryPlan& plan) {
  size_t common_df = std::max(kCommonSynonymWordMinDf, index.document_count() / kCommonSynonymWordShare);
  auto in_query = [&](uint32_t term) {
    for (const auto& group : plan.groups)
      for (const auto& alternative : group.alternatives)
        if (alternative.term == term && !group.synonym) return true;
    return false;
  };
  for (size_t topic : plan.topics_named) {
    if (ambiguous.count(topic)) continue;
    Group group;
    group.synonym = true;
    for (uint32_t term : index.topic_name_terms(topic))
      if (!in_query(term) && index.postings(term).size() <= common_df) add_alternative(group, term, kSynonymWeight);
    if (!group.alternatives.empty() && plan.groups.size() < kMaxQueryGroups) plan.groups.push_back(std::move(group));
  }
}

}  // namespace

QueryPlan plan_query(const SearchIndex& index, Analyzer& analyzer, const SearchRequest& request) {
  QueryPlan plan;
  plan.query = bounded_query(request.query);
  auto tokens = analyzer.analyze(plan.query);
  bool ends_in_word = !request.query.empty() && request.query.back() != ' ';
  plan.groups = build_groups(index, tokens, ends_in_word, request, plan.corrected);
  if (request.use_synonyms) {
    auto ambiguous = find_named_topics(index, analyzer, tokens, plan);
    weigh_down_words_of_a_whole_name(plan);
    add_synonym_groups(index, ambiguous, plan);
  }
  plan.intents = intents_asked(tokens);
  return plan;
}

}  // namespace topichub
