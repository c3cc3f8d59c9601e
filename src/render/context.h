// What every page renderer reads: the results of the earlier stages, and
// the site's URL scheme (DESIGN.md §2).
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "core/site.h"
#include "curate/curate.h"
#include "graph/graph.h"
#include "link/linker.h"

namespace topichub {

struct RenderContext {
  const Site& site;
  const TopicGraph& graph;
  std::span<const ArticleLinks> links;
  const Curation& curation;
  std::string base_url;     // absolute, ends with '/': "https://example.org/health/"
  std::string path_prefix;  // the path of base_url: "/health/" (or "/")

  // REQUIRES: base_url ends with '/'.
  RenderContext(const Site& site, const TopicGraph& graph, std::span<const ArticleLinks> links,
                const Curation& curation, std::string base_url);

  std::string topic_url(std::string_view slug) const { return path_prefix + "topics/" + std::string(slug) + "/"; }
  std::string topic_url(size_t topic) const { return topic_url(site.topics[topic].slug); }
  std::string article_url(size_t article) const {
    return path_prefix + "articles/" + site.articles[article].slug + "/";
  }
  // "/topics/x/" -> "https://example.org/topics/x/"
  std::string absolute(std::string_view path) const;
  std::string format_date(const Date& date) const;
};

}  // namespace topichub
