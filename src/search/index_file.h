// The search index saved beside the built site (OUT/_search/index.bin and
// positions.bin beside it), so that `topichub search` starts at once on a
// large site instead of loading, linking and indexing every article again.
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
// The index's second half, beside the first: the two are written at once,
// from two threads, which one file did not allow (a file takes one writer
// at a time: saving MedQuAD's index took 37.6 ms as one file, 24.5 as two).
inline constexpr std::string_view kSearchPositionsFile = "_search/positions.bin";

class IndexFileWriter;

class SearchIndexFile {
 public:
  // Receives the bytes of one file a chunk at a time, each with its offset.
  using Sink = std::function<void(uint64_t offset, std::string_view chunk)>;

  // Passes the bytes of the index's two files, each stamped with the site's
  // fingerprint and their pair_id, to `documents` (index.bin: documents
  // and postings) and `positions` (positions.bin: positions and
  // vocabulary), from two threads at once, without ever holding them all in
  // memory. Every byte is passed once; each file's bytes in file order,
  // all of a file's from one thread (so a sink may hash them as they pass).
  static void write(const SearchIndex& index, uint64_t fingerprint, const Sink& documents, const Sink& positions);
  struct Bytes {
    std::string documents, positions;
  };
  // The same bytes as two strings (tests, small sites).
  static Bytes serialize(const SearchIndex& index, uint64_t fingerprint);

  // The site fingerprint the index file at `path` was saved with (its
  // header only is read); nullopt when it is missing or not an index file
  // of this format. Lets a build tell that a saved index cannot be the one
  // it would write, without making its bytes.
  static std::optional<uint64_t> saved_fingerprint(const std::string& path);

  // The positions file that goes with the index file at `path`: beside it.
  static std::string positions_path(const std::string& path);
  // The index, if `path` and positions_path(path) hold the two files of one
  // index in this format version, whose fingerprint matches; nullopt
  // otherwise (missing, stale, mismatched, or damaged).
  static std::optional<SearchIndex> load(const std::string& path, uint64_t expected_fingerprint);

 private:
  // What ties the two files of one index together: its tables' sizes,
  // hashed. Not random, as builds repeat byte for byte
  // (scripts/test-threads.sh compares them). With the fingerprint (same
  // sources) the files of two saves differ only in what index.bin alone
  // holds (URLs, from --base-url), unless the documents differ (--drafts),
  // and then so do the sizes.
  static uint64_t pair_id(const SearchIndex& index);
  static void write_documents_and_postings(IndexFileWriter& writer, const SearchIndex& index, uint64_t fingerprint,
                                           uint64_t pair, const std::vector<std::string_view>& terms);
  static void write_positions_and_vocabulary(IndexFileWriter& writer, const SearchIndex& index, uint64_t fingerprint,
                                             uint64_t pair);
};

}  // namespace topichub
