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
#include <vector>

namespace topichub {

struct SiteChanges {
  bool any = false;
  // Which files changed, relative to the site root ("content/articles/x.md"),
  // when that is known: not with the fallback, nor when folders were added,
  // removed or renamed, nor after the kernel dropped events.
  bool files_known = false;
  std::vector<std::string> files;
};

class SiteWatcher {
 public:
  explicit SiteWatcher(std::string_view site_root);
  ~SiteWatcher();
  SiteWatcher(const SiteWatcher&) = delete;
  SiteWatcher& operator=(const SiteWatcher&) = delete;

  // Waits up to `timeout` for changes to the sources since the last call (or
  // since construction). A burst of changes (an editor's save, a `git
  // checkout`) is reported once.
  SiteChanges wait_for_changes(std::chrono::milliseconds timeout);

  bool uses_inotify() const { return inotify_fd_ >= 0; }

 private:
  bool watch_tree(const std::string& folder);
  int watch_folder(const std::string& folder);  // the watch descriptor, or -1
  // Reads pending events into `changes`; true when one concerned the sources.
  bool drain_events(SiteChanges& changes);

  std::string root_;
  int inotify_fd_ = -1;
  int root_watch_ = -1;
  std::unordered_map<int, std::string> folders_;  // watch descriptor -> folder
  uint64_t fingerprint_ = 0;  // the fallback's last look
};

}  // namespace topichub
