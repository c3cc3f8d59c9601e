// The hub intro written from the graph, in the manner of the reference page:
// the topic's definition, what it overlaps with, its drivers (with how strong
// the evidence is), what can amplify it, what it is confused with — each
// linked concept named with its own definition and linked to its hub.
#pragma once

#include <string>

#include "render/context.h"

namespace topichub {

// HTML: one or two <p> elements. Every sentence is built from the graph; no
// sentence needs a verb that agrees with the topic's name (modal verbs only),
// so plural and singular names both read correctly.
std::string write_hub_intro(const RenderContext& context, size_t topic);

// "<a href=...>muscle cramps</a>, involuntary contractions of ..." — the
// definition only the first time a concept is named (tracked in `defined`).
std::string concept_html(const RenderContext& context, size_t topic, std::vector<size_t>* defined);

}  // namespace topichub
