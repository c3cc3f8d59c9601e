// The three ways to search — `topichub search`, GET /api/search and the
// /search/ page — give the same hits in the same order for the same query,
// on the example site, with typos, synonyms, prefixes and intents.
#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "serve/server.h"
#include "test_support.h"

namespace topichub {
namespace {

using testing::TempDir;
namespace fs = std::filesystem;

std::string url_encoded(std::string_view text) {
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c)) out += static_cast<char>(c);
    else if (c == ' ') out += '+';
    else {
      char buffer[4];
      std::snprintf(buffer, sizeof buffer, "%%%02X", c);
      out += buffer;
    }
  }
  return out;
}

// Standard output of a command; fails the test when it does not exit 0.
std::string output_of(const std::string& command) {
  std::string out;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (!pipe) return out;
  char buffer[4096];
  while (size_t n = std::fread(buffer, 1, sizeof buffer, pipe)) out.append(buffer, n);
  EXPECT_EQ(::pclose(pipe), 0) << command;
  return out;
}

std::vector<std::string> hit_urls(const nlohmann::json& result) {
  std::vector<std::string> urls;
  for (const auto& hit : result["hits"]) urls.push_back(hit["url"].get<std::string>());
  return urls;
}

// Standard error of a command that must exit 0.
std::string errors_of(const std::string& command) { return output_of(command + " 2>&1 >/dev/null"); }

// `topichub build` saves the index with a fingerprint of the sources as it
// loaded them; `topichub search` takes it only while the folder still
// matches, and says when it does not.
TEST(SearchFrontEnds, TheCliUsesTheBuildsIndexUntilASourceChanges) {
  TempDir site;
  fs::copy(fs::path(TOPICHUB_SOURCE_DIR) / "examples/leg-cramps", site.path(), fs::copy_options::recursive);
  std::string binary = TOPICHUB_BINARY;
  output_of(binary + " build '" + site.str() + "' 2>/dev/null");
  std::string search = binary + " search '" + site.str() + "' cramps --json";
  EXPECT_EQ(errors_of(search), "");
  auto article = fs::directory_iterator(site.path() / "content/articles")->path();
  fs::last_write_time(article, fs::last_write_time(article) + std::chrono::seconds(5));
  EXPECT_NE(errors_of(search).find("no search index of the site as it is now"), std::string::npos);
}

TEST(SearchFrontEnds, CliApiAndPageGiveTheSameHits) {
  TempDir site;
  fs::copy(fs::path(TOPICHUB_SOURCE_DIR) / "examples/leg-cramps", site.path(), fs::copy_options::recursive);
  ServeOptions options;
  options.port = 0;
  options.watch = false;
  std::ostringstream log;
  SiteServer server(site.str(), options, log);
  int port = server.bind();
  ASSERT_GT(port, 0);
  std::thread serving([&] { server.serve(); });
  httplib::Client client("127.0.0.1", port);
  for (int i = 0; i < 200 && !client.Get("/"); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));

  for (std::string query : {"charley horse", "magnesuim", "quin", "what causes leg cramps at night", "dvt symptoms",
                            "swollen calf pain", "rls"}) {
    auto cli = nlohmann::json::parse(output_of(std::string(TOPICHUB_BINARY) + " search '" + site.str() + "' '" + query +
                                               "' --json 2>/dev/null"));
    auto api_response = client.Get("/api/search?q=" + url_encoded(query));
    ASSERT_TRUE(api_response) << query;
    auto api = nlohmann::json::parse(api_response->body);
    auto urls = hit_urls(api);
    ASSERT_FALSE(urls.empty()) << query;
    EXPECT_EQ(hit_urls(cli), urls) << query;
    EXPECT_EQ(cli["total"], api["total"]) << query;
    EXPECT_EQ(cli["facets"], api["facets"]) << query;

    auto page = client.Get("/search/?q=" + url_encoded(query));
    ASSERT_TRUE(page) << query;
    size_t at = 0;
    for (const auto& url : urls) {
      auto found = page->body.find("href=\"" + url + "\"", at);
      ASSERT_NE(found, std::string::npos) << query << ": " << url << " missing or out of order on the page";
      at = found;
    }
  }
  server.stop();
  serving.join();
}

}  // namespace
}  // namespace topichub
