#include "serve/server.h"

#include <httplib.h>

#include "search/results_json.h"
#include "serve/search_page.h"
#include "render/site_renderer.h"
#include "serve/watcher.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include <charconv>
#include <chrono>
#include <filesystem>
#include <ostream>

namespace topichub {
namespace fs = std::filesystem;
namespace {

constexpr auto kWatchInterval = std::chrono::milliseconds(300);
constexpr auto kSearchRefreshDelay = std::chrono::seconds(1);
constexpr size_t kMaxRequestPath = 2048;
constexpr const char* kEventsPath = "/__topichub/events";
constexpr auto kEventKeepAlive = std::chrono::seconds(15);
// cpp-httplib gives each open connection a thread for as long as it stays
// open (keep-alive, event streams), so the pool bounds how many clients are
// served at once; the rest wait for a free thread.
constexpr size_t kServerThreads = 256;

// Added before </body> of every HTML page the server sends (never to built
// sites): reload when the server says the site was rebuilt.
constexpr std::string_view kLiveReloadScript =
    "<script>new EventSource(\"/__topichub/events\").addEventListener(\"reload\",function(){location.reload()})</script>";

std::string with_live_reload(const std::string& html) {
  auto body_end = html.rfind("</body>");
  if (body_end == std::string::npos) return html;
  std::string out;
  out.reserve(html.size() + kLiveReloadScript.size());
  out.append(html, 0, body_end);
  out += kLiveReloadScript;
  out.append(html, body_end, std::string::npos);
  return out;
}

void send_page(const StoredPage& page, const httplib::Request& request, httplib::Response& response, int status,
               bool live_reload) {
  response.status = status;
  response.set_header("ETag", page.etag);
  response.set_header("X-Content-Type-Options", "nosniff");
  if (status == 200 && request.get_header_value("If-None-Match") == page.etag) {
    response.status = 304;
    return;
  }
  if (live_reload && page.content_type.starts_with("text/html")) {
    response.set_content(with_live_reload(page.content), page.content_type.c_str());
    return;
  }
  response.set_content(page.content, page.content_type.c_str());
}

// Shuts down every TCP connection this process accepted on `port` and returns
// how many. cpp-httplib does not expose its connections, so they are found
// through /proc/self/fd (Linux); the worker blocked reading one wakes up,
// sees the end of the stream and closes it. Client sockets of the same process
// (tests) have another local port and are left alone.
int shut_down_connections_to_port(int port) {
  int count = 0;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator("/proc/self/fd", error)) {
    int fd = 0;
    auto name = entry.path().filename().string();
    if (std::from_chars(name.data(), name.data() + name.size(), fd).ec != std::errc{}) continue;
    struct stat info {};
    if (::fstat(fd, &info) != 0 || !S_ISSOCK(info.st_mode)) continue;
    sockaddr_storage local{};
    socklen_t length = sizeof local;
    if (::getsockname(fd, reinterpret_cast<sockaddr*>(&local), &length) != 0) continue;
    int local_port = local.ss_family == AF_INET    ? ntohs(reinterpret_cast<sockaddr_in*>(&local)->sin_port)
                     : local.ss_family == AF_INET6 ? ntohs(reinterpret_cast<sockaddr_in6*>(&local)->sin6_port)
                                                   : -1;
    if (local_port == port && ::shutdown(fd, SHUT_RDWR) == 0) ++count;
  }
  return count;
}

}  // namespace

SiteServer::SiteServer(std::string site_root, ServeOptions options, std::ostream& log)
    : site_root_(std::move(site_root)), options_(std::move(options)), log_(log), http_(std::make_unique<httplib::Server>()) {
  if (options_.build.base_url.empty())
    options_.build.base_url = "http://" + options_.host + ":" + std::to_string(options_.port) + "/";
  rebuild();
  install_routes();
}

SiteServer::~SiteServer() {
  stop();
  if (watcher_.joinable()) watcher_.join();
  stop_search_refresh();
}

std::shared_ptr<SiteServer::Snapshot> SiteServer::snapshot() const {
  std::lock_guard lock(snapshot_mutex_);
  return snapshot_;
}

void SiteServer::rebuild() {
  stop_search_refresh();
  auto started = std::chrono::steady_clock::now();
  auto build_options = options_.build;
  build_options.build_search_index = true;
  build_options.keep_state = true;
  auto output = build_site(site_root_, build_options);
  auto next = std::make_shared<Snapshot>();
  next->theme = std::make_shared<const Theme>(Theme::load(site_root_, output.diagnostics));
  output.diagnostics.print(log_);
  next->pages = std::make_shared<const PageStore>(std::move(output.rendered.files));
  next->site = output.site;
  next->search = output.search;
  next->base_url = output.base_url;
  next->path_prefix = output.path_prefix;
  state_ = output.state;
  search_stale_ = false;
  auto elapsed = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  log_ << "built " << next->pages->size() << " files in " << static_cast<long>(elapsed) << " ms ("
       << output.diagnostics.count(Severity::error) << " errors, " << output.diagnostics.count(Severity::warning)
       << " warnings)" << std::endl;
  publish(std::move(next), true);
}

