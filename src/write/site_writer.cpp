#include "write/site_writer.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <future>
#include <unordered_set>
#include <vector>

#include "write/file_io.h"
#include "write/output_marker.h"
#include "write/spare_pruning.h"

namespace topichub {
namespace fs = std::filesystem;
namespace {

constexpr std::string_view kStagingTag = ".topichub-staging-";
constexpr std::string_view kTrashTag = ".topichub-old-";
constexpr std::string_view kSpareTag = ".topichub-spare";

std::string system_error_text() { return std::strerror(errno); }

// Leftovers of earlier builds: staging folders whose process is gone (killed
// builds) are removed; previous sites not yet removed are handed to a
// background removal again. The spare (see SiteWriter::State::claim_spare)
// stays.
void remove_leftovers(const fs::path& parent, const std::string& base_name) {
  std::error_code error;
  auto staging_prefix = "." + base_name + std::string(kStagingTag);
  auto trash_prefix = "." + base_name + std::string(kTrashTag);
  std::vector<fs::path> leftovers;
  for (fs::directory_iterator entry(parent, error), end; !error && entry != end; entry.increment(error)) {
    auto name = entry->path().filename().string();
    if (name.starts_with(staging_prefix)) {
      int pid = std::atoi(name.c_str() + staging_prefix.size());
      if (pid <= 0 || (::kill(pid, 0) != 0 && errno == ESRCH)) leftovers.push_back(entry->path());
    } else if (name.starts_with(trash_prefix)) {
      leftovers.push_back(entry->path());
    }
  }
  for (const auto& folder : leftovers) remove_in_background(folder);
}

bool is_inside(const fs::path& inner, const fs::path& outer) {
  auto [outer_end, inner_it] = std::mismatch(outer.begin(), outer.end(), inner.begin(), inner.end());
  return outer_end == outer.end();
}

// Why OUT may not be written, or "".
std::string refusal(const fs::path& out, std::string_view site_root) {
  std::error_code error;
  fs::path root = fs::weakly_canonical(fs::path(site_root), error);
  fs::path out_canonical = fs::weakly_canonical(out, error);
  if (out_canonical == root || is_inside(out_canonical, root / "content") || is_inside(root, out_canonical))
    return out.string() + ": refusing to write the site over its own sources";
  if (!fs::exists(out, error)) return "";
  if (!fs::is_directory(out, error)) return out.string() + ": exists and is not a folder";
  if (!fs::is_empty(out, error) && !fs::exists(out / kOutputMarker, error))
    return out.string() + ": folder exists and was not written by topichub (no " + std::string(kOutputMarker) +
           "); refusing to replace it";
  return "";
}

}  // namespace

struct SiteWriter::State {
  fs::path out, parent, staging;
  std::string staging_text;  // staging, for messages
  // The staging folder, open once it is prepared: files are made relative
  // to it (see file_io.h).
  UniqueFd staging_fd{-1};
  std::string base_name;
  FileRecords out_records;  // OUT's files; read-only once open
  // When the staging folder is the claimed spare: the files it held, which
  // may be kept. Read-only once open.
  FileRecords spare_records;
  // The folders of the claimed spare that stay: already there. Read-only
  // once open.
  std::unordered_set<std::string> spare_folders;
  bool reusing_spare = false;
  std::mutex mutex;  // guards what follows
  std::string error;
  // This build's files, in the order written: a list, as nothing looks
  // them up while the build runs (a map cost a MedQuAD build 30,000 hashed
  // inserts under the lock). Each path once: pages have distinct paths,
  // and a fresh staging folder refuses a second file at one (O_EXCL).
  std::vector<std::pair<std::string, FileRecord>> written_records;
  size_t unchanged = 0;
  bool committed = false;
  // Reading the markers and pruning the spare are 4-5% of a MedQuAD
  // rebuild's samples: done on a thread of their own while the site loads,
  // and waited for by the first file written.
  std::shared_future<void> prepared;

