#include "curate/curate.h"

#include <algorithm>
#include <array>

#include "core/parallel.h"

namespace topichub {
namespace {

// How deep into a topic's collection related-article candidates are taken:
// bounds the work per article on topics with thousands of articles.
constexpr size_t kCandidatesPerTopic = 50;
constexpr size_t kTopicsPerArticle = 3;

struct IntentText {
  std::string_view intent, heading, phrase;
};

constexpr IntentText kIntentTexts[] = {
    {"quick-relief", "Quick relief tonight", "quick relief tonight"},
    {"prevention", "Long-term prevention", "long-term prevention"},
    {"causes", "Causes", "causes"},
    {"treatment", "Treatments", "treatments"},
    {"diagnosis", "Diagnosis and when to get help", "when to get help"},
    {"living-with", "Living with it", "living with it"},
    {"", "More to read", "further reading"},
};

const IntentText& intent_text(std::string_view intent) {
  for (const auto& text : kIntentTexts)
    if (text.intent == intent) return text;
  return kIntentTexts[std::size(kIntentTexts) - 1];
}

}  // namespace

std::string_view intent_heading(std::string_view intent) { return intent_text(intent).heading; }
std::string_view intent_phrase(std::string_view intent) { return intent_text(intent).phrase; }

namespace {
// Position in kIntentTexts of the group an article goes under: its first intent's.
size_t intent_group_index(const Article& article) {
  const auto& text = intent_text(article.intents.empty() ? std::string_view() : std::string_view(article.intents.front()));
  return static_cast<size_t>(&text - kIntentTexts);
}

// The intents group_by_intent would make groups for, in the same order ("" for
// the rest), without building the groups.
std::vector<std::string_view> intents_present(std::span<const CuratedArticle> articles, const Site& site) {
  std::array<bool, std::size(kIntentTexts)> present{};
  for (const auto& entry : articles) present[intent_group_index(site.articles[entry.article])] = true;
  std::vector<std::string_view> intents;
  for (size_t i = 0; i < present.size(); ++i)
    if (present[i]) intents.push_back(kIntentTexts[i].intent);
  return intents;
}

// Where an article is listed among those as central to a topic: freshest
// first, then by title, then in path order. A total order, so that the
// whole curation and an edit's re-sort of one collection agree.
struct ListingKey {
  Date freshness;
  std::string_view title;
  uint32_t article;

  static ListingKey of(const Site& site, size_t a) {
    const auto& article = site.articles[a];
    return {article.freshness(), article.title, static_cast<uint32_t>(a)};
  }
  bool operator<(const ListingKey& other) const {
    if (freshness != other.freshness) return freshness > other.freshness;
    if (title != other.title) return title < other.title;
    return article < other.article;
  }
};

bool listed_before(const Site& site, size_t a, size_t b) { return ListingKey::of(site, a) < ListingKey::of(site, b); }

// Each article's place in the order of ListingKey. The sorts of the topics'
// collections compare places instead of dates and titles: on the 6x copy
// they took 252-263 ms, now 42-44 ms (three builds each, timed inside
// curate). The places come from sorting the keys side by side, as reaching
// two Articles per comparison missed the cache (that sort took 180-250 ms,
// now 100-160 ms, mostly while the collections are gathered).
std::vector<uint32_t> listing_places(const Site& site) {
  std::vector<ListingKey> keys(site.articles.size());
  for (size_t a = 0; a < keys.size(); ++a) keys[a] = ListingKey::of(site, a);
  std::sort(keys.begin(), keys.end());
  std::vector<uint32_t> place(keys.size());
  for (uint32_t at = 0; at < keys.size(); ++at) place[keys[at].article] = at;
  return place;
}

// Most central first, then as `before` says.
template <typename Before>
void sort_collection(std::vector<CuratedArticle>& collection, Before&& before) {
  std::sort(collection.begin(), collection.end(), [&](const CuratedArticle& x, const CuratedArticle& y) {
    if (x.centrality != y.centrality) return x.centrality > y.centrality;
    return before(x.article, y.article);
  });
}

// A worker's scores of candidate articles: an entry per article of the
// site, and the ones touched, so that clearing costs what was used.
struct RelatedScores {
  std::vector<double> score;
  std::vector<uint8_t> touched;
  std::vector<size_t> candidates;  // touched, in the order first touched

