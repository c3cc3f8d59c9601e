// `topichub check SITE [--json]` without the command-line parsing, so that
// the CLI only wires arguments to it.
#pragma once

#include <iosfwd>
#include <string_view>

#include "check/checker.h"

namespace topichub {

// Loads the site as `build` does, builds the graph, links, checks, and
// prints the loader's, the graph's and the checks' diagnostics: a grouped
// report on `out`, or with `json` a JSON array on `out` and the summary line
// on `err`. Returns the exit code: 1 when there are errors, else 0.
int run_check_command(std::string_view site_root, bool json, std::ostream& out, std::ostream& err,
                      const CheckOptions& options = {});

}  // namespace topichub
