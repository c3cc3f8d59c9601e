#include "load/content.h"

#include <algorithm>

#include "core/text.h"
#include "load/fields.h"

namespace topichub {
namespace {

constexpr std::string_view kKinds[] = {"condition", "symptom", "cause", "mechanism", "remedy", "nutrient",
                                       "exercise",  "drug",    "test",  "other"};

std::string read_slug(FieldReader& reader, std::string_view default_slug) {
  auto slug = reader.text("slug");
  if (slug.empty()) return is_valid_slug(default_slug) ? std::string(default_slug) : slugify(default_slug);
  if (!is_valid_slug(slug)) {
    reader.error(reader.line("slug"), "slug \"" + slug + "\" may hold only a-z, 0-9, '-' and '_'");
    return slugify(slug);
  }
  return slug;
}

// When the file name yields no slug ("..md"), the title or name gives one.
std::string slug_from_text(FieldReader& reader, std::string_view text) {
  auto slug = slugify(text);
  if (slug.empty())
    reader.error(reader.front_matter().opening_line, "cannot make a URL slug from the file name; set 'slug:'");
  return slug.empty() ? "untitled" : slug;
}

std::vector<TopicRef> to_refs(const std::vector<TextItem>& items) {
  std::vector<TopicRef> refs;
  for (const auto& item : items) refs.push_back({item.text, item.line});
  return refs;
}

std::vector<std::string> to_texts(const std::vector<TextItem>& items) {
  std::vector<std::string> texts;
  for (const auto& item : items) texts.push_back(item.text);
  return texts;
}

KeyLines top_level_lines(const FrontMatter& front_matter) {
  KeyLines lines;
  for (const auto& [pointer, line] : front_matter.lines)
    if (pointer.size() > 1 && pointer.find('/', 1) == std::string::npos) lines.emplace(pointer.substr(1), line);
  return lines;
}

// Gives each source read from `value` (at `pointer`) the lines of its keys.
// Skips what FieldReader::sources_at skips (items neither text nor a map), so
// that the n-th source read is matched with the n-th kept item.
void locate_sources(const FrontMatter& front_matter, const nlohmann::json& value, const std::string& pointer,
                    std::vector<Source>& sources) {
  if (!value.is_array()) return;
  size_t next = 0;
  for (size_t i = 0; i < value.size() && next < sources.size(); ++i) {
    if (!scalar_text(value[i]) && !value[i].is_object()) continue;
    auto item_pointer = pointer + "/" + std::to_string(i);
    auto& source = sources[next++];
    source.line = front_matter.line_of(item_pointer);
    for (const char* key : {"title", "url", "pmid", "doi"})
      if (auto it = front_matter.lines.find(item_pointer + "/" + key); it != front_matter.lines.end())
        source.key_lines.emplace(key, it->second);
  }
}

std::vector<Relation> read_relations(FieldReader& reader) {
  std::vector<Relation> relations;
  const auto& value = reader.raw("relations");
  if (value.is_null()) return relations;
  if (!value.is_array()) {
    reader.error(reader.line("relations"), "relations must be a list of {type, target, ...}");
    return relations;
  }
  const auto& front_matter = reader.front_matter();
  for (size_t i = 0; i < value.size(); ++i) {
    auto pointer = "/relations/" + std::to_string(i);
    const auto& item = value[i];
    int line = front_matter.line_of(pointer);
    if (!item.is_object()) {
      reader.error(line, "each relation must be a map with type and target");
      continue;
    }
    Relation relation;
    relation.line = line;
    auto field = [&](const char* key) {
      auto it = item.find(key);
      if (it == item.end() || it->is_null()) return std::string();
      auto text = scalar_text(*it);
      if (!text) reader.error(front_matter.line_of(pointer + "/" + key), std::string("relation ") + key + " must be text");
      return text ? std::string(trim(*text)) : std::string();
    };
    auto type = field("type");
    auto parsed_type = parse_relation_type(type);
    if (!parsed_type) {
      reader.error(front_matter.line_of(pointer + "/type"),
                   type.empty() ? "relation has no type"
                                : "unknown relation type \"" + type + "\" (expected one of " +
                                      std::string(relation_type_names()) + ")");
      continue;
    }
    relation.type = *parsed_type;
    relation.target = field("target");
    if (relation.target.empty()) {
      reader.error(line, "relation has no target");
      continue;
    }
    if (auto evidence = field("evidence"); !evidence.empty()) {
      auto parsed = parse_evidence(evidence);
      if (parsed) relation.evidence = *parsed;
      else
        reader.error(front_matter.line_of(pointer + "/evidence"),
                     "unknown evidence grade \"" + evidence +
                         "\" (expected strong, moderate, limited, mixed, no-benefit or not-recommended)");
    }
    relation.note = field("note");
    if (item.contains("sources")) {
      relation.sources = reader.sources_at(item["sources"], pointer + "/sources");
      locate_sources(front_matter, item["sources"], pointer + "/sources", relation.sources);
    }
    for (const auto& [key, unused] : item.items()) {
      if (key != "type" && key != "target" && key != "evidence" && key != "note" && key != "sources")
        reader.diagnostics().warning(reader.file(), front_matter.line_of(pointer + "/" + key), "front-matter",
                                     "unknown relation key '" + key + "' ignored");
    }
    relations.push_back(std::move(relation));
  }
  return relations;
}

std::map<std::string, std::string> read_codes(FieldReader& reader) {
  std::map<std::string, std::string> codes;
  const auto& value = reader.raw("codes");
  if (value.is_null()) return codes;
  if (!value.is_object()) {
    reader.error(reader.line("codes"), "codes must be a map such as {icd10: G47.62, mesh: D009120}");
    return codes;
  }
  for (const auto& [system, code] : value.items()) {
    if (auto text = scalar_text(code)) {
      codes[system] = *text;
    } else if (code.is_array() && !code.empty()) {
      std::string joined;
      for (const auto& part : code)
        if (auto text = scalar_text(part)) joined += (joined.empty() ? "" : ", ") + *text;
      codes[system] = joined;
    }
  }
  return codes;
}

// Strips inline Markdown from a line of text: emphasis marks, code ticks, and
// links/images reduced to their text.
std::string strip_inline_markdown(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '!' && i + 1 < text.size() && text[i + 1] == '[') continue;
    if (c == '[') {
      auto close = text.find("](", i);
      auto end = close == std::string_view::npos ? close : text.find(')', close);
      if (end != std::string_view::npos) {
        out += text.substr(i + 1, close - i - 1);
        i = end;
        continue;
      }
    }
    if (c == '*' || c == '_' || c == '`') continue;
    out += c;
  }
  return out;
}

}  // namespace

