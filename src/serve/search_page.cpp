#include "serve/search_page.h"

#include <charconv>

#include "core/text.h"
#include "curate/curate.h"
#include "render/view_common.h"

namespace topichub {
namespace {

constexpr size_t kPageSize = 10;
constexpr size_t kMaxOffset = 10'000;

size_t parse_size(std::string_view text, size_t fallback, size_t maximum) {
  size_t value = 0;
  auto [ptr, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || ptr != text.data() + text.size()) return fallback;
  return std::min(value, maximum);
}

std::string search_url(std::string_view prefix, const SearchRequest& request, std::string_view topic,
                       std::string_view intent, size_t page) {
  std::string url = std::string(prefix) + "search/?q=" + url_encode(request.query);
  if (!topic.empty()) url += "&topic=" + url_encode(topic);
  if (!intent.empty()) url += "&intent=" + url_encode(intent);
  if (page > 1) url += "&page=" + std::to_string(page);
  return url;
}

}  // namespace

SearchRequest search_request_from(std::string_view q, std::string_view topic, std::string_view intent,
                                  std::string_view page_or_offset, std::string_view limit, bool offset_given) {
  SearchRequest request;
  request.query = std::string(q.substr(0, kMaxQueryBytes * 2));
  request.topic = std::string(topic.substr(0, 200));
  request.intent = std::string(intent.substr(0, 50));
  request.limit = parse_size(limit, kPageSize, kMaxLimit);
  if (request.limit == 0) request.limit = kPageSize;
  if (offset_given) {
    request.offset = parse_size(page_or_offset, 0, kMaxOffset);
  } else {
    size_t page = std::max<size_t>(1, parse_size(page_or_offset, 1, kMaxOffset / kPageSize));
    request.offset = (page - 1) * request.limit;
  }
  return request;
}

View search_page_view(const SearchIndex& index, const SearchRequest& request, const SearchResult& result,
                                std::string_view base_url, std::string_view prefix) {
  const auto& site = index.site();
  PageMeta meta;
  meta.title = result.query.empty() ? "Search" : "Search: " + result.query;
  meta.path = std::string(prefix) + "search/";
  auto view = base_view(site.config, base_url, prefix, meta);

  auto hits = View::list(result.hits.size());
  for (const auto& hit : result.hits) {
    const auto& doc = index.document(hit.doc);
    hits.push_back({{"title", View::borrow(doc.title)}, {"url", View::borrow(doc.url)},
                    {"snippet", View::borrow(hit.snippet_html)}, {"is_topic", doc.is_topic}});
  }
  auto topic_facets = View::list();
  for (const auto& [slug, count] : result.topic_facets) {
    const auto* topic = site.find_topic(slug);
    if (!topic || slug == request.topic) continue;
    topic_facets.push_back({{"name", capitalize_first(topic->name)}, {"count", std::to_string(count)},
                            {"url", search_url(prefix, request, slug, request.intent, 1)}});
  }
  auto intent_facets = View::list();
  for (const auto& [intent, count] : result.intent_facets) {
    if (intent == request.intent) continue;
    intent_facets.push_back({{"name", View::borrow(intent_heading(intent))}, {"count", std::to_string(count)},
                             {"url", search_url(prefix, request, request.topic, intent, 1)}});
  }
  size_t page = request.limit ? request.offset / request.limit + 1 : 1;
  View pagination;
  if (page > 1 || request.offset + result.hits.size() < result.total) {
    pagination = {{"current", std::to_string(page)}};
    if (page > 1) pagination["previous"] = search_url(prefix, request, request.topic, request.intent, page - 1);
    if (request.offset + result.hits.size() < result.total)
      pagination["next"] = search_url(prefix, request, request.topic, request.intent, page + 1);
  }
  const auto* filter_topic = site.find_topic(request.topic);
  view["search"] = {
      {"query", View::borrow(result.query)},
      {"query_url", url_encode(result.query)},
      {"has_query", !result.query.empty()},
      {"total", std::to_string(result.total)},
      {"one", result.total == 1},
      {"hits", std::move(hits)},
      {"topic", View::borrow(request.topic)},
      {"intent", View::borrow(request.intent)},
      {"topic_name", filter_topic ? View::borrow(filter_topic->name) : View("")},
      {"intent_label", request.intent.empty() ? "" : std::string(intent_heading(request.intent))},
      {"has_filters", !request.topic.empty() || !request.intent.empty()},
      {"topic_facets", std::move(topic_facets)},
      {"intent_facets", std::move(intent_facets)},
      {"pagination", std::move(pagination)},
  };
  return view;
}

}  // namespace topichub
