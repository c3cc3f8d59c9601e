#include "graph/graph.h"

#include <algorithm>

#include "load/loader.h"

namespace topichub {
namespace {

bool same_edge(const Edge& a, const Edge& b) {
  if (a.other != b.other || a.type != b.type) return false;
  return relation_info(a.type).symmetric || a.reverse == b.reverse;
}

void add_unique(std::vector<Edge>& edges, const Edge& edge) {
  if (std::none_of(edges.begin(), edges.end(), [&](const Edge& e) { return same_edge(e, edge); }))
    edges.push_back(edge);
}

}  // namespace

TopicGraph TopicGraph::build(const Site& site, Diagnostics& diagnostics) {
  TopicGraph graph;
  graph.edges_.resize(site.topics.size());
  TopicLookup lookup(site);
  for (size_t from = 0; from < site.topics.size(); ++from) {
    const auto& topic = site.topics[from];
    for (const auto& relation : topic.relations) {
      const auto& info = relation_info(relation.type);
      auto target = site.topic_by_slug.find(relation.target);
      if (target == site.topic_by_slug.end()) {
        std::string hint;
        if (auto by_name = lookup.find(relation.target))
          hint = " (did you mean \"" + site.topics[*by_name].slug + "\"?)";
        diagnostics.error(topic.file, relation.line, "relation-target",
                          "unknown topic \"" + relation.target + "\" in " + std::string(info.name) + " relation" + hint);
        continue;
      }
      size_t to = target->second;
      if (to == from) {
        diagnostics.error(topic.file, relation.line, "relation-self",
                          "topic \"" + topic.slug + "\" cannot be " + std::string(info.name) + " itself");
        continue;
      }
      if (info.needs_evidence && relation.evidence == Evidence::none) {
        diagnostics.error(topic.file, relation.line, "relation-evidence",
                          std::string(info.name) + " relation to \"" + relation.target +
                              "\" needs an evidence grade (strong, moderate, limited, mixed, no-benefit or "
                              "not-recommended)");
        continue;
      }
      Edge forward{to, relation.type, false, &relation};
      if (std::any_of(graph.edges_[from].begin(), graph.edges_[from].end(),
                      [&](const Edge& e) { return same_edge(e, forward) && !e.reverse; })) {
        diagnostics.warning(topic.file, relation.line, "relation-duplicate",
                            std::string(info.name) + " \"" + relation.target + "\" is written twice");
        continue;
      }
      add_unique(graph.edges_[from], forward);
      add_unique(graph.edges_[to], Edge{from, relation.type, !info.symmetric, &relation});
    }
  }
  return graph;
}

std::vector<Edge> TopicGraph::edges_of(size_t topic, RelationType type, bool reverse) const {
  std::vector<Edge> out;
  bool symmetric = relation_info(type).symmetric;
  for (const auto& edge : edges_[topic])
    if (edge.type == type && (symmetric || edge.reverse == reverse)) out.push_back(edge);
  return out;
}

bool TopicGraph::addresses(size_t remedy, size_t topic) const {
  for (const auto& edge : edges_[topic])
    if (edge.other == remedy && !edge.reverse &&
        (edge.type == RelationType::eased_by || edge.type == RelationType::prevented_by) &&
        evidence_supports_use(edge.evidence()))
      return true;
  return false;
}

std::vector<TopicGraph::Remedy> TopicGraph::remedies_of(size_t topic, const Site& site) const {
  std::vector<Remedy> remedies;
  auto drivers = edges_of(topic, RelationType::caused_by);
  for (const auto& edge : edges_[topic]) {
    if (edge.reverse || (edge.type != RelationType::eased_by && edge.type != RelationType::prevented_by)) continue;
    auto it = std::find_if(remedies.begin(), remedies.end(), [&](const Remedy& r) { return r.topic == edge.other; });
    if (it == remedies.end()) {
      remedies.push_back(Remedy{edge.other, edge.evidence(), {}, {}});
      it = std::prev(remedies.end());
      for (const auto& driver : drivers)
        if (addresses(edge.other, driver.other)) it->also_addresses.push_back(driver.other);
    }
    it->relations.push_back(edge);
    if (evidence_rank(edge.evidence()) < evidence_rank(it->evidence)) it->evidence = edge.evidence();
  }
  std::stable_sort(remedies.begin(), remedies.end(), [&](const Remedy& a, const Remedy& b) {
    if (evidence_rank(a.evidence) != evidence_rank(b.evidence)) return evidence_rank(a.evidence) < evidence_rank(b.evidence);
    if (a.also_addresses.size() != b.also_addresses.size()) return a.also_addresses.size() > b.also_addresses.size();
    return site.topics[a.topic].name < site.topics[b.topic].name;
  });
  return remedies;
}

}  // namespace topichub