  void size_for(size_t articles) {
    if (score.size() == articles) return;
    score.assign(articles, 0.0);
    touched.assign(articles, 0);
  }
};

// Up to kRelatedCount articles sharing `article`'s central topics, from the
// head of those topics' collections.
std::vector<size_t> related_for(size_t article, std::span<const ArticleLinks> links, const Curation& curation,
                                RelatedScores& scores) {
  const auto& topics = links[article].topics;
  for (size_t t = 0; t < std::min(topics.size(), kTopicsPerArticle); ++t) {
    const auto& collection = curation.by_topic[topics[t].topic];
    for (size_t c = 0; c < std::min(collection.size(), kCandidatesPerTopic); ++c) {
      size_t other = collection[c].article;
      if (other == article) continue;
      if (!scores.touched[other]) {
        scores.touched[other] = 1;
        scores.candidates.push_back(other);
      }
      scores.score[other] += std::min(topics[t].weight, collection[c].centrality);
    }
  }
  std::vector<std::pair<double, size_t>> ranked;
  ranked.reserve(scores.candidates.size());
  for (size_t other : scores.candidates) {
    ranked.push_back({-scores.score[other], other});
    scores.score[other] = 0;
    scores.touched[other] = 0;
  }
  scores.candidates.clear();
  auto count = std::min(ranked.size(), kRelatedCount);
  std::partial_sort(ranked.begin(), ranked.begin() + static_cast<long>(count), ranked.end());
  std::vector<size_t> related;
  for (size_t i = 0; i < count; ++i) related.push_back(ranked[i].second);
  return related;
}

}  // namespace

Curation curate(const Site& site, std::span<const ArticleLinks> links) {
  Curation curation;
  std::vector<uint32_t> place;  // ranked on another thread while the collections are gathered
  BackgroundTask ranking([&] { place = listing_places(site); });
  curation.by_topic.resize(site.topics.size());
  for (size_t a = 0; a < links.size(); ++a)
    for (const auto& entry : links[a].topics) curation.by_topic[entry.topic].push_back({a, entry.weight});
  curation.intents_by_topic.resize(curation.by_topic.size());
  ranking.join();
  parallel_for(curation.by_topic.size(), [&](unsigned, size_t t) {
    sort_collection(curation.by_topic[t], [&](size_t a, size_t b) { return place[a] < place[b]; });
    curation.intents_by_topic[t] = intents_present(curation.by_topic[t], site);
  });

  curation.related.resize(site.articles.size());
  std::vector<RelatedScores> scores(worker_count());  // scratch, per worker
  parallel_for(links.size(), [&](unsigned worker, size_t a) {
    scores[worker].size_for(links.size());
    curation.related[a] = related_for(a, links, curation, scores[worker]);
  });
  return curation;
}

std::vector<size_t> update_curation(Curation& curation, const Site& site, std::span<const ArticleLinks> links,
                                    size_t article, std::span<const size_t> topics) {
  // Related lists are drawn from the heads of the central topics'
  // collections: only readers of a head that changed may change.
  auto head_of = [&](size_t topic) {
    const auto& collection = curation.by_topic[topic];
    return std::vector<CuratedArticle>(collection.begin(),
                                       collection.begin() + static_cast<long>(std::min(collection.size(), kCandidatesPerTopic)));
  };
  auto same = [](const std::vector<CuratedArticle>& x, const std::vector<CuratedArticle>& y) {
    return std::equal(x.begin(), x.end(), y.begin(), y.end(), [](const CuratedArticle& a, const CuratedArticle& b) {
      return a.article == b.article && a.centrality == b.centrality;
    });
  };
  std::vector<size_t> heads_changed;
  for (size_t t : topics) {
    auto head_before = head_of(t);
    auto& collection = curation.by_topic[t];
    std::erase_if(collection, [&](const CuratedArticle& entry) { return entry.article == article; });
    for (const auto& entry : links[article].topics)
      if (entry.topic == t) collection.push_back({article, entry.weight});
    sort_collection(collection, [&](size_t a, size_t b) { return listed_before(site, a, b); });
    curation.intents_by_topic[t] = intents_present(collection, site);
    if (!same(head_before, head_of(t))) heads_changed.push_back(t);
  }
  std::vector<size_t> changed;
  RelatedScores scores;
  for (size_t a = 0; a < links.size(); ++a) {
    const auto& central = links[a].topics;
    bool reads_changed = a == article;
    for (size_t t = 0; t < std::min(central.size(), kTopicsPerArticle) && !reads_changed; ++t)
      reads_changed = std::find(heads_changed.begin(), heads_changed.end(), central[t].topic) != heads_changed.end();
    if (!reads_changed) continue;
    scores.size_for(links.size());
    auto related = related_for(a, links, curation, scores);
    if (related != curation.related[a]) {
      curation.related[a] = std::move(related);
      changed.push_back(a);
    }
  }
  return changed;
}

std::vector<IntentGroup> group_by_intent(std::span<const CuratedArticle> articles, const Site& site) {
  std::vector<IntentGroup> groups;
  for (const auto& text : kIntentTexts) groups.push_back({text.intent, text.heading, {}});
  for (const auto& entry : articles) groups[intent_group_index(site.articles[entry.article])].articles.push_back(entry);
  std::erase_if(groups, [](const IntentGroup& g) { return g.articles.empty(); });
  return groups;
}


}  // namespace topichub
