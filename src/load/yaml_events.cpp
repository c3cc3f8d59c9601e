#include "load/yaml_events.h"

#include <yaml.h>

#include <memory>

namespace topichub {
namespace {

std::string_view view(const yaml_char_t* text) {
  return text ? std::string_view(reinterpret_cast<const char*>(text)) : std::string_view();
}

}  // namespace

bool YamlEvent::same_as(const YamlEvent& other) const {
  bool ends = kind == Kind::mapping_end || kind == Kind::sequence_end;
  return kind == other.kind && text == other.text && plain == other.plain && anchor == other.anchor &&
         (ends || line == other.line);
}

YamlEvent from_libyaml(const yaml_event_s& event) {
  YamlEvent out;
  out.line = static_cast<int>(event.start_mark.line);
  switch (event.type) {
    case YAML_MAPPING_START_EVENT:
      out.kind = YamlEvent::Kind::mapping_start;
      out.anchor = view(event.data.mapping_start.anchor);
      break;
    case YAML_SEQUENCE_START_EVENT:
      out.kind = YamlEvent::Kind::sequence_start;
      out.anchor = view(event.data.sequence_start.anchor);
      break;
    case YAML_MAPPING_END_EVENT: out.kind = YamlEvent::Kind::mapping_end; break;
    case YAML_SEQUENCE_END_EVENT: out.kind = YamlEvent::Kind::sequence_end; break;
    case YAML_SCALAR_EVENT:
      out.kind = YamlEvent::Kind::scalar;
      out.text = std::string_view(reinterpret_cast<const char*>(event.data.scalar.value), event.data.scalar.length);
      out.plain = event.data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
      out.anchor = view(event.data.scalar.anchor);
      break;
    case YAML_ALIAS_EVENT:
      out.kind = YamlEvent::Kind::alias;
      out.anchor = view(event.data.alias.anchor);
      break;
    default: break;
  }
  return out;
}

std::optional<std::vector<YamlEvent>> read_yaml_with_libyaml(std::string_view text, std::deque<std::string>& storage) {
  yaml_parser_t parser;
  if (!yaml_parser_initialize(&parser)) return std::nullopt;
  std::unique_ptr<yaml_parser_t, decltype(&yaml_parser_delete)> owner(&parser, &yaml_parser_delete);
  yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  std::vector<YamlEvent> events;
  for (bool end = false; !end;) {
    yaml_event_t event;
    if (!yaml_parser_parse(&parser, &event)) return std::nullopt;
    end = event.type == YAML_STREAM_END_EVENT;
    auto converted = from_libyaml(event);
    if (converted.kind != YamlEvent::Kind::other) {
      converted.text = storage.emplace_back(converted.text);
      converted.anchor = storage.emplace_back(converted.anchor);
      events.push_back(converted);
    }
    yaml_event_delete(&event);
  }
  return events;
}

}  // namespace topichub
