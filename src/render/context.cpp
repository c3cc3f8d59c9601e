#include "render/context.h"

#include "core/parallel.h"
#include "render/view_common.h"

namespace topichub {

RenderContext::RenderContext(const Site& site, const TopicGraph& graph, std::span<const ArticleLinks> links,
                             const Curation& curation, std::string base)
    : site(site), graph(graph), links(links), curation(curation), base_url(std::move(base)) {
  if (base_url.empty() || base_url.back() != '/') base_url += '/';
  auto scheme = base_url.find("://");
  auto path_start = scheme == std::string::npos ? 0 : base_url.find('/', scheme + 3);
  path_prefix = path_start == std::string::npos ? "/" : base_url.substr(path_start);
  site_block = topichub::site_block(site.config, base_url);
  topic_urls_.reserve(site.topics.size());
  for (const auto& topic : site.topics) topic_urls_.push_back(topic_url(topic.slug));
  article_urls_.reserve(site.articles.size());
  for (const auto& article : site.articles) {
    std::string url;
    url.reserve(path_prefix.size() + 10 + article.slug.size());
    url.append(path_prefix).append("articles/").append(article.slug).append("/");
    article_urls_.push_back(std::move(url));
  }
}

std::string RenderContext::topic_url(std::string_view slug) const {
  std::string url;
  url.reserve(path_prefix.size() + 8 + slug.size());
  url.append(path_prefix).append("topics/").append(slug).append("/");
  return url;
}

void RenderContext::make_cards() {
  cards.assign(site.articles.size(), View());
  parallel_for(cards.size(), [this](unsigned, size_t article) { cards[article] = make_article_card(*this, article); });
}

std::string RenderContext::absolute(std::string_view path) const {
  if (path.starts_with(path_prefix)) path.remove_prefix(path_prefix.size());
  return base_url + std::string(path);
}

std::string RenderContext::format_date(const Date& date) const {
  return topichub::format_date(date, site.config.date_format);
}

}  // namespace topichub
