#include "serve/server.h"

#include <httplib.h>

#include "load/fingerprint.h"
#include "search/results_json.h"
#include "serve/search_page.h"

#include <chrono>
#include <filesystem>
#include <ostream>

namespace topichub {
namespace fs = std::filesystem;
namespace {

constexpr auto kWatchInterval = std::chrono::milliseconds(300);
constexpr size_t kMaxRequestPath = 2048;
constexpr const char* kEventsPath = "/__topichub/events";
constexpr auto kEventKeepAlive = std::chrono::seconds(15);
constexpr size_t kServerThreads = 64;  // event streams each hold one

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
}

std::shared_ptr<SiteServer::Snapshot> SiteServer::snapshot() const {
  std::lock_guard lock(snapshot_mutex_);
  return snapshot_;
}

void SiteServer::rebuild() {
  auto started = std::chrono::steady_clock::now();
  auto build_options = options_.build;
  build_options.build_search_index = true;
  auto output = build_site(site_root_, build_options);
  auto next = std::make_shared<Snapshot>();
  next->theme = std::make_unique<Theme>(Theme::load(site_root_, output.diagnostics));
  output.diagnostics.print(log_);
  next->pages = std::make_shared<const PageStore>(std::move(output.rendered.files));
  next->site = output.site;
  next->search = output.search;
  next->base_url = output.base_url;
  next->path_prefix = output.path_prefix;
  auto elapsed = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  log_ << "built " << next->pages->size() << " files in " << static_cast<long>(elapsed) << " ms ("
       << output.diagnostics.count(Severity::error) << " errors, " << output.diagnostics.count(Severity::warning)
       << " warnings)" << std::endl;
  {
    std::lock_guard lock(snapshot_mutex_);
    snapshot_ = std::move(next);
  }
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
  if (options_.port == 0) return http_->bind_to_any_port(options_.host.c_str());
  return http_->bind_to_port(options_.host.c_str(), options_.port) ? options_.port : -1;
}

void SiteServer::serve() {
  if (options_.watch) watcher_ = std::thread([this] { watch_loop(); });
  http_->listen_after_bind();
}

void SiteServer::stop() {
  {
    std::lock_guard lock(reload_mutex_);
    stopping_ = true;
  }
  reload_signal_.notify_all();
  if (http_) http_->stop();
}

void SiteServer::watch_loop() {
  auto last = site_fingerprint(site_root_);
  while (!stopping_) {
    std::this_thread::sleep_for(kWatchInterval);
    auto now = site_fingerprint(site_root_);
    if (now == last) continue;
    last = now;
    log_ << "change detected; rebuilding" << std::endl;
    rebuild();
  }
}

}  // namespace topichub
