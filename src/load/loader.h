// Reads a whole site folder into a Site.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostics.h"
#include "core/site.h"
#include "load/fingerprint.h"

namespace topichub {

struct LoadOptions {
  bool include_drafts = false;
};

struct LoadResult {
  Site site;
  Diagnostics diagnostics;
  // topichub.toml and every content file read, each as it was when read,
  // in the order site_fingerprint() takes them.
  std::vector<SourceStamp> sources;
};

// Reads SITE/topichub.toml and SITE/content/{articles,topics}, in parallel.
// Never throws for content problems: they are diagnostics. Articles' topic
// references are resolved (Article::topics); an unknown one is an error.
LoadResult load_site(std::string_view root, const LoadOptions& options = {});

// The content files load_site reads, relative to the site root, in its
// order (by path): content/topics/*.md (or <slug>/_index.md, <slug>/index.md)
// and content/articles/**.md.
std::vector<std::string> content_file_paths(std::string_view root);

// Reads one article file again, as load_site would, its topic references
// resolved against `site`'s topics: for the server's incremental reload.
// `file` is relative to the site root, as in Article::file. nullopt (with a
// diagnostic) when the file cannot be read.
std::optional<Article> reload_article(const Site& site, std::string_view file, Diagnostics& diagnostics);

// True when `path` (a symbolic link or not) leads to a place inside
// `canonical_root`. Used for every folder a build reads.
bool leads_inside(const std::filesystem::path& path, const std::filesystem::path& canonical_root);

// Resolves topic references against the site's topics. Exposed for tests and
// for the server's incremental reload.
class TopicLookup {
 public:
  explicit TopicLookup(const Site& site);
  // By slug, then by name or synonym (case- and accent-insensitive).
  std::optional<size_t> find(std::string_view reference) const;

 private:
  const Site& site_;
  std::unordered_map<std::string, size_t> by_folded_name_;
};

}  // namespace topichub
