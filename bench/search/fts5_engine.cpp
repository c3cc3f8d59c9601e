// SQLite FTS5 over an in-memory database, ranked by its built-in bm25().
#include <sqlite3.h>

#include <cstdlib>
#include <iostream>

#include "baseline_engine.h"

namespace topichub::bench {
namespace {

// Column weights for bm25(): slug (not indexed), title, topics, summary, body.
constexpr const char* kSearchSql =
    "SELECT slug, bm25(docs, 0.0, 3.0, 2.5, 1.5, 1.0) AS rank FROM docs WHERE docs MATCH ?1 ORDER BY rank LIMIT ?2";

class Fts5Engine final : public BaselineEngine {
 public:
  Fts5Engine() {
    check(sqlite3_open(":memory:", &db_), "open");
    exec("CREATE VIRTUAL TABLE docs USING fts5(slug UNINDEXED, title, topics, summary, body, "
         "tokenize='porter unicode61 remove_diacritics 2')");
    exec("BEGIN");
    check(sqlite3_prepare_v2(db_, "INSERT INTO docs(slug, title, topics, summary, body) VALUES (?1, ?2, ?3, ?4, ?5)",
                             -1, &insert_, nullptr),
          "prepare insert");
  }

  ~Fts5Engine() override {
    sqlite3_finalize(insert_);
    sqlite3_finalize(search_);
    sqlite3_close(db_);
  }

  std::string_view name() const override { return "fts5"; }

  void add(const BenchDocument& document) override {
    const std::string* fields[] = {&document.slug, &document.title, &document.topics, &document.summary, &document.body};
    for (int i = 0; i < 5; ++i)
      sqlite3_bind_text(insert_, i + 1, fields[i]->data(), static_cast<int>(fields[i]->size()), SQLITE_STATIC);
    if (sqlite3_step(insert_) != SQLITE_DONE) fail("insert");
    sqlite3_reset(insert_);
  }

  void finish() override {
    exec("COMMIT");
    // Merge the index into one b-tree, as a read-mostly deployment would.
    exec("INSERT INTO docs(docs) VALUES('optimize')");
    check(sqlite3_prepare_v2(db_, kSearchSql, -1, &search_, nullptr), "prepare search");
  }

  std::vector<RankedSlug> search(std::string_view query, size_t limit) override {
    std::vector<RankedSlug> hits;
    auto match = match_expression(query);
    if (match.empty()) return hits;
    sqlite3_bind_text(search_, 1, match.data(), static_cast<int>(match.size()), SQLITE_TRANSIENT);
    sqlite3_bind_int64(search_, 2, static_cast<sqlite3_int64>(limit));
    while (sqlite3_step(search_) == SQLITE_ROW)
      hits.push_back({reinterpret_cast<const char*>(sqlite3_column_text(search_, 0)), -sqlite3_column_double(search_, 1)});
    sqlite3_reset(search_);
    return hits;
  }

 private:
  // An OR of quoted words, so that no user text is ever a syntax error.
  static std::string match_expression(std::string_view query) {
    std::string match;
    for (const auto& word : query_words(query)) {
      if (!match.empty()) match += " OR ";
      match += '"';
      for (char c : word) match += c == '"' ? std::string("\"\"") : std::string(1, c);
      match += '"';
    }
    return match;
  }

  void exec(const char* sql) {
    char* message = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &message) != SQLITE_OK) {
      std::cerr << "sqlite: " << (message ? message : "error") << " in: " << sql << "\n";
      std::exit(1);
    }
  }
  void check(int rc, const char* what) {
    if (rc != SQLITE_OK) fail(what);
  }
  [[noreturn]] void fail(const char* what) {
    std::cerr << "sqlite: " << what << ": " << sqlite3_errmsg(db_) << "\n";
    std::exit(1);
  }

  sqlite3* db_ = nullptr;
  sqlite3_stmt* insert_ = nullptr;
  sqlite3_stmt* search_ = nullptr;
};

}  // namespace

std::unique_ptr<BaselineEngine> make_fts5_engine() { return std::make_unique<Fts5Engine>(); }

}  // namespace topichub::bench
