// The Markdown dialect of content bodies, shared by every stage that parses
// them with md4c so that source offsets mean the same everywhere.
#pragma once

#include <md4c.h>

namespace topichub {

// CommonMark plus tables, strikethrough, task lists and bare URL autolinks.
// Raw HTML is not passed through: it is shown as text, so content cannot
// inject scripts into pages.
inline constexpr unsigned kMarkdownFlags = MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH | MD_FLAG_TASKLISTS |
                                           MD_FLAG_PERMISSIVEAUTOLINKS | MD_FLAG_NOHTML;

}  // namespace topichub
