#include "write/file_io.h"

#include <dirent.h>
#include <fcntl.h>
#include <spawn.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <random>

extern char** environ;

namespace topichub {
namespace fs = std::filesystem;

void make_folder(const std::string& dir) {
  if (::mkdir(dir.c_str(), 0755) == 0 || errno == EEXIST) return;
  if (errno != ENOENT) return;  // reported when the file in it cannot be written
  auto slash = dir.rfind('/');
  if (slash == std::string::npos || slash == 0) return;
  make_folder(dir.substr(0, slash));
  ::mkdir(dir.c_str(), 0755);
}

int open_new_file(const std::string& path) {
  constexpr int kFlags = O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC;
  int fd = ::open(path.c_str(), kFlags, 0644);
  if (fd >= 0) return fd;
  if (errno == EEXIST) {
    ::unlink(path.c_str());
  } else if (errno == ENOENT) {
    auto slash = path.rfind('/');
    if (slash == std::string::npos || slash == 0) return fd;
    make_folder(path.substr(0, slash));
  } else {
    return fd;
  }
  return ::open(path.c_str(), kFlags, 0644);
}

bool link_replacing(const std::string& from, const std::string& to) {
  if (::link(from.c_str(), to.c_str()) == 0) return true;
  if (errno == EEXIST) {
    ::unlink(to.c_str());
  } else if (errno == ENOENT) {
    auto slash = to.rfind('/');
    if (slash == std::string::npos || slash == 0) return false;
    make_folder(to.substr(0, slash));
  } else {
    return false;
  }
  return ::link(from.c_str(), to.c_str()) == 0;
}

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

std::optional<struct stat> write_whole_file(const std::string& path, std::string_view content) {
  return write_new_file(path, [content](const auto& write) { write(content); });
}

std::string random_suffix() {
  std::random_device device;
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%d-%08x", static_cast<int>(::getpid()), device());
  return buffer;
}

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

namespace {

bool list_folder(const std::string& root, const std::string& relative, std::vector<std::string>& files,
                 std::vector<std::string>& folders) {
  DIR* dir = ::opendir(relative.empty() ? root.c_str() : (root + "/" + relative).c_str());
  if (!dir) return false;
  bool complete = true;
  std::vector<std::string> subfolders;
  while (const dirent* entry = ::readdir(dir)) {
    std::string_view name = entry->d_name;
    if (name == "." || name == "..") continue;
    std::string path = relative.empty() ? std::string(name) : relative + "/" + std::string(name);
    bool is_folder = entry->d_type == DT_DIR;
    if (entry->d_type == DT_UNKNOWN) {
      struct stat info {};
      is_folder = ::lstat((root + "/" + path).c_str(), &info) == 0 && S_ISDIR(info.st_mode);
    }
    (is_folder ? subfolders : files).push_back(std::move(path));
  }
  ::closedir(dir);
  for (auto& folder : subfolders) {
    complete = list_folder(root, folder, files, folders) && complete;
    folders.push_back(std::move(folder));
  }
  return complete;
}

}  // namespace

bool list_tree(const std::string& root, std::vector<std::string>& files, std::vector<std::string>& folders) {
  return list_folder(root, "", files, folders);
}

}  // namespace topichub
