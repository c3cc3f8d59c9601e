#include "core/file_tree.h"

#include <dirent.h>
#include <sys/stat.h>

namespace topichub {
namespace {

bool walk_folder(const std::string& root, const std::string& relative,
                 const std::function<void(const std::string&, TreeEntry)>& visit) {
  DIR* dir = ::opendir(relative.empty() ? root.c_str() : (root + "/" + relative).c_str());
  if (!dir) return false;
  bool complete = true;
  while (const dirent* entry = ::readdir(dir)) {
    std::string_view name = entry->d_name;
    if (name == "." || name == "..") continue;
    std::string path = relative.empty() ? std::string(name) : relative + "/" + std::string(name);
    auto kind = entry->d_type == DT_DIR ? TreeEntry::folder : entry->d_type == DT_LNK ? TreeEntry::link : TreeEntry::file;
    if (entry->d_type == DT_UNKNOWN) {
      struct stat info {};
      if (::lstat((root + "/" + path).c_str(), &info) == 0)
        kind = S_ISDIR(info.st_mode) ? TreeEntry::folder : S_ISLNK(info.st_mode) ? TreeEntry::link : TreeEntry::file;
    }
    visit(path, kind);
    if (kind == TreeEntry::folder) complete = walk_folder(root, path, visit) && complete;
  }
  ::closedir(dir);
  return complete;
}

}  // namespace

bool walk_tree(const std::string& root, const std::function<void(const std::string& relative, bool is_folder)>& visit) {
  return walk_folder(root, "", [&visit](const std::string& relative, TreeEntry kind) { visit(relative, kind == TreeEntry::folder); });
}

bool walk_tree_entries(const std::string& root,
                       const std::function<void(const std::string& relative, TreeEntry kind)>& visit) {
  return walk_folder(root, "", visit);
}

}  // namespace topichub
