// tests/fixtures/check-site plants one problem per rule: the check must find
// exactly those, each at its line, and nothing else.
#include <gtest/gtest.h>

#include <sstream>

#include "check/check_command.h"
#include "check_test_support.h"
#include "pipeline/pipeline.h"
#include "test_support.h"

namespace topichub {
namespace {

using testing::Found;

std::string fixture() { return testing::source_dir() + "/tests/fixtures/check-site"; }

TEST(CheckFixtureSite, FindsEachPlantedProblemAtItsLine) {
  auto run = testing::run_check(fixture());
  const std::set<Found> expected = {
      {"content/articles/future.md", 4, "future-date"},
      {"content/articles/hard.md", 6, "reading-grade"},
      {"content/articles/jargon.md", 8, "jargon"},
      {"content/articles/links.md", 8, "link-internal"},
      {"content/articles/links.md", 10, "link-anchor"},
      {"content/articles/links.md", 11, "url"},
      {"content/articles/long-summary.md", 3, "summary-length"},
      {"content/articles/long-title.md", 2, "title-length"},
      {"content/articles/long.md", 8, "long-sentence"},
      {"content/articles/no-date.md", 1, "missing-date"},
      {"content/articles/no-summary.md", 1, "missing-summary"},
      {"content/articles/same-title-b.md", 2, "duplicate-title"},
      {"content/articles/sources.md", 7, "pmid"},
      {"content/articles/stale.md", 6, "stale-review"},
      {"content/articles/unreviewed.md", 5, "unreviewed"},
      {"content/topics/leg-cramps.md", 17, "contradiction"},
      {"content/topics/leg-cramps.md", 21, "doi"},
      {"content/topics/leg-cramps.md", 22, "remedy-source"},
      {"content/topics/sleep.md", 2, "definition"},
      {"content/topics/zygomorphic-widget.md", 0, "orphan"},
  };
  EXPECT_EQ(testing::found(run.check), expected);
  EXPECT_EQ(run.check.items().size() - run.check.count(Severity::note), expected.size()) << "one diagnostic per plant";

  // Every rule of the check is planted once.
  std::set<std::string> rules;
  for (const auto& [file, line, rule] : expected) rules.insert(rule);
  EXPECT_EQ(rules.size(), expected.size());

  // The reading-grade warning comes with notes quoting the three hardest sentences.
  std::set<int> note_lines;
  for (const auto& d : run.check.items())
    if (d.severity == Severity::note) {
      EXPECT_EQ(d.file, "content/articles/hard.md");
      EXPECT_EQ(d.rule, "reading-grade");
      note_lines.insert(d.line);
    }
  EXPECT_EQ(note_lines, (std::set<int>{6, 8, 14}));
}

TEST(CheckFixtureSite, SeveritiesFollowTheRules) {
  auto run = testing::run_check(fixture());
  const std::set<std::string> errors = {"future-date", "link-internal", "link-anchor", "url", "pmid", "doi",
                                        "contradiction", "remedy-source"};
  for (const auto& d : run.check.items()) {
    if (d.severity == Severity::note) continue;
    EXPECT_EQ(d.severity, errors.contains(d.rule) ? Severity::error : Severity::warning) << d.rule;
  }
}

TEST(CheckFixtureSite, LoaderAndGraphReportOnlyTheDuplicatedRelation) {
  auto run = testing::run_check(fixture());
  EXPECT_EQ(testing::found(run.before),
            (std::set<Found>{{"content/topics/leg-cramps.md", 17, "relation-duplicate"}}));
}

TEST(CheckFixtureSite, CommandPrintsGroupedReportAndFailsOnErrors) {
  std::ostringstream out, err;
  int code = run_check_command(fixture(), false, out, err, {testing::kToday});
  EXPECT_EQ(code, 1);
  auto text = out.str();
  EXPECT_NE(text.find("content/articles/links.md:8: error: link \"/articles/no-such-article/\""), std::string::npos) << text;
  EXPECT_NE(text.find("[link-internal]"), std::string::npos);
  // The summary counts the loader's and graph's diagnostics too (relation-duplicate).
  EXPECT_TRUE(text.ends_with("\n8 errors, 13 warnings in 16 files\n")) << text;
}

TEST(CheckFixtureSite, CommandJsonHasOneObjectPerDiagnostic) {
  std::ostringstream out, err;
  int code = run_check_command(fixture(), true, out, err, {testing::kToday});
  EXPECT_EQ(code, 1);
  auto json = nlohmann::json::parse(out.str());
  ASSERT_TRUE(json.is_array());
  size_t links = 0;
  for (const auto& item : json) {
    for (const char* key : {"file", "line", "severity", "rule", "message"}) EXPECT_TRUE(item.contains(key)) << item.dump();
    if (item["file"] == "content/articles/links.md") ++links;
  }
  EXPECT_EQ(links, 3u);
  EXPECT_EQ(json[0]["severity"], "error");
  EXPECT_EQ(err.str(), "8 errors, 13 warnings in 16 files\n");
}

TEST(CheckFixtureSite, BuildRefusesOnCheckErrorsOnly) {
  auto output = build_site(fixture());
  EXPECT_FALSE(output.ok());
  std::set<std::string> check_rules;
  for (const auto& d : output.diagnostics.items()) {
    if (d.rule == "relation-duplicate") continue;
    EXPECT_EQ(d.severity, Severity::error) << format_diagnostic(d);
    check_rules.insert(d.rule);
  }
  EXPECT_EQ(check_rules, (std::set<std::string>{"future-date", "link-internal", "link-anchor", "url", "pmid", "doi",
                                                "contradiction", "remedy-source"}));
}

}  // namespace
}  // namespace topichub
