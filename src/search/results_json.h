// The JSON of a search (DESIGN.md §2), shared by `topichub search --json`
// and GET /api/search so that both return the same object.
#pragma once

#include <nlohmann/json.hpp>

#include "search/searcher.h"

namespace topichub {

nlohmann::json search_result_json(const SearchIndex& index, const SearchResult& result);

}  // namespace topichub
