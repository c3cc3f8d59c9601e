// A site template through the Mustache engine.
#include <cstddef>
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "render/mustache.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const topichub::View view = topichub::View::from_json({
      {"title", "<b>T</b>"}, {"list", {1, 2, 3}}, {"items", {{{"name", "a"}}, {{"name", "b"}}}},
      {"nested", {{"deep", {{"value", "x"}}}}}, {"empty", ""}, {"flag", true}, {"none", nullptr}});
  std::string error;
  auto tmpl = topichub::MustacheTemplate::compile(std::string_view(reinterpret_cast<const char*>(data), size), error);
  if (!tmpl) return 0;
  // The template is its own partial: recursion must stay bounded.
  auto out = tmpl->render(view, [&](std::string_view) { return tmpl.get(); });
  return 0;
}
