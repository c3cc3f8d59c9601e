#include "write/site_writer.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <random>
#include <unordered_set>

namespace topichub {
namespace fs = std::filesystem;
namespace {

constexpr std::string_view kStagingTag = ".topichub-staging-";

std::string system_error_text() { return std::strerror(errno); }

bool write_whole_file(const std::string& path, std::string_view content) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return false;
  size_t done = 0;
  while (done < content.size()) {
    ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      ::close(fd);
      return false;
    }
    done += static_cast<size_t>(n);
  }
  return ::close(fd) == 0;
}

std::string random_suffix() {
  std::random_device device;
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%d-%08x", static_cast<int>(::getpid()), device());
  return buffer;
}

// Leftovers of builds that were killed: staging folders whose process is
// gone (either a half-written new site or a swapped-out old one).
void remove_leftovers(const fs::path& parent, const std::string& base_name) {
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(parent, error)) {
    auto name = entry.path().filename().string();
    auto staging_prefix = "." + base_name + std::string(kStagingTag);
    bool stale = false;
    if (name.starts_with(staging_prefix)) {
      int pid = std::atoi(name.c_str() + staging_prefix.size());
      stale = pid <= 0 || (::kill(pid, 0) != 0 && errno == ESRCH);
    }
    if (stale) fs::remove_all(entry.path(), error);
  }
}

bool is_inside(const fs::path& inner, const fs::path& outer) {
  auto [outer_end, inner_it] = std::mismatch(outer.begin(), outer.end(), inner.begin(), inner.end());
  return outer_end == outer.end();
}

}  // namespace

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

WriteResult write_site(std::span<const OutputFile> files, std::string_view out_text, std::string_view site_root) {
  WriteResult result;
  std::error_code error;
  fs::path out = fs::absolute(fs::path(out_text), error).lexically_normal();
  if (out.filename().empty()) out = out.parent_path();
  fs::path root = fs::weakly_canonical(fs::path(site_root), error);
  fs::path out_canonical = fs::weakly_canonical(out, error);
  if (out_canonical == root || is_inside(out_canonical, root / "content") || is_inside(root, out_canonical)) {
    result.error = out.string() + ": refusing to write the site over its own sources";
    return result;
  }
  if (fs::exists(out, error)) {
    if (!fs::is_directory(out, error)) {
      result.error = out.string() + ": exists and is not a folder";
      return result;
    }
    bool empty = fs::is_empty(out, error);
    if (!empty && !fs::exists(out / kOutputMarker, error)) {
      result.error = out.string() + ": folder exists and was not written by topichub (no " +
                     std::string(kOutputMarker) + "); refusing to replace it";
      return result;
    }
  }
  fs::path parent = out.parent_path();
  fs::create_directories(parent, error);
  auto base_name = out.filename().string();
  remove_leftovers(parent, base_name);

  fs::path staging = parent / ("." + base_name + std::string(kStagingTag) + random_suffix());
  auto fail = [&](std::string message) {
    result.error = std::move(message);
    fs::remove_all(staging, error);
    return result;
  };
  if (!fs::create_directory(staging, error)) return fail(staging.string() + ": cannot create: " + error.message());

  std::unordered_set<std::string> made_dirs;
  for (const auto& file : files) {
    if (!is_safe_relative_path(file.path)) return fail("unsafe output path \"" + file.path + "\"");
    auto target = staging / file.path;
    auto dir = target.parent_path().string();
    if (made_dirs.insert(dir).second) fs::create_directories(dir, error);
    if (!write_whole_file(target.string(), file.content))
      return fail(target.string() + ": cannot write: " + system_error_text());
    ++result.files_written;
  }
  if (!write_whole_file((staging / kOutputMarker).string(), "This folder was written by topichub build.\n"))
    return fail("cannot write the output marker: " + system_error_text());

  // Swap in one step: RENAME_EXCHANGE trades the two folders atomically, so
  // OUT always holds a complete site, old or new, whenever the build stops.
  bool had_old = fs::exists(out, error);
  if (had_old) {
    if (::renameat2(AT_FDCWD, staging.c_str(), AT_FDCWD, out.c_str(), RENAME_EXCHANGE) != 0)
      return fail(out.string() + ": cannot swap in the new site: " + system_error_text());
    fs::remove_all(staging, error);  // now the previous site
  } else if (::rename(staging.c_str(), out.c_str()) != 0) {
    return fail(out.string() + ": cannot move the new site in place: " + system_error_text());
  }
  result.ok = true;
  return result;
}

}  // namespace topichub
