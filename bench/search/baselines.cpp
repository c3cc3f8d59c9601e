// search_baselines: SQLite FTS5 and Xapian over the same articles and
// queries as topichub, for the evaluation and latency tables of run.sh.
//
//   search_baselines SITE --engine fts5|xapian --queries FILE.tsv [--limit 100]
//       one TREC run line per hit: QID Q0 SLUG RANK SCORE ENGINE
//   search_baselines SITE --engine fts5|xapian --latency FILE.tsv [--repeat 5] [--slowest N]
//       one key=value line: build time, memory, p50/p99 latency, QPS
#include <CLI/CLI.hpp>

#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "baseline_engine.h"
#include "bench_documents.h"
#include "measure.h"
#include "query_file.h"

namespace topichub::bench {
namespace {

struct Options {
  std::string site;
  std::string engine;
  std::string queries_file;
  std::string latency_file;
  std::string xapian_backend = "glass";
  size_t limit = 100;
  size_t latency_limit = 10;
  int repeat = 5;
  size_t slowest = 0;
};

std::string temporary_directory() {
  std::string pattern = (std::filesystem::temp_directory_path() / "search-baselines-XXXXXX").string();
  if (!mkdtemp(pattern.data())) {
    std::cerr << "error: cannot create a temporary directory\n";
    std::exit(1);
  }
  return pattern;
}

std::unique_ptr<BaselineEngine> make_engine(const Options& options) {
  if (options.engine == "fts5") return make_fts5_engine();
  return make_xapian_engine(options.xapian_backend == "glass" ? temporary_directory() : "");
}

void print_run(BaselineEngine& engine, const std::vector<BenchQuery>& queries, size_t limit) {
  for (const auto& query : queries) {
    size_t rank = 0;
    for (const auto& hit : engine.search(query.text, limit))
      std::cout << query.id << " Q0 " << hit.slug << " " << ++rank << " " << hit.score << " " << engine.name() << "\n";
  }
}

int run(const Options& options) {
  auto site = load_site_or_exit(options.site);
  BuildMeter meter;
  auto engine = make_engine(options);
  {
    auto documents = bench_documents(site);
    for (const auto& document : documents) engine->add(document);
  }
  engine->finish();
  auto build = meter.finish();
  build.index_disk_kib = engine->index_disk_kib();

  if (!options.queries_file.empty()) print_run(*engine, read_queries(options.queries_file), options.limit);
  if (!options.latency_file.empty()) {
    auto queries = read_queries(options.latency_file);
    auto latency = measure_latency(queries, options.repeat,
                                   [&](const std::string& text) { return engine->search(text, options.latency_limit).size(); });
    std::string label(engine->name());
    if (options.engine == "xapian") label += "-" + options.xapian_backend;
    print_report(std::cout, label, site.articles.size(), queries.size(), options.repeat, build, latency);
    print_slowest(std::cerr, queries, latency, options.slowest);
  }
  return 0;
}

}  // namespace
}  // namespace topichub::bench

int main(int argc, char** argv) {
  topichub::bench::Options options;
  CLI::App app{"SQLite FTS5 and Xapian baselines for topichub's search benchmark"};
  app.add_option("site", options.site, "site folder")->required();
  app.add_option("--engine", options.engine, "baseline engine")->required()->check(CLI::IsMember({"fts5", "xapian"}));
  auto* queries = app.add_option("--queries", options.queries_file, "QID<TAB>query file: print a TREC run");
  auto* latency = app.add_option("--latency", options.latency_file, "QID<TAB>query file: time every query");
  app.add_option("--limit", options.limit, "hits per query in the TREC run");
  app.add_option("--latency-limit", options.latency_limit, "hits per query when timing (a results page)");
  app.add_option("--repeat", options.repeat, "timed passes over the latency queries")->check(CLI::PositiveNumber);
  app.add_option("--slowest", options.slowest, "also list the N slowest queries (median µs) on stderr");
  app.add_option("--xapian-backend", options.xapian_backend, "glass (temporary folder) or inmemory")
      ->check(CLI::IsMember({"glass", "inmemory"}));
  CLI11_PARSE(app, argc, argv);
  if (queries->count() == 0 && latency->count() == 0) {
    std::cerr << "error: give --queries or --latency\n";
    return 2;
  }
  return topichub::bench::run(options);
}
