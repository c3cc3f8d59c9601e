// Well-formedness of the references content cites: PubMed IDs, DOIs and
// external URLs. Offline: nothing here looks anything up. Each function
// returns what is wrong, for a diagnostic, or nothing when the value is fine.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace topichub {

// A PMID is a whole number of 1 to 8 digits without a leading zero.
std::optional<std::string> pmid_problem(std::string_view pmid);

// A DOI is "10.<registrant>/<suffix>" (registrant 4-9 digits, optionally
// dotted sub-parts; suffix without spaces), written bare: not as a doi.org
// link or with a "doi:" prefix, which would double up in the link we make.
std::optional<std::string> doi_problem(std::string_view doi);

// The scheme of a URL ("https"), lower-cased; empty when there is none
// (a path or a fragment: a link within the site).
std::string url_scheme(std::string_view url);

// An absolute URL: http(s) with a plausible host (letters, digits, '-' and
// '.', with a dot, or localhost, or an IP) and no spaces; mailto with an
// address; tel with a number; ftp. Scripts and data: URLs are refused (the
// renderer drops them); other schemes are unknown.
std::optional<std::string> external_url_problem(std::string_view url);

}  // namespace topichub
