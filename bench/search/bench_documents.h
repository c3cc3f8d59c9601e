// The documents every engine in the benchmark indexes: the site's articles
// with the same four fields topichub searches (title, topic names, summary,
// body as plain text), so that rankings differ only by the engine.
#pragma once

#include <string>
#include <vector>

#include "core/site.h"

namespace topichub::bench {

struct BenchDocument {
  std::string slug;
  std::string title;
  std::string topics;  // names of the article's explicit topics, ". "-separated
  std::string summary;
  std::string body;    // rendered Markdown, visible text only
};

// Articles only (topic hubs are left out, as in topichub's batch mode).
std::vector<BenchDocument> bench_documents(const Site& site);

// Loads SITE or exits with the loader's diagnostics.
Site load_site_or_exit(const std::string& root);

}  // namespace topichub::bench
