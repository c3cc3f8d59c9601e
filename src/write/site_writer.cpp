#include "write/site_writer.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <unordered_set>
#include <vector>

#include "write/file_io.h"
#include "write/output_marker.h"

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
  std::vector<fs::path> stale_staging, trash;
  for (const auto& entry : fs::directory_iterator(parent, error)) {
    auto name = entry.path().filename().string();
    if (name.starts_with(staging_prefix)) {
      int pid = std::atoi(name.c_str() + staging_prefix.size());
      if (pid <= 0 || (::kill(pid, 0) != 0 && errno == ESRCH)) stale_staging.push_back(entry.path());
    } else if (name.starts_with(trash_prefix)) {
      trash.push_back(entry.path());
    }
  }
  for (const auto& folder : stale_staging) fs::remove_all(folder, error);
  for (const auto& folder : trash) remove_in_background(folder);
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
  std::string base_name;
  FileRecords previous;  // OUT's files; read-only once open
  // When the staging folder is a reused spare: the files already in it that
  // may be kept. Read-only once open.
  FileRecords reusable;
  bool reusing = false;
  std::mutex mutex;  // guards what follows
  std::string error;
  std::unordered_set<std::string> made_dirs;
  FileRecords records;
  size_t unchanged = 0;
  bool committed = false;

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
  // True (and recorded) when the reused staging folder's copy of `path`
  // already holds these bytes and was not touched since it was written.
  bool keep_reusable(const std::string& path, uint64_t size, uint64_t hash, const fs::path& target);
  // In a reused staging folder: removes the stale copy of `path` so that the
  // new file gets an inode of its own (the stale one may be hard-linked
  // into OUT, which must not change before the swap).
  void clear_target(const fs::path& target);
  // In a reused staging folder, when a write failed: removes a file that
  // stands where a folder of `target` must be, or a folder where `target`
  // must be; true when it removed something (the write may be retried).
  bool clear_conflicts(const fs::path& target);
  // Removes the reused files this build did not write, and the folders
  // that leaves empty.
  void remove_unwritten();
  // Hard-links the previous build's copy of `path` when it holds the same
  // bytes (`size`, `hash`) and was not touched since; true when it did.
  bool link_unchanged(const std::string& path, uint64_t size, uint64_t hash, const fs::path& target);
  // Writes a file at `target` with `write_to(path)`, and once more after
  // clear_conflicts() if that fails; returns its status (nullopt: failed).
  template <typename WriteTo>
  std::optional<struct stat> write_retrying(const fs::path& target, WriteTo&& write_to);
  // The path of `path` in the staging site, its folder made; nullopt (the
  // writer failed) when the path is unsafe or the writer already failed.
  std::optional<fs::path> staged_target(const std::string& path);
  // Records a file written at `target` (nullopt: it could not be; fails).
  void record(const std::string& path, std::optional<struct stat> written, uint64_t hash, const fs::path& target);
  // Makes the folder `dir` in the staging site unless a thread already did
  // or is doing it. The system calls run outside the lock, so a file's open
  // can find its folder not made yet: open_new_file() deals with that.
  void ensure_folder(const std::string& dir) {
    {
      std::lock_guard lock(mutex);
      if (!made_dirs.insert(dir).second) return;
    }
    make_folder(dir);
  }
};

bool SiteWriter::State::claim_spare() {
  auto spare = parent / ("." + base_name + std::string(kSpareTag));
  // The rename claims it: a second build running at once finds none.
  if (::rename(spare.c_str(), staging.c_str()) != 0) return false;
  auto marker = staging / kOutputMarker;
  auto records = read_marker(marker);
  std::vector<std::string> files, folders;
  if (records.empty() || !list_tree(staging.string(), files, folders)) {
    auto trash = parent / ("." + base_name + std::string(kTrashTag) + random_suffix());
    if (::rename(staging.c_str(), trash.c_str()) == 0) remove_in_background(trash);
    else fs::remove_all(staging);
    return false;
  }
  ::unlink(marker.c_str());
  // What the marker does not list was added to OUT by hand: it goes, as it
  // would from a folder made afresh.
  for (const auto& file : files)
    if (!records.contains(file)) ::unlink((staging / file).c_str());
  std::string root = staging.string();
  made_dirs.insert(root);
  for (const auto& folder : folders) made_dirs.insert(root + "/" + folder);
  reusable = std::move(records);
  reusing = true;
  return true;
}

bool SiteWriter::State::keep_reusable(const std::string& path, uint64_t size, uint64_t hash, const fs::path& target) {
  if (!reusing) return false;
  auto it = reusable.find(path);
  if (it == reusable.end() || it->second.size != size || it->second.hash != hash) return false;
  struct stat info {};
  if (::lstat(target.c_str(), &info) != 0 || !S_ISREG(info.st_mode)) return false;
  auto now = record_of(info, hash);
  if (now.size != it->second.size || now.mtime_ns != it->second.mtime_ns || now.inode != it->second.inode) return false;
  std::lock_guard lock(mutex);
  records[path] = now;
  ++unchanged;
  return true;
}

void SiteWriter::State::clear_target(const fs::path& target) {
  if (reusing) ::unlink(target.c_str());
}

