// Views for the pages other than hubs: article, home, topics A–Z, 404.
#pragma once

#include "render/context.h"
#include "render/view.h"

namespace topichub {

// `body_text`, when given, receives the visible text of the body.
View article_view(const RenderContext& context, size_t article, std::string* body_text = nullptr);
View home_view(const RenderContext& context);
View topics_index_view(const RenderContext& context);
View not_found_view(const RenderContext& context);
// The search page without results: the form (served statically; the server
// answers /search/?q= with results).
View search_form_view(const RenderContext& context);

// The article's first-mention topic links, as insertions for render_markdown.
std::vector<struct LinkInsertion> topic_link_insertions(const RenderContext& context, size_t article);

}  // namespace topichub
