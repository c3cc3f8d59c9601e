// The front matter subset reader against libyaml: whatever the subset
// reader takes, it must read as libyaml does (load/yaml_events.h).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "load/yaml_events.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace topichub;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  std::vector<YamlEvent> simple;
  if (!read_simple_yaml(text, simple)) return 0;
  std::deque<std::string> storage;
  auto reference = read_yaml_with_libyaml(text, storage);
  if (!reference || reference->size() != simple.size()) std::abort();
  for (size_t i = 0; i < simple.size(); ++i)
    if (!simple[i].same_as((*reference)[i])) std::abort();
  return 0;
}
