#include "render/feeds.h"

#include <algorithm>
#include <numeric>

#include "core/text.h"
#include "render/hub_page.h"

namespace topichub {
namespace {

std::string atom_date(const Date& date) { return date.is_set() ? date.iso() + "T00:00:00Z" : "1970-01-01T00:00:00Z"; }

// The feeds' order: freshest first (a revision counts), then by slug.
bool fresher(const Site& site, size_t a, size_t b) {
  const auto& x = site.articles[a];
  const auto& y = site.articles[b];
  return x.freshness() != y.freshness() ? x.freshness() > y.freshness() : x.slug < y.slug;
}

std::vector<size_t> freshest(const RenderContext& context, std::vector<size_t> articles) {
  auto count = std::min(articles.size(), kFeedEntries);
  const auto& rank = context.feed_rank;
  std::partial_sort(articles.begin(), articles.begin() + static_cast<long>(count), articles.end(),
                    [&](size_t a, size_t b) { return rank.empty() ? fresher(context.site, a, b) : rank[a] < rank[b]; });
  articles.resize(count);
  return articles;
}

// Appends "<name>text</name>\n", the text escaped.
void append_element(std::string& xml, std::string_view name, std::string_view text) {
  xml += '<';
  xml += name;
  xml += '>';
  append_html_escaped(xml, text);
  xml += "</";
  xml += name;
  xml += ">\n";
}

// Appends "<link href="url"/>\n" (with `rel` when not empty), the URL escaped.
void append_link(std::string& xml, std::string_view rel, std::string_view url) {
  xml += "<link ";
  if (!rel.empty()) {
    xml += "rel=\"";
    xml += rel;
    xml += "\" ";
  }
  xml += "href=\"";
  append_html_escaped(xml, url);
  xml += "\"/>\n";
}

// Appended piece by piece into one string: a feed is written for every
// topic, and concatenating temporaries made and freed a dozen strings per
// entry.
std::string atom(const RenderContext& context, const std::string& title, const std::string& page_path,
                 const std::string& feed_path, const std::vector<size_t>& articles) {
  Date updated;
  for (size_t a : articles) updated = std::max(updated, context.site.articles[a].freshness());
  std::string xml;
  xml.reserve(1024 + 512 * articles.size());
  xml += "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n";
  append_element(xml, "title", title);
  append_link(xml, "", context.absolute(page_path));
  auto feed_url = context.absolute(feed_path);
  append_link(xml, "self", feed_url);
  append_element(xml, "id", feed_url);
  append_element(xml, "updated", atom_date(updated));
  for (size_t a : articles) {
    const auto& article = context.site.articles[a];
    auto url = context.absolute(context.article_url(a));
    xml += "<entry>\n";
    append_element(xml, "title", article.title);
    append_link(xml, "", url);
    append_element(xml, "id", url);
    append_element(xml, "updated", atom_date(article.freshness()));
    if (article.date.is_set()) append_element(xml, "published", atom_date(article.date));
    xml += "<author><name>";
    append_html_escaped(xml, article.reviewed_by.empty() ? context.site.config.title : article.reviewed_by);
    xml += "</name></author>\n";
    append_element(xml, "summary", article.summary);
    xml += "</entry>\n";
  }
  xml += "</feed>\n";
  return xml;
}

}  // namespace

std::vector<uint32_t> feed_ranks(const Site& site) {
  std::vector<uint32_t> order(site.articles.size());
  std::iota(order.begin(), order.end(), 0u);
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return fresher(site, a, b); });
  std::vector<uint32_t> rank(order.size());
  for (uint32_t place = 0; place < order.size(); ++place) rank[order[place]] = place;
  return rank;
}

std::string site_feed(const RenderContext& context) {
  std::vector<size_t> all(context.site.articles.size());
  std::iota(all.begin(), all.end(), size_t{0});
  return atom(context, context.site.config.title, context.path_prefix, context.path_prefix + "feed.xml",
              freshest(context, std::move(all)));
}

std::string topic_feed(const RenderContext& context, size_t topic) {
  std::vector<size_t> articles;
  for (const auto& entry : context.curation.by_topic[topic]) articles.push_back(entry.article);
  const auto& t = context.site.topics[topic];
  return atom(context, t.title + " — " + context.site.config.title, context.topic_url(topic),
              context.topic_url(topic) + "feed.xml", freshest(context, std::move(articles)));
}

std::string sitemap(const RenderContext& context, std::span<const std::string> extra_paths) {
  std::string xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
  auto add = [&](const std::string& path, const Date& lastmod) {
    xml += "<url><loc>" + xml_escape(context.absolute(path)) + "</loc>";
    if (lastmod.is_set()) xml += "<lastmod>" + lastmod.iso() + "</lastmod>";
    xml += "</url>\n";
  };
  for (const auto& path : extra_paths) add(path, {});
  for (size_t t = 0; t < context.site.topics.size(); ++t) {
    Date latest;
    for (const auto& entry : context.curation.by_topic[t])
      latest = std::max(latest, context.site.articles[entry.article].freshness());
    add(context.topic_url(t), latest);
  }
  for (size_t a = 0; a < context.site.articles.size(); ++a) add(context.article_url(a), context.site.articles[a].freshness());
  xml += "</urlset>\n";
  return xml;
}

}  // namespace topichub
