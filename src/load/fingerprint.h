// A fingerprint of every file a build reads, to tell whether anything
// changed (the server's rebuild trigger; the saved search index's freshness).
#pragma once

#include <cstdint>
#include <string_view>

namespace topichub {

// Hash of the names, sizes and modification times of topichub.toml and
// every file under content/, templates/ and static/.
uint64_t site_fingerprint(std::string_view site_root);

}  // namespace topichub
