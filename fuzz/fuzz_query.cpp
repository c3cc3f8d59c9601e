// A search query against a small fixed index.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "link/linker.h"
#include "render/site_renderer.h"
#include "search/results_json.h"
#include "search/searcher.h"

namespace {

struct Fixture {
  topichub::Site site;
  std::vector<topichub::ArticleLinks> links;
  std::unique_ptr<topichub::SearchIndex> index;
  std::unique_ptr<topichub::Searcher> searcher;

  Fixture() {
    using namespace topichub;
    for (auto [slug, name] : {std::pair{"leg-cramps", "leg cramps at night"}, {"magnesium", "magnesium"}, {"vitamin-a", "vitamin a"}}) {
      Topic topic;
      topic.slug = slug;
      topic.name = name;
      topic.title = name;
      if (std::string(slug) == "leg-cramps") topic.synonyms = {"charley horse", "LC"};
      site.topic_by_slug[slug] = site.topics.size();
      site.topics.push_back(topic);
    }
    const char* bodies[] = {"Stretch your calves. Leg cramps at night ease with stretching.",
                            "Magnesium does not prevent cramps in older adults; vitamin a is unrelated.",
                            "Drinking water before bed: the evidence is limited. Café, naïve, 10 mg."};
    for (int i = 0; i < 3; ++i) {
      Article article;
      article.slug = "a" + std::to_string(i);
      article.title = "Article " + std::to_string(i);
      article.body = bodies[i];
      article.topics = {static_cast<size_t>(i)};
      article.intents = {i == 0 ? "prevention" : "treatment"};
      site.articles.push_back(article);
    }
    links = Linker(site).link_all();
    index = std::make_unique<SearchIndex>(SearchIndex::build(site, links, render_body_texts(site)));
    searcher = std::make_unique<Searcher>(*index);
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static Fixture fixture;
  topichub::SearchRequest request;
  request.query.assign(reinterpret_cast<const char*>(data), size);
  request.limit = 5;
  if (size > 0 && data[0] % 3 == 0) request.topic = "leg-cramps";
  if (size > 0 && data[0] % 5 == 0) request.intent = "treatment";
  auto result = fixture.searcher->search(request);
  topichub::search_result_json(*fixture.index, result).dump();
  return 0;
}
