// search_latency: topichub's own search timed the way search_baselines times
// FTS5 and Xapian: index build cost, then every query of FILE.tsv searched as
// a reader's query (first page of 10 hits, with snippets and facets).
//
//   search_latency SITE --latency FILE.tsv [--repeat 5] [--plain] [--slowest N]
#include <CLI/CLI.hpp>

#include <iostream>

#include "bench_documents.h"
#include "link/linker.h"
#include "measure.h"
#include "query_file.h"
#include "render/site_renderer.h"
#include "search/index.h"
#include "search/searcher.h"

int main(int argc, char** argv) {
  std::string site_root, latency_file;
  int repeat = 5;
  size_t limit = 10;
  bool plain = false;
  size_t slowest = 0;
  CLI::App app{"topichub search latency"};
  app.add_option("site", site_root, "site folder")->required();
  app.add_option("--latency", latency_file, "QID<TAB>query file")->required();
  app.add_option("--repeat", repeat, "timed passes over the queries")->check(CLI::PositiveNumber);
  app.add_option("--limit", limit, "hits per query (a results page)");
  app.add_flag("--plain", plain, "without synonyms, typos and prefixes");
  app.add_option("--slowest", slowest, "also list the N slowest queries (median µs) on stderr");
  CLI11_PARSE(app, argc, argv);

  using namespace topichub;
  auto site = bench::load_site_or_exit(site_root);
  bench::BuildMeter meter;
  // Linking is part of the cost: topic boosts need each article's topic weights.
  auto links = Linker(site).link_all();
  auto index = SearchIndex::build(site, links, render_body_texts(site));
  Searcher searcher(index);
  auto build = meter.finish();

  auto queries = bench::read_queries(latency_file);
  SearchRequest request;
  request.limit = limit;
  request.use_synonyms = request.use_typos = request.use_prefix = !plain;
  auto latency = bench::measure_latency(queries, repeat, [&](const std::string& text) {
    request.query = text;
    return searcher.search(request).hits.size();
  });
  bench::print_report(std::cout, plain ? "topichub-plain" : "topichub", site.articles.size(), queries.size(), repeat,
                      build, latency);
  bench::print_slowest(std::cerr, queries, latency, slowest);
  return 0;
}
