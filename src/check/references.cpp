#include "check/references.h"

#include <cctype>

namespace topichub {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool has_space(std::string_view text) {
  for (char c : text)
    if (static_cast<unsigned char>(c) <= ' ' || c == '\x7f') return true;
  return false;
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool is_ipv4(std::string_view host) {
  int parts = 0;
  size_t at = 0;
  while (at <= host.size()) {
    size_t end = host.find('.', at);
    if (end == std::string_view::npos) end = host.size();
    auto part = host.substr(at, end - at);
    if (part.empty() || part.size() > 3) return false;
    for (char c : part)
      if (!is_digit(c)) return false;
    if (std::stoi(std::string(part)) > 255) return false;
    ++parts;
    at = end + 1;
  }
  return parts == 4;
}

// Host names as registered: labels of letters, digits and '-' (not at either
// end) joined by dots; non-ASCII bytes allowed for internationalised names.
std::optional<std::string> host_problem(std::string_view host) {
  if (host.empty()) return "has no host name";
  if (host.front() == '[') return host.back() == ']' ? std::nullopt : std::optional<std::string>("has a malformed IPv6 host");
  if (host == "localhost" || is_ipv4(host)) return std::nullopt;
  if (host.back() == '.') host.remove_suffix(1);  // a fully qualified "example.org."
  if (host.find('.') == std::string_view::npos) return "host \"" + std::string(host) + "\" has no dot";
  size_t at = 0;
  while (at <= host.size()) {
    size_t end = host.find('.', at);
    if (end == std::string_view::npos) end = host.size();
    auto label = host.substr(at, end - at);
    if (label.empty()) return "host \"" + std::string(host) + "\" has an empty part";
    if (label.front() == '-' || label.back() == '-') return "host \"" + std::string(host) + "\" has a part starting or ending with '-'";
    for (char c : label)
      if (!is_alpha(c) && !is_digit(c) && c != '-' && static_cast<unsigned char>(c) < 0x80)
        return "host \"" + std::string(host) + "\" has the character '" + std::string(1, c) + "'";
    at = end + 1;
  }
  auto top = host.substr(host.rfind('.') + 1);
  for (char c : top)
    if (is_digit(c)) return "host \"" + std::string(host) + "\" has no top-level domain";
  return std::nullopt;
}

}  // namespace

std::optional<std::string> pmid_problem(std::string_view pmid) {
  auto example = " (digits only, such as 22963024)";
  if (pmid.empty()) return "empty PubMed ID";
  for (char c : pmid)
    if (!is_digit(c)) return "PubMed ID \"" + std::string(pmid) + "\" is not a number" + example;
  if (pmid.front() == '0') return "PubMed ID \"" + std::string(pmid) + "\" starts with 0" + example;
  if (pmid.size() > 8) return "PubMed ID \"" + std::string(pmid) + "\" is too long" + example;
  return std::nullopt;
}

std::optional<std::string> doi_problem(std::string_view doi) {
  auto quoted = "DOI \"" + std::string(doi) + "\"";
  auto folded = lower(doi);
  for (std::string_view prefix : {"https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi:"})
    if (folded.starts_with(prefix))
      return quoted + ": write the DOI without \"" + std::string(doi.substr(0, prefix.size())) + "\" (" +
             std::string(doi.substr(prefix.size())) + ")";
  if (has_space(doi)) return quoted + " has spaces in it";
  if (!doi.starts_with("10.")) return quoted + " does not start with \"10.\" (such as 10.1093/ageing/afw139)";
  size_t slash = doi.find('/');
  if (slash == std::string_view::npos) return quoted + " has no '/' between prefix and suffix";
  auto registrant = doi.substr(3, slash - 3);
  size_t digits = 0;
  while (digits < registrant.size() && is_digit(registrant[digits])) ++digits;
  bool sub_parts_ok = true;
  for (size_t i = digits; i < registrant.size(); ++i)
    if (!is_digit(registrant[i]) && !(registrant[i] == '.' && i + 1 < registrant.size() && is_digit(registrant[i + 1])))
      sub_parts_ok = false;
  if (digits < 4 || digits > 9 || !sub_parts_ok) return quoted + " has a malformed prefix (10. then 4 to 9 digits)";
  if (slash + 1 == doi.size()) return quoted + " has nothing after the '/'";
  return std::nullopt;
}

std::string url_scheme(std::string_view url) {
  if (url.empty() || !is_alpha(url.front())) return {};
  for (size_t i = 1; i < url.size(); ++i) {
    char c = url[i];
    if (c == ':') return lower(url.substr(0, i));
    if (!is_alpha(c) && !is_digit(c) && c != '+' && c != '-' && c != '.') return {};
  }
  return {};
}

std::optional<std::string> external_url_problem(std::string_view url) {
  auto quoted = "URL \"" + std::string(url) + "\"";
  auto scheme = url_scheme(url);
  if (scheme.empty()) return quoted + " is not an absolute URL (such as https://www.nhs.uk/)";
  auto rest = url.substr(scheme.size() + 1);
  if (has_space(url)) return quoted + " has spaces in it (write them as %20)";
  if (scheme == "javascript" || scheme == "vbscript" || scheme == "data")
    return quoted + " is a " + scheme + ": link, which pages never carry";
  if (scheme == "mailto") {
    return rest.find('@') == std::string_view::npos ? std::optional<std::string>(quoted + " has no e-mail address")
                                                    : std::nullopt;
  }
  if (scheme == "tel") {
    for (char c : rest)
      if (!is_digit(c) && c != '+' && c != '-' && c != '.' && c != '(' && c != ')') return quoted + " is not a phone number";
    return rest.empty() ? std::optional<std::string>(quoted + " has no number") : std::nullopt;
  }
  if (scheme != "http" && scheme != "https" && scheme != "ftp")
    return quoted + " has an unknown scheme \"" + scheme + ":\" (expected https, http, mailto or tel)";
  if (!rest.starts_with("//")) return quoted + " needs \"//\" after \"" + scheme + ":\"";
  auto authority = rest.substr(2);
  authority = authority.substr(0, authority.find_first_of("/?#"));
  if (auto at = authority.rfind('@'); at != std::string_view::npos) authority.remove_prefix(at + 1);
  auto host = authority;
  if (auto colon = authority.rfind(':'); colon != std::string_view::npos && authority.front() != '[') {
    host = authority.substr(0, colon);
    auto port = authority.substr(colon + 1);
    bool numeric = !port.empty() && port.size() <= 5;
    for (char c : port) numeric = numeric && is_digit(c);
    if (!numeric) return quoted + " has a malformed port \"" + std::string(port) + "\"";
  }
  if (auto problem = host_problem(host)) return quoted + " " + *problem;
  return std::nullopt;
}

}  // namespace topichub
