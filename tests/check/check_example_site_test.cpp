#include <gtest/gtest.h>

#include "check_test_support.h"
#include "test_support.h"

namespace topichub {
namespace {

// The example site is what we show people: it must pass its own check today.
TEST(CheckExampleSite, HasNoErrors) {
  auto run = testing::run_check(testing::source_dir() + "/examples/leg-cramps", today_utc());
  for (const auto& d : run.before.items()) ADD_FAILURE() << format_diagnostic(d);
  for (const auto& d : run.check.items())
    if (d.severity == Severity::error) ADD_FAILURE() << format_diagnostic(d);
}

}  // namespace
}  // namespace topichub
