#include "serve/server.h"

#include <httplib.h>

#include <chrono>
#include <filesystem>
#include <ostream>

namespace topichub {
namespace fs = std::filesystem;
namespace {

constexpr auto kWatchInterval = std::chrono::milliseconds(300);
constexpr size_t kMaxRequestPath = 2048;

void hash_combine(size_t& seed, size_t value) { seed ^= value + 0x9e3779b97f4a7c15ULL + (seed << 6) + (seed >> 2); }

void send_page(const StoredPage& page, const httplib::Request& request, httplib::Response& response, int status) {
  response.status = status;
  response.set_header("ETag", page.etag);
  response.set_header("X-Content-Type-Options", "nosniff");
  if (status == 200 && request.get_header_value("If-None-Match") == page.etag) {
    response.status = 304;
    return;
  }
  response.set_content(page.content, page.content_type.c_str());
}

}  // namespace

size_t site_fingerprint(std::string_view site_root) {
  size_t seed = 0;
  fs::path root(site_root);
  std::error_code error;
  for (const char* part : {"topichub.toml", "content", "templates", "static"}) {
    auto path = root / part;
    if (!fs::exists(path, error)) continue;
    auto add = [&](const fs::directory_entry& entry) {
      hash_combine(seed, std::hash<std::string>{}(entry.path().string()));
      if (entry.is_regular_file(error)) {
        hash_combine(seed, static_cast<size_t>(entry.file_size(error)));
        hash_combine(seed, static_cast<size_t>(entry.last_write_time(error).time_since_epoch().count()));
      }
    };
    add(fs::directory_entry(path, error));
    if (!fs::is_directory(path, error)) continue;
    for (fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied, error), end;
         !error && it != end; it.increment(error))
      add(*it);
  }
  return seed;
}

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

std::shared_ptr<const PageStore> SiteServer::store() const {
  std::lock_guard lock(store_mutex_);
  return store_;
}

void SiteServer::rebuild() {
  auto started = std::chrono::steady_clock::now();
  auto output = build_site(site_root_, options_.build);
  output.diagnostics.print(log_);
  auto pages = std::make_shared<const PageStore>(std::move(output.rendered.files));
  auto elapsed = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  log_ << "built " << pages->size() << " files in " << static_cast<long>(elapsed) << " ms ("
       << output.diagnostics.count(Severity::error) << " errors, " << output.diagnostics.count(Severity::warning)
       << " warnings)" << std::endl;
  std::lock_guard lock(store_mutex_);
  store_ = std::move(pages);
}

void SiteServer::install_routes() {
  http_->set_payload_max_length(64 * 1024);
  http_->set_read_timeout(5, 0);
  http_->set_write_timeout(5, 0);
  http_->set_keep_alive_timeout(5);
  http_->Get(R"(/.*)", [this](const httplib::Request& request, httplib::Response& response) {
    auto pages = store();
    if (request.path.size() > kMaxRequestPath) {
      response.status = 414;
      response.set_content("Request path too long\n", "text/plain; charset=utf-8");
      return;
    }
    auto resolved = pages->resolve(request.path);
    switch (resolved.resolution) {
      case Resolution::found: send_page(*resolved.page, request, response, 200); return;
      case Resolution::redirect:
        response.status = 301;
        response.set_header("Location", resolved.location);
        return;
      case Resolution::bad_request:
        response.status = 400;
        response.set_content("Bad request\n", "text/plain; charset=utf-8");
        return;
      case Resolution::not_found:
        if (const auto* page = pages->not_found_page()) send_page(*page, request, response, 404);
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
  stopping_ = true;
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
