#include "core/file_tree.h"

#include <dirent.h>
#include <sys/stat.h>

namespace topichub {
namespace {

bool walk_folder(const std::string& root, const std::string& relative,
                 const std::function<void(const std::string&, bool)>& visit) {
  DIR* dir = ::opendir(relative.empty() ? root.c_str() : (root + "/" + relative).c_str());
  if (!dir) return false;
  bool complete = true;
  while (const dirent* entry = ::readdir(dir)) {
    std::string_view name = entry->d_name;
    if (name == "." || name == "..") continue;
    std::string path = relative.empty() ? std::string(name) : relative + "/" + std::string(name);
    bool is_folder = entry->d_type == DT_DIR;
    if (entry->d_type == DT_UNKNOWN) {
      struct stat info {};
      is_folder = ::lstat((root + "/" + path).c_str(), &info) == 0 && S_ISDIR(info.st_mode);
    }
    visit(path, is_folder);
    if (is_folder) complete = walk_folder(root, path, visit) && complete;
  }
  ::closedir(dir);
  return complete;
}

}  // namespace

bool walk_tree(const std::string& root, const std::function<void(const std::string& relative, bool is_folder)>& visit) {
  return walk_folder(root, "", visit);
}

}  // namespace topichub
