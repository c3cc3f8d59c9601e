// Which topics an article is about, and where their first mentions are.
#pragma once

#include <memory>
#include <vector>

#include "core/site.h"
#include "link/topic_matcher.h"

namespace topichub {

struct TopicWeight {
  size_t topic;
  double weight;  // higher = more central to the article
};

struct ArticleLinks {
  // Explicit topics and mentioned ones, most central first.
  std::vector<TopicWeight> topics;
  // The first linkable mention of each topic in the body (byte offsets into
  // Article::body), in text order. Never in headings, links, images or code.
  std::vector<TopicMention> first_mentions;

  double weight_of(size_t topic) const;
};

class Linker {
 public:
  // REQUIRES: `site` outlives the linker.
  explicit Linker(const Site& site) : site_(site), matcher_(std::make_shared<const TopicMatcher>(site.topics)) {}

  ArticleLinks link(const Article& article) const;
  // The same, with a thread's scratch for the matcher (see TopicMatcher::Scratch).
  ArticleLinks link(const Article& article, TopicMatcher::Scratch& scratch) const;

  // Links every article of the site, in parallel; result[i] is for site.articles[i].
  std::vector<ArticleLinks> link_all() const;

  const TopicMatcher& matcher() const { return *matcher_; }
  // For the search index, which matches the same names in queries.
  std::shared_ptr<const TopicMatcher> shared_matcher() const { return matcher_; }

 private:
  const Site& site_;
  std::shared_ptr<const TopicMatcher> matcher_;
};

}  // namespace topichub
