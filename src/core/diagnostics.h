// Diagnostics: content problems reported to the user as "file:line: message".
//
// Stages never throw for bad content; they add a Diagnostic and go on, so the
// user sees every problem of a build at once.
#pragma once

#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace topichub {

enum class Severity { error, warning, note };

std::string_view severity_name(Severity severity);

struct Diagnostic {
  std::string file;  // path relative to the site root, '/' separated
  int line = 0;      // 1-based; 0 when the problem concerns the whole file
  Severity severity = Severity::error;
  std::string rule;  // short machine-readable name, e.g. "front-matter"
  std::string message;
};

class Diagnostics {
 public:
  void add(Diagnostic diagnostic) { items_.push_back(std::move(diagnostic)); }
  void error(std::string_view file, int line, std::string_view rule, std::string message);
  void warning(std::string_view file, int line, std::string_view rule, std::string message);
  void append(const Diagnostics& other);

  bool has_errors() const;
  size_t count(Severity severity) const;
  const std::vector<Diagnostic>& items() const { return items_; }
  bool empty() const { return items_.empty(); }

  // Orders by file, then line, so that output does not depend on thread timing.
  void sort();

  // Prints "file:line: severity: message" lines.
  void print(std::ostream& out) const;

 private:
  std::vector<Diagnostic> items_;
};

std::string format_diagnostic(const Diagnostic& diagnostic);

}  // namespace topichub
