// One call from a site folder to a rendered site in memory.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "core/diagnostics.h"
#include "core/site.h"
#include "load/fingerprint.h"
#include "render/site_renderer.h"
#include "search/index.h"

namespace topichub {

struct BuildState;

struct BuildOptions {
  bool include_drafts = false;
  std::string base_url;  // overrides topichub.toml's base_url when set
  bool build_search_index = false;
  // When set, rendered files (static ones too) go here as they are made,
  // not into BuildOutput::rendered, and only if loading and checking found
  // no errors. Called from several threads at once.
  FileSink write_file;
  // Keep what the build made on the way (BuildOutput::state), so that edits
  // can be followed without rebuilding everything (pipeline/incremental.h).
  bool keep_state = false;
  // Called at each stage and during rendering; for progress on a terminal.
  std::function<void(std::string_view stage, size_t done, size_t total)> progress;
};

struct BuildOutput {
  // Shared because the search index (and the server) keep pointing into it.
  // After a build with write_file and without keep_state, its articles and
  // topics have no `body`: the Markdown is let go once the pages are out.
  std::shared_ptr<Site> site = std::make_shared<Site>();
  Diagnostics diagnostics;
  RenderedSite rendered;  // rendered even when there are errors (serve shows it); empty with write_file
  std::shared_ptr<const SearchIndex> search;  // when BuildOptions::build_search_index
  std::string base_url;                      // as used for the pages
  std::string path_prefix;                   // the path of base_url ("/")
  std::shared_ptr<BuildState> state;         // when BuildOptions::keep_state
  std::vector<SourceStamp> sources;          // as loaded (LoadResult::sources), for site_fingerprint()
  bool ok() const { return !diagnostics.has_errors(); }
};

BuildOutput build_site(std::string_view site_root, const BuildOptions& options = {});

// SITE/static/** as output files (copied as they are).
void collect_static_files(std::string_view site_root, std::vector<OutputFile>& files, Diagnostics& diagnostics);

}  // namespace topichub
