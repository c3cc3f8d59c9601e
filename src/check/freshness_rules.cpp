// stale-review, future-date, unreviewed: health content must be current and
// looked at by someone accountable.
#include <algorithm>

#include "check/rules.h"

namespace topichub {
namespace {

// Strictly more than `months` months before `today`.
bool older_than(const Date& date, const Date& today, int months) {
  int age = months_between(date, today);
  return age > months || (age == months && today.day != date.day);
}

struct DatedKey {
  std::string_view key;
  const Date& date;
};

void check_future(std::span<const DatedKey> dates, std::string_view file, const KeyLines& lines, const Date& today,
                  Diagnostics& diagnostics) {
  for (const auto& [key, date] : dates)
    if (date.is_set() && date > today)
      diagnostics.error(file, key_line(lines, key), "future-date",
                        std::string(key) + " " + date.iso() + " is in the future (today is " + today.iso() + ")");
}

// The newest of the dates stands for the content's last review or update.
void check_stale(std::span<const DatedKey> dates, std::string_view file, const KeyLines& lines,
                 const CheckOptions& options, int max_months, Diagnostics& diagnostics) {
  const DatedKey* newest = nullptr;
  for (const auto& entry : dates)
    if (entry.date.is_set() && (!newest || entry.date > newest->date)) newest = &entry;
  if (!newest || newest->date > options.today || !older_than(newest->date, options.today, max_months)) return;
  diagnostics.warning(file, key_line(lines, newest->key), "stale-review",
                      "last reviewed or updated " + newest->date.iso() + ", " +
                          std::to_string(months_between(newest->date, options.today)) +
                          " months ago (review at least every " + std::to_string(max_months) + " months)");
}

}  // namespace

void check_article_freshness(const CheckContext& context, size_t article, Diagnostics& diagnostics) {
  const auto& a = context.site.articles[article];
  const DatedKey dates[] = {{"date", a.date}, {"lastmod", a.lastmod}, {"reviewed_on", a.reviewed_on}};
  check_future(dates, a.file, a.key_lines, context.options.today, diagnostics);
  if (context.options.errors_only) return;
  check_stale(dates, a.file, a.key_lines, context.options, context.site.config.max_review_age_months, diagnostics);
  bool advises = std::any_of(a.intents.begin(), a.intents.end(),
                             [](const std::string& intent) { return intent == "treatment" || intent == "prevention"; });
  if (advises && a.reviewed_by.empty())
    diagnostics.warning(a.file, key_line(a.key_lines, "intent"), "unreviewed",
                        "treatment or prevention advice without reviewed_by: name who checked it");
}

void check_topic_freshness(const CheckContext& context, Diagnostics& diagnostics) {
  for (const auto& topic : context.site.topics) {
    const DatedKey dates[] = {{"reviewed_on", topic.reviewed_on}};
    check_future(dates, topic.file, topic.key_lines, context.options.today, diagnostics);
    if (!context.options.errors_only)
      check_stale(dates, topic.file, topic.key_lines, context.options, context.site.config.max_review_age_months,
                  diagnostics);
  }
}

}  // namespace topichub
