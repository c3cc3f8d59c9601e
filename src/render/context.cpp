#include "render/context.h"

namespace topichub {

RenderContext::RenderContext(const Site& site, const TopicGraph& graph, std::span<const ArticleLinks> links,
                             const Curation& curation, std::string base)
    : site(site), graph(graph), links(links), curation(curation), base_url(std::move(base)) {
  if (base_url.empty() || base_url.back() != '/') base_url += '/';
  auto scheme = base_url.find("://");
  auto path_start = scheme == std::string::npos ? 0 : base_url.find('/', scheme + 3);
  path_prefix = path_start == std::string::npos ? "/" : base_url.substr(path_start);
}

std::string RenderContext::absolute(std::string_view path) const {
  if (path.starts_with(path_prefix)) path.remove_prefix(path_prefix.size());
  return base_url + std::string(path);
}

std::string RenderContext::format_date(const Date& date) const {
  return topichub::format_date(date, site.config.date_format);
}

}  // namespace topichub
