// YAML front matter as a list of events (a mapping starts, a scalar, a
// sequence ends...), from one of two readers: libyaml, which reads all of
// YAML, and a reader of the plain subset nearly all front matter is written
// in (docs/decisions.md, "YAML front matter"), four times faster on
// MedQuAD. yaml_json.cpp turns either's events into JSON. Internal to load/.
#pragma once

#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct yaml_event_s;  // libyaml's yaml_event_t

namespace topichub {

struct YamlEvent {
  enum class Kind { mapping_start, mapping_end, sequence_start, sequence_end, scalar, alias, other };
  Kind kind = Kind::other;
  std::string_view text;    // a scalar's value
  bool plain = false;       // a scalar written without quotes (may be read as a number, true, null...)
  std::string_view anchor;  // "&name" on a scalar or collection; an alias's name
  // 0-based, in the text read. An end event's line is libyaml's for flow
  // sequences only: nothing reads it.
  int line = 0;

  // Equal events; the lines of end events aside (see `line`).
  bool same_as(const YamlEvent& other) const;
};

// The event libyaml reported. Its views point into `event`, which the
// caller frees after use.
YamlEvent from_libyaml(const yaml_event_s& event);

// The events of `text` read by the subset reader: block mappings with simple
// keys, block sequences, one-line flow sequences, one-line plain, single- and
// double-quoted scalars without escapes, comment lines. Returns false, with
// `events` in any state, when `text` uses anything else (libyaml reads it
// then). When it returns true, `events` are exactly the mapping, sequence
// and scalar events libyaml reports for `text` (fuzz/fuzz_yaml.cpp checks),
// with views into `text`.
bool read_simple_yaml(std::string_view text, std::vector<YamlEvent>& events);

// The mapping, sequence, scalar and alias events libyaml reports for
// `text`, their texts kept in `storage`; nullopt when libyaml finds an
// error. For tests that compare the two readers.
std::optional<std::vector<YamlEvent>> read_yaml_with_libyaml(std::string_view text, std::deque<std::string>& storage);

}  // namespace topichub
