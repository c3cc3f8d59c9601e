#include "render/pages.h"

#include <algorithm>
#include <map>

#include "core/text.h"
#include "render/json_ld.h"
#include "render/markdown_html.h"
#include "render/view_common.h"

namespace topichub {
namespace {

constexpr size_t kLatestOnHome = 10;
constexpr size_t kFeaturedTopics = 24;
constexpr size_t kMaxChips = 8;
constexpr double kChipMinWeight = 2.0;  // mentioned topics become chips only when more than passing
constexpr int kWordsPerMinute = 200;

std::string first_letter(std::string_view name) {
  auto folded = fold(name);
  char c = folded.empty() ? '#' : folded[0];
  return c >= 'a' && c <= 'z' ? std::string(1, static_cast<char>(c - 'a' + 'A')) : "#";
}

std::string article_json_ld(const RenderContext& context, size_t index) {
  const auto& article = context.site.articles[index];
  JsonLdObject page;
  page.text("@context", "https://schema.org")
      .text("@type", "MedicalWebPage")
      .text("headline", article.title)
      .text("description", article.summary)
      .text("url", context.absolute(context.article_url(index)));
  if (article.date.is_set()) page.text("datePublished", article.date.iso());
  if (article.lastmod.is_set()) page.text("dateModified", article.lastmod.iso());
  if (article.reviewed_on.is_set()) page.text("lastReviewed", article.reviewed_on.iso());
  if (!article.reviewed_by.empty())
    page.object("reviewedBy", std::move(JsonLdObject().text("@type", "Organization").text("name", article.reviewed_by)));
  std::vector<JsonLdObject> about;
  for (size_t topic : article.topics) {
    about.emplace_back();
    about.back()
        .text("@type", "MedicalEntity")
        .text("name", context.site.topics[topic].name)
        .text("url", context.absolute(context.topic_url(topic)));
  }
  if (!about.empty()) page.objects("about", std::move(about));
  std::vector<JsonLdObject> citations;
  for (const auto& source : article.sources) {
    citations.emplace_back();
    citations.back().text("@type", "CreativeWork").text("name", source.title).text("url", source.href());
  }
  if (!citations.empty()) page.objects("citation", std::move(citations));
  return page.json();
}

View topic_entry(const RenderContext& context, size_t topic) {
  const auto& t = context.site.topics[topic];
  std::string synonyms;
  for (size_t i = 0; i < t.synonyms.size(); ++i) synonyms += (i ? ", " : "") + t.synonyms[i];
  return {{"name", capitalize_first(t.name)}, {"url", View::borrow(context.topic_url(topic))}, {"definition", View::borrow(t.definition)},
          {"synonyms", std::move(synonyms)}, {"article_count", std::to_string(context.curation.by_topic[topic].size())}};
}

// Topics grouped by first letter, A–Z then '#'.
View letters_view(const RenderContext& context, bool with_topics) {
  std::map<std::string, std::vector<size_t>> by_letter;
  for (size_t t = 0; t < context.site.topics.size(); ++t) by_letter[first_letter(context.site.topics[t].name)].push_back(t);
  auto letters = View::list();
  for (auto& [letter, topics] : by_letter) {
    std::sort(topics.begin(), topics.end(), [&](size_t a, size_t b) {
      return fold(context.site.topics[a].name) < fold(context.site.topics[b].name);
    });
    View entry{{"letter", letter}, {"anchor", letter == "#" ? "other" : letter}};
    if (with_topics) {
      auto list = View::list(topics.size());
      for (size_t t : topics) list.push_back(topic_entry(context, t));
      entry["topics"] = std::move(list);
    }
    letters.push_back(std::move(entry));
  }
  return letters;
}

}  // namespace

std::vector<LinkInsertion> topic_link_insertions(const RenderContext& context, size_t article) {
  std::vector<LinkInsertion> insertions;
  for (const auto& mention : context.links[article].first_mentions) {
    const auto& topic = context.site.topics[mention.topic];
    insertions.push_back({mention.begin, mention.end, context.topic_url(mention.topic), topic.definition});
  }
  return insertions;
}

View article_view(const RenderContext& context, size_t index, std::string* body_text) {
  const auto& article = context.site.articles[index];
  PageMeta meta{article.title, article.summary, context.article_url(index), "article", article_json_ld(context, index), ""};
  auto view = base_view(context, meta);

  auto insertions = topic_link_insertions(context, index);
  auto body = render_markdown(article.body, insertions);
  size_t words = count_words(body.plain_text);
  if (body_text) *body_text = std::move(body.plain_text);

  auto chips = View::list();
  size_t chip_count = 0;
  for (const auto& entry : context.links[index].topics) {
    bool explicit_topic = std::find(article.topics.begin(), article.topics.end(), entry.topic) != article.topics.end();
    if (chip_count == kMaxChips || (!explicit_topic && entry.weight < kChipMinWeight)) continue;
    chips.push_back({{"name", View::borrow(context.site.topics[entry.topic].name)}, {"url", View::borrow(context.topic_url(entry.topic))}});
    ++chip_count;
  }
  const auto& related_articles = context.curation.related[index];
  auto related = View::list(related_articles.size());
  for (size_t other : related_articles) related.push_back(article_card(context, other));
  auto intents = View::list(article.intents.size());
  for (const auto& intent : article.intents) intents.push_back(View::borrow(intent));

  View breadcrumb;
  if (!article.topics.empty())
    breadcrumb = {{"name", capitalize_first(context.site.topics[article.topics[0]].name)},
                  {"url", View::borrow(context.topic_url(article.topics[0]))}};
  view["article"] = {
      {"title", View::borrow(article.title)},
      {"slug", View::borrow(article.slug)},
      {"summary", View::borrow(article.summary)},
      {"date", context.format_date(article.date)},
      {"date_iso", article.date.iso()},
      {"lastmod", article.lastmod.is_set() && article.lastmod != article.date ? context.format_date(article.lastmod) : ""},
      {"lastmod_iso", article.lastmod.iso()},
      {"reviewed_by", View::borrow(article.reviewed_by)},
      {"reviewed_on", context.format_date(article.reviewed_on)},
      {"reviewed_on_iso", article.reviewed_on.iso()},
      {"reading_minutes", std::to_string(std::max<size_t>(1, (words + kWordsPerMinute - 1) / kWordsPerMinute))},
      {"body_html", std::move(body.html)},
      {"sources", sources_view(article.sources)},
      {"topics", std::move(chips)},
      {"related", std::move(related)},
      {"intents", std::move(intents)},
      {"breadcrumb_topic", std::move(breadcrumb)},
      {"params", context.params_wanted ? View::from_json(article.extra) : View()},
  };
  return view;
}

View home_view(const RenderContext& context) {
  const auto& config = context.site.config;
  PageMeta meta{config.title, config.description, context.path_prefix, "website", "", ""};
  meta.json_ld = JsonLdObject()
                     .text("@context", "https://schema.org")
                     .text("@type", "WebSite")
                     .text("name", config.title)
                     .text("url", context.base_url)
                     .json();
  auto view = base_view(context, meta);

  std::vector<size_t> order(context.site.articles.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  auto count = std::min(order.size(), kLatestOnHome);
  std::partial_sort(order.begin(), order.begin() + static_cast<long>(count), order.end(), [&](size_t a, size_t b) {
    return context.site.articles[a].freshness() > context.site.articles[b].freshness();
  });
  auto latest = View::list(count);
  for (size_t i = 0; i < count; ++i) latest.push_back(article_card(context, order[i]));
  view["latest"] = std::move(latest);

  std::vector<size_t> topics(context.site.topics.size());
  for (size_t i = 0; i < topics.size(); ++i) topics[i] = i;
  std::stable_sort(topics.begin(), topics.end(), [&](size_t a, size_t b) {
    return context.curation.by_topic[a].size() > context.curation.by_topic[b].size();
  });
  topics.resize(std::min(topics.size(), kFeaturedTopics));
  std::sort(topics.begin(), topics.end(), [&](size_t a, size_t b) {
    return fold(context.site.topics[a].name) < fold(context.site.topics[b].name);
  });
  auto featured = View::list(topics.size());
  for (size_t t : topics) featured.push_back(topic_entry(context, t));
  view["featured_topics"] = std::move(featured);
  view["letters"] = letters_view(context, false);
  view["topic_count"] = std::to_string(context.site.topics.size());
  return view;
}

View topics_index_view(const RenderContext& context) {
  PageMeta meta{"Topics A–Z", "Every topic on " + context.site.config.title + ", from A to Z.",
                context.path_prefix + "topics/", "website", "", ""};
  auto view = base_view(context, meta);
  view["letters"] = letters_view(context, true);
  view["topic_count"] = std::to_string(context.site.topics.size());
  return view;
}

View not_found_view(const RenderContext& context) {
  PageMeta meta{"Page not found", "", context.path_prefix + "404.html", "website", "", ""};
  return base_view(context, meta);
}

View search_form_view(const RenderContext& context) {
  PageMeta meta{"Search", "Search " + context.site.config.title + ".", context.path_prefix + "search/", "website", "", ""};
  auto view = base_view(context, meta);
  view["search"] = {{"query", ""}, {"has_query", false}};
  return view;
}

}  // namespace topichub
