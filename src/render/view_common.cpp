#include "render/view_common.h"

namespace topichub {
namespace {

View page_block(const Config& config, std::string_view base_url, std::string_view path_prefix, const PageMeta& meta) {
  std::string_view relative = meta.path;
  if (relative.starts_with(path_prefix)) relative.remove_prefix(path_prefix.size());
  View page{
      {"title", meta.title},
      {"description", meta.description.empty() ? config.description : meta.description},
      {"canonical", std::string(base_url) + std::string(relative)},
      {"path", meta.path},
      {"og_type", meta.og_type},
      {"is_home", meta.path == path_prefix},
      {"feed", meta.feed},
  };
  if (!meta.json_ld.empty()) page["json_ld"] = meta.json_ld;
  return page;
}

}  // namespace

View site_block(const Config& config, std::string_view base_url) {
  return {{"title", config.title},
          {"description", config.description},
          {"language", config.language},
          {"base_url", std::string(base_url)},
          {"params", View::from_json(config.extra)}};
}

View base_view(const RenderContext& context, const PageMeta& meta) {
  return {{"site", View::share(context.site_block)},
          {"page", page_block(context.site.config, context.base_url, context.path_prefix, meta)},
          {"root", View::borrow(context.path_prefix)}};
}

View base_view(const Config& config, std::string_view base_url, std::string_view path_prefix, const PageMeta& meta) {
  return {{"site", site_block(config, base_url)},
          {"page", page_block(config, base_url, path_prefix, meta)},
          {"root", std::string(path_prefix)}};
}

View article_card(const RenderContext& context, size_t index) {
  if (index < context.cards.size()) return View::share(context.cards[index]);
  return make_article_card(context, index);
}

View make_article_card(const RenderContext& context, size_t index) {
  const auto& article = context.site.articles[index];
  auto topics = View::list(article.topics.size());
  for (size_t topic : article.topics)
    topics.push_back({{"name", View::borrow(context.site.topics[topic].name)}, {"url", View::borrow(context.topic_url(topic))}});
  return {
      {"title", View::borrow(article.title)},
      {"url", View::borrow(context.article_url(index))},
      {"summary", View::borrow(article.summary)},
      {"date", context.format_date(article.date)},
      {"date_iso", article.date.iso()},
      {"topics", std::move(topics)},
  };
}

View sources_view(std::span<const Source> sources) {
  auto list = View::list(sources.size());
  for (const auto& source : sources) {
    std::string kind = !source.pmid.empty() && source.url.empty() ? "PubMed"
                       : !source.doi.empty() && source.url.empty() ? "DOI"
                                                                   : "";
    list.push_back({{"title", View::borrow(source.title)}, {"href", source.href()}, {"kind", std::move(kind)},
                    {"pmid", View::borrow(source.pmid)}, {"doi", View::borrow(source.doi)}});
  }
  return list;
}

}  // namespace topichub
