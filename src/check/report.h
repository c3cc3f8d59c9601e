// Printing a check's diagnostics: for people, grouped by file with the most
// severe first, and as JSON for tools.
#pragma once

#include <iosfwd>
#include <span>
#include <string>
#include <vector>

#include "core/diagnostics.h"

namespace topichub {

// The order of a report: files with errors first, then files with warnings,
// then the rest, each by name; within a file by severity, then line.
// Points into `diagnostics`.
std::vector<const Diagnostic*> report_order(std::span<const Diagnostic> diagnostics);

// "N errors, M warnings in K files" (K: files with an error or a warning).
std::string report_summary(std::span<const Diagnostic> diagnostics);

// One "file:line: severity: message [rule]" line per diagnostic, a blank
// line between files, and the summary last.
void print_report(std::span<const Diagnostic> diagnostics, std::ostream& out);

// [{file, line, severity, rule, message}, ...] in report order.
void print_report_json(std::span<const Diagnostic> diagnostics, std::ostream& out);

}  // namespace topichub
