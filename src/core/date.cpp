#include "core/date.h"

#include <array>
#include <charconv>
#include <chrono>
#include <cstdio>

namespace topichub {
namespace {

constexpr std::array<std::string_view, 12> kMonthNames = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};
constexpr std::array<std::string_view, 7> kWeekdayNames = {
    "Thursday", "Friday", "Saturday", "Sunday", "Monday", "Tuesday", "Wednesday"};  // 1970-01-01 was a Thursday

bool is_leap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap(year) ? 29 : kDays[month - 1];
}

bool parse_int(std::string_view text, int& out) {
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && ptr == text.data() + text.size();
}

std::string two_digits(int value) {
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "%02d", value);
  return buffer;
}

}  // namespace

std::string Date::iso() const {
  if (!is_set()) return {};
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day);
  return buffer;
}

int Date::days_since_epoch() const {
  using namespace std::chrono;
  return sys_days{std::chrono::year{year} / std::chrono::month{unsigned(month)} / std::chrono::day{unsigned(day)}}
      .time_since_epoch()
      .count();
}

std::optional<Date> parse_date(std::string_view text) {
  if (text.size() < 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  if (text.size() > 10 && text[10] != 'T' && text[10] != ' ' && text[10] != 't') return std::nullopt;
  Date date;
  if (!parse_int(text.substr(0, 4), date.year) || !parse_int(text.substr(5, 2), date.month) ||
      !parse_int(text.substr(8, 2), date.day))
    return std::nullopt;
  if (date.year < 1 || date.month < 1 || date.month > 12 || date.day < 1 ||
      date.day > days_in_month(date.year, date.month))
    return std::nullopt;
  return date;
}

std::string format_date(const Date& date, std::string_view pattern) {
  if (!date.is_set()) return {};
  std::string out;
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] != '%' || i + 1 == pattern.size()) {
      out += pattern[i];
      continue;
    }
    bool no_pad = pattern[i + 1] == '-' && i + 2 < pattern.size();
    char directive = pattern[i + (no_pad ? 2 : 1)];
    i += no_pad ? 2 : 1;
    switch (directive) {
      case 'Y': out += std::to_string(date.year); break;
      case 'm': out += no_pad ? std::to_string(date.month) : two_digits(date.month); break;
      case 'd': out += no_pad ? std::to_string(date.day) : two_digits(date.day); break;
      case 'e': out += (date.day < 10 ? " " : "") + std::to_string(date.day); break;
      case 'B': out += kMonthNames[date.month - 1]; break;
      case 'b': out += kMonthNames[date.month - 1].substr(0, 3); break;
      case 'A': out += kWeekdayNames[((date.days_since_epoch() % 7) + 7) % 7]; break;
      case 'a': out += kWeekdayNames[((date.days_since_epoch() % 7) + 7) % 7].substr(0, 3); break;
      case '%': out += '%'; break;
      default:
        out += '%';
        if (no_pad) out += '-';
        out += directive;
    }
  }
  return out;
}

int months_between(const Date& earlier, const Date& later) {
  int months = (later.year - earlier.year) * 12 + (later.month - earlier.month);
  if (later.day < earlier.day) --months;
  return months;
}

Date today_utc() {
  using namespace std::chrono;
  year_month_day ymd{floor<days>(system_clock::now())};
  return Date{int(ymd.year()), int(unsigned(ymd.month())), int(unsigned(ymd.day()))};
}

}  // namespace topichub
