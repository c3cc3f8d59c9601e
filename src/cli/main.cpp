// topichub: build, serve, search and check a health-information site.
#include <CLI/CLI.hpp>

#include <sys/resource.h>
#include <sys/stat.h>

#include <algorithm>
#include <csignal>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <iostream>
#include <pthread.h>
#include <thread>
#include <unistd.h>

#ifdef TOPICHUB_MIMALLOC
#include <mimalloc.h>
#endif

#include "pipeline/pipeline.h"
#include "check/check_command.h"
#include "core/file_tree.h"
#include "core/idle_prefault.h"
#include "load/fingerprint.h"
#include "search/index_file.h"
#include "search/search_command.h"
#include "serve/server.h"
#include "write/site_writer.h"

namespace {

using Clock = std::chrono::steady_clock;

// Progress on a terminal, only once a build has run for more than a second.
class Progress {
 public:
  explicit Progress(bool enabled, bool timings = false) : enabled_(enabled), timings_(timings), started_(Clock::now()) {}

  void operator()(std::string_view stage, size_t done, size_t total) {
    if (stage != stage_) {
      lap(stage);
    }
    if (!enabled_ || Clock::now() - started_ < std::chrono::seconds(1)) return;
    std::cerr << "\r\033[K" << stage;
    if (total > 0) std::cerr << " " << done << "/" << total;
    std::cerr << std::flush;
    shown_ = true;
  }
  void finish() {
    if (shown_) std::cerr << "\r\033[K" << std::flush;
    shown_ = false;
  }

  // With --timings: how long each stage took and the CPU time the build used
  // in it (over all threads: twice the wall time when two cores were kept
  // busy), printed when the next starts. The idle thread that populates
  // memory (core/idle_prefault.h) runs only on a core the build leaves free,
  // so its time is shown apart: counted in, it hid how long a core sat idle.
  void lap(std::string_view next_stage) {
    auto now = Clock::now();
    rusage usage{};
    ::getrusage(RUSAGE_SELF, &usage);
    double cpu_ms = milliseconds(usage.ru_utime) + milliseconds(usage.ru_stime);
    double idle_ms = idle_cpu_ms_ ? idle_cpu_ms_() : 0;
    if (timings_ && !stage_.empty()) {
      std::cerr << "  " << stage_ << ": " << std::chrono::duration<double, std::milli>(now - stage_started_).count()
                << " ms, CPU " << (cpu_ms - idle_ms) - (stage_cpu_started_ms_ - stage_idle_started_ms_) << " ms";
      if (idle_cpu_ms_) std::cerr << " (idle thread " << idle_ms - stage_idle_started_ms_ << " ms)";
      std::cerr << " (peak memory so far " << usage.ru_maxrss / 1024 << " MiB)\n";
    }
    stage_ = std::string(next_stage);
    stage_started_ = now;
    stage_cpu_started_ms_ = cpu_ms;
    stage_idle_started_ms_ = idle_ms;
  }
  // Where the CPU time of the idle thread (core/idle_prefault.h) comes from.
  void count_apart(std::function<double()> idle_cpu_ms) { idle_cpu_ms_ = std::move(idle_cpu_ms); }

 private:
  bool enabled_;
  bool timings_;
  std::string stage_;
  Clock::time_point stage_started_;
  bool shown_ = false;
  Clock::time_point started_;
  double stage_cpu_started_ms_ = 0;
  double stage_idle_started_ms_ = 0;
  std::function<double()> idle_cpu_ms_;

