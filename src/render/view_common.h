// Pieces of view models shared by every page: the site block, page metadata
// (title, description, canonical URL, Open Graph), article cards.
#pragma once

#include <string>
#include <string_view>

#include "render/context.h"
#include "render/view.h"

namespace topichub {

struct PageMeta {
  std::string title;
  std::string description;
  std::string path;  // site path: "/topics/x/"
  std::string og_type = "website";
  std::string json_ld;  // script-safe JSON text (render/json_ld.h), or "" for none
  std::string feed;        // path of a page-specific feed, if any
};

// { title, description, language, base_url, params }: the `site` of every view.
View site_block(const Config& config, std::string_view base_url);

// { site: {...}, page: {...}, root } — the fields every template may use.
// The site block is the context's, shared.
View base_view(const RenderContext& context, const PageMeta& meta);
// The same for pages made outside a full render (the server's search page).
// REQUIRES: base_url ends with '/', path_prefix is its path.
View base_view(const Config& config, std::string_view base_url, std::string_view path_prefix,
               const PageMeta& meta);

// { title, url, summary, date, date_iso, topics: [...] } for lists of
// articles: the context's card, shared, once RenderContext::make_cards ran.
View article_card(const RenderContext& context, size_t article);
// A new card. REQUIRES: the context outlives it (it borrows the site's text).
View make_article_card(const RenderContext& context, size_t article);

View sources_view(std::span<const Source> sources);

}  // namespace topichub
