#include "write/file_io.h"

#include <fcntl.h>
#include <spawn.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <random>

extern char** environ;

namespace topichub {
namespace fs = std::filesystem;

namespace {

// Makes the folder `path` is in; false when `path` has none to make.
bool make_parent_folder(int dir_fd, const std::string& path) {
  auto slash = path.rfind('/');
  if (slash == std::string::npos || slash == 0) return false;
  make_folder(dir_fd, path.substr(0, slash));
  return true;
}

// After creating `path` failed with errno: clears the way (unlinks a file
// there, makes a missing folder) and says whether to try once more.
bool clear_the_way(int dir_fd, const std::string& path) {
  if (errno == EEXIST) return ::unlinkat(dir_fd, path.c_str(), 0) == 0 || errno == ENOENT;
  if (errno == ENOENT) return make_parent_folder(dir_fd, path);
  return false;
}

}  // namespace

void make_folder(int dir_fd, const std::string& dir) {
  if (::mkdirat(dir_fd, dir.c_str(), 0755) == 0 || errno == EEXIST) return;
  if (errno != ENOENT) return;  // reported when the file in it cannot be written
  if (make_parent_folder(dir_fd, dir)) ::mkdirat(dir_fd, dir.c_str(), 0755);
}

int open_new_file(int dir_fd, const std::string& path) {
  constexpr int kFlags = O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC;
  int fd = ::openat(dir_fd, path.c_str(), kFlags, 0644);
  if (fd >= 0 || !clear_the_way(dir_fd, path)) return fd;
  return ::openat(dir_fd, path.c_str(), kFlags, 0644);
}

bool link_replacing(const std::string& from, int dir_fd, const std::string& to) {
  if (::linkat(AT_FDCWD, from.c_str(), dir_fd, to.c_str(), 0) == 0) return true;
  return clear_the_way(dir_fd, to) && ::linkat(AT_FDCWD, from.c_str(), dir_fd, to.c_str(), 0) == 0;
}

bool write_all_at(int fd, uint64_t offset, std::string_view content) {
  size_t done = 0;
  while (done < content.size()) {
    ssize_t n = ::pwrite(fd, content.data() + done, content.size() - done, static_cast<off_t>(offset + done));
    if (n < 0 && errno == EINTR) continue;
    if (n == 0) errno = EIO;  // nothing written, and no error said why
    if (n <= 0) return false;
    done += static_cast<size_t>(n);
  }
  return true;
}

std::optional<struct stat> write_whole_file(int dir_fd, const std::string& path, std::string_view content) {
  return write_new_file_in_parts(dir_fd, path, [content](const auto& write) { write(0, content); });
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

}  // namespace topichub
