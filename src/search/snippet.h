// Snippets: about kSnippetChars of a document's text around the densest run
// of query words, escaped, with those words in <mark>.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "search/index.h"

namespace topichub {

inline constexpr size_t kSnippetChars = 180;

// `hits`: indexes of the query's words among the words of the document's
// text, sorted and distinct; hits past its last word are left out.
std::string make_snippet(const SearchDocument& document, std::span<const uint32_t> hits);

}  // namespace topichub
