// Xapian: BM25Weight, English Snowball stemmer, fields weighted by how much
// each occurrence adds to a term's within-document frequency.
#include <xapian.h>

#include <filesystem>

#include "baseline_engine.h"
#include "search/analyzer.h"

namespace topichub::bench {
namespace {

// wdf increments per field; Xapian wants integers, so twice topichub's weights.
constexpr Xapian::termcount kTitleWdf = 6, kTopicsWdf = 5, kSummaryWdf = 3, kBodyWdf = 2;
// A gap between fields so that a phrase never spans two.
constexpr Xapian::termpos kFieldGap = 100;

// The same stop-word list topichub uses, so the baseline gets the same help.
class TopichubStopper final : public Xapian::Stopper {
 public:
  bool operator()(const std::string& term) const override { return Analyzer::is_stop_word(term); }
};

class XapianEngine final : public BaselineEngine {
 public:
  explicit XapianEngine(const std::string& directory)
      : directory_(directory),
        writable_(directory.empty() ? Xapian::WritableDatabase(std::string(), Xapian::DB_BACKEND_INMEMORY)
                                    : Xapian::WritableDatabase(directory, Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_BACKEND_GLASS)) {
    // Stem everything, on both sides, as topichub and FTS5 do. (Xapian's
    // default leaves capitalised query words unstemmed.)
    generator_.set_stemmer(Xapian::Stem("english"));
    generator_.set_stemming_strategy(Xapian::TermGenerator::STEM_ALL);
  }

  ~XapianEngine() override {
    if (!directory_.empty()) {
      reader_.close();
      writable_.close();
      std::error_code ignored;
      std::filesystem::remove_all(directory_, ignored);
    }
  }

  std::string_view name() const override { return "xapian"; }

  void add(const BenchDocument& document) override {
    Xapian::Document doc;
    doc.set_data(document.slug);
    generator_.set_document(doc);
    generator_.index_text(document.title, kTitleWdf);
    generator_.increase_termpos(kFieldGap);
    generator_.index_text(document.topics, kTopicsWdf);
    generator_.increase_termpos(kFieldGap);
    generator_.index_text(document.summary, kSummaryWdf);
    generator_.increase_termpos(kFieldGap);
    generator_.index_text(document.body, kBodyWdf);
    writable_.add_document(doc);
  }

  void finish() override {
    writable_.commit();
    reader_ = directory_.empty() ? Xapian::Database(writable_) : Xapian::Database(directory_);
    parser_.set_database(reader_);
    parser_.set_stemmer(Xapian::Stem("english"));
    parser_.set_stemming_strategy(Xapian::QueryParser::STEM_ALL);
    parser_.set_stopper(&stopper_);
    parser_.set_default_op(Xapian::Query::OP_OR);
    enquire_ = std::make_unique<Xapian::Enquire>(reader_);
    enquire_->set_weighting_scheme(Xapian::BM25Weight());
  }

  long index_disk_kib() const override {
    if (directory_.empty()) return 0;
    uintmax_t bytes = 0;
    for (const auto& entry : std::filesystem::directory_iterator(directory_))
      if (entry.is_regular_file()) bytes += entry.file_size();
    return static_cast<long>(bytes / 1024);
  }

  std::vector<RankedSlug> search(std::string_view query, size_t limit) override {
    std::string text(query);
    Xapian::Query parsed;
    try {
      parsed = parser_.parse_query(text, Xapian::QueryParser::FLAG_DEFAULT);
    } catch (const Xapian::QueryParserError&) {
      parsed = parser_.parse_query(text, 0);  // plain words: never fails
    }
    enquire_->set_query(parsed);
    auto matches = enquire_->get_mset(0, static_cast<Xapian::doccount>(limit));
    std::vector<RankedSlug> hits;
    hits.reserve(matches.size());
    for (auto it = matches.begin(); it != matches.end(); ++it) hits.push_back({it.get_document().get_data(), it.get_weight()});
    return hits;
  }

 private:
  std::string directory_;
  Xapian::WritableDatabase writable_;
  Xapian::Database reader_;
  Xapian::TermGenerator generator_;
  Xapian::QueryParser parser_;
  TopichubStopper stopper_;
  std::unique_ptr<Xapian::Enquire> enquire_;
};

}  // namespace

std::unique_ptr<BaselineEngine> make_xapian_engine(const std::string& directory) {
  return std::make_unique<XapianEngine>(directory);
}

}  // namespace topichub::bench
