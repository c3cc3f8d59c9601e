#include "load/fields.h"

#include "core/text.h"

namespace topichub {
namespace {

const nlohmann::json kNull = nullptr;

std::string pointer_of(std::string_view key) { return "/" + std::string(key); }

}  // namespace

std::optional<std::string> scalar_text(const nlohmann::json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number_integer()) return std::to_string(value.get<long long>());
  if (value.is_number()) return value.dump();
  if (value.is_boolean()) return value.get<bool>() ? "true" : "false";
  return std::nullopt;
}

const nlohmann::json* FieldReader::find(std::string_view key) {
  known_.insert(std::string(key));
  const auto& data = front_matter_.data;
  if (!data.is_object()) return nullptr;
  auto it = data.find(std::string(key));
  if (it == data.end() || it->is_null()) return nullptr;
  return &*it;
}

bool FieldReader::has(std::string_view key) const {
  const auto& data = front_matter_.data;
  return data.is_object() && data.contains(std::string(key)) && !data.at(std::string(key)).is_null();
}

int FieldReader::line(std::string_view key) const { return front_matter_.line_of(pointer_of(key)); }

std::string FieldReader::text(std::string_view key) {
  const auto* value = find(key);
  if (!value) return {};
  if (auto text = scalar_text(*value)) return std::string(trim(*text));
  error(line(key), "'" + std::string(key) + "' must be text, not a list or a map");
  return {};
}

std::vector<TextItem> FieldReader::text_list(std::string_view key) {
  std::vector<TextItem> items;
  const auto* value = find(key);
  if (!value) return items;
  if (auto text = scalar_text(*value)) {
    if (!trim(*text).empty()) items.push_back({std::string(trim(*text)), line(key)});
    return items;
  }
  if (!value->is_array()) {
    error(line(key), "'" + std::string(key) + "' must be text or a list of texts");
    return items;
  }
  for (size_t i = 0; i < value->size(); ++i) {
    auto pointer = pointer_of(key) + "/" + std::to_string(i);
    if (auto text = scalar_text((*value)[i])) {
      if (!trim(*text).empty()) items.push_back({std::string(trim(*text)), front_matter_.line_of(pointer)});
    } else {
      error(front_matter_.line_of(pointer), "each item of '" + std::string(key) + "' must be text");
    }
  }
  return items;
}

std::optional<bool> FieldReader::flag(std::string_view key) {
  const auto* value = find(key);
  if (!value) return std::nullopt;
  if (value->is_boolean()) return value->get<bool>();
  error(line(key), "'" + std::string(key) + "' must be true or false");
  return std::nullopt;
}

Date FieldReader::date(std::string_view key) {
  const auto* value = find(key);
  if (!value) return {};
  auto text = scalar_text(*value);
  if (text) {
    if (auto date = parse_date(trim(*text))) return *date;
  }
  error(line(key), "unparseable date " + (text ? "\"" + *text + "\"" : std::string("value")) + " in '" +
                       std::string(key) + "' (expected YYYY-MM-DD)");
  return {};
}

std::vector<Source> FieldReader::sources_at(const nlohmann::json& value, const std::string& pointer) {
  std::vector<Source> sources;
  if (value.is_null()) return sources;
  if (!value.is_array()) {
    error(front_matter_.line_of(pointer), "sources must be a list");
    return sources;
  }
  for (size_t i = 0; i < value.size(); ++i) {
    const auto& item = value[i];
    auto item_pointer = pointer + "/" + std::to_string(i);
    Source source;
    if (auto text = scalar_text(item)) {
      source.url = *text;
      source.title = *text;
    } else if (item.is_object()) {
      auto read = [&](const char* name) {
        auto it = item.find(name);
        if (it == item.end()) return std::string();
        auto text = scalar_text(*it);
        if (!text) error(front_matter_.line_of(item_pointer + "/" + name), std::string("source ") + name + " must be text");
        return text ? std::string(trim(*text)) : std::string();
      };
      source.title = read("title");
      source.url = read("url");
      source.pmid = read("pmid");
      source.doi = read("doi");
      if (source.title.empty()) source.title = source.url.empty() ? (source.pmid.empty() ? source.doi : "PubMed " + source.pmid) : source.url;
    } else {
      error(front_matter_.line_of(item_pointer), "each source must be a URL or a map of title, url, pmid, doi");
      continue;
    }
    sources.push_back(std::move(source));
  }
  return sources;
}

std::vector<Source> FieldReader::sources(std::string_view key) {
  const auto* value = find(key);
  if (!value) return {};
  return sources_at(*value, pointer_of(key));
}

const nlohmann::json& FieldReader::raw(std::string_view key) {
  const auto* value = find(key);
  return value ? *value : kNull;
}

nlohmann::json FieldReader::extra() const {
  auto extra = nlohmann::json::object();
  if (!front_matter_.data.is_object()) return extra;
  for (const auto& [key, value] : front_matter_.data.items())
    if (!known_.contains(key)) extra[key] = value;
  return extra;
}

}  // namespace topichub
