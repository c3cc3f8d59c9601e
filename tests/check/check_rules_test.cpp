// Each rule on a minimal site: what it reports, where, and what it leaves alone.
#include <gtest/gtest.h>

#include "check_test_support.h"
#include "test_support.h"

namespace topichub {
namespace {

using testing::found;
using testing::Found;
using testing::run_check;
using testing::TempDir;

const std::string kArticleHead = "---\ntitle: T\nsummary: S\ndate: 2026-05-01\n---\n";  // body starts on line 6

class CheckRules : public ::testing::Test {
 protected:
  void SetUp() override {
    site.write("topichub.toml", "title = \"T\"\nbase_url = \"https://example.org/health/\"\n");
    site.write("content/topics/cramps.md", "---\nname: cramps\ndefinition: \"a tight muscle\"\n---\n## About\n");
  }

  // The check's diagnostics of one rule, as (file, line, rule).
  std::set<Found> of_rule(std::string_view rule, testing::CheckRun run) {
    std::set<Found> out;
    for (const auto& item : found(run.check))
      if (std::get<2>(item) == rule) out.insert(item);
    return out;
  }
  std::set<Found> of_rule(std::string_view rule) { return of_rule(rule, run_check(site.str())); }

  void article(std::string_view slug, std::string_view body, std::string_view head = kArticleHead) {
    site.write("content/articles/" + std::string(slug) + ".md", std::string(head) + std::string(body));
  }

