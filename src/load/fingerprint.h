// A fingerprint of every file a build reads, to tell whether anything
// changed (the server's rebuild trigger; the saved search index's freshness).
#pragma once

#include <sys/stat.h>

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace topichub {

// What a fingerprint takes of a file: its size and modification time.
struct FileStamp {
  uint64_t size = 0;
  int64_t modified_ns = 0;
};

// The stamp of a file from its status (stat, fstat).
FileStamp file_stamp(const struct stat& info);

// A source file as the loader read it: its path relative to the site root
// ("content/articles/cramps.md") and its stamp when it was read.
struct SourceStamp {
  std::string path;
  FileStamp stamp;
};

// Hash of the names, sizes and modification times of topichub.toml, the
// Markdown files the loader reads (content_file_paths in loader.h), and
// every file under templates/ and static/.
uint64_t site_fingerprint(std::string_view site_root);

// The same, with topichub.toml and the content files as the loader saw
// them (LoadResult::sources): a build's fingerprint then describes what it
// read, even if a file changed meanwhile, and costs no second look at them.
// REQUIRES: `sources` in the loader's order (topichub.toml, then the
// content files by path).
uint64_t site_fingerprint(std::string_view site_root, std::span<const SourceStamp> sources);

}  // namespace topichub
