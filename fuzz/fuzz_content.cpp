// One content file through load -> link -> render.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/site.h"
#include "curate/curate.h"
#include "graph/graph.h"
#include "link/linker.h"
#include "load/content.h"
#include "load/front_matter.h"
#include "load/loader.h"
#include "load/source_file.h"
#include "render/context.h"
#include "render/hub_page.h"
#include "render/pages.h"
#include "render/theme.h"

namespace {

topichub::Topic topic(const char* slug, const char* name, std::vector<std::string> synonyms) {
  topichub::Topic t;
  t.slug = slug;
  t.name = name;
  t.title = name;
  t.synonyms = std::move(synonyms);
  t.definition = "a test topic";
  return t;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace topichub;
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  Diagnostics diagnostics;
  auto text = clean_source_text(std::string(bytes), "content/articles/fuzz.md", diagnostics);
  auto front_matter = parse_front_matter(text, "content/articles/fuzz.md", diagnostics);

  Site site;
  site.topics = {topic("leg-cramps", "leg cramps", {"charley horse", "LC"}), topic("gout", "gout", {})};
  site.topics[0].relations.push_back({RelationType::eased_by, "gout", Evidence::limited, {}, "", 1});
  for (size_t i = 0; i < site.topics.size(); ++i) site.topic_by_slug[site.topics[i].slug] = i;
  auto article = parse_article(front_matter, "content/articles/fuzz.md", "fuzz", diagnostics);
  TopicLookup lookup(site);
  for (const auto& ref : article.topic_refs)
    if (auto t = lookup.find(ref.text)) article.topics.push_back(*t);
  site.articles.push_back(std::move(article));
  site.article_by_slug[site.articles[0].slug] = 0;

  auto graph = TopicGraph::build(site, diagnostics);
  auto links = Linker(site).link_all();
  auto curation = curate(site, links);
  static const Theme theme = [] {
    Diagnostics ignored;
    return Theme::load("/nonexistent-site", ignored);
  }();
  RenderContext context(site, graph, links, curation, "https://example.org/");
  theme.render_page("article", article_view(context, 0));
  theme.render_page("hub", hub_view(context, 0, 1));
  return 0;
}
