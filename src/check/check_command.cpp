#include "check/check_command.h"

#include <ostream>

#include "check/checker.h"
#include "check/report.h"
#include "graph/graph.h"
#include "link/linker.h"
#include "load/loader.h"

namespace topichub {

int run_check_command(std::string_view site_root, bool json, std::ostream& out, std::ostream& err,
                      const CheckOptions& options) {
  auto loaded = load_site(site_root);
  auto& diagnostics = loaded.diagnostics;
  auto graph = TopicGraph::build(loaded.site, diagnostics);
  auto links = Linker(loaded.site).link_all();
  diagnostics.append(check_site(loaded.site, graph, links, options));
  const auto& items = diagnostics.items();
  if (json) {
    print_report_json(items, out);
    err << report_summary(items) << '\n';
  } else {
    print_report(items, out);
  }
  return diagnostics.has_errors() ? 1 : 0;
}

}  // namespace topichub
