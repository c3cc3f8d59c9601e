// The built site in memory, looked up by request path.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "render/site_renderer.h"

namespace topichub {

struct StoredPage {
  std::string content;
  std::string content_type;
  std::string etag;
};

enum class Resolution { found, redirect, not_found, bad_request };

struct ResolvedPath {
  Resolution resolution = Resolution::not_found;
  const StoredPage* page = nullptr;  // when found
  std::string location;              // when redirect: the path with a trailing '/'
};

class PageStore {
 public:
  explicit PageStore(std::vector<OutputFile> files);

  // This store with `files` added or replaced and `removed` taken out. The
  // pages are shared, not copied: cheap even for 100,000 pages.
  PageStore with_changes(std::vector<OutputFile> files, std::span<const std::string> removed) const;

  // `path` is the decoded URL path ("/topics/x/"). Paths with "..", ".",
  // backslashes, NUL or empty segments are refused; "/x" redirects to "/x/"
  // when "/x/" is a page.
  ResolvedPath resolve(std::string_view path) const;

  const StoredPage* not_found_page() const;
  size_t size() const { return pages_.size(); }

 private:
  PageStore() = default;
  void store(OutputFile file);

  // "topics/x/index.html" -> page; shared between a store and its successors.
  std::unordered_map<std::string, std::shared_ptr<const StoredPage>> pages_;
};

std::string content_type_for(std::string_view path);

}  // namespace topichub
