// `topichub check`: content QA over the same Site, graph and links that
// `build` uses (see README.md for the rules).
#pragma once

#include <span>

#include "core/date.h"
#include "core/diagnostics.h"
#include "core/site.h"
#include "graph/graph.h"
#include "link/linker.h"

namespace topichub {

struct CheckOptions {
  Date today = today_utc();  // what "future" and "stale" are measured from
  // Run only the rules that can find errors and keep only their errors: what
  // `build` needs to refuse publishing, without the cost of the rest.
  bool errors_only = false;
};

// Every rule's diagnostics, sorted by file and line. Adds nothing the loader
// or the graph already report (unknown topics and relation targets, missing
// evidence grades, duplicate slugs, bad dates): callers show those too.
// REQUIRES: links[i] is for site.articles[i].
Diagnostics check_site(const Site& site, const TopicGraph& graph, std::span<const ArticleLinks> links,
                       const CheckOptions& options = {});

}  // namespace topichub
