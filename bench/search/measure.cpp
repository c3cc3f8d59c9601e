#include "measure.h"

#include <malloc.h>
#include <sys/resource.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <numeric>
#include <string>

namespace topichub::bench {
namespace {

long status_field_kib(std::string_view field) {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line))
    if (line.starts_with(field) && line.size() > field.size() && line[field.size()] == ':')
      return std::stol(line.substr(field.size() + 1));
  return 0;
}

double process_cpu_ms() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto ms = [](const timeval& t) { return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_usec) / 1e3; };
  return ms(usage.ru_utime) + ms(usage.ru_stime);
}

// Nearest-rank percentile of sorted samples.
double percentile(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0;
  auto rank = static_cast<size_t>(std::ceil(p / 100.0 * static_cast<double>(sorted.size())));
  return sorted[std::clamp<size_t>(rank, 1, sorted.size()) - 1];
}

// Resident memory once freed heap pages are handed back, so that an engine's
// transient build buffers do not count as its index.
long settled_rss_kib() {
  malloc_trim(0);
  return status_field_kib("VmRSS");
}

}  // namespace

long current_rss_kib() { return status_field_kib("VmRSS"); }
long peak_rss_kib() { return status_field_kib("VmHWM"); }

// Memory first, so that trimming the heap is not timed.
BuildMeter::BuildMeter()
    : rss_start_kib_(settled_rss_kib()), wall_start_(std::chrono::steady_clock::now()), cpu_start_ms_(process_cpu_ms()) {}

BuildCost BuildMeter::finish() const {
  BuildCost cost;
  cost.wall_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - wall_start_).count();
  cost.cpu_ms = process_cpu_ms() - cpu_start_ms_;
  cost.rss_growth_kib = settled_rss_kib() - rss_start_kib_;
  return cost;
}

LatencyStats latency_stats(const std::vector<double>& samples, size_t queries, double total_seconds) {
  LatencyStats stats;
  size_t passes = queries ? samples.size() / queries : 0;
  for (size_t q = 0; q < queries && passes; ++q) {
    std::vector<double> times;
    for (size_t pass = 0; pass < passes; ++pass) times.push_back(samples[pass * queries + q]);
    std::nth_element(times.begin(), times.begin() + static_cast<long>(times.size() / 2), times.end());
    stats.median_us_per_query.push_back(times[times.size() / 2]);
  }
  std::vector<double> samples_us = samples;
  std::sort(samples_us.begin(), samples_us.end());
  stats.samples = samples_us.size();
  if (samples_us.empty()) return stats;
  stats.p50_us = percentile(samples_us, 50);
  stats.p99_us = percentile(samples_us, 99);
  stats.max_us = samples_us.back();
  stats.mean_us = std::accumulate(samples_us.begin(), samples_us.end(), 0.0) / static_cast<double>(samples_us.size());
  stats.queries_per_second = total_seconds > 0 ? static_cast<double>(samples_us.size()) / total_seconds : 0;
  return stats;
}

void print_slowest(std::ostream& out, const std::vector<BenchQuery>& queries, const LatencyStats& latency, size_t count) {
  std::vector<size_t> order(latency.median_us_per_query.size());
  std::iota(order.begin(), order.end(), size_t{0});
  count = std::min(count, order.size());
  std::partial_sort(order.begin(), order.begin() + static_cast<long>(count), order.end(),
                    [&](size_t a, size_t b) { return latency.median_us_per_query[a] > latency.median_us_per_query[b]; });
  for (size_t i = 0; i < count; ++i)
    out << latency.median_us_per_query[order[i]] << "\t" << queries[order[i]].id << "\t" << queries[order[i]].text << "\n";
}

void print_report(std::ostream& out, std::string_view engine, size_t documents, size_t queries, int repeat,
                  const BuildCost& build, const LatencyStats& latency) {
  auto mib = [](long kib) { return static_cast<double>(kib) / 1024.0; };
  out << "engine=" << engine << " documents=" << documents << " queries=" << queries << " repeat=" << repeat
      << " build_ms=" << build.wall_ms << " build_cpu_ms=" << build.cpu_ms << " index_mib=" << mib(build.rss_growth_kib) << " index_disk_mib=" << mib(build.index_disk_kib)
      << " peak_rss_mib=" << mib(peak_rss_kib()) << " p50_us=" << latency.p50_us << " p99_us=" << latency.p99_us
      << " mean_us=" << latency.mean_us << " max_us=" << latency.max_us << " qps=" << latency.queries_per_second
      << "\n";
}

}  // namespace topichub::bench
