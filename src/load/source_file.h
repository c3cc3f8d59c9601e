// Turns a file's bytes into text the parsers can trust.
#pragma once

#include <string>
#include <string_view>

#include "core/diagnostics.h"
#include "load/fingerprint.h"

namespace topichub {

// Strips a UTF-8 byte-order mark, turns CRLF (and lone CR) into LF, and
// reports invalid UTF-8 (repairing it with U+FFFD so that parsing can go on
// and report further problems). NUL bytes are reported and replaced too.
// Most files need no change and come back in their own buffer.
std::string clean_source_text(std::string bytes, std::string_view file, Diagnostics& diagnostics);

// Reads a whole file. Returns false (and adds a diagnostic) when it cannot.
// `stamp`, when given, receives the file's size and modification time as
// it was opened.
bool read_file(const std::string& path, std::string_view display_name, std::string& out,
               Diagnostics& diagnostics, FileStamp* stamp = nullptr);

}  // namespace topichub
