#include "load/source_file.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/text.h"

namespace topichub {
namespace {

constexpr size_t kMaxFileBytes = 64u << 20;  // 64 MiB: far beyond any real article

std::string cleaned_copy(std::string_view bytes, std::string_view file, Diagnostics& diagnostics) {
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  std::string text;
  text.reserve(bytes.size());
  // Most files have neither: copied in one go up to the first.
  size_t clean = bytes.size();
  if (const void* cr = std::memchr(bytes.data(), '\r', bytes.size())) clean = static_cast<const char*>(cr) - bytes.data();
  if (const void* nul = std::memchr(bytes.data(), '\0', clean)) clean = static_cast<const char*>(nul) - bytes.data();
  text.append(bytes.data(), clean);
  bool reported_nul = false;
  for (size_t i = clean; i < bytes.size(); ++i) {
    char c = bytes[i];
    if (c == '\r') {
      text += '\n';
      if (i + 1 < bytes.size() && bytes[i + 1] == '\n') ++i;
    } else if (c == '\0') {
      if (!reported_nul)
        diagnostics.error(file, line_at(text, text.size()), "encoding", "NUL byte in text (replaced with U+FFFD)");
      reported_nul = true;
      text += "\xEF\xBF\xBD";
    } else {
      text += c;
    }
  }
  size_t bad = find_invalid_utf8(text);
  if (bad == std::string::npos) return text;
  diagnostics.error(file, line_at(text, bad), "encoding",
                    "invalid UTF-8 (byte 0x" + [&] {
                      char hex[3];
                      std::snprintf(hex, sizeof hex, "%02X", static_cast<unsigned char>(text[bad]));
                      return std::string(hex);
                    }() + "); save the file as UTF-8");
  return repair_utf8(text);
}

}  // namespace

std::string clean_source_text(std::string bytes, std::string_view file, Diagnostics& diagnostics) {
  std::string_view view = bytes;
  if (view.substr(0, 3) == "\xEF\xBB\xBF") view.remove_prefix(3);
  bool needs_work = std::memchr(view.data(), '\r', view.size()) || std::memchr(view.data(), '\0', view.size()) ||
                    find_invalid_utf8(view) != std::string::npos;
  if (needs_work) return cleaned_copy(bytes, file, diagnostics);
  if (view.size() != bytes.size()) bytes.erase(0, 3);
  return bytes;
}

bool read_file(const std::string& path, std::string_view display_name, std::string& out,
               Diagnostics& diagnostics, FileStamp* stamp) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    diagnostics.error(display_name, 0, "io", std::string("cannot read: ") + std::strerror(errno));
    return false;
  }
  struct stat info {};
  if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
    ::close(fd);
    diagnostics.error(display_name, 0, "io", "not a regular file");
    return false;
  }
  if (static_cast<size_t>(info.st_size) > kMaxFileBytes) {
    ::close(fd);
    diagnostics.error(display_name, 0, "io", "file is larger than 64 MiB; not read");
    return false;
  }
  if (stamp) *stamp = file_stamp(info);
  out.resize(static_cast<size_t>(info.st_size));
  size_t done = 0;
  while (done < out.size()) {
    ssize_t n = ::read(fd, out.data() + done, out.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    done += static_cast<size_t>(n);
  }
  ::close(fd);
  out.resize(done);
  return true;
}

}  // namespace topichub
