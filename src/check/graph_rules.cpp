// remedy-source, definition, orphan, contradiction: the knowledge graph must
// say where its remedy claims come from and must not contradict itself.
// (Unknown targets, self-relations and missing grades are the graph stage's.)
#include <map>
#include <tuple>

#include "check/rules.h"

namespace topichub {
namespace {

bool is_remedy(RelationType type) { return type == RelationType::eased_by || type == RelationType::prevented_by; }

void check_remedy_sources(const Site& site, Diagnostics& diagnostics) {
  for (const auto& topic : site.topics)
    for (const auto& relation : topic.relations)
      if (is_remedy(relation.type) && relation.sources.empty())
        diagnostics.error(topic.file, relation.line, "remedy-source",
                          std::string(relation_info(relation.type).name) + " \"" + relation.target +
                              "\" needs at least one source for its evidence grade");
}

void check_definitions(const Site& site, Diagnostics& diagnostics) {
  for (const auto& topic : site.topics)
    if (topic.definition.empty())
      diagnostics.warning(topic.file, key_line(topic.key_lines, "name"), "definition",
                          "topic \"" + topic.name + "\" has no definition (the hub intro and the page description use it)");
}

void check_orphans(const CheckContext& context, Diagnostics& diagnostics) {
  const auto& site = context.site;
  std::vector<bool> has_article(site.topics.size(), false);
  for (const auto& links : context.links)
    for (const auto& weight : links.topics) has_article[weight.topic] = true;
  for (size_t t = 0; t < site.topics.size(); ++t)
    if (!has_article[t] && context.graph.edges(t).empty())
      diagnostics.warning(site.topics[t].file, 0, "orphan",
                          "topic \"" + site.topics[t].name + "\" has no articles and no relations: its hub page is empty");
}

// +1: the evidence is for it (strong, moderate, limited); -1: against it
// (no-benefit, not-recommended); 0: mixed, which agrees with either.
int direction(Evidence evidence) {
  if (evidence == Evidence::mixed || evidence == Evidence::none) return 0;
  return evidence_supports_use(evidence) ? 1 : -1;
}

// Two written relations make the same claim when they have the same type
// and the same ends (either way round for symmetric types). Their grades
// contradict when one is for and the other against.
void check_contradictions(const Site& site, Diagnostics& diagnostics) {
  struct Claim {
    const Topic* topic;
    const Relation* relation;
  };
  std::map<std::tuple<RelationType, size_t, size_t>, Claim> claims;
  for (size_t from = 0; from < site.topics.size(); ++from) {
    const auto& topic = site.topics[from];
    for (const auto& relation : topic.relations) {
      auto target = site.topic_by_slug.find(relation.target);
      if (relation.evidence == Evidence::none || target == site.topic_by_slug.end() || target->second == from) continue;
      size_t a = from, b = target->second;
      if (relation_info(relation.type).symmetric && b < a) std::swap(a, b);
      auto [it, first] = claims.emplace(std::tuple{relation.type, a, b}, Claim{&topic, &relation});
      if (first) continue;
      const auto& earlier = *it->second.relation;
      if (direction(earlier.evidence) * direction(relation.evidence) >= 0) continue;
      diagnostics.error(topic.file, relation.line, "contradiction",
                        std::string(relation_info(relation.type).name) + " \"" + relation.target + "\" is graded " +
                            std::string(evidence_name(relation.evidence)) + " here but " +
                            std::string(evidence_name(earlier.evidence)) + " at " + it->second.topic->file + ":" +
                            std::to_string(earlier.line));
    }
  }
}

}  // namespace

void check_graph(const CheckContext& context, Diagnostics& diagnostics) {
  check_remedy_sources(context.site, diagnostics);
  check_contradictions(context.site, diagnostics);
  if (context.options.errors_only) return;
  check_definitions(context.site, diagnostics);
  check_orphans(context, diagnostics);
}

}  // namespace topichub
