// The concept map: an SVG drawn at build time with the topic at the centre
// and its related topics around it, grouped by relation. Each node links to
// its hub; remedies carry their evidence grade. Readable without JavaScript;
// screen readers get <title>/<desc>, and the page lists the same links as text.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "render/context.h"

namespace topichub {

struct ConceptGroup {
  std::string_view label;  // "Possible drivers", "Remedies"…
  std::string_view css;    // class suffix for colour
  struct Member {
    size_t topic;
    Evidence evidence;
  };
  std::vector<Member> members;
};

// The topic's neighbours grouped by relation, in reading order. A topic
// appears in every group it belongs to.
std::vector<ConceptGroup> concept_groups(const RenderContext& context, size_t topic);

// REQUIRES: groups from concept_groups(context, topic).
std::string draw_concept_map(const RenderContext& context, size_t topic, const std::vector<ConceptGroup>& groups);

}  // namespace topichub
