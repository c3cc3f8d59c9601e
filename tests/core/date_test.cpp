#include "core/date.h"

#include <gtest/gtest.h>

namespace topichub {
namespace {

TEST(Date, ParsesIsoDatesWithOrWithoutTime) {
  auto date = parse_date("2025-10-13");
  ASSERT_TRUE(date);
  EXPECT_EQ(date->year, 2025);
  EXPECT_EQ(date->month, 10);
  EXPECT_EQ(date->day, 13);
  EXPECT_TRUE(parse_date("2025-10-13T08:30:00Z"));
  EXPECT_TRUE(parse_date("2025-10-13 08:30"));
}

TEST(Date, RejectsImpossibleAndOtherFormats) {
  EXPECT_FALSE(parse_date("13/10/2025"));
  EXPECT_FALSE(parse_date("2025-02-30"));
  EXPECT_FALSE(parse_date("2025-13-01"));
  EXPECT_FALSE(parse_date("2025-10-1"));
  EXPECT_FALSE(parse_date("2025-10-13x"));
  EXPECT_FALSE(parse_date(""));
  EXPECT_TRUE(parse_date("2024-02-29"));
  EXPECT_FALSE(parse_date("2023-02-29"));
}

TEST(Date, FormatsLikeTheReferencePage) {
  Date date{2025, 10, 13};
  EXPECT_EQ(format_date(date, "%-d %B %Y"), "13 October 2025");
  EXPECT_EQ(format_date(Date{2025, 3, 5}, "%-d %B %Y"), "5 March 2025");
  EXPECT_EQ(format_date(Date{2025, 3, 5}, "%d/%m/%Y"), "05/03/2025");
  EXPECT_EQ(format_date(Date{2025, 3, 5}, "%b %e, %Y"), "Mar  5, 2025");
  EXPECT_EQ(format_date(Date{2025, 10, 13}, "%A"), "Monday");
  EXPECT_EQ(format_date(Date{}, "%Y"), "");
}

TEST(Date, MonthsBetween) {
  EXPECT_EQ(months_between(Date{2024, 1, 15}, Date{2026, 1, 15}), 24);
  EXPECT_EQ(months_between(Date{2024, 1, 15}, Date{2026, 1, 14}), 23);
}

}  // namespace
}  // namespace topichub
