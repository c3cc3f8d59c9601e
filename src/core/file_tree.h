// Walking a folder tree with readdir: the loader lists a site's content with
// it, the fingerprint its sources, the writer the spare it rewrites into.
#pragma once

#include <functional>
#include <string>
#include <string_view>

namespace topichub {

// Calls visit(relative, is_folder) for every entry below `root` (not `root`
// itself), depth first in the order the folders list them, a folder before
// what it holds; `relative` is '/'-separated ("topics/x/index.html").
// Everything but a folder is reported as a file; symbolic links are not
// followed. Returns false when
// `root` or a folder below it could not be read (the rest is still walked).
bool walk_tree(const std::string& root, const std::function<void(const std::string& relative, bool is_folder)>& visit);

// other: a FIFO, socket or device, or an entry that could not be examined.
enum class TreeEntry { file, folder, link, other };
// The same, telling regular files, symbolic links (reported, not followed)
// and anything else apart.
bool walk_tree_entries(const std::string& root,
                       const std::function<void(const std::string& relative, TreeEntry kind)>& visit);

}  // namespace topichub
