#include "write/spare_pruning.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <absl/container/flat_hash_set.h>

#include <algorithm>
#include <filesystem>
#include <span>
#include <string_view>
#include <vector>

namespace topichub {
namespace fs = std::filesystem;
namespace {

int64_t ctime_ns(const struct stat& info) {
  return static_cast<int64_t>(info.st_ctim.tv_sec) * 1'000'000'000 + info.st_ctim.tv_nsec;
}

// "a/b" for "a/b/c.html"; "" for a file at the top.
std::string_view parent_of(std::string_view path) {
  auto slash = path.rfind('/');
  return slash == std::string_view::npos ? std::string_view() : path.substr(0, slash);
}

// Every folder a listed file is in ("a" and "a/b" for "a/b/c.html"). A
// file's ancestors are added only until one is already there: the thousands
// of pages in "articles/" add it once.
std::vector<std::string_view> listed_folders(const FileRecords& records) {
  absl::flat_hash_set<std::string_view> seen;
  for (const auto& [path, record] : records)
    for (auto folder = parent_of(path); !folder.empty() && seen.insert(folder).second;) folder = parent_of(folder);
  std::vector<std::string_view> folders(seen.begin(), seen.end());
  // A folder before what it holds: a prefix sorts first.
  std::sort(folders.begin(), folders.end());
  return folders;
}

class Pruner {
 public:
  // `listed`: the marker's folders, sorted.
  Pruner(int spare_fd, const std::string& spare_path, const FileRecords& records,
         std::span<const std::string_view> listed)
      : spare_fd_(spare_fd), spare_path_(spare_path), records_(records), listed_(listed) {}

  // Removes what `folder` ("" for the spare itself) holds that is not
  // listed; false when it cannot be read.
  // REQUIRES: `folder` and every folder above it checked to be real folders.
  bool clear(const std::string& folder) {
    int fd = ::openat(spare_fd_, folder.empty() ? "." : folder.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) return false;
    DIR* dir = ::fdopendir(fd);
    if (!dir) {
      ::close(fd);
      return false;
    }
    std::string prefix = folder.empty() ? "" : folder + "/";
    std::vector<std::string> unlisted_folders;
    while (const dirent* entry = ::readdir(dir)) {
      std::string_view name = entry->d_name;
      if (name == "." || name == "..") continue;
      std::string path = prefix + std::string(name);
      bool is_folder = entry->d_type == DT_DIR;
      if (entry->d_type == DT_UNKNOWN) {
        struct stat info {};
        is_folder = ::fstatat(::dirfd(dir), entry->d_name, &info, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(info.st_mode);
      }
      if (is_folder && !std::binary_search(listed_.begin(), listed_.end(), std::string_view(path)))
        unlisted_folders.push_back(std::move(path));
      else if (!is_folder && !records_.contains(path)) ::unlinkat(::dirfd(dir), entry->d_name, 0);
    }
    ::closedir(dir);
    // remove_all does not follow symbolic links.
    std::error_code error;
    for (const auto& path : unlisted_folders) fs::remove_all(fs::path(spare_path_) / path, error);
    return true;
  }

 private:
  int spare_fd_;
  const std::string& spare_path_;
  const FileRecords& records_;
  std::span<const std::string_view> listed_;
};

}  // namespace

PrunedSpare prune_spare(int spare_fd, const std::string& spare_path, const FileRecords& records,
                        int64_t marker_time_ns) {
  PrunedSpare pruned;
  auto folders = listed_folders(records);
  pruned.folders.reserve(folders.size());
  Pruner pruner(spare_fd, spare_path, records, folders);
  // The spare itself was renamed since its marker was written, which moved
  // its ctime: always read.
  pruned.complete = pruner.clear("");
  int64_t changed_after = marker_time_ns - kChangeMarginNs;
  // Listed folders that are no longer real folders (rare), and so all below.
  absl::flat_hash_set<std::string_view> gone;
  for (auto folder_view : folders) {
    // Top-down, and never below a folder that is gone: no path here passes
    // through a symbolic link put where a folder was.
    if (!gone.empty() && gone.contains(parent_of(folder_view))) {
      gone.insert(folder_view);
      continue;
    }
    std::string folder(folder_view);
    struct stat info {};
    if (::fstatat(spare_fd, folder.c_str(), &info, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISDIR(info.st_mode)) {
      gone.insert(folder_view);
      continue;
    }
    if (ctime_ns(info) >= changed_after && !pruner.clear(folder)) pruned.complete = false;
    pruned.folders.insert(std::move(folder));
  }
  return pruned;
}

}  // namespace topichub
