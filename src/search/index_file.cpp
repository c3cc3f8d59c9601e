#include "search/index_file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <span>
#include <type_traits>
#include <utility>

#include "core/parallel.h"

namespace topichub {

// Passes the bytes of one file of the index on in chunks of about a
// megabyte, each with its offset in the file, so that saving a large index
// never holds a second copy of it; big arrays go to the sink straight from
// the index's memory.
class IndexFileWriter {
 public:
  explicit IndexFileWriter(const SearchIndexFile::Sink& sink) : sink_(sink) {}

  template <typename T>
  void value(const T& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    bytes(reinterpret_cast<const char*>(&v), sizeof v);
  }
  void text(std::string_view s) {
    value<uint64_t>(s.size());
    bytes(s.data(), s.size());
  }
  template <typename T, typename Allocator>
  void array(const std::vector<T, Allocator>& items) {
    static_assert(std::is_trivially_copyable_v<T>);
    value<uint64_t>(items.size());
    bytes(reinterpret_cast<const char*>(items.data()), items.size() * sizeof(T));
  }
  // The same bytes as array() of the items item(0) ... item(count - 1).
  template <typename Item>
  void array_from(size_t count, Item&& item) {
    using T = std::invoke_result_t<Item, size_t>;
    static_assert(std::is_trivially_copyable_v<T>);
    value<uint64_t>(count);
    std::array<T, 4096> block;
    for (size_t begin = 0; begin < count; begin += block.size()) {
      size_t size = std::min(block.size(), count - begin);
      for (size_t i = 0; i < size; ++i) block[i] = item(begin + i);
      bytes(reinterpret_cast<const char*>(block.data()), size * sizeof(T));
    }
  }
  template <typename Text>
  void texts(const std::vector<Text>& items) {
    value<uint64_t>(items.size());
    for (const auto& item : items) text(item);
  }
  // Passes on what is buffered: when a chunk is full, and at the end.
  void flush() {
    pass(buffer_);
    buffer_.clear();
  }

 private:
  static constexpr size_t kChunk = 1u << 20;

  void bytes(const char* data, size_t size) {
    if (size >= kChunk) {
      flush();
      pass(std::string_view(data, size));
      return;
    }
    buffer_.append(data, size);
    if (buffer_.size() >= kChunk) flush();
  }
  void pass(std::string_view chunk) {
    if (chunk.empty()) return;
    sink_(offset_, chunk);
    offset_ += chunk.size();
  }

  const SearchIndexFile::Sink& sink_;
  uint64_t offset_ = 0;
  std::string buffer_;
};

namespace {

constexpr char kMagic[8] = {'T', 'H', 'S', 'I', 'D', 'X', '1', '1'};
constexpr char kPositionsMagic[8] = {'T', 'H', 'S', 'P', 'O', 'S', '1', '1'};

// Reads what IndexFileWriter wrote; any overrun marks the reader as failed, so a
// damaged file can never make us read out of bounds.
class Reader {
 public:
  explicit Reader(std::string_view data) : data_(data) {}
  bool ok() const { return ok_; }
  // Every byte read: a file longer than what it holds is not one we wrote.
  bool at_end() const { return pos_ == data_.size(); }

  template <typename T>
  T value() {
    T v{};
    if (!need(sizeof v)) return v;
    std::memcpy(&v, data_.data() + pos_, sizeof v);
    pos_ += sizeof v;
    return v;
  }
  std::string text() {
    auto size = value<uint64_t>();
    if (!need(size)) return {};
    std::string s(data_.substr(pos_, size));
    pos_ += size;
    return s;
  }
  template <typename T, typename Allocator = std::allocator<T>>
  std::vector<T, Allocator> array() {
    static_assert(std::is_trivially_copyable_v<T>);
    auto count = value<uint64_t>();
    if (count > data_.size() || !need(count * sizeof(T))) return {};
    std::vector<T, Allocator> items(count);
    if (count > 0) std::memcpy(items.data(), data_.data() + pos_, count * sizeof(T));
    pos_ += count * sizeof(T);
    return items;
  }
  // The same into `items`, whatever its allocator.
  template <typename Vector>
  void array_into(Vector& items) {
    items = array<typename Vector::value_type, typename Vector::allocator_type>();
  }
  std::vector<std::string> texts() {
    auto count = value<uint64_t>();
    std::vector<std::string> items;
    if (count > data_.size()) {
      ok_ = false;
      return items;
    }
    for (uint64_t i = 0; i < count && ok_; ++i) items.push_back(text());
    return items;
  }

