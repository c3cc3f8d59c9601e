#include "query_file.h"

#include <cstdlib>
#include <fstream>
#include <iostream>

namespace topichub::bench {

std::vector<BenchQuery> read_queries(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    std::cerr << "error: cannot read " << path << "\n";
    std::exit(1);
  }
  std::vector<BenchQuery> queries;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    auto tab = line.find('\t');
    if (tab == std::string::npos) continue;
    queries.push_back({line.substr(0, tab), line.substr(tab + 1)});
  }
  return queries;
}

}  // namespace topichub::bench
