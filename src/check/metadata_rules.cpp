// missing-summary, missing-date, summary-length, title-length,
// duplicate-title: what search results, feeds and link previews show.
// (A missing article title and duplicate slugs are the loader's errors.)
#include <unordered_map>

#include "check/rules.h"
#include "core/text.h"

namespace topichub {
namespace {

// Search engines cut titles at about 70 characters and descriptions (our
// summaries) at about 160.
constexpr size_t kMaxTitle = 70;
constexpr size_t kMaxSummary = 160;

size_t characters(std::string_view text) {
  size_t count = 0;
  for (unsigned char c : text) count += (c & 0xC0) != 0x80;
  return count;
}

void check_title_length(std::string_view title, std::string_view file, int line, Diagnostics& diagnostics) {
  if (auto length = characters(title); length > kMaxTitle)
    diagnostics.warning(file, line, "title-length",
                        "title is " + std::to_string(length) + " characters; search results cut it after " +
                            std::to_string(kMaxTitle));
}

// Reports every item after the first with the same title (case and accents ignored).
template <typename Item>
void check_duplicates(const std::vector<Item>& items, std::string_view what, Diagnostics& diagnostics) {
  std::unordered_map<std::string, const Item*> first;
  for (const auto& item : items) {
    if (item.title.empty()) continue;
    auto [it, inserted] = first.emplace(fold(item.title), &item);
    if (!inserted)
      diagnostics.warning(item.file, key_line(item.key_lines, "title", key_line(item.key_lines, "name")),
                          "duplicate-title",
                          std::string(what) + " title \"" + item.title + "\" is also used by " + it->second->file);
  }
}

}  // namespace

void check_article_metadata(const CheckContext& context, size_t article, Diagnostics& diagnostics) {
  const auto& a = context.site.articles[article];
  if (!a.key_lines.contains("summary"))
    diagnostics.warning(a.file, 1, "missing-summary",
                        "no summary: the page description falls back to the first paragraph, cut short");
  else if (auto length = characters(a.summary); length > kMaxSummary)
    diagnostics.warning(a.file, key_line(a.key_lines, "summary"), "summary-length",
                        "summary is " + std::to_string(length) + " characters; as the page description it is cut after " +
                            std::to_string(kMaxSummary));
  if (!a.key_lines.contains("date"))
    diagnostics.warning(a.file, 1, "missing-date", "no date: feeds and \"latest\" lists cannot place the article");
  check_title_length(a.title, a.file, key_line(a.key_lines, "title"), diagnostics);
}

void check_site_metadata(const CheckContext& context, Diagnostics& diagnostics) {
  for (const auto& topic : context.site.topics)
    check_title_length(topic.title, topic.file, key_line(topic.key_lines, "title", key_line(topic.key_lines, "name")),
                       diagnostics);
  check_duplicates(context.site.articles, "article", diagnostics);
  check_duplicates(context.site.topics, "topic", diagnostics);
}

}  // namespace topichub
