// Notices changes to a site's sources: topichub.toml, content/, templates/
// and static/ (not the output folder, nor anything else under the site).
//
// Uses inotify, so that an idle server on a site of 100,000 files costs
// nothing; where inotify is unavailable or out of watches, it falls back to
// comparing the site's fingerprint (a stat of every file) at each wait.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

namespace topichub {

class SiteWatcher {
 public:
  explicit SiteWatcher(std::string_view site_root);
  ~SiteWatcher();
  SiteWatcher(const SiteWatcher&) = delete;
  SiteWatcher& operator=(const SiteWatcher&) = delete;

  // Waits up to `timeout` for a change; true when the sources changed since
  // the last call (or since construction). A burst of changes (an editor's
  // save, a `git checkout`) is reported once.
  bool wait_for_change(std::chrono::milliseconds timeout);

  bool uses_inotify() const { return inotify_fd_ >= 0; }

 private:
  bool watch_tree(const std::string& folder);
  bool watch_folder(const std::string& folder);
  bool drain_events();  // true when an event concerned the sources

  std::string root_;
  int inotify_fd_ = -1;
  int root_watch_ = -1;
  std::unordered_map<int, std::string> folders_;  // watch descriptor -> folder
  uint64_t fingerprint_ = 0;  // the fallback's last look
};

}  // namespace topichub
