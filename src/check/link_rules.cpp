// link-internal, link-anchor, url, pmid, doi: everything a reader can click
// must lead somewhere. Offline: external URLs are checked for form only.
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>

#include "check/references.h"
#include "check/rules.h"
#include "core/text.h"
#include "render/builtin_theme.h"
#include "render/markdown_html.h"

namespace topichub {
namespace fs = std::filesystem;
namespace {

// The literal ids of a template ("sources"); ids built from data are skipped.
void collect_template_ids(std::string_view text, std::set<std::string>& ids) {
  for (size_t at = text.find("id=\""); at != std::string_view::npos; at = text.find("id=\"", at + 1)) {
    if (at > 0 && text[at - 1] != ' ') continue;  // "data-id=", "grid="
    auto begin = at + 4;
    auto end = text.find('"', begin);
    if (end == std::string_view::npos) break;
    auto id = text.substr(begin, end - begin);
    if (id.find("{{") == std::string_view::npos) ids.emplace(id);
  }
}

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// Heading ids exactly as pages get them: rendered by render_markdown, so the
// two can never disagree. Only bodies that anchors point into are rendered.
std::set<std::string> heading_ids(std::string_view markdown) {
  std::set<std::string> ids;
  auto html = render_markdown(markdown).html;
  for (size_t at = html.find("<h"); at != std::string::npos; at = html.find("<h", at + 2)) {
    if (at + 9 > html.size() || html[at + 2] < '1' || html[at + 2] > '6' || html.compare(at + 3, 5, " id=\"") != 0)
      continue;
    auto begin = at + 8;
    auto end = html.find('"', begin);
    if (end != std::string::npos) ids.emplace(html.substr(begin, end - begin));
  }
  return ids;
}

std::string percent_decode(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && std::isxdigit(static_cast<unsigned char>(text[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
      out += static_cast<char>(std::stoi(std::string(text.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

// Joins `path` to the folder `base` (both without the leading '/') and
// removes "." and ".."; nullopt when ".." climbs above the site root.
std::optional<std::string> resolve_path(std::string_view base, std::string_view path) {
  std::vector<std::string> segments;
  auto push = [&](std::string_view text) {
    size_t at = 0;
    while (at <= text.size()) {
      auto end = text.find('/', at);
      if (end == std::string_view::npos) end = text.size();
      segments.emplace_back(text.substr(at, end - at));
      at = end + 1;
    }
  };
  if (!base.empty()) push(base.substr(0, base.size() - 1));  // "articles/x/" -> articles, x
  push(path);
  std::vector<std::string> out;
  for (size_t i = 0; i < segments.size(); ++i) {
    const auto& segment = segments[i];
    bool last = i + 1 == segments.size();
    if (segment == "." || (segment.empty() && !last)) continue;
    if (segment == "..") {
      if (out.empty()) return std::nullopt;
      out.pop_back();
      if (last) out.emplace_back();  // "a/.." names the folder: keep the trailing slash
      continue;
    }
    out.push_back(segment);
  }
  std::string joined;
  for (size_t i = 0; i < out.size(); ++i) joined += (i ? "/" : "") + out[i];
  return joined;
}

struct Route {
  enum Kind { none, page, article, topic } kind = none;
  size_t index = 0;
};

bool is_index(std::string_view rest) { return rest.empty() || rest == "/" || rest == "/index.html"; }

// What a site path (no leading '/', no prefix) shows, per DESIGN.md §2.
Route route_of(const Site& site, const LinkTargets& targets, std::string_view path) {
  if (is_index(path) || path == "index.html") return {Route::page};
  for (std::string_view fixed : {"topics", "search", "api/search", "feed.xml", "sitemap.xml", "404.html"})
    if (path.starts_with(fixed) && is_index(path.substr(fixed.size()))) return {Route::page};
  for (auto [folder, kind] : {std::pair{std::string_view("articles/"), Route::article},
                              std::pair{std::string_view("topics/"), Route::topic}}) {
    if (!path.starts_with(folder)) continue;
    auto rest = path.substr(folder.size());
    auto slash = rest.find('/');
    auto slug = std::string(rest.substr(0, slash));
    auto tail = slash == std::string_view::npos ? std::string_view() : rest.substr(slash);
    bool known = kind == Route::article ? site.article_by_slug.contains(slug) : site.topic_by_slug.contains(slug);
    if (!known) break;
    bool topic_extra = kind == Route::topic && (tail == "/feed.xml" || tail.starts_with("/page/"));
    if (!is_index(tail) && !topic_extra) break;
    auto& index = kind == Route::article ? site.article_by_slug : site.topic_by_slug;
    return {kind, index.at(slug)};
  }
  if (targets.is_theme_asset(path) || targets.is_static_file(path)) return {Route::page};
  return {};
}

class LinkChecker {
 public:
  LinkChecker(const CheckContext& context, const LinkTargets& targets, const BodyPage& page, Diagnostics& diagnostics)
      : site_(context.site), targets_(targets), page_(page), diagnostics_(diagnostics) {
    const auto& slug = page.is_article ? site_.articles[page.index].slug : site_.topics[page.index].slug;
    folder_ = std::string(page.is_article ? "articles/" : "topics/") + slug + "/";
  }

  void check(const BodyLink& link) {
    int line = page_.lines.line(link.offset);
    auto href = std::string(trim(link.href));
    if (href.empty()) {
      diagnostics_.error(page_.file, line, "link-internal", std::string(link.image ? "image" : "link") + " has no address");
      return;
    }
    bool external = !url_scheme(href).empty() || href.starts_with("//");
    if (external) {
      auto absolute = href.starts_with("//") ? "https:" + href : href;
      auto base = targets_.base_url();
      bool ours = base.starts_with("http") && absolute.starts_with(base);
      if (!ours) {
        if (auto problem = external_url_problem(absolute)) diagnostics_.error(page_.file, line, "url", *problem);
        return;
      }
      href = std::string(targets_.path_prefix()) + absolute.substr(base.size());
    }
    check_internal(href, line);
  }

 private:
  void check_internal(const std::string& href, int line) {
    auto hash = href.find('#');
    auto fragment = hash == std::string::npos ? std::string() : percent_decode(href.substr(hash + 1));
    auto path = std::string_view(href).substr(0, std::min(hash, href.find('?')));
    Route route{page_.is_article ? Route::article : Route::topic, page_.index};
    if (!path.empty()) {
      std::optional<std::string> resolved;
      if (path.front() == '/') {
        auto prefix = targets_.path_prefix();
        path.remove_prefix(path.starts_with(prefix) ? prefix.size() : 1);
        resolved = resolve_path("", percent_decode(path));
      } else {
        resolved = resolve_path(folder_, percent_decode(path));
      }
      route = resolved ? route_of(site_, targets_, *resolved) : Route{};
      if (route.kind == Route::none) {
        diagnostics_.error(page_.file, line, "link-internal",
                           "link \"" + href + "\" leads to no page of the site" +
                               (resolved ? " (/" + *resolved + ")" : std::string(" (it climbs above the site)")));
        return;
      }
    }
    if (fragment.empty() || route.kind == Route::page) return;
    bool article = route.kind == Route::article;
    const auto& ids = ids_of(article, route.index);
    if (!ids.contains(fragment) && !targets_.theme_ids(article).contains(fragment))
      diagnostics_.error(page_.file, line, "link-anchor",
                         "link \"" + href + "\" points at \"#" + fragment + "\", but " +
                             (article ? "the article \"" + site_.articles[route.index].slug
                                      : "the topic \"" + site_.topics[route.index].slug) +
                             "\" has no heading with that id");
  }

  const std::set<std::string>& ids_of(bool article, size_t index) {
    auto key = std::pair{article, index};
    auto it = ids_.find(key);
    if (it == ids_.end())
      it = ids_.emplace(key, heading_ids(article ? site_.articles[index].body : site_.topics[index].body)).first;
    return it->second;
  }

  const Site& site_;
  const LinkTargets& targets_;
  const BodyPage& page_;
  Diagnostics& diagnostics_;
  std::string folder_;
  std::map<std::pair<bool, size_t>, std::set<std::string>> ids_;
};

void check_sources(std::span<const Source> sources, std::string_view file, Diagnostics& diagnostics) {
  for (const auto& source : sources) {
    auto line_of = [&](std::string_view key) { return key_line(source.key_lines, key, source.line); };
    if (!source.pmid.empty())
      if (auto problem = pmid_problem(source.pmid)) diagnostics.error(file, line_of("pmid"), "pmid", *problem);
    if (!source.doi.empty())
      if (auto problem = doi_problem(source.doi)) diagnostics.error(file, line_of("doi"), "doi", *problem);
    // A source given as bare text is kept as its url; only links are checked.
    bool link = !source.url.empty() && (!url_scheme(source.url).empty() || source.url.starts_with("//"));
    if (link)
      if (auto problem = external_url_problem(source.url.starts_with("//") ? "https:" + source.url : source.url))
        diagnostics.error(file, line_of("url"), "url", *problem);
  }
}

}  // namespace

LinkTargets::LinkTargets(const Site& site) : static_root_((fs::path(site.root) / "static").string()) {
  base_url_ = site.config.base_url;
  auto scheme_end = base_url_.find("://");
  auto path_start = scheme_end == std::string::npos ? 0 : base_url_.find('/', scheme_end + 3);
  path_prefix_ = path_start == std::string::npos ? "/" : base_url_.substr(path_start);
  std::map<std::string, std::string, std::less<>> theme;
  for (const auto& file : builtin_theme_files()) theme[file.name] = file.content;
  for (const char* name : {"layout.mustache", "article.mustache", "hub.mustache"}) {
    auto override_path = fs::path(site.root) / "templates" / name;
    std::error_code error;
    if (fs::is_regular_file(override_path, error)) theme[name] = read_text(override_path);
  }
  for (const auto& [name, text] : theme)
    if (!name.ends_with(".mustache")) assets_.insert(name);
  collect_template_ids(theme["layout.mustache"], article_ids_);
  hub_ids_ = article_ids_;
  collect_template_ids(theme["article.mustache"], article_ids_);
  collect_template_ids(theme["hub.mustache"], hub_ids_);
}

bool LinkTargets::is_static_file(std::string_view path) const {
  if (path.empty()) return false;
  std::error_code error;
  auto file = fs::path(static_root_) / std::string(path);
  return fs::is_regular_file(file, error) || fs::is_regular_file(file / "index.html", error);
}

void check_body_links(const CheckContext& context, const LinkTargets& targets, const BodyPage& page,
                      const BodyOutline& outline, Diagnostics& diagnostics) {
  if (outline.links.empty()) return;
  LinkChecker checker(context, targets, page, diagnostics);
  for (const auto& link : outline.links) checker.check(link);
}

void check_article_sources(const CheckContext& context, size_t article, Diagnostics& diagnostics) {
  const auto& a = context.site.articles[article];
  check_sources(a.sources, a.file, diagnostics);
}

void check_relation_sources(const CheckContext& context, Diagnostics& diagnostics) {
  for (const auto& topic : context.site.topics)
    for (const auto& relation : topic.relations) check_sources(relation.sources, topic.file, diagnostics);
}

}  // namespace topichub
