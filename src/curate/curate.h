// Collections of articles per topic, and related articles.
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "core/site.h"
#include "link/linker.h"

namespace topichub {

struct CuratedArticle {
  size_t article;
  double centrality;  // the topic's weight in the article (link stage)
};

struct Curation {
  // by_topic[t]: topic t's articles, most central first, then freshest,
  // then by title, then in path order.
  std::vector<std::vector<CuratedArticle>> by_topic;
  // intents_by_topic[t]: the intents of topic t's articles, in the order of
  // group_by_intent ("" for articles without one).
  std::vector<std::vector<std::string_view>> intents_by_topic;
  // related[a]: up to kRelatedCount articles sharing a's central topics.
  std::vector<std::vector<size_t>> related;
};

inline constexpr size_t kRelatedCount = 5;

// REQUIRES: links.size() == site.articles.size().
Curation curate(const Site& site, std::span<const ArticleLinks> links);

// Follows an edit of one article whose links (links[article]) are already
// updated: the collections of `topics` (those the article was or is in) are
// re-sorted, and the related lists drawn from them recomputed. The result is
// what curate() would give. Returns the articles whose related list changed.
std::vector<size_t> update_curation(Curation& curation, const Site& site, std::span<const ArticleLinks> links,
                                    size_t article, std::span<const size_t> topics);

struct IntentGroup {
  std::string_view intent;  // empty for articles without an intent
  std::string_view heading;  // "Quick relief tonight"
  std::vector<CuratedArticle> articles;
};

// Groups in the fixed reader order (quick relief, prevention, causes,
// treatment, diagnosis, living with, then the rest); each article appears
// once, under its first intent. Order within a group is kept.
std::vector<IntentGroup> group_by_intent(std::span<const CuratedArticle> articles, const Site& site);

std::string_view intent_heading(std::string_view intent);
// Lower-case phrase for lead-ins: "quick relief tonight".
std::string_view intent_phrase(std::string_view intent);

}  // namespace topichub
