// Atomic output of a rendered site.
//
// Files go into a staging folder beside OUT as they are rendered (from any
// thread); commit() swaps the staging folder with OUT in one step, so OUT
// always holds a complete site, old or new, whenever the build stops. The
// previous site is kept beside OUT as the spare, which the next build takes
// for its staging folder: a page the spare or OUT already holds with the
// same bytes is kept or hard-linked rather than written again.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>

#include "render/site_renderer.h"

namespace topichub {

// The file topichub leaves in every output folder, so that it only ever
// replaces folders it wrote itself. It lists the files with their sizes and
// content hashes, for the next build to recognise unchanged pages.
inline constexpr std::string_view kOutputMarker = ".topichub-output";

struct WriteResult {
  bool ok = false;
  std::string error;  // when !ok: what went wrong, naming the path
  size_t files_written = 0;
  size_t files_unchanged = 0;  // of files_written, kept or hard-linked from an earlier build
};

class SiteWriter {
 public:
  // Checks OUT (it may not be the site, lie inside its content/, or be a
  // folder topichub did not write) and creates the staging folder. On failure
  // the returned writer is not ok() and says why in error().
  static SiteWriter open(std::string_view out_dir, std::string_view site_root);

  SiteWriter(SiteWriter&&) noexcept;
  SiteWriter& operator=(SiteWriter&&) noexcept;
  ~SiteWriter();  // without commit(): the staging folder is removed, OUT untouched

  bool ok() const;  // thread-safe
  // REQUIRES: not called while files are being added.
  const std::string& error() const;

  // Thread-safe. REQUIRES: `path` relative, '/' separated, without "..";
  // an unsafe path fails the writer.
  void add(std::string_view path, std::string_view content);

  // Writes a large file whose bytes `produce` passes to its argument a part
  // at a time, each with its offset in the file, so that they need not all
  // be in memory at once; parts may be written from several threads at once.
  // `produce` returns the file's content hash (a ContentHasher fed the parts
  // in file order), or 0 when it did not work one out: then the next build
  // never takes the file for unchanged. Thread-safe; same REQUIRES as add().
  using WritePart = std::function<void(uint64_t offset, std::string_view part)>;
  using ProduceParts = std::function<uint64_t(const WritePart&)>;
  void add_in_parts(std::string_view path, const ProduceParts& produce);

  // For a large file, before producing it: whether the previous build (OUT
  // or the spare) left a file at `path` that keep_unchanged() might keep.
  // Only then does hashing the file first pay. Thread-safe.
  bool has_previous(std::string_view path);
  // Keeps the previous build's file at `path`, as add() keeps a page, when
  // it holds `size` bytes of content hash `hash` (not 0) and was not touched
  // since; true when it did, and the file then counts as written.
  // Thread-safe; same REQUIRES as add().
  bool keep_unchanged(std::string_view path, uint64_t size, uint64_t hash);

  // Swaps the staged site in. REQUIRES: called once.
  WriteResult commit();

 private:
  struct State;
  explicit SiteWriter(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

// The content hash the writer records of a file (XXH3 of its bytes), worked
// out a part at a time: for a file written in parts (add_in_parts).
//   ContentHasher hasher;
//   hasher.add(first_part); hasher.add(second_part);
//   writer.keep_unchanged(path, hasher.size(), hasher.hash());
class ContentHasher {
 public:
  ContentHasher();
  ContentHasher(ContentHasher&&) noexcept;
  ContentHasher& operator=(ContentHasher&&) noexcept;
  ~ContentHasher();
  void add(std::string_view part);  // REQUIRES: parts in file order
  uint64_t size() const { return size_; }
  uint64_t hash() const;  // of the bytes added so far

 private:
  struct State;
  std::unique_ptr<State> state_;
  uint64_t size_ = 0;
};

// Writes `files` into `out_dir` in one go (SiteWriter::open, add, commit).
WriteResult write_site(std::span<const OutputFile> files, std::string_view out_dir, std::string_view site_root);

// True when `relative` is a safe relative path (no "..", no leading '/', no NUL).
bool is_safe_relative_path(std::string_view relative);

}  // namespace topichub
