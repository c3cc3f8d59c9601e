// The knowledge graph of topics, with reverse edges derived.
#pragma once

#include <span>
#include <vector>

#include "core/diagnostics.h"
#include "core/site.h"

namespace topichub {

struct Edge {
  size_t other = 0;  // the related topic
  RelationType type = RelationType::overlaps;
  // False: written in this topic's file ("this caused_by other").
  // True: derived from the other topic's file ("other caused_by this", i.e. this causes other).
  bool reverse = false;
  const Relation* relation = nullptr;  // the written relation: evidence, sources, note

  Evidence evidence() const { return relation ? relation->evidence : Evidence::none; }
};

class TopicGraph {
 public:
  // Validates every relation; invalid ones are reported and left out.
  // REQUIRES: `site` outlives the graph (edges point at its relations).
  static TopicGraph build(const Site& site, Diagnostics& diagnostics);

  std::span<const Edge> edges(size_t topic) const { return edges_[topic]; }

  // Edges of one type and direction. For symmetric types both directions.
  std::vector<Edge> edges_of(size_t topic, RelationType type, bool reverse = false) const;

  // Remedies of a topic (eased_by and prevented_by, forward), one entry per
  // remedy, ordered: stronger evidence first; among equals, the remedy that
  // also addresses more of the topic's drivers first; then by name.
  struct Remedy {
    size_t topic;
    Evidence evidence;                  // the strongest grade among its relations
    std::vector<Edge> relations;        // eased_by and/or prevented_by
    std::vector<size_t> also_addresses; // the topic's drivers it also eases or prevents
  };
  std::vector<Remedy> remedies_of(size_t topic, const Site& site) const;

  // True when `remedy` eases or prevents `topic` (in either file).
  bool addresses(size_t remedy, size_t topic) const;

  size_t topic_count() const { return edges_.size(); }

 private:
  std::vector<std::vector<Edge>> edges_;
};

}  // namespace topichub
