// The hub page of a topic: heading and synonyms, intro (editor's or
// generated), practical steps, the evidence, red flags, the curated
// collection (paginated), the concept map, related topics, JSON-LD.
#pragma once

#include <string>

#include "render/context.h"
#include "render/view.h"

namespace topichub {

// Number of collection pages for a topic (at least 1).
size_t hub_page_count(const RenderContext& context, size_t topic);

// Site path of page `page` (1-based): "/topics/x/", "/topics/x/page/2/".
std::string hub_page_path(const RenderContext& context, size_t topic, size_t page);

// The view for the "hub" template. REQUIRES: 1 <= page <= hub_page_count().
// `body_text`, when given and on the first page, receives the visible text of the topic's body.
View hub_view(const RenderContext& context, size_t topic, size_t page, std::string* body_text = nullptr);

// The hub's structured data: script-safe JSON-LD text (render/json_ld.h).
std::string hub_json_ld(const RenderContext& context, size_t topic);

}  // namespace topichub
