#include "serve/watcher.h"

#include <poll.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <span>
#include <filesystem>
#include <thread>

#include "load/fingerprint.h"

namespace topichub {
namespace fs = std::filesystem;
namespace {

constexpr std::array<std::string_view, 4> kSources = {"topichub.toml", "content", "templates", "static"};
constexpr uint32_t kTreeEvents =
    IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_ATTRIB | IN_DELETE_SELF;
// After the first event, changes that follow within this time belong to the
// same save.
constexpr auto kSettle = std::chrono::milliseconds(20);

bool is_source_name(std::string_view name) {
  for (auto source : kSources)
    if (name == source) return true;
  return false;
}

}  // namespace

SiteWatcher::SiteWatcher(std::string_view site_root) : root_(site_root) {
  inotify_fd_ = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  bool watching = inotify_fd_ >= 0;
  if (watching) {
    root_watch_ = watch_folder(root_);
    watching = root_watch_ >= 0;
  }
  for (auto source : std::span(kSources).subspan(1))
    if (watching) watching = watch_tree((fs::path(root_) / source).string());
  if (!watching && inotify_fd_ >= 0) {
    ::close(inotify_fd_);
    inotify_fd_ = -1;
  }
  if (!uses_inotify()) fingerprint_ = site_fingerprint(root_);
}

SiteWatcher::~SiteWatcher() {
  if (inotify_fd_ >= 0) ::close(inotify_fd_);
}

// Watches `folder` and every folder under it; a missing folder is fine (it
// is picked up when created). False when the kernel refuses a watch.
bool SiteWatcher::watch_tree(const std::string& folder) {
  std::error_code error;
  if (!fs::is_directory(folder, error)) return true;
  if (watch_folder(folder) < 0) return false;
  for (fs::recursive_directory_iterator it(folder, fs::directory_options::skip_permission_denied, error), end;
       !error && it != end; it.increment(error))
    if (it->is_directory(error) && !it->is_symlink(error) && watch_folder(it->path().string()) < 0) return false;
  return true;
}

int SiteWatcher::watch_folder(const std::string& folder) {
  int watch = ::inotify_add_watch(inotify_fd_, folder.c_str(), kTreeEvents);
  if (watch >= 0) folders_[watch] = folder;
  return watch;
}

bool SiteWatcher::drain_events(SiteChanges& changes) {
  bool changed = false;
  alignas(inotify_event) char buffer[16 * 1024];
  for (;;) {
    auto length = ::read(inotify_fd_, buffer, sizeof buffer);
    if (length <= 0) break;
    for (char* at = buffer; at < buffer + length;) {
      const auto* event = reinterpret_cast<const inotify_event*>(at);
      at += sizeof(inotify_event) + event->len;
      std::string_view name = event->len ? std::string_view(event->name) : std::string_view();
      if (event->mask & IN_Q_OVERFLOW) {
        changed = true;
        changes.files_known = false;
        continue;
      }
      // In the site folder itself only the sources count (not public/).
      if (event->wd == root_watch_ && !is_source_name(name)) continue;
      changed = true;
      auto folder = folders_.find(event->wd);
      if ((event->mask & (IN_ISDIR | IN_DELETE_SELF | IN_IGNORED)) || folder == folders_.end() || name.empty()) {
        changes.files_known = false;
      } else {
        auto file = fs::path(folder->second).lexically_relative(root_) / name;
        changes.files.push_back(file.lexically_normal().generic_string());
      }
      // A new folder (or a source folder created at the root): watch it too.
      if ((event->mask & (IN_CREATE | IN_MOVED_TO)) && (event->mask & IN_ISDIR))
        if (auto parent = folders_.find(event->wd); parent != folders_.end())
          watch_tree((fs::path(parent->second) / name).string());
    }
  }
  return changed;
}

SiteChanges SiteWatcher::wait_for_changes(std::chrono::milliseconds timeout) {
  SiteChanges changes;
  if (!uses_inotify()) {
    std::this_thread::sleep_for(timeout);
    auto now = site_fingerprint(root_);
    changes.any = now != fingerprint_;
    fingerprint_ = now;
    return changes;
  }
  pollfd ready{inotify_fd_, POLLIN, 0};
  if (::poll(&ready, 1, static_cast<int>(timeout.count())) <= 0) return changes;
  changes.files_known = true;
  changes.any = drain_events(changes);
  while (changes.any) {  // let the rest of the save arrive, then report it once
    std::this_thread::sleep_for(kSettle);
    if (!drain_events(changes)) break;
  }
  std::sort(changes.files.begin(), changes.files.end());
  changes.files.erase(std::unique(changes.files.begin(), changes.files.end()), changes.files.end());
  if (!changes.any || !changes.files_known) changes.files.clear();
  return changes;
}

}  // namespace topichub
