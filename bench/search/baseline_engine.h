// The baseline engines topichub is measured against, behind one interface:
// SQLite FTS5 (bm25, Porter stemmer) and Xapian (BM25, English Snowball
// stemmer). Each indexes the same BenchDocuments with field weights close to
// topichub's (title 3, topics 2.5, summary 1.5, body 1).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "bench_documents.h"

namespace topichub::bench {

struct RankedSlug {
  std::string slug;
  double score;  // higher is better
};

class BaselineEngine {
 public:
  virtual ~BaselineEngine() = default;
  virtual std::string_view name() const = 0;
  virtual void add(const BenchDocument& document) = 0;
  // Makes everything added searchable (commit, merge segments).
  virtual void finish() = 0;
  // Any text is accepted: a query the engine cannot parse is searched as plain words.
  virtual std::vector<RankedSlug> search(std::string_view query, size_t limit) = 0;
  // Size of the index files, for engines that keep the index on disk (its
  // pages then live in the OS page cache rather than in the process).
  virtual long index_disk_kib() const { return 0; }
};

std::unique_ptr<BaselineEngine> make_fts5_engine();
// `directory` empty: Xapian's in-memory backend; else a Glass database there.
std::unique_ptr<BaselineEngine> make_xapian_engine(const std::string& directory);

// The words of a query, ASCII-lowercased, split at anything but letters,
// digits and non-ASCII bytes; stop words (topichub's list) dropped unless
// nothing else is left. Gives FTS5 the same stop-word help topichub has.
std::vector<std::string> query_words(std::string_view text);

}  // namespace topichub::bench
