// The search index saved beside the built site (OUT/_search/index.bin), so
// that `topichub search` starts at once on a large site instead of loading,
// linking and indexing every article again.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "search/index.h"

namespace topichub {

inline constexpr std::string_view kSearchIndexFile = "_search/index.bin";

class IndexFileWriter;

class SearchIndexFile {
 public:
  // Receives the bytes of the index a chunk at a time, each with its offset
  // in the file; called from two threads at once.
  using Sink = std::function<void(uint64_t offset, std::string_view chunk)>;

  // Passes the bytes of the index, stamped with the site's fingerprint, to
  // `sink` without ever holding them all in memory. Every byte is passed
  // once; the chunks of two parts of the file arrive at the same time.
  static void write(const SearchIndex& index, uint64_t fingerprint, const Sink& sink);
  // The same bytes as one string (tests, small sites).
  static std::string serialize(const SearchIndex& index, uint64_t fingerprint);

  // The index, if `path` holds one of this format version whose fingerprint
  // matches; nullopt otherwise (missing, stale, or damaged).
  static std::optional<SearchIndex> load(const std::string& path, uint64_t expected_fingerprint);

 private:
  // The two parts of the file, in this order.
  static void write_documents_and_postings(IndexFileWriter& writer, const SearchIndex& index, uint64_t fingerprint,
                                           const std::vector<std::string_view>& terms);
  static void write_positions_and_vocabulary(IndexFileWriter& writer, const SearchIndex& index);
};

}  // namespace topichub
