#include "check/report.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

namespace topichub {
namespace {

std::vector<Diagnostic> sample() {
  return {
      {"b.md", 9, Severity::warning, "long-sentence", "long"},
      {"a.md", 3, Severity::warning, "title-length", "title"},
      {"b.md", 4, Severity::note, "reading-grade", "hard sentence"},
      {"c.md", 0, Severity::warning, "orphan", "alone"},
      {"b.md", 12, Severity::error, "url", "bad url"},
      {"a.md", 1, Severity::warning, "missing-date", "no date"},
  };
}

TEST(CheckReport, FilesWithErrorsFirstThenBySeverityAndLine) {
  std::vector<std::pair<std::string, int>> order;
  auto diagnostics = sample();
  for (const auto* d : report_order(diagnostics)) order.emplace_back(d->file, d->line);
  EXPECT_EQ(order, (std::vector<std::pair<std::string, int>>{
                       {"b.md", 12}, {"b.md", 9}, {"b.md", 4}, {"a.md", 1}, {"a.md", 3}, {"c.md", 0}}));
}

TEST(CheckReport, SummaryCountsErrorsWarningsAndFiles) {
  EXPECT_EQ(report_summary(sample()), "1 error, 4 warnings in 3 files");
  EXPECT_EQ(report_summary({}), "0 errors, 0 warnings in 0 files");
  std::vector<Diagnostic> notes_only = {{"a.md", 1, Severity::note, "reading-grade", "x"}};
  EXPECT_EQ(report_summary(notes_only), "0 errors, 0 warnings in 0 files");
}

TEST(CheckReport, HumanReportGroupsByFile) {
  std::ostringstream out;
  print_report(sample(), out);
  EXPECT_EQ(out.str(),
            "b.md:12: error: bad url [url]\n"
            "b.md:9: warning: long [long-sentence]\n"
            "b.md:4: note: hard sentence [reading-grade]\n"
            "\n"
            "a.md:1: warning: no date [missing-date]\n"
            "a.md:3: warning: title [title-length]\n"
            "\n"
            "c.md: warning: alone [orphan]\n"
            "\n"
            "1 error, 4 warnings in 3 files\n");
}

TEST(CheckReport, JsonHasTheSameItemsInTheSameOrder) {
  std::ostringstream out;
  print_report_json(sample(), out);
  auto json = nlohmann::json::parse(out.str());
  ASSERT_EQ(json.size(), 6u);
  EXPECT_EQ(json[0], (nlohmann::json{{"file", "b.md"}, {"line", 12}, {"severity", "error"}, {"rule", "url"},
                                     {"message", "bad url"}}));
  EXPECT_EQ(json[2]["severity"], "note");
  EXPECT_NE(out.str().find(R"({"file":"b.md","line":12,"severity":"error","rule":"url","message":"bad url"})"),
            std::string::npos)
      << "keys in the documented order";
  EXPECT_EQ(json[5]["rule"], "orphan");
  std::ostringstream empty;
  print_report_json({}, empty);
  EXPECT_EQ(nlohmann::json::parse(empty.str()), nlohmann::json::array());
}

TEST(CheckReport, JsonEscapesMessages) {
  std::vector<Diagnostic> tricky = {{"a \"b\".md", 1, Severity::warning, "jargon", "say \"x\"\n\\ here"}};
  std::ostringstream out;
  print_report_json(tricky, out);
  auto json = nlohmann::json::parse(out.str());
  EXPECT_EQ(json[0]["file"], "a \"b\".md");
  EXPECT_EQ(json[0]["message"], "say \"x\"\n\\ here");
}

}  // namespace
}  // namespace topichub
