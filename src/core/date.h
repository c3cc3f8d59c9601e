// Calendar dates as written in front matter ("2025-10-13") and their display
// in the site's date_format ("13 October 2025").
#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace topichub {

struct Date {
  int year = 0;
  int month = 0;  // 1-12
  int day = 0;    // 1-31

  bool is_set() const { return year != 0; }
  auto operator<=>(const Date&) const = default;

  std::string iso() const;  // "2025-10-13"; empty when unset
  int days_since_epoch() const;
};

// Accepts "YYYY-MM-DD", optionally followed by a time ("T10:00:00Z" or " 10:00").
// Returns nullopt for anything else, including impossible dates (2025-02-30).
std::optional<Date> parse_date(std::string_view text);

// Formats with a strftime-like pattern: %Y %m %-m %d %-d %e %B %b %A %a %%.
// Unknown directives are copied as they are.
std::string format_date(const Date& date, std::string_view pattern);

// The month count between two dates, rounded down (for review-age checks).
int months_between(const Date& earlier, const Date& later);

Date today_utc();

}  // namespace topichub
