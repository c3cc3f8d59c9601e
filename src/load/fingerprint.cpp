#include "load/fingerprint.h"

#include <filesystem>
#include <functional>
#include <string>

namespace topichub {
namespace fs = std::filesystem;
namespace {

void hash_combine(uint64_t& seed, uint64_t value) { seed ^= value + 0x9e3779b97f4a7c15ULL + (seed << 6) + (seed >> 2); }

}  // namespace

uint64_t site_fingerprint(std::string_view site_root) {
  uint64_t seed = 0;
  fs::path root(site_root);
  std::error_code error;
  for (const char* part : {"topichub.toml", "content", "templates", "static"}) {
    auto path = root / part;
    if (!fs::exists(path, error)) continue;
    auto add = [&](const fs::directory_entry& entry) {
      hash_combine(seed, std::hash<std::string>{}(entry.path().string()));
      if (entry.is_regular_file(error)) {
        hash_combine(seed, static_cast<uint64_t>(entry.file_size(error)));
        hash_combine(seed, static_cast<uint64_t>(entry.last_write_time(error).time_since_epoch().count()));
      }
    };
    add(fs::directory_entry(path, error));
    if (!fs::is_directory(path, error)) continue;
    for (fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied, error), end;
         !error && it != end; it.increment(error))
      add(*it);
  }
  return seed;
}

}  // namespace topichub
