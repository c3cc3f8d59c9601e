#include "load/fingerprint.h"

#include <sys/stat.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/file_tree.h"
#include "core/parallel.h"
#include "load/loader.h"

namespace topichub {
namespace {

void hash_combine(uint64_t& seed, uint64_t value) { seed ^= value + 0x9e3779b97f4a7c15ULL + (seed << 6) + (seed >> 2); }

// What the fingerprint takes of one file: its name, and when it is a file,
// its size and modification time.
uint64_t entry_hash(std::string_view relative, const FileStamp* stamp) {
  uint64_t seed = std::hash<std::string_view>{}(relative);
  if (!stamp) return seed;
  hash_combine(seed, stamp->size);
  hash_combine(seed, static_cast<uint64_t>(stamp->modified_ns));
  return seed;
}

std::optional<FileStamp> stamp_of(const std::string& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0 || !S_ISREG(info.st_mode)) return std::nullopt;
  return file_stamp(info);
}

// Hashes of `relative` paths under `root`, stat-ed on all cores (the stat
// of each file is what costs: 160 ms for the 98,442 articles of the 6×
// MedQuAD copy).
void hash_files(const std::string& root, const std::vector<std::string>& relative, std::vector<uint64_t>& hashes) {
  size_t first = hashes.size();
  hashes.resize(first + relative.size());
  parallel_for(relative.size(), [&](unsigned, size_t i) {
    auto stamp = stamp_of(root + "/" + relative[i]);
    hashes[first + i] = entry_hash(relative[i], stamp ? &*stamp : nullptr);
  });
}

// Every file under templates/ and static/, which other stages read.
std::vector<std::string> theme_and_static_files(const std::string& root) {
  std::vector<std::string> files;
  for (const char* folder : {"templates", "static"}) {
    std::string path = root + "/" + folder;
    walk_tree(path, [&](const std::string& relative, bool is_folder) {
      if (!is_folder) files.push_back(std::string(folder) + "/" + relative);
    });
  }
  return files;
}

uint64_t combine(const std::vector<uint64_t>& hashes) {
  uint64_t seed = 0;
  for (uint64_t hash : hashes) hash_combine(seed, hash);
  return seed;
}

}  // namespace

FileStamp file_stamp(const struct stat& info) {
  return {static_cast<uint64_t>(info.st_size),
          static_cast<int64_t>(info.st_mtim.tv_sec) * 1'000'000'000LL + info.st_mtim.tv_nsec};
}

uint64_t site_fingerprint(std::string_view site_root) {
  std::string root(site_root);
  std::vector<std::string> sources = {"topichub.toml"};
  for (auto& path : content_file_paths(site_root)) sources.push_back(std::move(path));
  std::vector<uint64_t> hashes;
  hash_files(root, sources, hashes);
  hash_files(root, theme_and_static_files(root), hashes);
  return combine(hashes);
}

uint64_t site_fingerprint(std::string_view site_root, std::span<const SourceStamp> sources) {
  std::string root(site_root);
  std::vector<uint64_t> hashes;
  hashes.reserve(sources.size() + 1);
  // A missing topichub.toml is hashed by its name alone, as a file that
  // cannot be stat-ed is.
  if (sources.empty() || sources.front().path != "topichub.toml") hashes.push_back(entry_hash("topichub.toml", nullptr));
  for (const auto& source : sources) hashes.push_back(entry_hash(source.path, &source.stamp));
  hash_files(root, theme_and_static_files(root), hashes);
  return combine(hashes);
}

}  // namespace topichub
