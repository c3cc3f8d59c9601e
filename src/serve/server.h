// `topichub serve`: the site built in memory, served over HTTP, rebuilt when
// its files change.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <iosfwd>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "pipeline/incremental.h"
#include "pipeline/pipeline.h"
#include "render/theme.h"
#include "search/searcher.h"
#include "serve/page_store.h"

namespace httplib {
class Server;
}

namespace topichub {

struct ServeOptions {
  std::string host = "127.0.0.1";
  int port = 8080;
  bool watch = true;        // rebuild when files under the site change
  bool live_reload = true;  // pages reload themselves after a rebuild (server-sent events)
  BuildOptions build;
};

class SiteServer {
 public:
  // Builds the site once; diagnostics are printed to `log`.
  SiteServer(std::string site_root, ServeOptions options, std::ostream& log);
  ~SiteServer();
  SiteServer(const SiteServer&) = delete;
  SiteServer& operator=(const SiteServer&) = delete;

  // Binds; port 0 picks a free port. Returns the port, or -1 on failure.
  int bind();
  // Serves until stop(). REQUIRES: bind() succeeded.
  void serve();
  // Stops accepting, ends live-reload streams, and lets requests in flight
  // finish for up to `grace`; connections still open after that (idle
  // keep-alive, half-sent requests) are shut down so that serve() returns at
  // once instead of after the read timeout. Safe from any thread.
  void stop(std::chrono::milliseconds grace = std::chrono::seconds(1));

  // Rebuilds now and swaps the new pages in.
  void rebuild();
  // Follows an edit of one article file (relative to the site root) without
  // rebuilding everything: the pages that show it are rendered again and
  // swapped in; the search index follows in refresh_search_index(). False
  // when the edit needs rebuild() (pipeline/incremental.h says when).
  bool follow_edit(const std::string& file);
  // Builds the search index again from the site as it now is, in the
  // background (stopped by the next edit) or, with `wait`, before returning.
  void refresh_search_index(bool wait = true);

 private:
  // One build, served as a whole: pages, the search index and what it
  // points into. Swapped atomically on rebuild.
  struct Snapshot {
    std::shared_ptr<const PageStore> pages;
    std::shared_ptr<Site> site;
    std::shared_ptr<const SearchIndex> search;
    std::string base_url, path_prefix;
    std::shared_ptr<const Theme> theme;
    std::mutex searchers_mutex;
    std::vector<std::unique_ptr<Searcher>> idle_searchers;
  };

  void install_routes();
  void watch_loop();
  static std::shared_ptr<Snapshot> successor_of(const Snapshot& current);
  void publish(std::shared_ptr<Snapshot> next, bool pages_changed);
  void stop_search_refresh();
  std::shared_ptr<Snapshot> snapshot() const;
  static SearchResult run_search(Snapshot& snapshot, const SearchRequest& request);

  std::string site_root_;
  ServeOptions options_;
  std::ostream& log_;
  std::unique_ptr<httplib::Server> http_;
  int port_ = -1;
  std::mutex serving_mutex_;
  std::condition_variable serving_ended_;
  bool serving_ = false;
  mutable std::mutex snapshot_mutex_;
  std::shared_ptr<Snapshot> snapshot_;
  // What the last full build made, for follow_edit. Used by one thread at a
  // time (the constructor, then the watcher).
  std::shared_ptr<BuildState> state_;
  std::atomic<bool> search_stale_{false};  // pages followed an edit that the index has not
  // Rebuilds the search index after edits; declared after state_ so that it
  // stops before what it reads goes.
  std::jthread search_refresher_;
  std::atomic<bool> stopping_{false};
  std::thread watcher_;
  // Live reload: each rebuild bumps the generation and wakes the event streams.
  std::mutex reload_mutex_;
  std::condition_variable reload_signal_;
  uint64_t generation_ = 0;
};


}  // namespace topichub
