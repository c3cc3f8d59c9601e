#include "render/view_common.h"

namespace topichub {

nlohmann::json base_view(const RenderContext& context, const PageMeta& meta) {
  return base_view(context.site.config, context.base_url, context.path_prefix, meta);
}

nlohmann::json base_view(const Config& config, std::string_view base_url, std::string_view path_prefix,
                         const PageMeta& meta) {
  std::string_view relative = meta.path;
  if (relative.starts_with(path_prefix)) relative.remove_prefix(path_prefix.size());
  nlohmann::json page = {
      {"title", meta.title},
      {"description", meta.description.empty() ? config.description : meta.description},
      {"canonical", std::string(base_url) + std::string(relative)},
      {"path", meta.path},
      {"og_type", meta.og_type},
      {"is_home", meta.path == path_prefix},
      {"feed", meta.feed},
  };
  if (!meta.json_ld.is_null()) page["json_ld"] = script_safe_json(meta.json_ld);
  return {
      {"site",
       {{"title", config.title},
        {"description", config.description},
        {"language", config.language},
        {"base_url", base_url},
        {"params", config.extra}}},
      {"page", std::move(page)},
      {"root", path_prefix},
  };
}

nlohmann::json article_card(const RenderContext& context, size_t index) {
  const auto& article = context.site.articles[index];
  auto topics = nlohmann::json::array();
  for (size_t topic : article.topics)
    topics.push_back({{"name", context.site.topics[topic].name}, {"url", context.topic_url(topic)}});
  return {
      {"title", article.title},
      {"url", context.article_url(index)},
      {"summary", article.summary},
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

nlohmann::json sources_view(std::span<const Source> sources) {
  auto list = nlohmann::json::array();
  for (const auto& source : sources) {
    std::string kind = !source.pmid.empty() && source.url.empty() ? "PubMed"
                       : !source.doi.empty() && source.url.empty() ? "DOI"
                                                                   : "";
    list.push_back({{"title", source.title}, {"href", source.href()}, {"kind", kind},
                    {"pmid", source.pmid}, {"doi", source.doi}});
  }
  return list;
}

}  // namespace topichub
