// Clearing a claimed spare of what its marker does not list (files and
// folders added to OUT by hand while it was the live site), so that a
// rebuild into it holds what a fresh folder would. Internal to write/.
//
// Reading every folder of the spare cost a MedQuAD rebuild 9.9% of its
// samples (26,000 folders: an open, two getdents and a close each). A
// folder's ctime moves whenever an entry is added to it, removed or renamed,
// and cannot be set by hand, so only the folders changed since the spare's
// marker was written (with a margin for the clock's granularity) are read;
// the others are only checked to still be folders (one fstatat each).
#pragma once

#include <cstdint>
#include <string>
#include <unordered_set>

#include "write/output_marker.h"

namespace topichub {

struct PrunedSpare {
  // The marker's folders that are still real folders in the spare (not
  // symbolic links, not files): a build writing into the spare need not
  // make them.
  std::unordered_set<std::string> folders;
  // False when a folder that had to be read could not be: the spare cannot
  // be trusted and should be made afresh.
  bool complete = true;
};

// How much earlier than the marker a folder's ctime may be and still be
// read: timestamps are taken from a clock that ticks every few ms.
constexpr int64_t kChangeMarginNs = 100'000'000;

// Removes from the spare at `spare_fd` (`spare_path` for messages and
// whole-folder removal) every file and folder that `records` does not list.
// `marker_time_ns`: the mtime of the spare's marker, written after every
// change its build made. Never follows a symbolic link.
PrunedSpare prune_spare(int spare_fd, const std::string& spare_path, const FileRecords& records,
                        int64_t marker_time_ns);

}  // namespace topichub
