// The marker topichub leaves in every output folder: a heading line, then
// one record per file it wrote, so that a later build recognises the files
// it may reuse and only ever replaces folders it wrote itself. Internal to
// write/.
#pragma once

#include <absl/container/flat_hash_map.h>
#include <sys/stat.h>

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>

#include "core/text.h"

namespace topichub {

// What the marker records of each file, to recognise it unchanged next time:
// its bytes (size and hash), and its inode as written (number and mtime), so
// that a file edited in OUT by hand since is not mistaken for ours.
struct FileRecord {
  uint64_t size = 0;
  uint64_t hash = 0;
  int64_t mtime_ns = 0;
  uint64_t inode = 0;
};

// Output path ("topics/x/index.html") -> its record. A Swiss table: a
// rebuild fills two with every file of the site and looks each page up in
// them.
using FileRecords = absl::flat_hash_map<std::string, FileRecord, StringHash, std::equal_to<>>;

uint64_t content_hash(std::string_view content);
FileRecord record_of(const struct stat& info, uint64_t hash);

std::string marker_text(std::span<const std::pair<std::string, FileRecord>> records);
// The records of the marker file at `marker`; empty when it has none, or is
// missing or damaged.
FileRecords read_marker(const std::filesystem::path& marker);

}  // namespace topichub