 private:
  bool need(uint64_t bytes) {
    if (!ok_ || bytes > data_.size() - pos_) ok_ = false;
    return ok_;
  }
  std::string_view data_;
  size_t pos_ = 0;
  bool ok_ = true;
};

// A file mapped read-only for as long as the object lives: the index is
// parsed straight from the page cache, without reading hundreds of megabytes
// into a buffer first (`topichub search` on the 6× MedQuAD copy: 1.3 s and
// 1.5 GiB, most of it copying).
class MappedFile {
 public:
  static std::optional<MappedFile> open(const std::string& path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return std::nullopt;
    struct stat info {};
    void* data = MAP_FAILED;
    if (::fstat(fd, &info) == 0 && S_ISREG(info.st_mode) && info.st_size > 0)
      data = ::mmap(nullptr, static_cast<size_t>(info.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
    ::close(fd);
    if (data == MAP_FAILED) return std::nullopt;
    return MappedFile(data, static_cast<size_t>(info.st_size));
  }
  MappedFile(MappedFile&& other) noexcept : data_(std::exchange(other.data_, nullptr)), size_(other.size_) {}
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  MappedFile& operator=(MappedFile&&) = delete;
  ~MappedFile() {
    if (data_) ::munmap(data_, size_);
  }
  std::string_view bytes() const { return {static_cast<const char*>(data_), size_}; }

 private:
  MappedFile(void* data, size_t size) : data_(data), size_(size) {}
  void* data_;
  size_t size_;
};

// Starts of consecutive ranges of a table of `size` items: from 0, never
// decreasing, the last one the end.
bool is_table_of_starts(std::span<const uint32_t> starts, size_t size) {
  return !starts.empty() && starts.front() == 0 && starts.back() == size && std::is_sorted(starts.begin(), starts.end());
}

std::vector<uint64_t> to_u64(const std::vector<size_t>& items) { return {items.begin(), items.end()}; }

// Pairs are not trivially copyable: they travel as two arrays, each
// gathered a block at a time (the typo table's 1.3 million pairs, copied
// into two whole arrays first, were 10 MB more to allocate and fill).
template <typename A, typename B>
void write_pairs(IndexFileWriter& w, const std::vector<std::pair<A, B>>& pairs) {
  w.array_from(pairs.size(), [&](size_t i) { return pairs[i].first; });
  w.array_from(pairs.size(), [&](size_t i) { return pairs[i].second; });
}

// Each file opens with its magic, the site's fingerprint and the two files'
// pair id.
void write_header(IndexFileWriter& w, const char (&magic)[8], uint64_t fingerprint, uint64_t pair) {
  for (char c : magic) w.value(c);
  w.value(fingerprint);
  w.value(pair);
}

// The pair id of a file that opens with `magic` and `fingerprint`; nullopt
// for any other.
struct Header {
  uint64_t fingerprint;
  uint64_t pair;
};
constexpr size_t kHeaderBytes = sizeof kMagic + sizeof(Header);

// The header's fields, when it opens with `magic`.
std::optional<Header> read_header_fields(Reader& r, const char (&magic)[8]) {
  for (char c : magic)
    if (r.value<char>() != c) return std::nullopt;
  Header header{r.value<uint64_t>(), r.value<uint64_t>()};  // braces: read in this order
  return r.ok() ? std::optional(header) : std::nullopt;
}

// The pair id, when the header opens with `magic` and has `fingerprint`.
std::optional<uint64_t> read_header(Reader& r, const char (&magic)[8], uint64_t fingerprint) {
  auto header = read_header_fields(r, magic);
  if (!header || header->fingerprint != fingerprint) return std::nullopt;
  return header->pair;
}

template <typename A, typename B>
std::vector<std::pair<A, B>> read_pairs(Reader& r, bool& ok) {
  auto first = r.array<A>();
  auto second = r.array<B>();
  std::vector<std::pair<A, B>> pairs;
  if (first.size() != second.size()) {
    ok = false;
    return pairs;
  }
  for (size_t i = 0; i < first.size(); ++i) pairs.push_back({first[i], second[i]});
  return pairs;
}

}  // namespace

SearchIndexFile::Bytes SearchIndexFile::serialize(const SearchIndex& index, uint64_t fingerprint) {
  Bytes bytes;
  auto into = [](std::string& file) {
    return [&file](uint64_t offset, std::string_view part) {
      if (file.size() < offset + part.size()) file.resize(offset + part.size());
      file.replace(offset, part.size(), part);
    };
  };
  write(index, fingerprint, into(bytes.documents), into(bytes.positions));
  return bytes;
}

uint64_t SearchIndexFile::pair_id(const SearchIndex& index) {
  const uint64_t sizes[] = {index.documents_.size(),       index.term_ids_.size(),
                            index.postings_.size(),        index.positions_.size(),
                            index.surface_words_.size(),   index.typos_.by_deletion_.size(),
                            index.topic_documents_.size()};
  return XXH3_64bits(sizes, sizeof sizes);
}

std::optional<uint64_t> SearchIndexFile::saved_fingerprint(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  char bytes[kHeaderBytes];
  ssize_t got = ::pread(fd, bytes, sizeof bytes, 0);
  ::close(fd);
  if (got != static_cast<ssize_t>(sizeof bytes)) return std::nullopt;
  Reader r(std::string_view(bytes, sizeof bytes));
  auto header = read_header_fields(r, kMagic);
  return header ? std::optional(header->fingerprint) : std::nullopt;
}

std::string SearchIndexFile::positions_path(const std::string& path) {
  auto slash = path.rfind('/');
  auto folder = slash == std::string::npos ? std::string() : path.substr(0, slash + 1);
  return folder + std::string(kSearchPositionsFile.substr(kSearchPositionsFile.rfind('/') + 1));
}

void SearchIndexFile::write(const SearchIndex& index, uint64_t fingerprint, const Sink& documents,
                            const Sink& positions) {
  uint64_t pair = pair_id(index);
  BackgroundTask second([&] {
    IndexFileWriter writer(positions);
    write_positions_and_vocabulary(writer, index, fingerprint, pair);
    writer.flush();
  });
  // The map's keys, by id: not copied (100,000 strings on MedQuAD).
  std::vector<std::string_view> terms(index.term_ids_.size());
  for (const auto& [term, id] : index.term_ids_) terms[id] = term;
  IndexFileWriter writer(documents);
  write_documents_and_postings(writer, index, fingerprint, pair, terms);
  writer.flush();
  second.join();
}

void SearchIndexFile::write_documents_and_postings(IndexFileWriter& w, const SearchIndex& index, uint64_t fingerprint,
                                                   uint64_t pair, const std::vector<std::string_view>& terms) {
  write_header(w, kMagic, fingerprint, pair);
  const auto& site = *index.site_;
  // Topics: what searching needs of them (names for synonyms, slugs for facets).
  w.value<uint64_t>(site.topics.size());
  for (const auto& topic : site.topics) {
    w.text(topic.slug);
    w.text(topic.name);
    w.text(topic.title);
    w.texts(topic.synonyms);
  }
  w.value<int32_t>(index.options_.typo_min_length_one_edit);
  w.value<int32_t>(index.options_.typo_min_length_two_edits);
  w.value<uint64_t>(index.documents_.size());
  for (const auto& doc : index.documents_) {
    w.value<uint8_t>(doc.is_topic);
    w.value<uint64_t>(doc.source);
    w.text(doc.slug);
    w.text(doc.title);
    w.text(doc.url);
    w.text(doc.summary);
    w.text(doc.text);
    w.array(to_u64(doc.topics));
    w.texts(doc.intents);
  }
  w.texts(terms);
  w.array(index.posting_starts_);
  w.array(index.postings_);
}

void SearchIndexFile::write_positions_and_vocabulary(IndexFileWriter& w, const SearchIndex& index,
                                                     uint64_t fingerprint, uint64_t pair) {
  write_header(w, kPositionsMagic, fingerprint, pair);
  w.array(index.position_starts_);
  w.array(index.positions_);
  w.texts(index.surface_words_);
  w.array(index.surface_info_);
  w.array(index.surface_sorted_);
  write_pairs(w, index.typos_.by_deletion_);
  w.value<uint64_t>(index.topic_documents_.size());
  for (const auto& documents : index.topic_documents_) write_pairs(w, documents);
}

std::optional<SearchIndex> SearchIndexFile::load(const std::string& path, uint64_t expected_fingerprint) {
  auto file = MappedFile::open(path);
  auto positions_file = MappedFile::open(positions_path(path));
  if (!file || !positions_file) return std::nullopt;
  auto data = file->bytes();
  Reader r(data);
  Reader p(positions_file->bytes());
  auto pair = read_header(r, kMagic, expected_fingerprint);
  if (!pair || pair != read_header(p, kPositionsMagic, expected_fingerprint)) return std::nullopt;

  auto site = std::make_shared<Site>();
  auto topic_count = r.value<uint64_t>();
  if (topic_count > data.size()) return std::nullopt;
  for (uint64_t t = 0; t < topic_count && r.ok(); ++t) {
    Topic topic;
    topic.slug = r.text();
    topic.name = r.text();
    topic.title = r.text();
    topic.synonyms = r.texts();
    site->topic_by_slug[topic.slug] = site->topics.size();
    site->topics.push_back(std::move(topic));
  }
  site->config.search.typo_min_length_one_edit = r.value<int32_t>();
  site->config.search.typo_min_length_two_edits = r.value<int32_t>();
  SearchIndex index(*site);
  index.owned_site_ = site;

  auto doc_count = r.value<uint64_t>();
  if (doc_count > data.size()) return std::nullopt;
  for (uint64_t d = 0; d < doc_count && r.ok(); ++d) {
    SearchDocument doc;
    doc.is_topic = r.value<uint8_t>() != 0;
    doc.source = r.value<uint64_t>();
    doc.slug = r.text();
    doc.title = r.text();
    doc.url = r.text();
    doc.summary = r.text();
    doc.text = r.text();
    for (auto topic : r.array<uint64_t>()) doc.topics.push_back(static_cast<size_t>(topic));
    doc.intents = r.texts();
    index.documents_.push_back(std::move(doc));
  }
  auto terms = r.texts();
  for (uint32_t id = 0; id < terms.size(); ++id)
    if (!index.term_ids_.emplace(terms[id], id).second) return std::nullopt;  // a term twice
  r.array_into(index.posting_starts_);
  r.array_into(index.postings_);
  if (!r.ok() || !r.at_end()) return std::nullopt;
  p.array_into(index.position_starts_);
  p.array_into(index.positions_);
  index.surface_words_ = p.texts();
  p.array_into(index.surface_info_);
  p.array_into(index.surface_sorted_);
  for (uint32_t id = 0; id < index.surface_words_.size(); ++id) index.surface_ids_.emplace(index.surface_words_[id], id);
  bool pairs_ok = true;
  index.typos_.by_deletion_ = read_pairs<uint32_t, uint32_t>(p, pairs_ok);
  auto topic_lists = p.value<uint64_t>();
  if (topic_lists != site->topics.size()) return std::nullopt;
  for (uint64_t t = 0; t < topic_lists && p.ok(); ++t) index.topic_documents_.push_back(read_pairs<uint32_t, float>(p, pairs_ok));
  if (!p.ok() || !p.at_end() || !pairs_ok) return std::nullopt;

  // Every id and start must point inside its table, or a damaged file could.
  if (index.posting_starts_.size() != terms.size() + 1 ||
      !is_table_of_starts(index.posting_starts_, index.postings_.size()) ||
      index.position_starts_.size() != index.postings_.size() + 1 ||
      !is_table_of_starts(index.position_starts_, index.positions_.size()))
    return std::nullopt;
  for (const auto& posting : index.postings_)
    if (posting.doc >= index.documents_.size()) return std::nullopt;
  if (index.surface_info_.size() != index.surface_words_.size() || index.surface_sorted_.size() != index.surface_words_.size())
    return std::nullopt;
  for (uint32_t id : index.surface_sorted_)
    if (id >= index.surface_words_.size()) return std::nullopt;
  for (const auto& info : index.surface_info_)
    if (info.term >= terms.size()) return std::nullopt;
  for (const auto& [hash, id] : index.typos_.by_deletion_)
    if (id >= index.surface_words_.size()) return std::nullopt;
  for (const auto& documents : index.topic_documents_)
    for (const auto& [doc, weight] : documents)
      if (doc >= index.documents_.size()) return std::nullopt;
  for (const auto& doc : index.documents_)
    for (size_t topic : doc.topics)
      if (topic >= site->topics.size()) return std::nullopt;
  index.matcher_ = std::make_shared<const TopicMatcher>(site->topics);
  index.derive_tables();
  return index;
}

}  // namespace topichub
