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

// Where an article stands in a topic's collection, and what the whole
// collection says of itself (its size and intents, in every page's lead).
struct Standing {
  size_t position = SIZE_MAX;  // SIZE_MAX: not in the collection
  size_t size = 0;
  std::vector<std::string_view> intents;
};

Standing standing_in(const Curation& curation, size_t topic, size_t article) {
  const auto& collection = curation.by_topic[topic];
  Standing standing{SIZE_MAX, collection.size(), curation.intents_by_topic[topic]};
  for (size_t i = 0; i < collection.size(); ++i)
    if (collection[i].article == article) standing.position = i;
  return standing;
}

bool same_collection(const Standing& before, const Standing& after) {
  return before.position != SIZE_MAX && after.position != SIZE_MAX && before.size == after.size &&
         before.intents == after.intents;
}

// The hub pages an edit changes, if any: when the collection is the same but
// for the article's place in it, the pages between its old and new places
// (its own page alone if it stayed, and only if its card changed); otherwise
// every page, since each carries the count and the pagination.
std::optional<HubPages> changed_pages(size_t topic, const Standing& before, const Standing& after, size_t page_size,
                                      bool card_changed) {
  if (!same_collection(before, after)) return HubPages{topic, 1, SIZE_MAX};
  if (before.position == after.position && !card_changed) return std::nullopt;
  return HubPages{topic, std::min(before.position, after.position) / page_size + 1,
                  std::max(before.position, after.position) / page_size + 1};
}

// What an article's card, feed entry and sitemap line show.
bool card_changed(const Article& before, const Article& after) {
  return before.title != after.title || before.summary != after.summary || before.date != after.date ||
         before.lastmod != after.lastmod;
}

// Whether the edit keeps the article where it was in the site.
bool same_place(const Article& before, const Article& after) {
  return before.slug == after.slug && before.topics == after.topics && before.intents == after.intents &&
         before.draft == after.draft;
}

}  // namespace

BuildState::BuildState(std::shared_ptr<Site> site_in, TopicGraph graph_in, std::vector<ArticleLinks> links_in,
                       Curation curation_in, Theme theme_in, std::string base_url_in, Linker linker_in)
    : site(std::move(site_in)),
      graph(std::move(graph_in)),
      links(std::move(links_in)),
      curation(std::move(curation_in)),
      theme(std::move(theme_in)),
      base_url(std::move(base_url_in)),
      linker(std::move(linker_in)),
      context(*site, graph, links, curation, base_url) {
  context.params_wanted = theme.references("params");
}

std::optional<ArticleUpdate> update_article(BuildState& state, std::string_view file) {
  auto& site = *state.site;
  auto found = std::find_if(site.articles.begin(), site.articles.end(), [&](const Article& a) { return a.file == file; });
  if (found == site.articles.end()) return std::nullopt;
  size_t article = static_cast<size_t>(found - site.articles.begin());

  ArticleUpdate update;
  auto fresh = reload_article(site, file, update.diagnostics);
  if (!fresh || update.diagnostics.has_errors() || !same_place(*found, *fresh)) return std::nullopt;

  const RenderContext& context = state.context;
  auto topics = link_topics(state.links[article]);
  std::vector<size_t> old_page_counts;
  bool card = card_changed(*found, *fresh);
  *found = std::move(*fresh);
  state.links[article] = state.linker.link(*found);
  for (size_t topic : link_topics(state.links[article])) topics.push_back(topic);
  std::sort(topics.begin(), topics.end());
  topics.erase(std::unique(topics.begin(), topics.end()), topics.end());
  std::vector<Standing> old_standing;
  for (size_t topic : topics) {
    old_page_counts.push_back(hub_page_count(context, topic));  // before the collections change
    old_standing.push_back(standing_in(state.curation, topic, article));
  }

  auto related_changed = update_curation(state.curation, site, state.links, article, topics);

  // The pages that show what changed. The site-wide lists show cards and
  // the sizes of collections; topic feeds the cards of their articles by
  // date; hub pages cards in order; article pages their related cards.
  PageSelection selection{card, {}, {}, {article}};
  auto page_size = static_cast<size_t>(site.config.hub_page_size);
  for (size_t i = 0; i < topics.size(); ++i) {
    auto now = standing_in(state.curation, topics[i], article);
    if (old_standing[i].size != now.size) selection.site_wide = true;
    if (card || !same_collection(old_standing[i], now)) selection.topic_feeds.push_back(topics[i]);
    if (auto pages = changed_pages(topics[i], old_standing[i], now, page_size, card)) selection.hubs.push_back(*pages);
  }
  selection.articles.insert(selection.articles.end(), related_changed.begin(), related_changed.end());
  for (size_t other = 0; card && other < state.curation.related.size(); ++other) {
    const auto& related = state.curation.related[other];
    if (std::find(related.begin(), related.end(), article) != related.end()) selection.articles.push_back(other);
  }
  std::sort(selection.articles.begin(), selection.articles.end());
  selection.articles.erase(std::unique(selection.articles.begin(), selection.articles.end()), selection.articles.end());

  update.files = render_selected(context, state.theme, selection);
  for (size_t i = 0; i < topics.size(); ++i)
    for (size_t page = hub_page_count(context, topics[i]) + 1; page <= old_page_counts[i]; ++page)
      update.removed.push_back(output_path(context, hub_page_path(context, topics[i], page)));
  return update;
}

}  // namespace topichub
