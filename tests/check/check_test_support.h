// Helpers for the check tests: run the stages a check needs over a folder.
#pragma once

#include <set>
#include <string>
#include <tuple>

#include "check/checker.h"
#include "graph/graph.h"
#include "link/linker.h"
#include "load/loader.h"

namespace topichub::testing {

// A date for every check test, so that "future" and "stale" do not move.
inline constexpr Date kToday{2026, 6, 15};

struct CheckRun {
  LoadResult loaded;
  Diagnostics before;  // the loader's and the graph's
  Diagnostics check;   // check_site's
};

inline CheckRun run_check(const std::string& root, Date today = kToday, bool errors_only = false) {
  CheckRun run{load_site(root), {}, {}};
  run.before = run.loaded.diagnostics;
  auto graph = TopicGraph::build(run.loaded.site, run.before);
  auto links = Linker(run.loaded.site).link_all();
  run.check = check_site(run.loaded.site, graph, links, CheckOptions{today, errors_only});
  return run;
}

using Found = std::tuple<std::string, int, std::string>;  // file, line, rule

inline std::set<Found> found(const Diagnostics& diagnostics, bool with_notes = false) {
  std::set<Found> out;
  for (const auto& d : diagnostics.items())
    if (with_notes || d.severity != Severity::note) out.emplace(d.file, d.line, d.rule);
  return out;
}

inline std::set<std::string> rules(const Diagnostics& diagnostics) {
  std::set<std::string> out;
  for (const auto& d : diagnostics.items()) out.insert(d.rule);
  return out;
}

}  // namespace topichub::testing
