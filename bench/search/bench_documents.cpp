#include "bench_documents.h"

#include <cstdlib>
#include <iostream>

#include "load/loader.h"
#include "render/markdown_html.h"

namespace topichub::bench {

std::vector<BenchDocument> bench_documents(const Site& site) {
  std::vector<BenchDocument> documents;
  documents.reserve(site.articles.size());
  for (const auto& article : site.articles) {
    BenchDocument doc;
    doc.slug = article.slug;
    doc.title = article.title;
    for (size_t topic : article.topics) doc.topics += site.topics[topic].name + ". ";
    doc.summary = article.summary;
    doc.body = render_markdown(article.body).plain_text;
    documents.push_back(std::move(doc));
  }
  return documents;
}

Site load_site_or_exit(const std::string& root) {
  auto loaded = load_site(root);
  // Content warnings do not matter here; a site we cannot read does.
  if (loaded.site.articles.empty()) {
    loaded.diagnostics.print(std::cerr);
    std::cerr << "error: no articles in " << root << "\n";
    std::exit(1);
  }
  return std::move(loaded.site);
}

}  // namespace topichub::bench
