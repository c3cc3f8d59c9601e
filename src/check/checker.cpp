#include "check/checker.h"

#include <optional>

#include "check/rules.h"
#include "core/parallel.h"

namespace topichub {

Diagnostics check_site(const Site& site, const TopicGraph& graph, std::span<const ArticleLinks> links,
                       const CheckOptions& options) {
  CheckContext context{site, graph, links, options};
  LinkTargets targets(site);
  JargonIndex jargon(site);
  bool everything = !options.errors_only;

  // Pages one by one, in parallel: articles, then topics (their bodies are
  // hub-page text). Each has its own diagnostics, merged in order.
  size_t pages = site.articles.size() + site.topics.size();
  std::vector<Diagnostics> per_page(pages);
  parallel_for(pages, [&](unsigned, size_t i) {
    auto& diagnostics = per_page[i];
    bool is_article = i < site.articles.size();
    size_t index = is_article ? i : i - site.articles.size();
    const auto& file = is_article ? site.articles[index].file : site.topics[index].file;
    const auto& body = is_article ? site.articles[index].body : site.topics[index].body;
    int body_line = is_article ? site.articles[index].body_line : site.topics[index].body_line;
    // A build (errors only) reads the body for its links alone.
    std::optional<BodyLines> lines;
    std::optional<BodyOutline> outline;
    if (everything || may_contain_links(body)) {
      lines.emplace(body, body_line);
      outline = outline_markdown(body);
      check_body_links(context, targets, BodyPage{file, body, *lines, is_article, index}, *outline, diagnostics);
    }
    if (!is_article) return;
    check_article_sources(context, index, diagnostics);
    check_article_freshness(context, index, diagnostics);
    if (!everything) return;
    check_article_readability(context, index, *lines, *outline, diagnostics);
    check_article_jargon(context, jargon, index, *lines, diagnostics);
    check_article_metadata(context, index, diagnostics);
  });

  Diagnostics all;
  for (const auto& diagnostics : per_page) all.append(diagnostics);
  check_relation_sources(context, all);
  check_graph(context, all);
  check_topic_freshness(context, all);
  if (everything) check_site_metadata(context, all);
  all.sort();
  if (everything) return all;
  Diagnostics errors;
  for (const auto& diagnostic : all.items())
    if (diagnostic.severity == Severity::error) errors.add(diagnostic);
  return errors;
}

}  // namespace topichub