  void fail(std::string message) {
    std::lock_guard lock(mutex);
    if (error.empty()) error = std::move(message);
  }
  bool failed() {
    std::lock_guard lock(mutex);
    return !error.empty();
  }
  // Takes the site from two builds ago (kept beside OUT as the spare) for
  // the staging folder, so that a rebuild writes only what changed since
  // and deletes nothing in bulk; false when there is none to take.
  bool claim_spare();
  // Reads OUT's marker, and with a claimed spare its marker, and prunes it
  // of what that does not list (added to OUT by hand: see spare_pruning.h);
  // a spare that cannot be read is discarded and the staging folder made
  // afresh. Then opens the staging folder.
  void prepare(bool claimed);
  void prepare_staging(bool claimed);
  void wait_prepared() {
    if (prepared.valid()) prepared.get();
  }
  // Hands `folder` (no longer wanted) to a background removal.
  void discard(const fs::path& folder);
  // True (and recorded) when the claimed spare's copy of `path` already
  // holds these bytes and was not touched since it was written.
  bool keep_spare_copy(const std::string& path, uint64_t size, uint64_t hash);
  // In the claimed spare, when a write failed: removes a file that stands
  // where a folder of `target` must be, or a folder where `target` must be.
  void clear_conflicts(const std::string& target);
  // Removes the spare's files this build did not write, and the folders
  // that leaves empty.
  void remove_unwritten();
  // Hard-links OUT's copy of `path` when it holds the same bytes (`size`,
  // `hash`) and was not touched since; true when it did.
  bool link_unchanged(const std::string& path, uint64_t size, uint64_t hash);
  // The previous build's copy of `path`, kept in the spare or linked from
  // OUT, when it holds these bytes; true when it did.
  bool take_unchanged(const std::string& path, uint64_t size, uint64_t hash) {
    return keep_spare_copy(path, size, hash) || link_unchanged(path, size, hash);
  }
  // Writes `path` in the staging site with `write_to(staging_fd, path)`; in
  // the claimed spare, once more after clear_conflicts() if that fails.
  // Returns its status (nullopt: failed, errno set).
  template <typename WriteTo>
  std::optional<struct stat> write_retrying(const std::string& path, WriteTo&& write_to);
  // Makes the folder of `path` in the staging site; false (the writer
  // failed) when the path is unsafe or the writer already failed.
  // Strings rather than fs::path: parsing paths into parts was about half a
  // percent of a build's samples (perf).
  bool stage(const std::string& path);
  // `path` in the staging site, for messages.
  std::string staged_path(const std::string& path) const { return staging_text + "/" + path; }
  // Records a file written at `path` (nullopt: it could not be; fails).
  void record(std::string path, std::optional<struct stat> written, uint64_t hash);
  void record_unchanged(const std::string& path, const FileRecord& now) {
    std::lock_guard lock(mutex);
    written_records.emplace_back(path, now);
    ++unchanged;
  }
  // Makes the folder `dir` in the staging site, unless the spare holds it.
  // No shared set of the folders made: a mkdir that finds the folder there
  // costs less than 30,000 inserts into one under a lock (MedQuAD render
  // stage 404 -> 390 ms wall, 790 -> 769 ms CPU, 10 alternating runs).
  void ensure_folder(const std::string& dir) {
    if (!spare_folders.contains(dir)) make_folder(staging_fd.get(), dir);
  }
};

namespace {

// Calls f("a") and f("a/b") for "a/b/c.html": the folders a path is in.
template <typename F>
void for_each_folder_of(const std::string& path, F&& f) {
  for (auto slash = path.find('/'); slash != std::string::npos; slash = path.find('/', slash + 1)) f(path.substr(0, slash));
}

// The file at `path` as `record` describes it: same size, same inode, not
// modified since (to the file system's timestamp resolution, a few ms at
// worst: an edit by hand within that time and of the same size would pass).
std::optional<FileRecord> unchanged_since(int dir_fd, const std::string& path, const FileRecord& record) {
  struct stat info {};
  if (::fstatat(dir_fd, path.c_str(), &info, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(info.st_mode)) return std::nullopt;
  auto now = record_of(info, record.hash);
  if (now.size != record.size || now.mtime_ns != record.mtime_ns || now.inode != record.inode) return std::nullopt;
  return now;
}

}  // namespace

bool SiteWriter::State::claim_spare() {
  auto spare = parent / ("." + base_name + std::string(kSpareTag));
  // Only a folder: a symbolic link by that name would lead the pruning
  // into someone else's files.
  struct stat info {};
  if (::lstat(spare.c_str(), &info) != 0 || !S_ISDIR(info.st_mode)) return false;
  // The rename claims it: a second build running at once finds none.
  return ::rename(spare.c_str(), staging.c_str()) == 0;
}

void SiteWriter::State::prepare(bool claimed) {
  prepare_staging(claimed);
  if (failed()) return;
  staging_fd.reset(::open(staging_text.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (staging_fd.get() < 0) fail(staging_text + ": cannot open: " + system_error_text());
}

void SiteWriter::State::prepare_staging(bool claimed) {
  out_records = read_marker(out / kOutputMarker);
  if (!claimed) return;
  auto marker = staging / kOutputMarker;
  spare_records = read_marker(marker);
  struct stat marker_info {};
  bool usable = !spare_records.empty() && ::lstat(marker.c_str(), &marker_info) == 0;
  if (usable) {
    ::unlink(marker.c_str());
    UniqueFd spare_fd(::open(staging_text.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    auto pruned = spare_fd.get() < 0 ? PrunedSpare{{}, false}
                                     : prune_spare(spare_fd.get(), staging_text, spare_records,
                                                   record_of(marker_info, 0).mtime_ns);
    usable = pruned.complete;
    spare_folders = std::move(pruned.folders);
  }
  if (!usable) {
    spare_records.clear();
    spare_folders.clear();
    discard(staging);
    std::error_code error;
    if (!fs::create_directory(staging, error)) fail(staging.string() + ": cannot create: " + error.message());
    return;
  }
  reusing_spare = true;
}

void SiteWriter::State::discard(const fs::path& folder) {
  auto trash = parent / ("." + base_name + std::string(kTrashTag) + random_suffix());
  std::error_code error;
  if (::rename(folder.c_str(), trash.c_str()) == 0) remove_in_background(trash);
  else fs::remove_all(folder, error);
}

bool SiteWriter::State::keep_spare_copy(const std::string& path, uint64_t size, uint64_t hash) {
  if (!reusing_spare) return false;
  auto it = spare_records.find(path);
  if (it == spare_records.end() || it->second.size != size || it->second.hash != hash) return false;
  auto now = unchanged_since(staging_fd.get(), path, it->second);
  if (!now) return false;
  record_unchanged(path, *now);
  return true;
}

void SiteWriter::State::clear_conflicts(const std::string& target_text) {
  // Other threads may be clearing the same folders: every step tolerates
  // finding its work done.
  std::error_code error;
  fs::path folder = staging, target = target_text;
  auto relative = target.lexically_relative(staging);
  for (auto part = relative.begin(); part != relative.end(); ++part) {
    folder /= *part;
    bool last = std::next(part) == relative.end();
    struct stat info {};
    if (::lstat(folder.c_str(), &info) != 0) break;
    if (!last && !S_ISDIR(info.st_mode)) ::unlink(folder.c_str());
    if (last && S_ISDIR(info.st_mode)) fs::remove_all(folder, error);
  }
  make_folder(AT_FDCWD, target.parent_path().string());
}

void SiteWriter::State::remove_unwritten() {
  if (!reusing_spare) return;
  std::unordered_set<std::string_view> written;
  written.reserve(written_records.size());
  for (const auto& [path, record] : written_records) written.insert(path);
  std::vector<std::string> emptied;
  for (const auto& [path, record] : spare_records) {
    if (written.contains(path)) continue;
    ::unlink((staging / path).c_str());
    for_each_folder_of(path, [&](std::string folder) { emptied.push_back(std::move(folder)); });
  }
  // Deepest first; a folder still holding files stays.
  std::sort(emptied.begin(), emptied.end(), [](const std::string& a, const std::string& b) {
    return a.size() != b.size() ? a.size() > b.size() : a < b;
  });
  emptied.erase(std::unique(emptied.begin(), emptied.end()), emptied.end());
  for (const auto& folder : emptied) ::rmdir((staging / folder).c_str());
}

template <typename WriteTo>
std::optional<struct stat> SiteWriter::State::write_retrying(const std::string& path, WriteTo&& write_to) {
  auto written = write_to(staging_fd.get(), path);
  if (written || !reusing_spare) return written;
  clear_conflicts(staged_path(path));
  return write_to(staging_fd.get(), path);
}

bool SiteWriter::State::link_unchanged(const std::string& path, uint64_t size, uint64_t hash) {
  auto it = out_records.find(path);
  if (it == out_records.end() || it->second.size != size || it->second.hash != hash) return false;
  auto old_path = (out / path).string();
  auto now = unchanged_since(AT_FDCWD, old_path, it->second);
  if (!now || !link_replacing(old_path, staging_fd.get(), path)) return false;
  record_unchanged(path, *now);
  return true;
}

SiteWriter::SiteWriter(std::unique_ptr<State> state) : state_(std::move(state)) {}
SiteWriter::SiteWriter(SiteWriter&&) noexcept = default;
SiteWriter& SiteWriter::operator=(SiteWriter&&) noexcept = default;

SiteWriter::~SiteWriter() {
  if (!state_) return;
  if (state_->prepared.valid()) state_->prepared.wait();
  if (!state_->committed && !state_->staging.empty()) state_->discard(state_->staging);
}

bool SiteWriter::ok() const { return !state_->failed(); }
const std::string& SiteWriter::error() const { return state_->error; }

SiteWriter SiteWriter::open(std::string_view out_dir, std::string_view site_root) {
  auto state = std::make_unique<State>();
  std::error_code error;
  fs::path out = fs::absolute(fs::path(out_dir), error).lexically_normal();
  if (out.filename().empty()) out = out.parent_path();
  state->out = out;
  if (auto why = refusal(out, site_root); !why.empty()) {
    state->error = why;
    return SiteWriter(std::move(state));
  }
  state->parent = out.parent_path();
  fs::create_directories(state->parent, error);
  state->base_name = out.filename().string();
  remove_leftovers(state->parent, state->base_name);
  state->staging = state->parent / ("." + state->base_name + std::string(kStagingTag) + random_suffix());
  state->staging_text = state->staging.string();
  bool claimed = state->claim_spare();
  if (!claimed && !fs::create_directory(state->staging, error)) {
    state->error = state->staging.string() + ": cannot create: " + error.message();
    state->staging.clear();
    return SiteWriter(std::move(state));
  }
  state->prepared = std::async(std::launch::async, [s = state.get(), claimed] { s->prepare(claimed); }).share();
  return SiteWriter(std::move(state));
}

bool SiteWriter::State::stage(const std::string& path) {
  if (!is_safe_relative_path(path)) {
    fail("unsafe output path \"" + path + "\"");
    return false;
  }
  if (failed()) return false;
  if (auto slash = path.rfind('/'); slash != std::string::npos) ensure_folder(path.substr(0, slash));
  return true;
}

void SiteWriter::State::record(std::string path, std::optional<struct stat> written, uint64_t hash) {
  if (!written) return fail(staged_path(path) + ": cannot write: " + system_error_text());
  std::lock_guard lock(mutex);
  written_records.emplace_back(std::move(path), record_of(*written, hash));
}

void SiteWriter::add(std::string_view path_view, std::string_view content) {
  auto& s = *state_;
  s.wait_prepared();
  std::string path(path_view);
  if (!s.stage(path)) return;
  uint64_t hash = content_hash(content);
  if (s.take_unchanged(path, content.size(), hash)) return;
  auto written = s.write_retrying(
      path, [content](int dir_fd, const std::string& file) { return write_whole_file(dir_fd, file, content); });
  s.record(std::move(path), written, hash);
}

void SiteWriter::add_in_parts(std::string_view path_view, const ProduceParts& produce) {
  auto& s = *state_;
  s.wait_prepared();
  std::string path(path_view);
  if (!s.stage(path)) return;
  uint64_t hash = 0;  // from the last try: a retry produces the file again
  auto written = s.write_retrying(path, [&produce, &hash](int dir_fd, const std::string& file) {
    return write_new_file_in_parts(dir_fd, file, [&](const WritePart& write) { hash = produce(write); });
  });
  s.record(std::move(path), written, hash);
}

bool SiteWriter::has_previous(std::string_view path_view) {
  auto& s = *state_;
  s.wait_prepared();
  std::string path(path_view);
  return (s.reusing_spare && s.spare_records.contains(path)) || s.out_records.contains(path);
}

bool SiteWriter::keep_unchanged(std::string_view path_view, uint64_t size, uint64_t hash) {
  auto& s = *state_;
  s.wait_prepared();
  std::string path(path_view);
  if (hash == 0 || !s.stage(path)) return false;
  return s.take_unchanged(path, size, hash);
}

// libxxhash keeps the streaming state opaque: made and freed by the library.
struct ContentHasher::State {
  State() : xxh3(XXH3_createState()) {
    if (!xxh3) throw std::bad_alloc();
    XXH3_64bits_reset(xxh3);
  }
  ~State() { XXH3_freeState(xxh3); }
  State(const State&) = delete;
  State& operator=(const State&) = delete;
  XXH3_state_t* xxh3;
};

ContentHasher::ContentHasher() : state_(std::make_unique<State>()) {}
ContentHasher::ContentHasher(ContentHasher&&) noexcept = default;
ContentHasher& ContentHasher::operator=(ContentHasher&&) noexcept = default;
ContentHasher::~ContentHasher() = default;

void ContentHasher::add(std::string_view part) {
  XXH3_64bits_update(state_->xxh3, part.data(), part.size());
  size_ += part.size();
}

// The same as content_hash() of the whole: XXH3's streaming form.
uint64_t ContentHasher::hash() const { return XXH3_64bits_digest(state_->xxh3); }

WriteResult SiteWriter::commit() {
  auto& s = *state_;
  s.wait_prepared();
  WriteResult result;
  result.files_written = s.written_records.size();
  result.files_unchanged = s.unchanged;
  if (!s.error.empty()) {
    result.error = s.error;
    return result;
  }
  s.remove_unwritten();
  if (!write_whole_file(s.staging_fd.get(), std::string(kOutputMarker), marker_text(s.written_records))) {
    result.error = "cannot write the output marker: " + system_error_text();
    return result;
  }
  // Swap in one step: RENAME_EXCHANGE trades the two folders atomically, so
  // OUT always holds a complete site, old or new, whenever the build stops.
  std::error_code error;
  if (fs::exists(s.out, error)) {
    if (::renameat2(AT_FDCWD, s.staging.c_str(), AT_FDCWD, s.out.c_str(), RENAME_EXCHANGE) != 0) {
      result.error = s.out.string() + ": cannot swap in the new site: " + system_error_text();
      return result;
    }
    s.committed = true;
    // The staging path now holds the previous site. It becomes the spare,
    // which the next build rewrites into; if another build left a spare
    // meanwhile, it is removed, off the build's path.
    auto spare = s.parent / ("." + s.base_name + std::string(kSpareTag));
    if (::rename(s.staging.c_str(), spare.c_str()) != 0) {
      auto trash = s.parent / ("." + s.base_name + std::string(kTrashTag) + random_suffix());
      if (::rename(s.staging.c_str(), trash.c_str()) == 0) remove_in_background(trash);
      else fs::remove_all(s.staging, error);
    }
  } else if (::rename(s.staging.c_str(), s.out.c_str()) != 0) {
    result.error = s.out.string() + ": cannot move the new site in place: " + system_error_text();
    return result;
  } else {
    s.committed = true;
  }
  result.ok = true;
  return result;
}

bool is_safe_relative_path(std::string_view relative) {
  if (relative.empty() || relative.front() == '/' || relative.find('\0') != std::string_view::npos) return false;
  size_t start = 0;
  while (start <= relative.size()) {
    auto end = relative.find('/', start);
    if (end == std::string_view::npos) end = relative.size();
    auto part = relative.substr(start, end - start);
    if (part.empty() || part == "." || part == "..") return false;
    start = end + 1;
  }
  return true;
}

WriteResult write_site(std::span<const OutputFile> files, std::string_view out_dir, std::string_view site_root) {
  auto writer = SiteWriter::open(out_dir, site_root);
  for (const auto& file : files) {
    if (!writer.ok()) break;
    writer.add(file.path, file.content);
  }
  return writer.commit();
}

}  // namespace topichub