  TempDir site;
};

TEST_F(CheckRules, InternalLinksResolveToPagesAndFiles) {
  site.write("static/files/leaflet.pdf", "%PDF");
  article("b", "# B heading\n");
  article("a",
          "[1](/health/articles/b/) [2](/articles/b/) [3](../b/) [4](/topics/cramps/) [5](/topics/) [6](/)\n"
          "[7](/feed.xml) [8](/topics/cramps/feed.xml) [9](/search/?q=x) [10](/files/leaflet.pdf) [11](/style.css)\n"
          "[12](https://example.org/health/articles/b/) [13](/articles/b) [14](/sitemap.xml)\n"
          "[bad](/articles/c/) [bad](/topic/cramps/) [bad](b/) [bad](/files/other.pdf) [bad](../../../x)\n"
          "[bad](https://example.org/health/articles/nope/)\n");
  EXPECT_EQ(of_rule("link-internal"), (std::set<Found>{{"content/articles/a.md", 9, "link-internal"},
                                                       {"content/articles/a.md", 10, "link-internal"}}));
  auto run = run_check(site.str());
  size_t broken = 0;
  for (const auto& d : run.check.items()) broken += d.rule == "link-internal";
  EXPECT_EQ(broken, 6u);
}

TEST_F(CheckRules, AnchorsMatchHeadingIdsAsRendered) {
  article("b", "## Step 1: stretch!\n\n## Step 1: stretch!\n");
  article("a",
          "[ok](/articles/b/#step-1-stretch) [ok](/articles/b/#step-1-stretch-2) [ok](#own) [ok](#sources)\n"
          "[ok](/topics/cramps/#about) [ok](/topics/cramps/#evidence) [ok](/#anything)\n\n## Own\n\n"
          "[bad](/articles/b/#step-2) [bad](#nope)\n[bad](/topics/cramps/#sources)\n");
  EXPECT_EQ(of_rule("link-anchor"), (std::set<Found>{{"content/articles/a.md", 11, "link-anchor"},
                                                     {"content/articles/a.md", 12, "link-anchor"}}));
}

TEST_F(CheckRules, ExternalUrlsInBodiesAndSources) {
  article("a", "[x](https://www.nhs.uk/) [y](http://nhs/) <mailto:help@example.org>\n\n[z](javascript:alert(1))\n",
          "---\ntitle: T\nsummary: S\ndate: 2026-05-01\nsources:\n  - {title: A, url: \"https://www.nhs.uk/\"}\n"
          "  - title: B\n    url: \"htp://nhs.uk\"\n  - just a title, not a link\n---\n");
  EXPECT_EQ(of_rule("url"), (std::set<Found>{{"content/articles/a.md", 8, "url"},
                                             {"content/articles/a.md", 11, "url"},
                                             {"content/articles/a.md", 13, "url"}}));
}

TEST_F(CheckRules, PubMedIdsAndDoisOfArticlesAndRelations) {
  article("a", "Body.\n",
          "---\ntitle: T\nsummary: S\ndate: 2026-05-01\nsources:\n  - {title: A, pmid: \"12\", doi: \"10.1000/x\"}\n"
          "  - 42\n  - [not, a, source]\n  - title: B\n    pmid: \"PMC123\"\n    doi: \"doi:10.1000/y\"\n---\n");
  site.write("content/topics/stretch.md", "---\nname: stretch\ndefinition: d\n---\n");
  site.write("content/topics/cramps.md",
             "---\nname: cramps\ndefinition: d\nrelations:\n  - type: eased_by\n    target: stretch\n"
             "    evidence: limited\n    sources:\n      - {pmid: \"7\"}\n      - {title: C, doi: \"10.1000\"}\n---\n");
  // Line 8 is no source (the loader says so); later sources keep their own lines.
  EXPECT_EQ(of_rule("pmid"), (std::set<Found>{{"content/articles/a.md", 10, "pmid"}}));
  EXPECT_EQ(of_rule("doi"), (std::set<Found>{{"content/articles/a.md", 11, "doi"}, {"content/topics/cramps.md", 10, "doi"}}));
}

TEST_F(CheckRules, RemedyRelationsNeedSources) {
  site.write("content/topics/cramps.md",
             "---\nname: cramps\ndefinition: d\nrelations:\n  - {type: eased_by, target: stretch, evidence: limited}\n"
             "  - {type: caused_by, target: stretch}\n"
             "  - {type: prevented_by, target: stretch, evidence: mixed, sources: [{title: Trial}]}\n---\n");
  site.write("content/topics/stretch.md", "---\nname: stretch\ndefinition: d\n---\n");
  EXPECT_EQ(of_rule("remedy-source"), (std::set<Found>{{"content/topics/cramps.md", 5, "remedy-source"}}));
}

TEST_F(CheckRules, TopicsWithoutDefinitionAndOrphans) {
  site.write("content/topics/alone.md", "---\nname: alone\ndefinition: d\n---\n");
  site.write("content/topics/bare.md", "---\nkind: other\nname: bare\n---\n");
  site.write("content/topics/linked.md", "---\nname: linked\ndefinition: d\nrelations:\n  - {type: overlaps, target: cramps}\n---\n");
  article("a", "Nothing about any topic.\n", "---\ntitle: T\nsummary: S\ndate: 2026-05-01\ntopics: [bare]\n---\n");
  article("b", "Night cramps again.\n");
  EXPECT_EQ(of_rule("definition"), (std::set<Found>{{"content/topics/bare.md", 3, "definition"}}));
  EXPECT_EQ(of_rule("orphan"), (std::set<Found>{{"content/topics/alone.md", 0, "orphan"}}));
}

TEST_F(CheckRules, ContradictoryGradesForTheSameClaim) {
  site.write("content/topics/cramps.md",
             "---\nname: cramps\ndefinition: d\nrelations:\n"
             "  - {type: prevented_by, target: mg, evidence: no-benefit, sources: [{title: A}]}\n"
             "  - {type: eased_by, target: mg, evidence: strong, sources: [{title: B}]}\n"
             "  - {type: prevented_by, target: mg, evidence: moderate, sources: [{title: C}]}\n"
             "  - {type: confused_with, target: mg, evidence: strong}\n---\n");
  site.write("content/topics/mg.md",
             "---\nname: mg\ndefinition: d\nrelations:\n  - {type: confused_with, target: cramps, evidence: no-benefit}\n"
             "  - {type: overlaps, target: cramps}\n---\n");
  auto run = run_check(site.str());
  EXPECT_EQ(of_rule("contradiction", run), (std::set<Found>{{"content/topics/cramps.md", 7, "contradiction"},
                                                            {"content/topics/mg.md", 5, "contradiction"}}));
}

TEST_F(CheckRules, MixedAndAgreeingGradesAreNoContradiction) {
  site.write("content/topics/a.md", "---\nname: a\ndefinition: d\nrelations:\n"
                                    "  - {type: confused_with, target: b, evidence: mixed}\n---\n");
  site.write("content/topics/b.md", "---\nname: b\ndefinition: d\nrelations:\n"
                                    "  - {type: confused_with, target: a, evidence: no-benefit}\n"
                                    "  - {type: overlaps, target: a}\n---\n");
  EXPECT_TRUE(of_rule("contradiction").empty());
}

TEST_F(CheckRules, FutureDatesAreErrorsOnTheirLine) {
  article("a", "Body.\n", "---\ntitle: T\nsummary: S\ndate: 2026-06-15\nlastmod: 2026-06-16\n---\n");
  site.write("content/topics/cramps.md", "---\nname: cramps\ndefinition: d\nreviewed_on: 2030-01-01\n---\n");
  auto run = run_check(site.str());
  EXPECT_EQ(of_rule("future-date", run), (std::set<Found>{{"content/articles/a.md", 5, "future-date"},
                                                          {"content/topics/cramps.md", 4, "future-date"}}));
  for (const auto& d : run.check.items())
    if (d.rule == "future-date") {
      EXPECT_EQ(d.severity, Severity::error);
    }
}

TEST_F(CheckRules, StaleWhenTheNewestDateIsOlderThanTheLimit) {
  site.write("topichub.toml", "title = \"T\"\n[check]\nmax_review_age_months = 12\n");
  article("old", "Body.\n", "---\ntitle: T\nsummary: S\ndate: 2020-01-01\nreviewed_on: 2025-06-14\n---\n");
  article("exactly", "Body.\n", "---\ntitle: T2\nsummary: S\ndate: 2025-06-15\n---\n");
  article("updated", "Body.\n", "---\ntitle: T3\nsummary: S\ndate: 2020-01-01\nreviewed_on: 2021-01-01\nlastmod: 2026-01-01\n---\n");
  site.write("content/topics/cramps.md", "---\nname: cramps\ndefinition: d\nreviewed_on: 2023-01-01\n---\n");
  EXPECT_EQ(of_rule("stale-review"), (std::set<Found>{{"content/articles/old.md", 5, "stale-review"},
                                                      {"content/topics/cramps.md", 4, "stale-review"}}));
}

TEST_F(CheckRules, TreatmentAndPreventionAdviceNeedsAReviewer) {
  article("a", "Body.\n", "---\ntitle: A\nsummary: S\ndate: 2026-05-01\nintent: [causes, prevention]\n---\n");
  article("b", "Body.\n", "---\ntitle: B\nsummary: S\ndate: 2026-05-01\nintent: treatment\nreviewed_by: Dr Lee\n---\n");
  article("c", "Body.\n", "---\ntitle: C\nsummary: S\ndate: 2026-05-01\nintent: [causes]\n---\n");
  EXPECT_EQ(of_rule("unreviewed"), (std::set<Found>{{"content/articles/a.md", 5, "unreviewed"}}));
}

TEST_F(CheckRules, ReadingGradeWithTheThreeHardestSentences) {
  // 52 words: lines 6 to 10 are easy, 12 to 16 hard, hardest 14 and 16, and
  // line 18 mixes an easy sentence with a hard one.
  article("hard",
          "You can stretch your calf at night. It will help you a lot.\n\n"
          "Sit up in bed and pull your toes up.\n\n"
          "Rub the calf until the pain goes.\n\n"
          "Physiological mechanisms remain incompletely characterized.\n\n"
          "Pharmacological interventions demonstrate considerable heterogeneity.\n\n"
          "Nocturnal musculoskeletal contractions necessitate comprehensive evaluation.\n\n"
          "Rest well. Consequently, individualized assessment remains indispensable.\n");
  article("short", "Pharmacological interventions demonstrate considerable heterogeneity.\n");
  auto run = run_check(site.str());
  std::vector<Diagnostic> grade;
  for (const auto& d : run.check.items())
    if (d.rule == "reading-grade") grade.push_back(d);
  ASSERT_EQ(grade.size(), 4u);
  EXPECT_EQ(grade[0].severity, Severity::warning);
  EXPECT_EQ(grade[0].line, 6);
  EXPECT_NE(grade[0].message.find("target 8"), std::string::npos) << grade[0].message;
  std::set<int> lines;
  for (size_t i = 1; i < grade.size(); ++i) {
    EXPECT_EQ(grade[i].severity, Severity::note);
    lines.insert(grade[i].line);
    EXPECT_EQ(grade[i].message.find("Rest well"), std::string::npos) << "a sentence, not its paragraph";
  }
  EXPECT_EQ(lines, (std::set<int>{14, 16, 18}));
}

TEST_F(CheckRules, ReadingGradeTargetComesFromTheConfig) {
  site.write("topichub.toml", "title = \"T\"\n[check]\nreading_grade = 30\n");
  article("hard",
          "Pharmacological interventions demonstrate considerable heterogeneity. "
          "Nocturnal musculoskeletal contractions frequently necessitate comprehensive evaluation. "
          "Physiological mechanisms underlying these phenomena remain incompletely characterized. "
          "Epidemiological investigations consistently identify advancing age as a contributory determinant. "
          "Therapeutic recommendations emphasize conservative management preceding pharmacological alternatives. "
          "Consequently, individualized assessment remains indispensable.\n");
  EXPECT_TRUE(of_rule("reading-grade").empty());
}

TEST_F(CheckRules, LongSentencesAtTheirLine) {
  std::string long_sentence = "This";
  for (int i = 0; i < 30; ++i) long_sentence += " word";
  article("a", "Short one.\n\n" + long_sentence + ".\n\n- " + long_sentence.substr(0, 100) + "\n\n```\n" + long_sentence + "\n```\n");
  EXPECT_EQ(of_rule("long-sentence"), (std::set<Found>{{"content/articles/a.md", 8, "long-sentence"}}));
}

TEST_F(CheckRules, TechnicalNamesNeedTheirPlainNameNearby) {
  site.write("content/topics/dvt.md",
             "---\nname: deep vein thrombosis\nsynonyms: [DVT]\nplain_name: [blood clot in the leg, clot in a leg vein]\n"
             "definition: d\n---\n");
  site.write("content/topics/pad.md", "---\nname: peripheral artery disease\ndefinition: d\n---\n");
  article("bare", "Intro.\n\nA swollen calf may be DVT.\nLater: deep vein thrombosis.\n");
  article("explained", "A swollen calf may be deep vein thrombosis (a clot in a leg vein).\n");
  // The plain name far before the acronym does not tell the reader what it means.
  article("far-apart", "A blood clot in the leg is serious.\n\n" + std::string(400, 'x') + "\n\nDVT needs care.\n");
  article("no-plain-name", "Peripheral artery disease narrows arteries.\n");
  EXPECT_EQ(of_rule("jargon"), (std::set<Found>{{"content/articles/bare.md", 8, "jargon"},
                                                {"content/articles/far-apart.md", 10, "jargon"}}));
}

TEST_F(CheckRules, MissingAndOverlongMetadata) {
  article("no-summary", "Body.\n", "---\ntitle: A\ndate: 2026-05-01\n---\n");
  article("no-date", "Body.\n", "---\ntitle: B\nsummary: S\n---\n");
  article("long", "Body.\n",
          "---\ntitle: \"" + std::string(71, 't') + "\"\nsummary: \"" + std::string(161, 's') + "\"\ndate: 2026-05-01\n---\n");
  article("fine", "Body.\n", "---\ntitle: \"" + std::string(70, 'f') + "\"\nsummary: \"" + std::string(160, 's') +
                                 "\"\ndate: 2026-05-01\n---\n");
  auto run = run_check(site.str());
  EXPECT_EQ(of_rule("missing-summary", run), (std::set<Found>{{"content/articles/no-summary.md", 1, "missing-summary"}}));
  EXPECT_EQ(of_rule("missing-date", run), (std::set<Found>{{"content/articles/no-date.md", 1, "missing-date"}}));
  EXPECT_EQ(of_rule("title-length", run), (std::set<Found>{{"content/articles/long.md", 2, "title-length"}}));
  EXPECT_EQ(of_rule("summary-length", run), (std::set<Found>{{"content/articles/long.md", 3, "summary-length"}}));
}

TEST_F(CheckRules, SummaryLengthCountsCharactersNotBytes) {
  std::string accented;
  for (int i = 0; i < 150; ++i) accented += "é";
  article("a", "Body.\n", "---\ntitle: A\nsummary: \"" + accented + "\"\ndate: 2026-05-01\n---\n");
  EXPECT_TRUE(of_rule("summary-length").empty());
}

TEST_F(CheckRules, DuplicateTitlesIgnoringCase) {
  article("a", "Body.\n", "---\ntitle: Night Cramps\nsummary: S\ndate: 2026-05-01\n---\n");
  article("b", "Body.\n", "---\ntitle: night cramps\nsummary: S\ndate: 2026-05-01\n---\n");
  site.write("content/topics/other.md", "---\nname: other\ntitle: Cramps\ndefinition: d\n---\n");
  site.write("content/topics/third.md", "---\nname: cramps\ndefinition: d\n---\n");
  // A topic's title defaults to its name: third.md ("cramps") repeats cramps.md.
  EXPECT_EQ(of_rule("duplicate-title"), (std::set<Found>{{"content/articles/b.md", 2, "duplicate-title"},
                                                         {"content/topics/other.md", 3, "duplicate-title"},
                                                         {"content/topics/third.md", 2, "duplicate-title"}}));
}

TEST_F(CheckRules, ErrorsOnlyKeepsOnlyErrors) {
  article("a", "[bad](/nowhere/) and a plain sentence.\n", "---\ntitle: A\ndate: 2099-01-01\n---\n");
  auto full = run_check(site.str());
  auto errors = run_check(site.str(), testing::kToday, true);
  EXPECT_TRUE(full.check.count(Severity::warning) > 0);
  EXPECT_EQ(errors.check.count(Severity::warning) + errors.check.count(Severity::note), 0u);
  std::set<Found> full_errors;
  for (const auto& d : full.check.items())
    if (d.severity == Severity::error) full_errors.emplace(d.file, d.line, d.rule);
  EXPECT_EQ(found(errors.check), full_errors);
  EXPECT_EQ(full_errors.size(), 2u);
}

}  // namespace
}  // namespace topichub