bool SiteWriter::State::clear_conflicts(const fs::path& target) {
  if (!reusing) return false;
  bool cleared = false;
  std::error_code error;
  fs::path folder = staging;
  auto relative = target.lexically_relative(staging);
  for (auto part = relative.begin(); part != relative.end(); ++part) {
    folder /= *part;
    bool last = std::next(part) == relative.end();
    struct stat info {};
    if (::lstat(folder.c_str(), &info) != 0) break;
    if (!last && !S_ISDIR(info.st_mode)) cleared = ::unlink(folder.c_str()) == 0 || cleared;
    if (last && S_ISDIR(info.st_mode)) cleared = fs::remove_all(folder, error) > 0 || cleared;
  }
  if (cleared) make_folder(target.parent_path().string());
  return cleared;
}

void SiteWriter::State::remove_unwritten() {
  if (!reusing) return;
  std::vector<std::string> emptied;
  for (const auto& [path, record] : reusable) {
    if (records.contains(path)) continue;
    ::unlink((staging / path).c_str());
    for (auto slash = path.rfind('/'); slash != std::string::npos; slash = path.rfind('/', slash - 1)) {
      emptied.push_back(path.substr(0, slash));
      if (slash == 0) break;
    }
  }
  // Deepest first; a folder still holding files stays.
  std::sort(emptied.begin(), emptied.end(), [](const std::string& a, const std::string& b) {
    return a.size() != b.size() ? a.size() > b.size() : a < b;
  });
  emptied.erase(std::unique(emptied.begin(), emptied.end()), emptied.end());
  for (const auto& folder : emptied) ::rmdir((staging / folder).c_str());
}

template <typename WriteTo>
std::optional<struct stat> SiteWriter::State::write_retrying(const fs::path& target, WriteTo&& write_to) {
  auto written = write_to(target.string());
  if (!written && clear_conflicts(target)) written = write_to(target.string());
  return written;
}

bool SiteWriter::State::link_unchanged(const std::string& path, uint64_t size, uint64_t hash, const fs::path& target) {
  auto it = previous.find(path);
  if (it == previous.end() || it->second.size != size || it->second.hash != hash) return false;
  auto old_path = out / path;
  struct stat info {};
  if (::stat(old_path.c_str(), &info) != 0) return false;
  auto now = record_of(info, hash);
  if (now.size != it->second.size || now.mtime_ns != it->second.mtime_ns || now.inode != it->second.inode) return false;
  if (::link(old_path.c_str(), target.c_str()) != 0) {
    if (errno != ENOENT) return false;
    make_folder(target.parent_path().string());  // still in the making by another thread
    if (::link(old_path.c_str(), target.c_str()) != 0) return false;
  }
  std::lock_guard lock(mutex);
  records[path] = now;
  ++unchanged;
  return true;
}

SiteWriter::SiteWriter(std::unique_ptr<State> state) : state_(std::move(state)) {}
SiteWriter::SiteWriter(SiteWriter&&) noexcept = default;
SiteWriter& SiteWriter::operator=(SiteWriter&&) noexcept = default;

SiteWriter::~SiteWriter() {
  if (state_ && !state_->committed && !state_->staging.empty()) {
    std::error_code error;
    fs::remove_all(state_->staging, error);
  }
}

bool SiteWriter::ok() const { return state_->error.empty(); }
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
  state->previous = read_marker(out / kOutputMarker);
  state->staging = state->parent / ("." + state->base_name + std::string(kStagingTag) + random_suffix());
  if (!state->claim_spare() && !fs::create_directory(state->staging, error)) {
    state->error = state->staging.string() + ": cannot create: " + error.message();
    state->staging.clear();
  }
  return SiteWriter(std::move(state));
}

std::optional<fs::path> SiteWriter::State::staged_target(const std::string& path) {
  if (!is_safe_relative_path(path)) {
    fail("unsafe output path \"" + path + "\"");
    return std::nullopt;
  }
  if (failed()) return std::nullopt;
  auto target = staging / path;
  ensure_folder(target.parent_path().string());
  return target;
}

void SiteWriter::State::record(const std::string& path, std::optional<struct stat> written, uint64_t hash,
                               const fs::path& target) {
  if (!written) return fail(target.string() + ": cannot write: " + system_error_text());
  std::lock_guard lock(mutex);
  records[path] = record_of(*written, hash);
}

void SiteWriter::add(std::string_view path_view, std::string_view content) {
  auto& s = *state_;
  std::string path(path_view);
  auto target = s.staged_target(path);
  if (!target) return;
  uint64_t hash = content_hash(content);
  if (s.keep_reusable(path, content.size(), hash, *target)) return;
  s.clear_target(*target);
  if (s.link_unchanged(path, content.size(), hash, *target)) return;
  auto written = s.write_retrying(*target, [content](const std::string& file) { return write_whole_file(file, content); });
  s.record(path, written, hash, *target);
}

void SiteWriter::add_streamed(std::string_view path_view, const std::function<void(const WriteChunk&)>& produce) {
  auto& s = *state_;
  std::string path(path_view);
  auto target = s.staged_target(path);
  if (!target) return;
  // Hash 0: the content hash is not computed, so the next build never takes
  // this file for unchanged.
  s.clear_target(*target);
  auto written = s.write_retrying(*target, [&produce](const std::string& file) { return write_new_file(file, produce); });
  s.record(path, written, 0, *target);
}

WriteResult SiteWriter::commit() {
  auto& s = *state_;
  WriteResult result;
  result.files_written = s.records.size();
  result.files_unchanged = s.unchanged;
  if (!s.error.empty()) {
    result.error = s.error;
    return result;
  }
  s.remove_unwritten();
  if (!write_whole_file((s.staging / kOutputMarker).string(), marker_text(s.records))) {
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
