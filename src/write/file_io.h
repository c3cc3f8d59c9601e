// File-system steps of writing a site: making folders, writing whole files
// with few system calls, removing trees. Internal to write/.
#pragma once

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace topichub {

// Paths below are relative to the folder open as `dir_fd` (AT_FDCWD: the
// current folder, or absolute paths). The writer passes its staging folder:
// the kernel then walks "articles/x/index.html" rather than the whole path
// from the root for each of 30,000 files. A one-thread probe of 30,000
// folders and files on /dev/shm took 8% less time (390 -> 360 ms); in a
// whole MedQuAD build the difference was within the noise.

// mkdir -p, with one system call in the common case (the parent exists):
// fs::create_directories checks every component first.
void make_folder(int dir_fd, const std::string& dir);

// Creates `path` for writing as a new file. A file already there is
// unlinked first, never truncated: it may be a hard link of a page of the
// live site, which must not change before the swap. Its folder may still be
// in the making by another thread (see SiteWriter::State::ensure_folder):
// then it is made here too, which is harmless, and the open is tried again.
int open_new_file(int dir_fd, const std::string& path);

// Hard-links `from` (absolute) at `to`, replacing a file there and making a
// folder not made yet (as open_new_file). False (errno set) when it cannot.
bool link_replacing(const std::string& from, int dir_fd, const std::string& to);

// A file descriptor closed when it goes out of scope, unless closed before.
class UniqueFd {
 public:
  explicit UniqueFd(int fd) : fd_(fd) {}
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;
  ~UniqueFd() { close(); }
  int get() const { return fd_; }
  // Closes the one held, then holds `fd`.
  void reset(int fd) {
    close();
    fd_ = fd;
  }
  // 0, or -1 with errno set (as ::close).
  int close() {
    int result = fd_ >= 0 ? ::close(fd_) : 0;
    fd_ = -1;
    return result;
  }

 private:
  int fd_;
};

// False (errno set) when not all of `content` could be written at `offset`
// (pwrite, which leaves the file position alone: several threads may write
// parts of one file).
bool write_all_at(int fd, uint64_t offset, std::string_view content);

// Writes a new file from the parts `produce` passes, each with its offset,
// possibly from several threads at once; returns the file's status, or
// nullopt (errno set).
template <typename Produce>
std::optional<struct stat> write_new_file_in_parts(int dir_fd, const std::string& path, Produce&& produce) {
  UniqueFd fd(open_new_file(dir_fd, path));
  if (fd.get() < 0) return std::nullopt;
  std::atomic<int> failure{0};  // errno of the first failed write, from whichever thread
  produce([&](uint64_t offset, std::string_view part) {
    int none = 0;
    if (failure.load() == 0 && !write_all_at(fd.get(), offset, part)) failure.compare_exchange_strong(none, errno);
  });
  struct stat info {};
  if (failure.load() != 0) {
    errno = failure.load();
    return std::nullopt;
  }
  if (::fstat(fd.get(), &info) != 0 || fd.close() != 0) return std::nullopt;
  return info;
}

// Writes `content` as a new file at `path` (see write_new_file_in_parts).
std::optional<struct stat> write_whole_file(int dir_fd, const std::string& path, std::string_view content);

// "<pid>-<random hex>", for names of folders no other build will pick.
std::string random_suffix();

// Removes `folder` from a process of its own (rm, in its own process group
// so that a Ctrl-C after the build does not interrupt it): deleting a large
// tree takes seconds on a disk and need not hold up the build. Falls back to
// removing it here.
void remove_in_background(const std::filesystem::path& folder);

}  // namespace topichub