  static double milliseconds(const timeval& t) { return t.tv_sec * 1e3 + t.tv_usec / 1e3; }
};

#ifdef TOPICHUB_MIMALLOC
// The bytes of the site's sources (content/), walked as the loader walks
// them (core/file_tree.h), or as many as could be read.
size_t content_bytes(const std::string& site) {
  auto root = (std::filesystem::path(site) / "content").string();
  size_t total = 0;
  topichub::walk_tree_entries(root, [&](const std::string& relative, topichub::TreeEntry kind) {
    struct stat info {};
    if (kind == topichub::TreeEntry::file && ::stat((root + "/" + relative).c_str(), &info) == 0)
      total += static_cast<size_t>(info.st_size);
  });
  return total;
}

// mimalloc's arenas hold whole segments, 32 MiB aligned in mimalloc 2.0; a
// multiple of that stays right if a later version doubles them.
constexpr size_t kArenaAlignment = size_t{64} << 20;
// Address space only: a build that needs more takes it from the system.
constexpr size_t kArenaBytes = size_t{8} << 30;
// What a build touches: a part per byte of sources and a fixed part
// (program, theme, word tables), fitted a little under MedQuAD's peak
// (272 MiB for 28 MB of sources) and its 6x copy's (1,190 MiB for 164 MB).
// A small site gets no more of the fixed part than 3 bytes per byte of
// sources: populating more than the build uses only raises its peak.
constexpr double kPrefaultPerContentByte = 6.5;
constexpr size_t kPrefaultFixedBytes = size_t{80} << 20;
constexpr size_t kPrefaultFixedPerContentByte = 3;

size_t prefault_budget(size_t content) {
  return static_cast<size_t>(kPrefaultPerContentByte * static_cast<double>(content)) +
         std::min(kPrefaultFixedBytes, kPrefaultFixedPerContentByte * content);
}
#endif

// The search index's two files, written at once, each as it is made; or,
// when the previous build left files of the same bytes (a rebuild of
// unchanged sources), kept: working their bytes out to hash them costs a
// fraction of writing them (75 MB on MedQuAD). Only an index saved from the
// same sources (its fingerprint, in OUT's copy) can match; after an edit the
// hashing would be wasted (measured before this check, MedQuAD edited
// rebuilds, medians of 4: save stage 63 -> 68 ms).
void save_search_index(topichub::SiteWriter& writer, const std::string& out, const topichub::SearchIndex& index,
                       uint64_t fingerprint) {
  using topichub::ContentHasher;
  using topichub::SiteWriter;
  using topichub::kSearchIndexFile;
  using topichub::kSearchPositionsFile;
  auto write = [&](const SiteWriter::WritePart& documents, const SiteWriter::WritePart& positions) {
    topichub::SearchIndexFile::write(index, fingerprint, documents, positions);
  };
  bool documents_kept = false, positions_kept = false;
  auto saved = topichub::SearchIndexFile::saved_fingerprint((std::filesystem::path(out) / kSearchIndexFile).string());
  if (saved == fingerprint && (writer.has_previous(kSearchIndexFile) || writer.has_previous(kSearchPositionsFile))) {
    ContentHasher documents, positions;  // each file's parts come in order, from one thread
    write([&](uint64_t, std::string_view part) { documents.add(part); },
          [&](uint64_t, std::string_view part) { positions.add(part); });
    documents_kept = writer.keep_unchanged(kSearchIndexFile, documents.size(), documents.hash());
    positions_kept = writer.keep_unchanged(kSearchPositionsFile, positions.size(), positions.hash());
  }
  if (documents_kept && positions_kept) return;
  // Calls next() with the sink for `path`: one that drops the bytes when the
  // file was kept, else one that writes them, hashing them as they pass for
  // the next build to keep.
  auto into_file = [&](std::string_view path, bool kept, const std::function<void(const SiteWriter::WritePart&)>& next) {
    if (kept) return next([](uint64_t, std::string_view) {});
    writer.add_in_parts(path, [&](const SiteWriter::WritePart& sink) {
      ContentHasher hasher;
      next([&](uint64_t offset, std::string_view part) {
        hasher.add(part);
        sink(offset, part);
      });
      return hasher.hash();
    });
  };
  into_file(kSearchIndexFile, documents_kept, [&](const SiteWriter::WritePart& documents) {
    into_file(kSearchPositionsFile, positions_kept,
              [&](const SiteWriter::WritePart& positions) { write(documents, positions); });
  });
}

int run_build(const std::string& site, std::string out, bool drafts, const std::string& base_url, bool timings) {
  auto started = Clock::now();
#ifdef TOPICHUB_MIMALLOC
  // mimalloc takes its memory from a region that a thread of idle priority
  // faults in during the build's serial stretches (core/idle_prefault.h;
  // docs/decisions.md, "Allocator").
  topichub::IdlePrefaultedRegion arena(kArenaBytes, kArenaAlignment,
                                       [site] { return prefault_budget(content_bytes(site)); });
  if (arena.data())
    mi_manage_os_memory(arena.data(), arena.size(), /*is_committed=*/true, /*is_large=*/false, /*is_zero=*/true,
                        /*numa_node=*/-1);
#endif
  Progress progress(::isatty(STDERR_FILENO), timings);
#ifdef TOPICHUB_MIMALLOC
  progress.count_apart([&arena] { return arena.thread_cpu_ms(); });
#endif
  topichub::BuildOptions options;
  options.include_drafts = drafts;
  options.base_url = base_url;
  options.progress = [&](std::string_view stage, size_t done, size_t total) { progress(stage, done, total); };
  options.build_search_index = true;
  if (out.empty()) out = (std::filesystem::path(site) / "public").string();
  // Pages are written into a staging folder as they are rendered; nothing
  // reaches OUT unless the whole build succeeds.
  progress(std::string_view("open output"), 0, 0);
  auto writer = topichub::SiteWriter::open(out, site);
  if (!writer.ok()) {
    std::cerr << "error: " << writer.error() << "\n";
    return 1;
  }
  options.write_file = [&writer](topichub::OutputFile&& file) { writer.add(file.path, file.content); };
  auto output = topichub::build_site(site, options);
  progress.finish();
  output.diagnostics.print(std::cerr);
  if (!output.ok()) {
    std::cerr << output.diagnostics.count(topichub::Severity::error) << " errors; nothing was written\n";
    return 1;
  }
  // The search index goes beside the pages, so that `topichub search` starts
  // at once. Its fingerprint is of the sources as they were loaded.
  progress(std::string_view("save search index"), 0, 0);
  save_search_index(writer, out, *output.search, topichub::site_fingerprint(site, output.sources));
  progress(std::string_view("swap in"), 0, 0);
  auto written = writer.commit();
  progress.finish();
  progress.lap("done");
  if (!written.ok) {
    std::cerr << "error: " << written.error << "\n";
    return 1;
  }
  auto elapsed = std::chrono::duration<double>(Clock::now() - started).count();
  std::cerr << "built " << output.site->topics.size() << " topics and " << output.site->articles.size()
            << " articles (" << written.files_written << " files, " << written.files_unchanged << " unchanged) into "
            << out << " in " << elapsed << " s\n";
  // Done: the site, its links and its index are let go with the process
  // rather than freed object by object, which took 0.3 s on the 6× MedQuAD
  // copy, longer than the swap.
  std::cout.flush();
  std::cerr.flush();
  std::_Exit(0);
}

int run_serve(const std::string& site, topichub::ServeOptions options) {
  // SIGINT/SIGTERM are taken by a thread of their own, which stops the
  // server cleanly; every other thread inherits the blocked mask.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  topichub::SiteServer server(site, options, std::cerr);
  int port = server.bind();
  if (port < 0) {
    std::cerr << "error: cannot listen on " << options.host << ":" << options.port << "\n";
    return 1;
  }
  std::thread signal_thread([&] {
    int received = 0;
    sigwait(&signals, &received);
    std::cerr << "stopping\n";
    server.stop();
  });
  std::cerr << "serving " << site << " on http://" << options.host << ":" << port << "/ (Ctrl-C to stop)" << std::endl;
  server.serve();
  pthread_kill(signal_thread.native_handle(), SIGTERM);
  signal_thread.join();
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
#ifdef TOPICHUB_MIMALLOC
  // Memory in 2 MiB pages where the kernel allows it (transparent huge
  // pages on request): a MedQuAD build touches ~250 MiB, and faulting it in
  // 4 KiB at a time was 6% of its samples (docs/decisions.md, "Allocator").
  mi_option_enable(mi_option_large_os_pages);
#endif
  CLI::App app{"topichub: evidence-based health-information sites from Markdown and a topic graph"};
  app.require_subcommand(1);

  std::string site, out, base_url;
  bool drafts = false, timings = false;
  auto* build = app.add_subcommand("build", "Build the static site");
  build->add_option("SITE", site, "Site folder")->required();
  build->add_option("-o,--out", out, "Output folder (default SITE/public)");
  build->add_flag("--drafts", drafts, "Include draft articles");
  build->add_option("--base-url", base_url, "Override base_url");
  build->add_flag("--timings", timings, "Print how long each stage took");

  topichub::ServeOptions serve_options;
  auto* serve = app.add_subcommand("serve", "Build in memory, serve, rebuild on change");
  serve->add_option("SITE", site, "Site folder")->required();
  serve->add_option("--host", serve_options.host, "Address to listen on")->capture_default_str();
  serve->add_option("--port", serve_options.port, "Port to listen on")->capture_default_str();
  serve->add_flag("--drafts", serve_options.build.include_drafts, "Include draft articles");
  serve->add_flag("!--no-live-reload", serve_options.live_reload, "Do not make pages reload after a rebuild");

  topichub::SearchCommand search_command;
  std::string query;
  auto* search = app.add_subcommand("search", "Search the site");
  search->add_option("SITE", search_command.site_root, "Site folder")->required();
  search->add_option("QUERY", query, "What to search for");
  search->add_option("--limit", search_command.request.limit, "Number of hits")->capture_default_str();
  search->add_option("--offset", search_command.request.offset, "Hits to skip (pagination)");
  search->add_flag("--json", search_command.json, "JSON output (same object as /api/search)");
  search->add_option("--topic", search_command.request.topic, "Only documents about this topic (slug)");
  search->add_option("--intent", search_command.request.intent, "Only articles with this intent");
  search->add_option("--queries", search_command.queries_file, "Batch: TSV of QID<TAB>query; prints TREC run lines");
  search->add_option("--index", search_command.index_file, "Saved index (default SITE/public/_search/index.bin)");
  search->add_flag("!--no-synonyms", search_command.request.use_synonyms, "Switch off topic synonyms (evaluation)");
  search->add_flag("!--no-typos", search_command.request.use_typos, "Switch off typo tolerance (evaluation)");
  search->add_flag("!--no-prefix", search_command.request.use_prefix, "Switch off prefix matching (evaluation)");

  bool check_json = false;
  auto* check = app.add_subcommand("check", "Check content: links, graph, freshness, readability, metadata");
  check->add_option("SITE", site, "Site folder")->required();
  check->add_flag("--json", check_json, "JSON array of {file, line, severity, rule, message}");

  CLI11_PARSE(app, argc, argv);
  try {
    if (build->parsed()) return run_build(site, out, drafts, base_url, timings);
    if (serve->parsed()) return run_serve(site, serve_options);
    if (check->parsed()) return topichub::run_check_command(site, check_json, std::cout, std::cerr);
    if (search->parsed()) {
      if (query.empty() && search_command.queries_file.empty()) {
        std::cerr << "error: give a QUERY or --queries FILE\n";
        return 2;
      }
      if (search_command.request.limit > topichub::kMaxLimit) search_command.request.limit = topichub::kMaxLimit;
      search_command.request.query = query;
      return topichub::run_search_command(search_command, std::cout, std::cerr);
    }
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 2;
  }
  return 0;
}
