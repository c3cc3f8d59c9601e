#include "write/site_writer.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <unordered_set>
#include <vector>

extern char** environ;

namespace topichub {
namespace fs = std::filesystem;
namespace {

constexpr std::string_view kStagingTag = ".topichub-staging-";
constexpr std::string_view kTrashTag = ".topichub-old-";
constexpr std::string_view kMarkerHeading = "This folder was written by topichub build.";

std::string system_error_text() { return std::strerror(errno); }

// What the marker records of each file, to recognise it unchanged next time:
// its bytes (size and hash), and its inode as written (number and mtime), so
// that a file edited in OUT by hand since is not mistaken for ours.
struct FileRecord {
  uint64_t size = 0;
  uint64_t hash = 0;
  int64_t mtime_ns = 0;
  uint64_t inode = 0;
};

uint64_t content_hash(std::string_view content) { return std::hash<std::string_view>{}(content); }

FileRecord record_of(const struct stat& info, uint64_t hash) {
  return {static_cast<uint64_t>(info.st_size), hash,
          static_cast<int64_t>(info.st_mtim.tv_sec) * 1'000'000'000 + info.st_mtim.tv_nsec,
          static_cast<uint64_t>(info.st_ino)};
}

// mkdir -p, with one system call in the common case (the parent exists):
// fs::create_directories checks every component first.
void make_folder(const std::string& dir) {
  if (::mkdir(dir.c_str(), 0755) == 0 || errno == EEXIST) return;
  if (errno != ENOENT) return;  // reported when the file in it cannot be written
  auto slash = dir.rfind('/');
  if (slash == std::string::npos || slash == 0) return;
  make_folder(dir.substr(0, slash));
  ::mkdir(dir.c_str(), 0755);
}

// Creates (or truncates) `path` for writing. Its folder may still be in the
// making by another thread (see SiteWriter::State::ensure_folder): then it is
// made here too, which is harmless, and the open is tried again.
int open_new_file(const std::string& path) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd >= 0 || errno != ENOENT) return fd;
  auto slash = path.rfind('/');
  if (slash == std::string::npos || slash == 0) return fd;
  make_folder(path.substr(0, slash));
  return ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
}

// A file descriptor closed when it goes out of scope, unless closed before.
class UniqueFd {
 public:
  explicit UniqueFd(int fd) : fd_(fd) {}
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;
  ~UniqueFd() { close(); }
  int get() const { return fd_; }
  // 0, or -1 with errno set (as ::close).
  int close() {
    int result = fd_ >= 0 ? ::close(fd_) : 0;
    fd_ = -1;
    return result;
  }

 private:
  int fd_;
};

// False (errno set) when not all of `content` could be written.
bool write_all(int fd, std::string_view content) {
  size_t done = 0;
  while (done < content.size()) {
    ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<size_t>(n);
  }
  return true;
}

// Writes a new file from the chunks `produce` passes to the function it is
// given; returns the file's status, or nullopt (errno set).
template <typename Produce>
std::optional<struct stat> write_new_file(const std::string& path, Produce&& produce) {
  UniqueFd fd(open_new_file(path));
  if (fd.get() < 0) return std::nullopt;
  bool written = true;
  produce([&](std::string_view chunk) { written = written && write_all(fd.get(), chunk); });
  struct stat info {};
  if (!written || ::fstat(fd.get(), &info) != 0 || fd.close() != 0) return std::nullopt;
  return info;
}

std::optional<struct stat> write_whole_file(const std::string& path, std::string_view content) {
  return write_new_file(path, [content](const auto& write) { write(content); });
}

// The marker: a heading line, then "size hash mtime_ns inode path" per file,
// in no particular order: only read_marker reads the file, and sorting the
// 138,574 paths of the 6× MedQuAD copy was half of the swap (98 → 48 ms).
std::string marker_text(const std::unordered_map<std::string, FileRecord>& records) {
  std::string text = std::string(kMarkerHeading) + "\n";
  text.reserve(text.size() + records.size() * 96);
  auto append_number = [&text](auto number) {
    char digits[24];
    auto end = std::to_chars(digits, digits + sizeof digits, number).ptr;
    text.append(digits, end);
    text += ' ';
  };
  for (const auto& [path, r] : records) {
    append_number(r.size);
    append_number(r.hash);
    append_number(r.mtime_ns);
    append_number(r.inode);
    text += path;
    text += '\n';
  }
  return text;
}

