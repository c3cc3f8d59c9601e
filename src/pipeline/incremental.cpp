#include "pipeline/incremental.h"

#include <algorithm>

#include "load/loader.h"
#include "render/context.h"
#include "render/hub_page.h"

namespace topichub {
namespace {

std::vector<size_t> link_topics(const ArticleLinks& links) {
  std::vector<size_t> topics;
  for (const auto& entry : links.topics) topics.push_back(entry.topic);
  return topics;
}

// Whether the edit keeps the article where it was in the site.
bool same_place(const Article& before, const Article& after) {
  return before.slug == after.slug && before.topics == after.topics && before.intents == after.intents &&
         before.draft == after.draft;
}

}  // namespace

BuildState::BuildState(std::shared_ptr<Site> site_in, TopicGraph graph_in, std::vector<ArticleLinks> links_in,
                       Curation curation_in, Theme theme_in, std::string base_url_in)
    : site(std::move(site_in)),
      graph(std::move(graph_in)),
      links(std::move(links_in)),
      curation(std::move(curation_in)),
      theme(std::move(theme_in)),
      base_url(std::move(base_url_in)),
      linker(*site) {}

std::optional<ArticleUpdate> update_article(BuildState& state, std::string_view file) {
  auto& site = *state.site;
  auto found = std::find_if(site.articles.begin(), site.articles.end(), [&](const Article& a) { return a.file == file; });
  if (found == site.articles.end()) return std::nullopt;
  size_t article = static_cast<size_t>(found - site.articles.begin());

  ArticleUpdate update;
  auto fresh = reload_article(site, file, update.diagnostics);
  if (!fresh || update.diagnostics.has_errors() || !same_place(*found, *fresh)) return std::nullopt;

  RenderContext before(site, state.graph, state.links, state.curation, state.base_url);
  auto topics = link_topics(state.links[article]);
  std::vector<size_t> old_page_counts;
  *found = std::move(*fresh);
  state.links[article] = state.linker.link(*found);
  for (size_t topic : link_topics(state.links[article])) topics.push_back(topic);
  std::sort(topics.begin(), topics.end());
  topics.erase(std::unique(topics.begin(), topics.end()), topics.end());
  for (size_t topic : topics) old_page_counts.push_back(hub_page_count(before, topic));

  auto related_changed = update_curation(state.curation, site, state.links, article, topics);

  // The article's page; pages whose related list changed; pages that show it as related.
  PageSelection selection{topics, {article}};
  selection.articles.insert(selection.articles.end(), related_changed.begin(), related_changed.end());
  for (size_t other = 0; other < state.curation.related.size(); ++other) {
    const auto& related = state.curation.related[other];
    if (std::find(related.begin(), related.end(), article) != related.end()) selection.articles.push_back(other);
  }
  std::sort(selection.articles.begin(), selection.articles.end());
  selection.articles.erase(std::unique(selection.articles.begin(), selection.articles.end()), selection.articles.end());

  RenderContext after(site, state.graph, state.links, state.curation, state.base_url);
  update.files = render_selected(after, state.theme, selection);
  for (size_t i = 0; i < topics.size(); ++i)
    for (size_t page = hub_page_count(after, topics[i]) + 1; page <= old_page_counts[i]; ++page)
      update.removed.push_back(output_path(after, hub_page_path(after, topics[i], page)));
  return update;
}

}  // namespace topichub
