#include "search/results_json.h"

#include <cmath>

namespace topichub {

nlohmann::json search_result_json(const SearchIndex& index, const SearchResult& result) {
  const auto& site = index.site();
  auto hits = nlohmann::json::array();
  for (const auto& hit : result.hits) {
    const auto& doc = index.document(hit.doc);
    auto topics = nlohmann::json::array();
    for (size_t t : doc.topics) topics.push_back(site.topics[t].slug);
    hits.push_back({{"slug", doc.slug},
                    {"kind", doc.is_topic ? "topic" : "article"},
                    {"title", doc.title},
                    {"url", doc.url},
                    {"summary", doc.summary},
                    {"snippet", hit.snippet_html},
                    {"score", std::round(hit.score * 10000.0) / 10000.0},
                    {"topics", std::move(topics)}});
  }
  auto topic_facets = nlohmann::json::object();
  for (const auto& [slug, count] : result.topic_facets) topic_facets[slug] = count;
  auto intent_facets = nlohmann::json::object();
  for (const auto& [intent, count] : result.intent_facets) intent_facets[intent] = count;
  return {{"query", result.query},
          {"total", result.total},
          {"took_ms", std::round(result.took_ms * 1000.0) / 1000.0},
          {"hits", std::move(hits)},
          {"facets", {{"topics", std::move(topic_facets)}, {"intent", std::move(intent_facets)}}}};
}

}  // namespace topichub
