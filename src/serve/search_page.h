// The search page with results, made per request by the server (a static
// site has only the form; see render/pages.h search_form_view).
#pragma once

#include <string_view>

#include "render/view.h"
#include "search/searcher.h"

namespace topichub {

// The view for the "search" template. It borrows text from the index, the
// request and the result. REQUIRES: base_url ends with '/'; all three
// outlive the view.
View search_page_view(const SearchIndex& index, const SearchRequest& request, const SearchResult& result,
                      std::string_view base_url, std::string_view path_prefix);

// Reads q, topic, intent, page and limit from a query string's parameters,
// clamping numbers to sane bounds.
SearchRequest search_request_from(std::string_view q, std::string_view topic, std::string_view intent,
                                  std::string_view page_or_offset, std::string_view limit, bool offset_given);

}  // namespace topichub
