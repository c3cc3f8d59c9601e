// Query sets: one query a line, `QID<TAB>text` (the format of
// `topichub search SITE --queries FILE.tsv`).
#pragma once

#include <string>
#include <vector>

namespace topichub::bench {

struct BenchQuery {
  std::string id;
  std::string text;
};

// Skips blank lines and `#` comments; exits with a message if unreadable.
std::vector<BenchQuery> read_queries(const std::string& path);

}  // namespace topichub::bench
