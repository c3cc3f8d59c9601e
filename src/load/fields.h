// Typed reads of front-matter keys. Each read records the key as known; a
// value of the wrong shape becomes a diagnostic at the value's line. What is
// never read is handed back as the extra fields that templates can use.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/diagnostics.h"
#include "core/site.h"
#include "load/front_matter.h"

namespace topichub {

struct TextItem {
  std::string text;
  int line = 0;
};

class FieldReader {
 public:
  FieldReader(const FrontMatter& front_matter, std::string_view file, Diagnostics& diagnostics)
      : front_matter_(front_matter), file_(file), diagnostics_(diagnostics) {}

  bool has(std::string_view key) const;
  int line(std::string_view key) const;

  // A text value; numbers are accepted and printed. Empty when absent.
  std::string text(std::string_view key);
  // A single text or a list of texts.
  std::vector<TextItem> text_list(std::string_view key);
  std::optional<bool> flag(std::string_view key);
  Date date(std::string_view key);
  std::vector<Source> sources(std::string_view key);
  std::vector<Source> sources_at(const nlohmann::json& value, const std::string& pointer);
  // A raw value for structured keys (relations, codes); null when absent.
  const nlohmann::json& raw(std::string_view key);

  // Keys never read, for templates.
  nlohmann::json extra() const;

  const FrontMatter& front_matter() const { return front_matter_; }
  std::string_view file() const { return file_; }
  Diagnostics& diagnostics() { return diagnostics_; }
  void error(int line, std::string message) { diagnostics_.error(file_, line, "front-matter", std::move(message)); }

 private:
  const nlohmann::json* find(std::string_view key);

  const FrontMatter& front_matter_;
  std::string file_;
  Diagnostics& diagnostics_;
  std::set<std::string, std::less<>> known_;
};

// Text of a JSON scalar (string, number, bool); nullopt for lists and maps.
std::optional<std::string> scalar_text(const nlohmann::json& value);

}  // namespace topichub
