#include "check/report.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <ostream>
#include <set>
#include <unordered_map>

namespace topichub {
namespace {

int rank(Severity severity) { return static_cast<int>(severity); }  // error 0, warning 1, note 2

std::string counted(size_t count, std::string_view one, std::string_view many) {
  return std::to_string(count) + " " + std::string(count == 1 ? one : many);
}

}  // namespace

std::vector<const Diagnostic*> report_order(std::span<const Diagnostic> diagnostics) {
  std::unordered_map<std::string_view, int> worst;
  for (const auto& d : diagnostics) {
    auto [it, inserted] = worst.emplace(d.file, rank(d.severity));
    if (!inserted) it->second = std::min(it->second, rank(d.severity));
  }
  // Sort keys once: a report of a large site has 100,000 lines.
  struct Key {
    int file_rank;
    const Diagnostic* diagnostic;
  };
  std::vector<Key> keys;
  keys.reserve(diagnostics.size());
  for (const auto& d : diagnostics) keys.push_back({worst.at(d.file), &d});
  std::stable_sort(keys.begin(), keys.end(), [](const Key& x, const Key& y) {
    const auto& a = *x.diagnostic;
    const auto& b = *y.diagnostic;
    if (x.file_rank != y.file_rank) return x.file_rank < y.file_rank;
    if (int order = a.file.compare(b.file); order != 0) return order < 0;
    if (a.severity != b.severity) return rank(a.severity) < rank(b.severity);
    if (a.line != b.line) return a.line < b.line;
    return a.rule < b.rule;
  });
  std::vector<const Diagnostic*> ordered;
  ordered.reserve(keys.size());
  for (const auto& key : keys) ordered.push_back(key.diagnostic);
  return ordered;
}

std::string report_summary(std::span<const Diagnostic> diagnostics) {
  size_t errors = 0, warnings = 0;
  std::set<std::string_view> files;
  for (const auto& d : diagnostics) {
    if (d.severity == Severity::note) continue;
    (d.severity == Severity::error ? errors : warnings) += 1;
    files.insert(d.file);
  }
  return counted(errors, "error", "errors") + ", " + counted(warnings, "warning", "warnings") + " in " +
         counted(files.size(), "file", "files");
}

void print_report(std::span<const Diagnostic> diagnostics, std::ostream& out) {
  const std::string* previous = nullptr;
  auto ordered = report_order(diagnostics);
  for (const auto* d : ordered) {
    if (previous && *previous != d->file) out << '\n';
    previous = &d->file;
    out << format_diagnostic(*d);
    if (!d->rule.empty()) out << " [" << d->rule << "]";
    out << '\n';
  }
  if (!ordered.empty()) out << '\n';
  out << report_summary(diagnostics) << '\n';
}

void print_report_json(std::span<const Diagnostic> diagnostics, std::ostream& out) {
  // One object per line, written as it goes rather than built as one
  // document: the same JSON, at a fraction of the memory and time.
  out << '[';
  const char* separator = "\n";
  for (const auto* d : report_order(diagnostics)) {
    nlohmann::ordered_json item = {{"file", d->file},
                                   {"line", d->line},
                                   {"severity", severity_name(d->severity)},
                                   {"rule", d->rule},
                                   {"message", d->message}};
    out << separator << "  " << item.dump();
    separator = ",\n";
  }
  out << (diagnostics.empty() ? "]\n" : "\n]\n");
}

}  // namespace topichub
