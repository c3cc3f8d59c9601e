#include "load/loader.h"

#include <filesystem>
#include <system_error>

#include "core/file_tree.h"
#include "core/parallel.h"
#include "core/text.h"
#include "load/config.h"
#include "load/content.h"
#include "load/front_matter.h"
#include "load/source_file.h"

namespace topichub {
namespace fs = std::filesystem;
namespace {

enum class ContentKind { article, topic };

struct ContentFile {
  ContentKind kind;
  std::string path;          // as opened
  std::string display;       // relative to the site root
  std::string default_slug;  // from the file or folder name
};

std::string relative_display(const fs::path& path, const fs::path& root) {
  // Lexically: fs::relative would follow symbolic links and name their targets.
  auto relative = path.lexically_relative(root);
  return (relative.empty() ? path : relative).generic_string();
}

// True when the entry may be read: not a symlink that leads out of the site.
bool inside_site(const fs::directory_entry& entry, const fs::path& canonical_root, const fs::path& root,
                 Diagnostics& diagnostics) {
  std::error_code error;
  if (!entry.is_symlink(error) || leads_inside(entry.path(), canonical_root)) return true;
  diagnostics.error(relative_display(entry.path(), root), 0, "symlink",
                    "symbolic link points outside the site; not followed");
  return false;
}

// "cramps.md" -> "cramps", "cramps/index.md" -> "cramps". On strings: it
// runs for every article of a build.
std::string slug_from_file_name(std::string_view path) {
  auto slash = path.rfind('/');
  auto name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  if (name == "index.md") {
    auto folder = slash == std::string_view::npos ? std::string_view() : path.substr(0, slash);
    return std::string(folder.substr(folder.rfind('/') + 1));  // npos + 1 == 0: all of it
  }
  auto dot = name.rfind('.');
  return std::string(dot == 0 || dot == std::string_view::npos ? name : name.substr(0, dot));
}

// Every .md file below content/articles (but _index.md, a section's page):
// listed with readdir, as std::filesystem's iterator took 21 ms on MedQuAD.
void collect_articles(const fs::path& root, const fs::path& canonical_root, std::vector<ContentFile>& files,
                      Diagnostics& diagnostics) {
  auto dir = (root / "content" / "articles").string();
  std::error_code error;
  if (!fs::is_directory(dir, error)) return;
  walk_tree_entries(dir, [&](const std::string& relative, TreeEntry kind) {
    std::string path = dir + "/" + relative;
    std::string display = "content/articles/" + relative;
    if (kind == TreeEntry::link) {
      fs::directory_entry link(path, error);
      if (!inside_site(link, canonical_root, root, diagnostics) || !link.is_regular_file(error)) return;
    } else if (kind != TreeEntry::file) {
      return;
    }
    auto slash = relative.rfind('/');
    std::string_view name = std::string_view(relative).substr(slash == std::string::npos ? 0 : slash + 1);
    if (name.size() <= 3 || !name.ends_with(".md") || name == "_index.md") return;
    auto slug = slug_from_file_name(path);
    files.push_back({ContentKind::article, std::move(path), std::move(display), std::move(slug)});
  });
}

void collect_topics(const fs::path& root, const fs::path& canonical_root, std::vector<ContentFile>& files,
                    Diagnostics& diagnostics) {
  auto dir = root / "content" / "topics";
  std::error_code error;
  if (!fs::is_directory(dir, error)) return;
  for (const auto& entry : fs::directory_iterator(dir, error)) {
    if (!inside_site(entry, canonical_root, root, diagnostics)) continue;
    if (entry.is_directory(error)) {
      for (const char* index : {"_index.md", "index.md"}) {
        auto path = entry.path() / index;
        if (fs::is_regular_file(path, error)) {
          files.push_back({ContentKind::topic, path.string(), relative_display(path, root),
                           entry.path().filename().string()});
          break;
        }
      }
    } else if (entry.is_regular_file(error) && entry.path().extension() == ".md" &&
               entry.path().filename() != "_index.md") {
      files.push_back({ContentKind::topic, entry.path().string(), relative_display(entry.path(), root),
                       entry.path().stem().string()});
    }
  }
}

void sort_by_display(std::vector<ContentFile>& files) {
  std::sort(files.begin(), files.end(), [](const ContentFile& a, const ContentFile& b) { return a.display < b.display; });
}

// Every content file, in path order, so that topics and articles come out
// sorted without moving whole Article values around afterwards. The topics
// are listed on a thread of their own (listing is the load's one-thread
// start: 18 ms on MedQuAD); articles ("content/articles/...") come before
// topics ("content/topics/...") in path order.
std::vector<ContentFile> list_content_files(const fs::path& root, const fs::path& canonical_root,
                                            Diagnostics& diagnostics) {
  std::vector<ContentFile> topics;
  Diagnostics topic_diagnostics;
  BackgroundTask listing_topics([&] {
    collect_topics(root, canonical_root, topics, topic_diagnostics);
    sort_by_display(topics);
  });
  std::vector<ContentFile> files;
  collect_articles(root, canonical_root, files, diagnostics);
  sort_by_display(files);
  listing_topics.join();
  diagnostics.append(topic_diagnostics);
  files.insert(files.end(), std::make_move_iterator(topics.begin()), std::make_move_iterator(topics.end()));
  return files;
}

// topichub.toml; its stamp goes to `sources` when it is read.
Config load_config(const fs::path& root, Diagnostics& diagnostics, std::vector<SourceStamp>& sources) {
  auto path = root / "topichub.toml";
  std::error_code error;
  if (!fs::exists(path, error)) {
    diagnostics.warning("topichub.toml", 0, "config", "no topichub.toml; using default settings");
    return Config{};
  }
  std::string bytes;
  FileStamp stamp;
  if (!read_file(path.string(), "topichub.toml", bytes, diagnostics, &stamp)) return Config{};
  sources.push_back({"topichub.toml", stamp});
  return parse_config(clean_source_text(bytes, "topichub.toml", diagnostics), "topichub.toml", diagnostics);
}

// Closes up the items not kept, keeping the order of the rest.
template <typename Item>
void remove_unkept(std::vector<Item>& items, const std::vector<char>& kept) {
  size_t next = 0;
  for (size_t i = 0; i < items.size(); ++i) {
    if (!kept[i]) continue;
    if (i != next) items[next] = std::move(items[i]);
    ++next;
  }
  items.resize(next);
}

template <typename Item>
void index_slugs(std::vector<Item>& items, Site::SlugIndex& index, std::string_view what, Diagnostics& diagnostics) {
  index.reserve(items.size());
  for (size_t i = 0; i < items.size(); ++i) {
    auto [it, inserted] = index.emplace(items[i].slug, i);
    if (!inserted)
      diagnostics.error(items[i].file, 1, "duplicate-slug",
                        "duplicate " + std::string(what) + " slug \"" + items[i].slug + "\" (also used by " +
                            items[it->second].file + ")");
  }
}

void resolve_article_topics(Article& article, const TopicLookup& lookup, Diagnostics& diagnostics) {
  auto add = [&](size_t topic) {
    if (std::find(article.topics.begin(), article.topics.end(), topic) == article.topics.end())
      article.topics.push_back(topic);
  };
  for (const auto& ref : article.topic_refs) {
    if (auto topic = lookup.find(ref.text)) add(*topic);
    else diagnostics.error(article.file, ref.line, "unknown-topic", "unknown topic \"" + ref.text + "\"");
  }
  for (const auto& tag : article.tags)
    if (auto topic = lookup.find(tag.text)) add(*topic);
}

void resolve_topic_refs(Site& site, const TopicLookup& lookup, Diagnostics& diagnostics) {
  std::vector<Diagnostics> found(site.articles.size());
  parallel_for(site.articles.size(),
               [&](unsigned, size_t a) { resolve_article_topics(site.articles[a], lookup, found[a]); });
  for (const auto& article_diagnostics : found) diagnostics.append(article_diagnostics);
}

}  // namespace

bool leads_inside(const fs::path& path, const fs::path& canonical_root) {
  std::error_code error;
  auto target = fs::weakly_canonical(path, error);
  auto [root_end, unused] = std::mismatch(canonical_root.begin(), canonical_root.end(), target.begin(), target.end());
  return !error && root_end == canonical_root.end();
}

TopicLookup::TopicLookup(const Site& site) : site_(site) {
  for (size_t i = 0; i < site.topics.size(); ++i) {
    by_folded_name_.emplace(fold(site.topics[i].name), i);
    for (const auto& synonym : site.topics[i].synonyms) by_folded_name_.emplace(fold(synonym), i);
  }
}

std::optional<size_t> TopicLookup::find(std::string_view reference) const {
  if (auto it = site_.topic_by_slug.find(reference); it != site_.topic_by_slug.end()) return it->second;
  if (auto it = by_folded_name_.find(fold(collapse_whitespace(reference))); it != by_folded_name_.end())
    return it->second;
  if (auto it = site_.topic_by_slug.find(slugify(reference)); it != site_.topic_by_slug.end()) return it->second;
  return std::nullopt;
}

LoadResult load_site(std::string_view root_text, const LoadOptions& options) {
  LoadResult result;
  auto& site = result.site;
  auto& diagnostics = result.diagnostics;
  site.root = std::string(root_text);
  fs::path root(root_text);
  std::error_code error;
  if (!fs::is_directory(root, error)) {
    diagnostics.error(site.root, 0, "site", "not a folder");
    return result;
  }
  auto canonical_root = fs::canonical(root, error);
  site.config = load_config(root, diagnostics, result.sources);

  auto files = list_content_files(root, canonical_root, diagnostics);
  if (!fs::is_directory(root / "content", error))
    diagnostics.error("content", 0, "site", "no content folder: is this a topichub site?");

  // Parse every file in parallel, each with its own diagnostics, merged in
  // order, straight into its place among the articles or the topics (files
  // are in path order, so these come out sorted); the places of files that
  // could not be read, and of drafts left out, are closed up after.
  std::vector<size_t> place(files.size());
  size_t article_count = 0, topic_count = 0;
  for (size_t i = 0; i < files.size(); ++i)
    place[i] = files[i].kind == ContentKind::article ? article_count++ : topic_count++;
  site.articles.resize(article_count);
  site.topics.resize(topic_count);
  std::vector<char> article_kept(article_count, false), topic_kept(topic_count, false);
  std::vector<Diagnostics> file_diagnostics(files.size());
  std::vector<std::optional<FileStamp>> stamps(files.size());
  parallel_for(files.size(), [&](unsigned, size_t i) {
    const auto& file = files[i];
    auto& local = file_diagnostics[i];
    std::string bytes;
    FileStamp stamp;
    if (!read_file(file.path, file.display, bytes, local, &stamp)) return;
    stamps[i] = stamp;
    auto front_matter = parse_front_matter(clean_source_text(std::move(bytes), file.display, local), file.display, local);
    if (file.kind == ContentKind::article) {
      auto& article = site.articles[place[i]];
      article = parse_article(std::move(front_matter), file.display, file.default_slug, local);
      article_kept[place[i]] = options.include_drafts || !article.draft;
    } else {
      site.topics[place[i]] = parse_topic(std::move(front_matter), file.display, file.default_slug, local);
      topic_kept[place[i]] = true;
    }
  });
  remove_unkept(site.articles, article_kept);
  remove_unkept(site.topics, topic_kept);
  result.sources.reserve(result.sources.size() + files.size());
  for (size_t i = 0; i < files.size(); ++i) {
    diagnostics.append(file_diagnostics[i]);
    if (stamps[i]) result.sources.push_back({std::move(files[i].display), *stamps[i]});
  }

  // The articles' slugs are indexed on another thread while this one
  // indexes the topics' and their names (7 ms on MedQuAD, on one thread).
  Diagnostics article_slug_diagnostics;
  BackgroundTask indexing_articles(
      [&] { index_slugs(site.articles, site.article_by_slug, "article", article_slug_diagnostics); });
  index_slugs(site.topics, site.topic_by_slug, "topic", diagnostics);
  TopicLookup lookup(site);
  indexing_articles.join();
  diagnostics.append(article_slug_diagnostics);
  resolve_topic_refs(site, lookup, diagnostics);
  diagnostics.sort();
  return result;
}

std::vector<std::string> content_file_paths(std::string_view root_text) {
  fs::path root(root_text);
  std::error_code error;
  Diagnostics ignored;  // load_site reports them
  std::vector<std::string> paths;
  for (auto& file : list_content_files(root, fs::canonical(root, error), ignored)) paths.push_back(std::move(file.display));
  return paths;
}

std::optional<Article> reload_article(const Site& site, std::string_view file, Diagnostics& diagnostics) {
  fs::path root(site.root);
  fs::path path = root / fs::path(file);
  std::error_code error;
  auto canonical_root = fs::canonical(root, error);
  if (!inside_site(fs::directory_entry(path, error), canonical_root, root, diagnostics)) return std::nullopt;
  std::string bytes;
  if (!read_file(path.string(), file, bytes, diagnostics)) return std::nullopt;
  auto front_matter = parse_front_matter(clean_source_text(std::move(bytes), file, diagnostics), file, diagnostics);
  auto article = parse_article(std::move(front_matter), file, slug_from_file_name(path.string()), diagnostics);
  resolve_article_topics(article, TopicLookup(site), diagnostics);
  return article;
}

}  // namespace topichub
