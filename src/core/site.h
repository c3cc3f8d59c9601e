// The site model: what `load` produces and every later stage reads.
//
// Value types only. Indices (size_t) refer into Site::topics / Site::articles;
// they stay valid because the vectors are not modified after loading.
#pragma once

#include <absl/container/flat_hash_map.h>

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/date.h"
#include "core/text.h"

namespace topichub {

// ---- Relations and evidence (DESIGN.md §1) ----

enum class RelationType { overlaps, caused_by, worsened_by, eased_by, prevented_by, confused_with, part_of };

struct RelationInfo {
  RelationType type;
  std::string_view name;          // as written in front matter: "caused_by"
  std::string_view reads_as;      // "a key driver is"
  std::string_view reverse_name;  // "causes"; equal to name when symmetric
  std::string_view reverse_reads_as;
  bool symmetric;
  bool needs_evidence;
};

const RelationInfo& relation_info(RelationType type);
std::optional<RelationType> parse_relation_type(std::string_view name);
std::string_view relation_type_names();  // for error messages

enum class Evidence { none, strong, moderate, limited, mixed, no_benefit, not_recommended };

std::optional<Evidence> parse_evidence(std::string_view name);
std::string_view evidence_name(Evidence evidence);   // "no-benefit"
std::string_view evidence_label(Evidence evidence);  // "No benefit shown"
int evidence_rank(Evidence evidence);                // 0 = strongest; none sorts last
// A remedy worth suggesting as a practical step (not no-benefit or not-recommended).
bool evidence_supports_use(Evidence evidence);

// ---- Content ----

// Where each front-matter key was written (key -> 1-based line), so that
// later stages can point at a value, not just at its file.
using KeyLines = std::map<std::string, int, std::less<>>;

struct Source {
  std::string title;
  std::string url;
  std::string pmid;
  std::string doi;
  int line = 0;        // where the source starts in its file
  KeyLines key_lines;  // title, url, pmid, doi
  std::string href() const;  // url, else PubMed, else doi.org link
};

struct Relation {
  RelationType type = RelationType::overlaps;
  std::string target;  // topic slug as written
  Evidence evidence = Evidence::none;
  std::vector<Source> sources;
  std::string note;
  int line = 0;  // line of the relation in its topic file
};

// Every front-matter key the loader does not know, kept for templates.
using ExtraFields = nlohmann::json;

struct Topic {
  std::string slug;
  std::string file;  // relative to the site root
  std::string name;
  std::string title;  // hub heading; defaults to the name
  std::vector<std::string> synonyms;
  // `plain_name`: everyday wording for a technical name ("blood clot in the
  // leg" for deep vein thrombosis), which `topichub check` wants close by.
  std::vector<std::string> plain_names;
  std::string kind = "other";
  std::string definition;
  std::map<std::string, std::string> codes;  // icd10, mesh, umls_cui, snomed
  std::vector<std::string> see_a_doctor;
  std::vector<Relation> relations;
  Date reviewed_on;
  std::string body;  // the editor's Markdown for the hub page, may be empty
  int body_line = 1;
  ExtraFields extra = nlohmann::json::object();
  KeyLines key_lines;  // top-level keys
};

inline constexpr std::string_view kIntents[] = {"quick-relief", "prevention", "causes",
                                               "treatment",    "diagnosis",  "living-with"};

struct TopicRef {
  std::string text;  // as written: slug, name or synonym
  int line = 0;
};

struct Article {
  std::string slug;
  std::string file;
  std::string title;
  std::string summary;
  Date date;
  Date lastmod;
  std::vector<TopicRef> topic_refs;
  std::vector<TopicRef> tags;  // Hugo-style tags: topics when they match, else ignored
  std::vector<std::string> intents;
  std::string reviewed_by;
  Date reviewed_on;
  std::vector<Source> sources;
  bool draft = false;
  std::string body;
  int body_line = 1;  // line in the file where the body starts
  ExtraFields extra = nlohmann::json::object();
  KeyLines key_lines;  // top-level keys

  std::vector<size_t> topics;  // resolved topic_refs (and matching tags), in order

  Date freshness() const { return lastmod.is_set() ? lastmod : date; }
};

struct SearchOptions {
  int typo_min_length_one_edit = 5;
  int typo_min_length_two_edits = 9;
};

struct Config {
  std::string title = "topichub site";
  std::string base_url = "http://127.0.0.1:8080/";
  std::string language = "en";
  std::string description;
  std::string date_format = "%-d %B %Y";
  int reading_grade = 8;
  int max_review_age_months = 24;
  int hub_page_size = 20;
  SearchOptions search;
  ExtraFields extra = nlohmann::json::object();
};

struct Site {
  std::string root;  // the site folder as given
  Config config;
  std::vector<Topic> topics;
  std::vector<Article> articles;
  // Slug -> index in topics or articles. Swiss tables: a build inserts one
  // entry per article on one thread (docs/decisions.md, "Hash maps").
  using SlugIndex = absl::flat_hash_map<std::string, size_t, StringHash, std::equal_to<>>;
  SlugIndex topic_by_slug;
  SlugIndex article_by_slug;

  const Topic* find_topic(std::string_view slug) const;
};

}  // namespace topichub
