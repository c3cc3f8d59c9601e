// A query against the index: ranked hits with snippets, facets, filters and
// pagination. Queries are untrusted: bounded in length, any bytes accepted.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "search/index.h"

namespace topichub {

inline constexpr size_t kMaxQueryBytes = 256;
inline constexpr size_t kMaxLimit = 100;

struct SearchRequest {
  std::string query{};
  size_t limit = 10;
  size_t offset = 0;
  std::string topic{};   // filter: topic slug (documents about it)
  std::string intent{};  // filter: article intent
  bool articles_only = false;  // leave topic hubs out (batch evaluation)
  // Switches for evaluation: the same engine without its extras.
  bool use_synonyms = true;
  bool use_typos = true;
  bool use_prefix = true;
};

struct SearchHit {
  uint32_t doc;
  double score;
  std::string snippet_html;  // escaped, matched words in <mark>
};

struct SearchResult {
  std::string query;  // as searched (bounded, repaired)
  size_t total = 0;
  double took_ms = 0;
  std::vector<SearchHit> hits;
  std::vector<std::pair<std::string, size_t>> topic_facets;   // slug, count; most frequent first
  std::vector<std::pair<std::string, size_t>> intent_facets;
};

class Searcher {
 public:
  explicit Searcher(const SearchIndex& index);
  ~Searcher();

  // Not thread-safe (it reuses buffers): one Searcher per thread.
  SearchResult search(const SearchRequest& request);

 private:
  struct State;
  const SearchIndex& index_;
  std::unique_ptr<State> state_;
};

}  // namespace topichub
