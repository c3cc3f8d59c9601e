// Following an edit without rebuilding everything (`topichub serve`).
//
// A build can keep what it made on the way (BuildState). When one article
// file changes and its place in the site does not (same slug, topics,
// intents, draft flag), update_article reloads and relinks that article,
// re-sorts the collections it was or is in, recomputes the related lists that
// read them, and renders again exactly the pages that show it: its own page,
// every page and feed of those topics' hubs, the pages of articles that list
// it as related or whose related list changed, and the site-wide lists. The
// pages come out as a full build would make them.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostics.h"
#include "core/site.h"
#include "curate/curate.h"
#include "graph/graph.h"
#include "link/linker.h"
#include "render/context.h"
#include "render/site_renderer.h"
#include "render/theme.h"

namespace topichub {

struct BuildState {
  // REQUIRES: `linker` links `site`.
  BuildState(std::shared_ptr<Site> site, TopicGraph graph, std::vector<ArticleLinks> links, Curation curation,
             Theme theme, std::string base_url, Linker linker);

  std::shared_ptr<Site> site;
  TopicGraph graph;
  std::vector<ArticleLinks> links;
  Curation curation;
  Theme theme;
  std::string base_url;
  Linker linker;
  // Kept across edits: an edit changes no slug, so the URLs it made once
  // stay right (making them again cost each edit on the 6x MedQuAD copy
  // a few milliseconds).
  RenderContext context;
};

struct ArticleUpdate {
  std::vector<OutputFile> files;     // pages to add or replace
  std::vector<std::string> removed;  // pages no longer made (a hub that got shorter)
  Diagnostics diagnostics;           // of the article's file
};

// `file` is relative to the site root ("content/articles/x.md"). nullopt when
// the edit needs a full rebuild: an unknown or new file, a changed slug,
// topics, intents or draft flag, or an error in the file. On nullopt the state
// is unchanged.
// REQUIRES: nothing else reads state.site's articles meanwhile.
std::optional<ArticleUpdate> update_article(BuildState& state, std::string_view file);

}  // namespace topichub
