#include "check/references.h"

#include <gtest/gtest.h>

namespace topichub {
namespace {

TEST(CheckReferences, PubMedIdsAreShortWholeNumbers) {
  EXPECT_FALSE(pmid_problem("22963024"));
  EXPECT_FALSE(pmid_problem("1"));
  EXPECT_TRUE(pmid_problem(""));
  EXPECT_TRUE(pmid_problem("PMID 22963024"));
  EXPECT_TRUE(pmid_problem("2296302a"));
  EXPECT_TRUE(pmid_problem("022963024"));
  EXPECT_TRUE(pmid_problem("229630241"));
}

TEST(CheckReferences, DoisAreBareAndWellFormed) {
  EXPECT_FALSE(doi_problem("10.1093/ageing/afw139"));
  EXPECT_FALSE(doi_problem("10.1002/14651858.CD009402.pub3"));
  EXPECT_FALSE(doi_problem("10.1000.10/abc(1)"));
  auto prefixed = doi_problem("https://doi.org/10.1093/ageing/afw139");
  ASSERT_TRUE(prefixed);
  EXPECT_NE(prefixed->find("without \"https://doi.org/\""), std::string::npos) << *prefixed;
  EXPECT_TRUE(doi_problem("doi:10.1093/ageing/afw139"));
  EXPECT_TRUE(doi_problem("10.1093 /ageing"));
  EXPECT_TRUE(doi_problem("11.1093/ageing"));
  EXPECT_TRUE(doi_problem("10.12/short-registrant"));
  EXPECT_TRUE(doi_problem("10.1093"));
  EXPECT_TRUE(doi_problem("10.1093/"));
}

TEST(CheckReferences, FindsTheSchemeOfAUrl) {
  EXPECT_EQ(url_scheme("HTTPS://example.org"), "https");
  EXPECT_EQ(url_scheme("mailto:a@b.org"), "mailto");
  EXPECT_EQ(url_scheme("/articles/x/"), "");
  EXPECT_EQ(url_scheme("#top"), "");
  EXPECT_EQ(url_scheme("notes/a:b"), "");
}

TEST(CheckReferences, ExternalUrlsNeedAKnownSchemeAndAPlausibleHost) {
  for (const char* good : {"https://www.nhs.uk/conditions/leg-cramps/", "http://www.fda.gov/Drugs/x.htm?a=1#b",
                           "https://localhost:8080/", "http://127.0.0.1/", "https://user@example.org/",
                           "mailto:help@example.org", "tel:+44-20-7946-0000", "ftp://ftp.example.org/file",
                           "https://münchen.de/", "https://example.org."})
    EXPECT_FALSE(external_url_problem(good)) << good << ": " << external_url_problem(good).value_or("");
  for (const char* bad : {"https://nhs/leg-cramps", "https://exa mple.org/", "https:/example.org/", "https://",
                          "https://-bad.org/", "https://a..org/", "https://example.org:80a/", "javascript:alert(1)",
                          "data:text/html,hi", "mailto:nobody", "tel:call-me", "gopher://example.org/",
                          "https://example_site.org/", "https://example.123/"})
    EXPECT_TRUE(external_url_problem(bad)) << bad;
}

}  // namespace
}  // namespace topichub
