// Measuring an engine: index build cost (wall and CPU time, memory) and query
// latency (per-query percentiles and throughput), printed as one
// `key=value` line that run.sh tabulates. Every engine in the benchmark goes
// through these same functions, so their figures are comparable.
#pragma once

#include <chrono>
#include <cstddef>
#include <ostream>
#include <string_view>
#include <vector>

#include "query_file.h"

namespace topichub::bench {

// Resident memory of this process from /proc/self/status, in KiB.
long current_rss_kib();  // VmRSS
long peak_rss_kib();     // VmHWM: the high-water mark

struct BuildCost {
  double wall_ms = 0;
  double cpu_ms = 0;          // user + system, all threads: fair when engines use different thread counts
  long rss_growth_kib = 0;    // resident memory the index added (after malloc_trim)
  long index_disk_kib = 0;    // index files on disk, for engines that keep one
};

// Starts timing on construction; finish() reads the cost so far.
class BuildMeter {
 public:
  BuildMeter();
  BuildCost finish() const;

 private:
  long rss_start_kib_;
  std::chrono::steady_clock::time_point wall_start_;
  double cpu_start_ms_;
};

struct LatencyStats {
  size_t samples = 0;
  double p50_us = 0, p99_us = 0, mean_us = 0, max_us = 0;
  double queries_per_second = 0;  // one thread, back to back
  std::vector<double> median_us_per_query;  // in query order, for --slowest
};

// One untimed warm-up pass over the queries, then `repeat` timed passes;
// every search is one sample. `search(query)` returns a hit count, kept so
// the work cannot be optimised away.
template <typename Search>
LatencyStats measure_latency(const std::vector<BenchQuery>& queries, int repeat, Search&& search);

// samples_us[pass * queries + query]
LatencyStats latency_stats(const std::vector<double>& samples_us, size_t queries, double total_seconds);

// The `count` queries with the highest median time, slowest first: `µs<TAB>QID<TAB>query`.
void print_slowest(std::ostream& out, const std::vector<BenchQuery>& queries, const LatencyStats& latency, size_t count);

// engine=... documents=... queries=... repeat=... build_ms=... build_cpu_ms=...
// index_mib=... index_disk_mib=... peak_rss_mib=... p50_us=... p99_us=... mean_us=... qps=...
void print_report(std::ostream& out, std::string_view engine, size_t documents, size_t queries, int repeat,
                  const BuildCost& build, const LatencyStats& latency);

template <typename Search>
LatencyStats measure_latency(const std::vector<BenchQuery>& queries, int repeat, Search&& search) {
  volatile size_t sink = 0;
  for (const auto& query : queries) sink = sink + search(query.text);
  std::vector<double> samples_us;
  samples_us.reserve(queries.size() * static_cast<size_t>(repeat));
  double total_seconds = 0;
  for (int pass = 0; pass < repeat; ++pass) {
    auto pass_start = std::chrono::steady_clock::now();
    for (const auto& query : queries) {
      auto start = std::chrono::steady_clock::now();
      sink = sink + search(query.text);
      samples_us.push_back(std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count());
    }
    total_seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - pass_start).count();
  }
  return latency_stats(samples_us, queries.size(), total_seconds);
}

}  // namespace topichub::bench
