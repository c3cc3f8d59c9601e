#include "core/diagnostics.h"

#include <algorithm>
#include <ostream>

namespace topichub {

std::string_view severity_name(Severity severity) {
  switch (severity) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::note: return "note";
  }
  return "error";
}

void Diagnostics::error(std::string_view file, int line, std::string_view rule, std::string message) {
  add({std::string(file), line, Severity::error, std::string(rule), std::move(message)});
}

void Diagnostics::warning(std::string_view file, int line, std::string_view rule, std::string message) {
  add({std::string(file), line, Severity::warning, std::string(rule), std::move(message)});
}

void Diagnostics::append(const Diagnostics& other) {
  items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

bool Diagnostics::has_errors() const { return count(Severity::error) > 0; }

size_t Diagnostics::count(Severity severity) const {
  return std::count_if(items_.begin(), items_.end(),
                       [severity](const Diagnostic& d) { return d.severity == severity; });
}

void Diagnostics::sort() {
  std::stable_sort(items_.begin(), items_.end(), [](const Diagnostic& a, const Diagnostic& b) {
    if (a.file != b.file) return a.file < b.file;
    return a.line < b.line;
  });
}

std::string format_diagnostic(const Diagnostic& d) {
  std::string out = d.file;
  if (d.line > 0) out += ":" + std::to_string(d.line);
  out += ": ";
  out += severity_name(d.severity);
  out += ": ";
  out += d.message;
  return out;
}

void Diagnostics::print(std::ostream& out) const {
  for (const auto& d : items_) out << format_diagnostic(d) << '\n';
}

}  // namespace topichub