Article parse_article(FrontMatter front_matter, std::string_view file, std::string_view default_slug,
                      Diagnostics& diagnostics) {
  FieldReader reader(front_matter, file, diagnostics);
  Article article;
  article.file = std::string(file);
  article.slug = read_slug(reader, default_slug);
  article.title = collapse_whitespace(reader.text("title"));
  if (article.title.empty()) reader.error(front_matter.opening_line, "article has no title");
  if (article.slug.empty()) article.slug = slug_from_text(reader, article.title);
  article.summary = collapse_whitespace(reader.text("summary"));
  article.date = reader.date("date");
  article.lastmod = reader.date("lastmod");
  article.topic_refs = to_refs(reader.text_list("topics"));
  article.tags = to_refs(reader.text_list("tags"));
  for (const auto& intent : reader.text_list("intent")) {
    if (std::find(std::begin(kIntents), std::end(kIntents), intent.text) == std::end(kIntents))
      reader.error(intent.line, "unknown intent \"" + intent.text +
                                    "\" (expected quick-relief, prevention, causes, treatment, diagnosis or living-with)");
    else if (std::find(article.intents.begin(), article.intents.end(), intent.text) == article.intents.end())
      article.intents.push_back(intent.text);
  }
  {
    auto reviewers = reader.text_list("reviewed_by");
    for (const auto& reviewer : reviewers)
      article.reviewed_by += (article.reviewed_by.empty() ? "" : ", ") + reviewer.text;
  }
  article.reviewed_on = reader.date("reviewed_on");
  article.sources = reader.sources("sources");
  if (front_matter.data.is_object() && front_matter.data.contains("sources"))
    locate_sources(front_matter, front_matter.data.at("sources"), "/sources", article.sources);
  article.draft = reader.flag("draft").value_or(false);
  article.body = std::move(front_matter.body);
  article.body_line = front_matter.body_line;
  if (article.summary.empty()) article.summary = summary_from_markdown(article.body);
  article.extra = reader.extra();
  article.key_lines = top_level_lines(front_matter);
  return article;
}

