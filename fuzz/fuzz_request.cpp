// A request target (path and query string) through URL decoding, path
// resolution and search-parameter parsing, as the server does.
#include <httplib.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "serve/page_store.h"
#include "serve/search_page.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const topichub::PageStore pages({{"index.html", "home"}, {"topics/x/index.html", "hub"},
                                          {"style.css", "css"}, {"404.html", "missing"}});
  std::string target(reinterpret_cast<const char*>(data), size);
  auto question = target.find('?');
  auto path = httplib::detail::decode_url(target.substr(0, question), false);
  auto resolved = pages.resolve(path);
  if (resolved.resolution == topichub::Resolution::found && !resolved.page) __builtin_trap();
  if (question != std::string::npos) {
    httplib::Params params;
    httplib::detail::parse_query_text(target.substr(question + 1), params);
    auto get = [&](const char* key) {
      auto it = params.find(key);
      return it == params.end() ? std::string() : it->second;
    };
    auto request = topichub::search_request_from(get("q"), get("topic"), get("intent"), get("page"), get("limit"),
                                                 params.count("offset") > 0);
    if (request.limit == 0 || request.limit > topichub::kMaxLimit) __builtin_trap();
  }
  return 0;
}
