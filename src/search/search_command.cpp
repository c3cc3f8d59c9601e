#include "render/site_renderer.h"
#include "search/search_command.h"

#include <fstream>
#include <ostream>

#include <filesystem>

#include "link/linker.h"
#include "load/fingerprint.h"
#include "load/loader.h"
#include "search/index_file.h"
#include "search/results_json.h"

namespace topichub {
namespace {

void print_human(const SearchIndex& index, const SearchResult& result, std::ostream& out) {
  out << result.total << (result.total == 1 ? " result" : " results") << " for \"" << result.query << "\" ("
      << result.took_ms << " ms)\n";
  size_t rank = 0;
  for (const auto& hit : result.hits) {
    const auto& doc = index.document(hit.doc);
    out << "\n" << ++rank << ". " << doc.title << (doc.is_topic ? "  [topic]" : "") << "\n   " << doc.url << "\n";
    auto snippet = snippet_as_text(hit.snippet_html);
    if (!snippet.empty()) out << "   " << snippet << "\n";
  }
  if (!result.topic_facets.empty()) {
    out << "\nTopics:";
    for (size_t i = 0; i < result.topic_facets.size() && i < 8; ++i)
      out << " " << result.topic_facets[i].first << " (" << result.topic_facets[i].second << ")";
    out << "\n";
  }
}

int run_batch(const SearchIndex& index, const SearchCommand& command, std::ostream& out, std::ostream& err) {
  std::ifstream in(command.queries_file);
  if (!in) {
    err << "error: cannot read " << command.queries_file << "\n";
    return 1;
  }
  Searcher searcher(index);
  std::string line;
  int line_number = 0;
  while (std::getline(in, line)) {
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    auto tab = line.find('\t');
    if (tab == std::string::npos) {
      err << command.queries_file << ":" << line_number << ": warning: no tab between query id and query; skipped\n";
      continue;
    }
    SearchRequest request = command.request;
    request.query = line.substr(tab + 1);
    request.articles_only = true;
    auto result = searcher.search(request);
    size_t rank = 0;
    for (const auto& hit : result.hits)
      out << line.substr(0, tab) << " Q0 " << index.document(hit.doc).slug << " " << ++rank << " " << hit.score
          << " topichub\n";
  }
  return 0;
}

// The saved index when it is as fresh as the site; else one built now.
std::optional<SearchIndex> open_index(const SearchCommand& command, LoadResult& loaded, std::ostream& err) {
  auto path = command.index_file.empty()
                  ? (std::filesystem::path(command.site_root) / "public" / std::string(kSearchIndexFile)).string()
                  : command.index_file;
  if (auto saved = SearchIndexFile::load(path, site_fingerprint(command.site_root))) return saved;
  // Said, because it is slower and what a reader of the site would get
  // differs until the site is built again.
  err << "note: no search index of the site as it is now at " << path
      << "; searching one made from the sources (`topichub build` saves one)\n";
  loaded = load_site(command.site_root);
  if (loaded.site.topics.empty() && loaded.site.articles.empty() && loaded.diagnostics.has_errors()) {
    loaded.diagnostics.print(err);
    return std::nullopt;
  }
  Linker linker(loaded.site);
  auto links = linker.link_all();
  return SearchIndex::build(loaded.site, links, render_body_texts(loaded.site), "/", linker.shared_matcher());
}

}  // namespace

std::string snippet_as_text(std::string_view html) {
  std::string out;
  for (size_t i = 0; i < html.size(); ++i) {
    if (html.substr(i).starts_with("<mark>")) { out += '['; i += 5; continue; }
    if (html.substr(i).starts_with("</mark>")) { out += ']'; i += 6; continue; }
    if (html[i] == '&') {
      static const std::pair<std::string_view, char> kEntities[] = {
          {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}};
      bool replaced = false;
      for (const auto& [entity, c] : kEntities)
        if (html.substr(i).starts_with(entity)) {
          out += c;
          i += entity.size() - 1;
          replaced = true;
          break;
        }
      if (replaced) continue;
    }
    out += html[i];
  }
  return out;
}

int run_search_command(const SearchCommand& command, std::ostream& out, std::ostream& err) {
  LoadResult loaded;  // outlives the index when the index is built here
  auto opened = open_index(command, loaded, err);
  if (!opened) return 1;
  const SearchIndex& index = *opened;
  if (!command.queries_file.empty()) return run_batch(index, command, out, err);
  Searcher searcher(index);
  auto result = searcher.search(command.request);
  if (command.json) out << search_result_json(index, result).dump(2) << "\n";
  else print_human(index, result, out);
  return 0;
}

}  // namespace topichub
