#include "load/config.h"

#include "load/fields.h"

namespace topichub {
namespace {

// Reads an integer key of a [section]; returns fallback when absent.
int read_int(const nlohmann::json& section, const char* key, int fallback, int minimum, FieldReader& reader,
             const std::string& pointer) {
  auto it = section.find(key);
  if (it == section.end()) return fallback;
  if (!it->is_number_integer() || it->get<long long>() < minimum || it->get<long long>() > 1000) {
    reader.error(reader.front_matter().line_of(pointer + "/" + key),
                 std::string("'") + key + "' must be a whole number from " + std::to_string(minimum) + " to 1000");
    return fallback;
  }
  return static_cast<int>(it->get<long long>());
}

}  // namespace

Config parse_config(std::string_view text, std::string_view file, Diagnostics& diagnostics) {
  FrontMatter document = parse_toml_document(text, file, diagnostics);
  FieldReader reader(document, file, diagnostics);
  Config config;
  if (auto title = reader.text("title"); !title.empty()) config.title = title;
  if (auto base_url = reader.text("base_url"); !base_url.empty()) config.base_url = base_url;
  if (!config.base_url.empty() && config.base_url.back() != '/') config.base_url += '/';
  if (!config.base_url.starts_with("http://") && !config.base_url.starts_with("https://") &&
      !config.base_url.starts_with("/"))
    reader.error(reader.line("base_url"), "base_url must start with http://, https:// or /");
  if (auto language = reader.text("language"); !language.empty()) config.language = language;
  config.description = reader.text("description");
  if (auto format = reader.text("date_format"); !format.empty()) config.date_format = format;

  const auto& check = reader.raw("check");
  if (check.is_object()) {
    config.reading_grade = read_int(check, "reading_grade", config.reading_grade, 1, reader, "/check");
    config.max_review_age_months =
        read_int(check, "max_review_age_months", config.max_review_age_months, 1, reader, "/check");
  }
  const auto& search = reader.raw("search");
  if (search.is_object()) {
    config.search.typo_min_length_one_edit =
        read_int(search, "typo_min_length_one_edit", config.search.typo_min_length_one_edit, 1, reader, "/search");
    config.search.typo_min_length_two_edits =
        read_int(search, "typo_min_length_two_edits", config.search.typo_min_length_two_edits, 1, reader, "/search");
  }
  const auto& hub = reader.raw("hub");
  if (hub.is_object()) config.hub_page_size = read_int(hub, "page_size", config.hub_page_size, 1, reader, "/hub");
  config.extra = reader.extra();
  return config;
}

}  // namespace topichub
