#include "core/file_tree.h"

#include <dirent.h>
#include <sys/stat.h>

namespace topichub {
namespace {

TreeEntry kind_of(unsigned char type) {
  switch (type) {
    case DT_REG: return TreeEntry::file;
    case DT_DIR: return TreeEntry::folder;
    case DT_LNK: return TreeEntry::link;
    default: return TreeEntry::other;
  }
}

TreeEntry kind_of_mode(mode_t mode) {
  if (S_ISREG(mode)) return TreeEntry::file;
  if (S_ISDIR(mode)) return TreeEntry::folder;
  return S_ISLNK(mode) ? TreeEntry::link : TreeEntry::other;
}

bool walk_folder(const std::string& root, const std::string& relative,
                 const std::function<void(const std::string&, TreeEntry)>& visit) {
  DIR* dir = ::opendir(relative.empty() ? root.c_str() : (root + "/" + relative).c_str());
  if (!dir) return false;
  bool complete = true;
  while (const dirent* entry = ::readdir(dir)) {
    std::string_view name = entry->d_name;
    if (name == "." || name == "..") continue;
    std::string path = relative.empty() ? std::string(name) : relative + "/" + std::string(name);
    auto kind = kind_of(entry->d_type);
    if (entry->d_type == DT_UNKNOWN) {
      struct stat info {};
      kind = ::lstat((root + "/" + path).c_str(), &info) == 0 ? kind_of_mode(info.st_mode) : TreeEntry::other;
    }
    visit(path, kind);
    if (kind == TreeEntry::folder) complete = walk_folder(root, path, visit) && complete;
  }
  ::closedir(dir);
  return complete;
}

}  // namespace

bool walk_tree(const std::string& root, const std::function<void(const std::string& relative, bool is_folder)>& visit) {
  return walk_folder(root, "", [&visit](const std::string& relative, TreeEntry kind) {
    visit(relative, kind == TreeEntry::folder);
  });
}

bool walk_tree_entries(const std::string& root,
                       const std::function<void(const std::string& relative, TreeEntry kind)>& visit) {
  return walk_folder(root, "", visit);
}

}  // namespace topichub
