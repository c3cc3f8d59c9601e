#include "serve/page_store.h"

#include <functional>

namespace topichub {
namespace {

struct TypeByExtension {
  std::string_view extension, type;
};

constexpr TypeByExtension kTypes[] = {
    {".html", "text/html; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
    {".js", "text/javascript; charset=utf-8"}, {".json", "application/json"},
    {".xml", "application/xml; charset=utf-8"}, {".svg", "image/svg+xml"},
    {".png", "image/png"}, {".jpg", "image/jpeg"}, {".jpeg", "image/jpeg"},
    {".gif", "image/gif"}, {".webp", "image/webp"}, {".ico", "image/x-icon"},
    {".txt", "text/plain; charset=utf-8"}, {".pdf", "application/pdf"},
    {".woff2", "font/woff2"}, {".woff", "font/woff"},
};

std::string etag_of(std::string_view content) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "\"%016zx\"", std::hash<std::string_view>{}(content));
  return buffer;
}

}  // namespace

std::string content_type_for(std::string_view path) {
  if (path.ends_with("feed.xml")) return "application/atom+xml; charset=utf-8";
  for (const auto& entry : kTypes)
    if (path.ends_with(entry.extension)) return std::string(entry.type);
  return "application/octet-stream";
}

PageStore::PageStore(std::vector<OutputFile> files) {
  for (auto& file : files) store(std::move(file));
}

void PageStore::store(OutputFile file) {
  auto type = content_type_for(file.path);
  auto etag = etag_of(file.content);
  pages_[file.path] = std::make_shared<const StoredPage>(StoredPage{std::move(file.content), std::move(type), std::move(etag)});
}

PageStore PageStore::with_changes(std::vector<OutputFile> files, std::span<const std::string> removed) const {
  PageStore next;
  next.pages_ = pages_;
  for (const auto& path : removed) next.pages_.erase(path);
  for (auto& file : files) next.store(std::move(file));
  return next;
}

ResolvedPath PageStore::resolve(std::string_view path) const {
  ResolvedPath result;
  if (path.empty() || path.front() != '/' || path.find('\0') != std::string_view::npos ||
      path.find('\\') != std::string_view::npos) {
    result.resolution = Resolution::bad_request;
    return result;
  }
  auto relative = path.substr(1);
  // Every segment must be a plain name; "", ".", ".." are refused (an empty
  // last segment means a folder, i.e. its index.html).
  size_t start = 0;
  while (start < relative.size()) {
    auto end = relative.find('/', start);
    if (end == std::string_view::npos) end = relative.size();
    auto segment = relative.substr(start, end - start);
    if (segment.empty() || segment == "." || segment == "..") {
      result.resolution = Resolution::bad_request;
      return result;
    }
    start = end + 1;
  }
  std::string key(relative);
  if (key.empty() || key.back() == '/') key += "index.html";
  if (auto it = pages_.find(key); it != pages_.end()) {
    result.resolution = Resolution::found;
    result.page = it->second.get();
    return result;
  }
  if (!relative.empty() && relative.back() != '/' && pages_.contains(key + "/index.html")) {
    result.resolution = Resolution::redirect;
    result.location = std::string(path) + "/";
  }
  return result;
}

const StoredPage* PageStore::not_found_page() const {
  auto it = pages_.find("404.html");
  return it == pages_.end() ? nullptr : it->second.get();
}

}  // namespace topichub