Topic parse_topic(FrontMatter front_matter, std::string_view file, std::string_view default_slug,
                  Diagnostics& diagnostics) {
  FieldReader reader(front_matter, file, diagnostics);
  Topic topic;
  topic.file = std::string(file);
  topic.slug = read_slug(reader, default_slug);
  topic.name = collapse_whitespace(reader.text("name"));
  topic.title = collapse_whitespace(reader.text("title"));
  if (topic.name.empty()) topic.name = topic.title;  // Hugo taxonomy terms carry only a title
  if (topic.name.empty()) {
    // Still publishable: the slug stands in, and the editor is told.
    topic.name = topic.slug;
    std::replace(topic.name.begin(), topic.name.end(), '-', ' ');
    reader.diagnostics().warning(file, reader.has("name") ? reader.line("name") : front_matter.opening_line,
                                 "front-matter", "topic has no name; using \"" + topic.name + "\" from its slug");
  }
  if (topic.slug.empty()) topic.slug = slug_from_text(reader, topic.name);
  if (topic.title.empty()) topic.title = capitalize_first(topic.name);
  for (const auto& synonym : reader.text_list("synonyms"))
    if (fold(synonym.text) != fold(topic.name)) topic.synonyms.push_back(synonym.text);
  topic.plain_names = to_texts(reader.text_list("plain_name"));
  if (auto kind = reader.text("kind"); !kind.empty()) {
    if (std::find(std::begin(kKinds), std::end(kKinds), kind) == std::end(kKinds))
      reader.error(reader.line("kind"), "unknown kind \"" + kind +
                                            "\" (expected condition, symptom, cause, mechanism, remedy, nutrient, "
                                            "exercise, drug, test or other)");
    else
      topic.kind = kind;
  }
  topic.definition = collapse_whitespace(reader.text("definition"));
  while (!topic.definition.empty() && topic.definition.back() == '.') topic.definition.pop_back();
  topic.codes = read_codes(reader);
  topic.see_a_doctor = to_texts(reader.text_list("see_a_doctor"));
  topic.relations = read_relations(reader);
  topic.reviewed_on = reader.date("reviewed_on");
  topic.body = std::move(front_matter.body);
  topic.body_line = front_matter.body_line;
  topic.extra = reader.extra();
  topic.key_lines = top_level_lines(front_matter);
  return topic;
}

std::string summary_from_markdown(std::string_view body, size_t max_chars) {
  std::string paragraph;
  bool in_fence = false;
  size_t pos = 0;
  while (pos <= body.size()) {
    auto end = body.find('\n', pos);
    if (end == std::string_view::npos) end = body.size();
    auto line = trim(body.substr(pos, end - pos));
    pos = end + 1;
    if (line.starts_with("```") || line.starts_with("~~~")) {
      in_fence = !in_fence;
      continue;
    }
    if (in_fence) continue;
    bool structural = line.empty() || line[0] == '#' || line[0] == '>' || line[0] == '|' || line[0] == '<' ||
                      line.starts_with("- ") || line.starts_with("* ") || line.starts_with("---");
    if (structural) {
      if (!paragraph.empty()) break;
      continue;
    }
    paragraph += (paragraph.empty() ? "" : " ") + std::string(line);
    if (end == body.size()) break;
  }
  return shorten(collapse_whitespace(strip_inline_markdown(paragraph)), max_chars);
}

}  // namespace topichub
