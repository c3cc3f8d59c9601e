// What every page renderer reads: the results of the earlier stages, the
// site's URL scheme (DESIGN.md §2), and the parts of views that many pages
// share.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "core/site.h"
#include "curate/curate.h"
#include "graph/graph.h"
#include "link/linker.h"
#include "render/view.h"

namespace topichub {

struct RenderContext {
  const Site& site;
  const TopicGraph& graph;
  std::span<const ArticleLinks> links;
  const Curation& curation;
  std::string base_url;     // absolute, ends with '/': "https://example.org/health/"
  std::string path_prefix;  // the path of base_url: "/health/" (or "/")
  View site_block;          // the `site` of every page's view
  // Each article's card, built once for the many pages that list it; empty
  // until make_cards() (rendering a few pages after an edit builds the cards
  // it needs instead).
  std::vector<View> cards;
  // Each article's place in the feeds' order (see feed_ranks() in
  // feeds.h); empty unless set (a few feeds after an edit compare the
  // articles instead).
  std::vector<uint32_t> feed_rank;
  // Whether pages carry front matter `params` (false when no template reads
  // them: the default theme does not, and building them for every page was
  // 0.7% of a MedQuAD build).
  bool params_wanted = true;

  // REQUIRES: base_url ends with '/'.
  RenderContext(const Site& site, const TopicGraph& graph, std::span<const ArticleLinks> links,
                const Curation& curation, std::string base_url);
  // Views share site_block and cards by address.
  RenderContext(const RenderContext&) = delete;
  RenderContext& operator=(const RenderContext&) = delete;

  std::string topic_url(std::string_view slug) const;
  // Made once each: a MedQuAD build asks for them 387,142 times (counted).
  const std::string& topic_url(size_t topic) const { return topic_urls_[topic]; }
  const std::string& article_url(size_t article) const { return article_urls_[article]; }
  // "/topics/x/" -> "https://example.org/topics/x/"
  std::string absolute(std::string_view path) const;
  std::string format_date(const Date& date) const;

  // Builds `cards`, on all cores. REQUIRES: no view shares a card yet.
  void make_cards();

 private:
  std::vector<std::string> topic_urls_, article_urls_;
};

}  // namespace topichub