// Reads a number and the space after it at `at`, moving past both.
template <typename Number>
bool read_field(const char*& at, const char* end, Number& value) {
  auto parsed = std::from_chars(at, end, value);
  if (parsed.ec != std::errc{} || parsed.ptr == end || *parsed.ptr != ' ') return false;
  at = parsed.ptr + 1;
  return true;
}

// The previous build's records; empty when the marker has none (or is damaged).
std::unordered_map<std::string, FileRecord> read_marker(const fs::path& marker) {
  std::unordered_map<std::string, FileRecord> records;
  std::ifstream in(marker, std::ios::binary);
  std::string line;
  if (!std::getline(in, line) || line != kMarkerHeading) return records;
  while (std::getline(in, line)) {
    FileRecord record;
    const char* at = line.data();
    const char* end = line.data() + line.size();
    if (!read_field(at, end, record.size) || !read_field(at, end, record.hash) ||
        !read_field(at, end, record.mtime_ns) || !read_field(at, end, record.inode))
      return {};
    records.emplace(std::string(at, end), record);
  }
  return records;
}

std::string random_suffix() {
  std::random_device device;
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%d-%08x", static_cast<int>(::getpid()), device());
  return buffer;
}

// Removes `folder` from a process of its own (rm, in its own process group
// so that a Ctrl-C after the build does not interrupt it): deleting a large
// tree takes seconds on a disk and need not hold up the build. Falls back to
// removing it here.
void remove_in_background(const fs::path& folder) {
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP);
  posix_spawnattr_setpgroup(&attributes, 0);
  std::string path = folder.string();
  char rm[] = "rm", flags[] = "-rf", end_of_options[] = "--";
  char* argv[] = {rm, flags, end_of_options, path.data(), nullptr};
  pid_t pid = 0;
  int spawned = posix_spawnp(&pid, "rm", nullptr, &attributes, argv, environ);
  posix_spawnattr_destroy(&attributes);
  if (spawned != 0) {
    std::error_code error;
    fs::remove_all(folder, error);
  }
}

// Leftovers of earlier builds: staging folders whose process is gone (killed
// builds) are removed; previous sites not yet removed are handed to a
// background removal again.
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
  std::unordered_map<std::string, FileRecord> previous;  // read-only once open
  std::mutex mutex;                                       // guards what follows
  std::string error;
  std::unordered_set<std::string> made_dirs;
  std::unordered_map<std::string, FileRecord> records;
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
  // Hard-links the previous build's copy of `path` when it holds the same
  // bytes (`size`, `hash`) and was not touched since; true when it did.
  bool link_unchanged(const std::string& path, uint64_t size, uint64_t hash, const fs::path& target);
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
  if (!fs::create_directory(state->staging, error)) {
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
  if (s.link_unchanged(path, content.size(), hash, *target)) return;
  s.record(path, write_whole_file(target->string(), content), hash, *target);
}

void SiteWriter::add_streamed(std::string_view path_view, const std::function<void(const WriteChunk&)>& produce) {
  auto& s = *state_;
  std::string path(path_view);
  auto target = s.staged_target(path);
  if (!target) return;
  // Hash 0: the content hash is not computed, so the next build never takes
  // this file for unchanged.
  s.record(path, write_new_file(target->string(), produce), 0, *target);
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
    // The staging path now holds the previous site: renamed so that no
    // later build mistakes it for a half-written one, then removed.
    auto trash = s.parent / ("." + s.base_name + std::string(kTrashTag) + random_suffix());
    if (::rename(s.staging.c_str(), trash.c_str()) == 0) remove_in_background(trash);
    else fs::remove_all(s.staging, error);
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
