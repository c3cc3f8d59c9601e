// The query as groups of alternative terms: each word of the query with the
// terms that may stand for it (its stem, corrections of a typo, completions
// of an unfinished last word), plus one group per topic the query names with
// the topic's other names. Scoring takes the best alternative of each group.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "search/analyzer.h"
#include "search/index.h"
#include "search/searcher.h"

namespace topichub {

struct Alternative {
  uint32_t term;
  double weight;  // against the literal word's 1.0
};

struct Group {
  std::vector<Alternative> alternatives;
  bool stop = false;     // a stop word in a query with other words: no score of its own
  bool synonym = false;  // added from a topic's other names
  size_t token = 0;      // word groups: the query token it stands for
};

struct QueryPlan {
  std::string query;      // as searched: bounded length, repaired UTF-8, no control characters
  std::string corrected;  // the query with typos corrected (for the topic matcher)
  std::vector<Group> groups;
  std::set<size_t> topics_named;  // topics named in the query, literally or once corrected
  std::set<size_t> topics_named_whole;  // of those, topics whose name is the whole query (stop words aside)
  std::map<size_t, uint32_t> topic_covers;  // topic named -> bits of the word groups its name stands for
  uint8_t intents = 0;  // what the query asks for ("what causes..."): bit i for kIntents[i]
};

inline constexpr size_t kMaxQueryGroups = 24;  // matched-group bit sets are 32 bits wide

QueryPlan plan_query(const SearchIndex& index, Analyzer& analyzer, const SearchRequest& request);

}  // namespace topichub
