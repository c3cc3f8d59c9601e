// `topichub search`: one query (human or --json output) or a batch of
// queries from a TSV file printed as TREC run lines (DESIGN.md §2).
#pragma once

#include <iosfwd>
#include <string>
#include <string_view>

#include "search/searcher.h"

namespace topichub {

struct SearchCommand {
  std::string site_root;
  SearchRequest request;
  bool json = false;
  std::string queries_file;  // batch mode when set
  std::string index_file;    // saved index; default SITE/public/_search/index.bin
};

// Returns the process exit code: 0, or 1 when the site or queries file
// cannot be read.
int run_search_command(const SearchCommand& command, std::ostream& out, std::ostream& err);

// "…a <mark>cramp</mark> &amp; …" -> "…a [cramp] & …" for a terminal.
std::string snippet_as_text(std::string_view snippet_html);

}  // namespace topichub