bool SiteServer::follow_edit(const std::string& file) {
  if (!state_) return false;
  stop_search_refresh();
  auto started = std::chrono::steady_clock::now();
  auto update = update_article(*state_, file);
  if (!update) return false;
  update->diagnostics.print(log_);
  auto current = snapshot();
  auto next = successor_of(*current);
  size_t rendered = update->files.size();
  next->pages = std::make_shared<const PageStore>(current->pages->with_changes(std::move(update->files), update->removed));
  publish(std::move(next), true);
  search_stale_ = true;
  auto elapsed = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  log_ << "updated " << rendered << " pages for " << file << " in " << static_cast<long>(elapsed) << " ms" << std::endl;
  return true;
}

void SiteServer::refresh_search_index(bool wait) {
  stop_search_refresh();
  if (!state_) return;
  // The refresher reads the site while no edit changes it: follow_edit and
  // rebuild stop it first.
  search_refresher_ = std::jthread([this, state = state_](std::stop_token stop) {
    auto started = std::chrono::steady_clock::now();
    const auto& site = *state->site;
    auto prefix = snapshot()->path_prefix;
    auto index = SearchIndex::build_unless_stopped(site, state->links, render_body_texts(site, stop), prefix, stop,
                                                   state->linker.shared_matcher());
    if (!index) return;
    auto next = successor_of(*snapshot());
    next->search = std::make_shared<const SearchIndex>(std::move(*index));
    publish(std::move(next), false);
    search_stale_ = false;
    auto elapsed = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    log_ << "search index refreshed in " << static_cast<long>(elapsed) << " ms" << std::endl;
  });
  if (wait) search_refresher_.join();
}

void SiteServer::stop_search_refresh() {
  if (!search_refresher_.joinable()) return;
  search_refresher_.request_stop();
  search_refresher_.join();
}

// A snapshot with the same contents, for a change to one part of it (its
// searchers are not shared: they belong to an index).
std::shared_ptr<SiteServer::Snapshot> SiteServer::successor_of(const Snapshot& current) {
  auto next = std::make_shared<Snapshot>();
  next->pages = current.pages;
  next->site = current.site;
  next->search = current.search;
  next->base_url = current.base_url;
  next->path_prefix = current.path_prefix;
  next->theme = current.theme;
  return next;
}

// Swaps `next` in; when its pages changed, open pages reload themselves.
void SiteServer::publish(std::shared_ptr<Snapshot> next, bool pages_changed) {
  {
    std::lock_guard lock(snapshot_mutex_);
    snapshot_ = std::move(next);
  }
  if (!pages_changed) return;
  {
    std::lock_guard lock(reload_mutex_);
    ++generation_;
  }
  reload_signal_.notify_all();
}

SearchResult SiteServer::run_search(Snapshot& snapshot, const SearchRequest& request) {
  std::unique_ptr<Searcher> searcher;
  {
    std::lock_guard lock(snapshot.searchers_mutex);
    if (!snapshot.idle_searchers.empty()) {
      searcher = std::move(snapshot.idle_searchers.back());
      snapshot.idle_searchers.pop_back();
    }
  }
  if (!searcher) searcher = std::make_unique<Searcher>(*snapshot.search);
  auto result = searcher->search(request);
  std::lock_guard lock(snapshot.searchers_mutex);
  snapshot.idle_searchers.push_back(std::move(searcher));
  return result;
}

