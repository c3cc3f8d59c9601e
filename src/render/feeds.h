// Atom feeds (site-wide and per topic) and sitemap.xml.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "render/context.h"

namespace topichub {

inline constexpr size_t kFeedEntries = 20;

// Each article's place in the feeds' order: freshest first, then by slug.
// For RenderContext::feed_rank: a MedQuAD build sorts every topic's
// articles for its feed, and comparing them by slug was 1% of the build.
std::vector<uint32_t> feed_ranks(const Site& site);

// The site feed: the freshest articles.
std::string site_feed(const RenderContext& context);
// A topic's feed: its freshest articles.
std::string topic_feed(const RenderContext& context, size_t topic);
// Every page path with its last modification, for search engines.
std::string sitemap(const RenderContext& context, std::span<const std::string> extra_paths);

}  // namespace topichub
