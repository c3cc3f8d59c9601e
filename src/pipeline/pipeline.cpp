#include "pipeline/pipeline.h"

#include <filesystem>

#include "check/checker.h"
#include "core/parallel.h"
#include "curate/curate.h"
#include "graph/graph.h"
#include "link/linker.h"
#include "load/loader.h"
#include "load/source_file.h"
#include "pipeline/incremental.h"
#include "render/context.h"
#include "render/feeds.h"
#include "render/theme.h"
#include "write/site_writer.h"

namespace topichub {
namespace fs = std::filesystem;

void collect_static_files(std::string_view site_root, std::vector<OutputFile>& files, Diagnostics& diagnostics) {
  fs::path root(site_root);
  auto dir = root / "static";
  std::error_code error;
  if (!fs::is_directory(dir, error)) return;
  auto canonical_root = fs::canonical(root, error);
  fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, error), end;
  for (; !error && it != end; it.increment(error)) {
    const auto& entry = *it;
    auto relative = entry.path().lexically_relative(dir).generic_string();
    auto display = "static/" + relative;
    if (entry.is_symlink(error)) {
      if (!leads_inside(entry.path(), canonical_root)) {
        diagnostics.error(display, 0, "symlink", "symbolic link points outside the site; not followed");
        if (entry.is_directory(error)) it.disable_recursion_pending();
        continue;
      }
    }
    if (!entry.is_regular_file(error)) continue;
    if (!is_safe_relative_path(relative)) {
      diagnostics.error(display, 0, "static", "file name cannot be published safely; skipped");
      continue;
    }
    std::string content;
    if (read_file(entry.path().string(), display, content, diagnostics)) files.push_back({relative, std::move(content)});
  }
}

namespace {

void release_markdown(Site& site) {
  for (auto& article : site.articles) std::string().swap(article.body);
  for (auto& topic : site.topics) std::string().swap(topic.body);
}

}  // namespace

BuildOutput build_site(std::string_view site_root, const BuildOptions& options) {
  auto report = [&](std::string_view stage, size_t done, size_t total) {
    if (options.progress) options.progress(stage, done, total);
  };
  BuildOutput output;
  report("load", 0, 0);
  auto loaded = load_site(site_root, LoadOptions{options.include_drafts});
  *output.site = std::move(loaded.site);
  output.diagnostics = std::move(loaded.diagnostics);
  output.sources = std::move(loaded.sources);
  const Site& site = *output.site;

  report("graph", 0, 0);
  // The linker's topic matcher is made while the graph is built on another
  // thread: both read only the topics. On MedQuAD the graph took 8-16 ms
  // and the matcher, some 20,000 names and synonyms, 20-38 ms (four builds,
  // each on one core): the matcher sets the stage's length.
  TopicGraph graph;
  Diagnostics graph_diagnostics;
  BackgroundTask building_graph([&] { graph = TopicGraph::build(site, graph_diagnostics); });
  Linker linker(site);
  building_graph.join();
  output.diagnostics.append(graph_diagnostics);
  report("link", 0, 0);
  auto links = linker.link_all();
  report("check", 0, 0);
  // What `topichub check` calls an error (a broken link, a future date...) must not be published.
  output.diagnostics.append(check_site(site, graph, links, CheckOptions{.errors_only = true}));
  report("curate", 0, 0);
  // The feeds' order needs only the articles: sorted on a thread of its own
  // while curation, whose serial parts leave a core idle, runs (MedQuAD: 4 ms
  // of CPU, 7 ms wall alone).
  std::vector<uint32_t> feed_rank;
  BackgroundTask ranking_feeds([&] { feed_rank = feed_ranks(site); });
  auto curation = curate(site, links);

  auto theme = Theme::load(site_root, output.diagnostics);
  output.base_url = options.base_url.empty() ? site.config.base_url : options.base_url;
  RenderContext context(site, graph, links, curation, output.base_url);
  context.params_wanted = theme.references("params");
  output.path_prefix = context.path_prefix;
  // Rendering also yields the body texts, which the search index reads.
  bool build_index = options.build_search_index && (!options.write_file || output.ok());
  BodyTexts bodies;
  report("render", 0, 0);
  context.make_cards();
  ranking_feeds.join();
  context.feed_rank = std::move(feed_rank);
  auto render_progress = [&](size_t done, size_t total) { report("render", done, total); };
  if (!options.write_file) {
    output.rendered = render_site(context, theme, render_progress, &bodies);
    report("static files", 0, 0);
    collect_static_files(site_root, output.rendered.files, output.diagnostics);
  } else if (output.ok()) {
    render_site_to(context, theme, options.write_file, render_progress, &bodies);
    report("static files", 0, 0);
    std::vector<OutputFile> static_files;
    collect_static_files(site_root, static_files, output.diagnostics);
    for (auto& file : static_files) options.write_file(std::move(file));
  }
  context.cards = {};  // shared by rendered views only
  // Once the pages are out, a build that keeps no state needs the Markdown
  // no more: freed, its memory serves the search index instead of new
  // pages (each new page costs a page fault).
  if (!options.keep_state && options.write_file) release_markdown(*output.site);
  if (build_index) {
    report("search index", 0, 0);
    output.search = std::make_shared<const SearchIndex>(
        SearchIndex::build(site, links, std::move(bodies), context.path_prefix, linker.shared_matcher()));
  }
  if (options.keep_state)
    output.state = std::make_shared<BuildState>(output.site, std::move(graph), std::move(links), std::move(curation),
                                                std::move(theme), output.base_url, std::move(linker));
  output.diagnostics.sort();
  return output;
}

}  // namespace topichub