void SiteServer::install_routes() {
  http_->set_payload_max_length(64 * 1024);
  http_->set_read_timeout(5, 0);
  http_->set_write_timeout(5, 0);
  http_->set_keep_alive_timeout(5);
  http_->set_keep_alive_max_count(1000);
  // Small answers (search JSON) go out as headers then body; without this,
  // Nagle plus the client's delayed ACK hold the body back 40 ms.
  http_->set_tcp_nodelay(true);
  http_->new_task_queue = [] { return new httplib::ThreadPool(kServerThreads); };
  http_->Get(kEventsPath, [this](const httplib::Request&, httplib::Response& response) {
    response.set_header("Cache-Control", "no-store");
    uint64_t seen;
    {
      std::lock_guard lock(reload_mutex_);
      seen = generation_;
    }
    response.set_chunked_content_provider("text/event-stream", [this, seen](size_t, httplib::DataSink& sink) mutable {
      std::unique_lock lock(reload_mutex_);
      reload_signal_.wait_for(lock, kEventKeepAlive, [&] { return generation_ != seen || stopping_; });
      if (stopping_) return false;
      std::string event = generation_ != seen ? "event: reload\ndata: " + std::to_string(generation_) + "\n\n" : ": keep-alive\n\n";
      seen = generation_;
      lock.unlock();
      return sink.write(event.data(), event.size());
    });
  });
  auto read_search = [](const httplib::Request& request) {
    bool offset_given = request.has_param("offset");
    return search_request_from(request.get_param_value("q"), request.get_param_value("topic"),
                               request.get_param_value("intent"),
                               request.get_param_value(offset_given ? "offset" : "page"),
                               request.get_param_value("limit"), offset_given);
  };
  http_->Get(R"(/api/search/?)", [this, read_search](const httplib::Request& request, httplib::Response& response) {
    auto current = snapshot();
    auto search = read_search(request);
    auto result = run_search(*current, search);
    response.set_header("Cache-Control", "no-store");
    response.set_header("X-Content-Type-Options", "nosniff");
    response.set_content(search_result_json(*current->search, result).dump(), "application/json");
  });
  http_->Get(R"(/search/)", [this, read_search](const httplib::Request& request, httplib::Response& response) {
    auto current = snapshot();
    auto search = read_search(request);
    auto result = run_search(*current, search);
    auto view = search_page_view(*current->search, search, result, current->base_url, current->path_prefix);
    auto html = current->theme->render_page("search", std::move(view));
    if (options_.live_reload) html = with_live_reload(html);
    response.set_header("Cache-Control", "no-store");
    response.set_content(html, "text/html; charset=utf-8");
  });
  http_->Get(R"(/.*)", [this](const httplib::Request& request, httplib::Response& response) {
    auto pages = snapshot()->pages;
    if (request.path.size() > kMaxRequestPath) {
      response.status = 414;
      response.set_content("Request path too long\n", "text/plain; charset=utf-8");
      return;
    }
    auto resolved = pages->resolve(request.path);
    switch (resolved.resolution) {
      case Resolution::found: send_page(*resolved.page, request, response, 200, options_.live_reload); return;
      case Resolution::redirect:
        response.status = 301;
        response.set_header("Location", resolved.location);
        return;
      case Resolution::bad_request:
        response.status = 400;
        response.set_content("Bad request\n", "text/plain; charset=utf-8");
        return;
      case Resolution::not_found:
        if (const auto* page = pages->not_found_page()) send_page(*page, request, response, 404, options_.live_reload);
        else response.status = 404;
        return;
    }
  });
}

int SiteServer::bind() {
  // SO_REUSEADDR but not cpp-httplib's default SO_REUSEPORT, under which a
  // second `topichub serve` on the same port would silently share it.
  int listening_fd = -1;
  http_->set_socket_options([&listening_fd](int fd) {
    int yes = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    listening_fd = fd;
  });
  if (options_.port == 0) port_ = http_->bind_to_any_port(options_.host.c_str());
  else port_ = http_->bind_to_port(options_.host.c_str(), options_.port) ? options_.port : -1;
  // cpp-httplib listens with a backlog of 5: a burst of new connections
  // overflows it and the clients wait for retransmits (1 s, then 3 s).
  // Listening again on the same socket raises the backlog (Linux).
  if (port_ > 0 && listening_fd >= 0) ::listen(listening_fd, SOMAXCONN);
  return port_;
}

void SiteServer::serve() {
  if (options_.watch) watcher_ = std::thread([this] { watch_loop(); });
  {
    std::lock_guard lock(serving_mutex_);
    serving_ = true;
  }
  http_->listen_after_bind();
  {
    std::lock_guard lock(serving_mutex_);
    serving_ = false;
  }
  serving_ended_.notify_all();
}

void SiteServer::stop(std::chrono::milliseconds grace) {
  {
    std::lock_guard lock(reload_mutex_);
    stopping_ = true;
  }
  reload_signal_.notify_all();
  if (!http_) return;
  http_->stop();
  std::unique_lock lock(serving_mutex_);
  if (serving_ended_.wait_for(lock, grace, [&] { return !serving_; })) return;
  lock.unlock();
  log_ << "closing " << shut_down_connections_to_port(port_) << " open connections" << std::endl;
}

void SiteServer::watch_loop() {
  SiteWatcher watcher(site_root_);
  auto last_change = std::chrono::steady_clock::now();
  while (!stopping_) {
    auto changes = watcher.wait_for_changes(kWatchInterval);
    if (!changes.any) {
      // The index is rebuilt whole: only once edits have paused.
      bool refreshing = search_refresher_.joinable();
      if (search_stale_ && !refreshing && std::chrono::steady_clock::now() - last_change > kSearchRefreshDelay)
        refresh_search_index(/*wait=*/false);
      continue;
    }
    last_change = std::chrono::steady_clock::now();
    bool one_article = changes.files_known && changes.files.size() == 1 &&
                       changes.files[0].starts_with("content/articles/") && changes.files[0].ends_with(".md");
    if (one_article && follow_edit(changes.files[0])) continue;
    log_ << "change detected; rebuilding" << std::endl;
    rebuild();
  }
}

}  // namespace topichub
