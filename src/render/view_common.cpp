#include "render/view_common.h"

#include <nlohmann/json.hpp>

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
  if (!meta.json_ld.is_null()) page["json_ld"] = script_safe_json(meta.json_ld);
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
    topics.push_back({{"name", View::borrow(context.site.topics[topic].name)}, {"url", context.topic_url(topic)}});
  return {
      {"title", View::borrow(article.title)},
      {"url", context.article_url(index)},
      {"summary", View::borrow(article.summary)},
      {"date", context.format_date(article.date)},
      {"date_iso", article.date.iso()},
      {"topics", std::move(topics)},
  };
}

std::string script_safe_json(const nlohmann::json& value) {
  auto text = value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  // The common case, nothing to escape, found by three vectorised scans
  // (find_first_of would call memchr once per character).
  if (text.find('<') == std::string::npos && text.find('>') == std::string::npos &&
      text.find('&') == std::string::npos)
    return text;
  std::string out;
  out.reserve(text.size() + 16);
  for (char c : text) {
    if (c == '<') out += "\\u003c";
    else if (c == '>') out += "\\u003e";
    else if (c == '&') out += "\\u0026";
    else out += c;
  }
  return out;
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
