// The rule groups behind check_site (checker.h), one file each. Internal to
// src/check; README.md lists every rule with its name and severity.
#pragma once

#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "check/body_outline.h"
#include "check/checker.h"
#include "core/diagnostics.h"
#include "core/site.h"
#include "graph/graph.h"
#include "link/linker.h"
#include "link/topic_matcher.h"

namespace topichub {

struct CheckContext {
  const Site& site;
  const TopicGraph& graph;
  std::span<const ArticleLinks> links;
  const CheckOptions& options;
};

// The line of a front-matter key, else `fallback` (1: the opening fence).
inline int key_line(const KeyLines& lines, std::string_view key, int fallback = 1) {
  auto it = lines.find(key);
  return it == lines.end() ? fallback : it->second;
}

// A page whose Markdown body is checked: an article or a topic's hub.
struct BodyPage {
  std::string_view file;
  std::string_view body;
  const BodyLines& lines;
  bool is_article;
  size_t index;  // into site.articles or site.topics
};

// ---- link_rules.cpp: link-internal, link-anchor, url, pmid, doi ----

// What links inside the site may point at, besides articles and topics.
class LinkTargets {
 public:
  explicit LinkTargets(const Site& site);

  // Ids that the theme gives pages outside the body ("sources", "evidence").
  const std::set<std::string>& theme_ids(bool article_page) const {
    return article_page ? article_ids_ : hub_ids_;
  }
  bool is_theme_asset(std::string_view path) const { return assets_.contains(std::string(path)); }
  bool is_static_file(std::string_view path) const;  // relative to SITE/static
  std::string_view base_url() const { return base_url_; }
  std::string_view path_prefix() const { return path_prefix_; }

 private:
  std::string static_root_;
  std::string base_url_;
  std::string path_prefix_;
  std::set<std::string> article_ids_, hub_ids_, assets_;
};

void check_body_links(const CheckContext& context, const LinkTargets& targets, const BodyPage& page,
                      const BodyOutline& outline, Diagnostics& diagnostics);
// PubMed IDs, DOIs and URLs of an article's sources; of every topic's relations.
void check_article_sources(const CheckContext& context, size_t article, Diagnostics& diagnostics);
void check_relation_sources(const CheckContext& context, Diagnostics& diagnostics);

// ---- graph_rules.cpp: remedy-source, definition, orphan, contradiction ----

void check_graph(const CheckContext& context, Diagnostics& diagnostics);

// ---- freshness_rules.cpp: stale-review, future-date, unreviewed ----

void check_article_freshness(const CheckContext& context, size_t article, Diagnostics& diagnostics);
void check_topic_freshness(const CheckContext& context, Diagnostics& diagnostics);

// ---- readability_rules.cpp: reading-grade, long-sentence, jargon ----

// Topics that declare `plain_name`: their other names are technical, and the
// first one an article uses should have a plain name close by.
class JargonIndex {
 public:
  explicit JargonIndex(const Site& site);
  bool is_technical(size_t topic) const { return topic < owner_of_.size() && owner_of_[topic] != kNone; }
  // True when a plain name of `topic` is within the window around [begin, end) of `body`.
  bool explained(size_t topic, std::string_view body, size_t begin, size_t end) const;

 private:
  static constexpr size_t kNone = static_cast<size_t>(-1);
  std::vector<size_t> owner_of_;     // topic -> its entry in the plain matcher, or kNone
  std::vector<size_t> topic_of_;     // entry -> topic
  TopicMatcher plain_names_;
};

void check_article_readability(const CheckContext& context, size_t article, const BodyLines& lines,
                               const BodyOutline& outline, Diagnostics& diagnostics);
void check_article_jargon(const CheckContext& context, const JargonIndex& jargon, size_t article,
                          const BodyLines& lines, Diagnostics& diagnostics);

// ---- metadata_rules.cpp: missing-summary, missing-date, summary-length, title-length, duplicate-title ----

void check_article_metadata(const CheckContext& context, size_t article, Diagnostics& diagnostics);
void check_site_metadata(const CheckContext& context, Diagnostics& diagnostics);  // topics; duplicates

}  // namespace topichub
