#include "serve/server.h"

#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include <sstream>
#include <thread>

#include "serve/raw_http.h"
#include "test_support.h"

namespace topichub {
namespace {

using testing::connect_local;
using testing::raw_status_line;
using testing::TempDir;

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    site.write("topichub.toml", "title = \"Served\"\n");
    site.write("content/topics/gout.md", "---\nname: gout\ndefinition: a painful joint condition\n---\n");
    site.write("content/articles/a.md", "---\ntitle: About gout\ndate: 2025-10-13\n---\nGout hurts.\n");
    ServeOptions options;
    options.port = 0;
    options.watch = false;
    server = std::make_unique<SiteServer>(site.str(), options, log);
    port = server->bind();
    ASSERT_GT(port, 0);
    thread = std::thread([this] { server->serve(); });
    client = std::make_unique<httplib::Client>("127.0.0.1", port);
    for (int i = 0; i < 100 && !client->Get("/"); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  void TearDown() override {
    server->stop();
    thread.join();
  }

  TempDir site;
  std::ostringstream log;
  std::unique_ptr<SiteServer> server;
  std::unique_ptr<httplib::Client> client;
  std::thread thread;
  int port = 0;
};

TEST_F(ServerTest, ServesPagesWithContentTypes) {
  auto hub = client->Get("/topics/gout/");
  ASSERT_TRUE(hub);
  EXPECT_EQ(hub->status, 200);
  EXPECT_EQ(hub->get_header_value("Content-Type"), "text/html; charset=utf-8");
  EXPECT_NE(hub->body.find("a painful joint condition"), std::string::npos);
  EXPECT_EQ(client->Get("/style.css")->get_header_value("Content-Type"), "text/css; charset=utf-8");
  EXPECT_EQ(client->Get("/feed.xml")->get_header_value("Content-Type"), "application/atom+xml; charset=utf-8");
  EXPECT_EQ(client->Get("/sitemap.xml")->status, 200);
}

TEST_F(ServerTest, MissingPageGets404Page) {
  auto missing = client->Get("/no/such/page/");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
  EXPECT_NE(missing->body.find("Page not found"), std::string::npos);
}

TEST_F(ServerTest, RedirectsFolderWithoutSlash) {
  auto response = client->Get("/topics/gout");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 301);
  EXPECT_EQ(response->get_header_value("Location"), "/topics/gout/");
}

TEST_F(ServerTest, NothingOutsideTheSiteIsReachable) {
  for (std::string path : {"/../../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
                           "/%252e%252e/etc/passwd", "/..%2f..%2fetc/passwd", "/topics/..%5c..%5cetc/passwd",
                           "/content/articles/a.md", "/topichub.toml"}) {
    auto status = raw_status_line(port, "GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    EXPECT_TRUE(status.find(" 400 ") != std::string::npos || status.find(" 404 ") != std::string::npos)
        << path << " -> " << status;
  }
}

TEST_F(ServerTest, ConditionalRequestsGet304) {
  auto first = client->Get("/topics/gout/");
  ASSERT_TRUE(first);
  auto etag = first->get_header_value("ETag");
  ASSERT_FALSE(etag.empty());
  auto second = client->Get("/topics/gout/", {{"If-None-Match", etag}});
  ASSERT_TRUE(second);
  EXPECT_EQ(second->status, 304);
  EXPECT_TRUE(second->body.empty());
}

TEST_F(ServerTest, RebuildPicksUpChanges) {
  site.write("content/articles/b.md", "---\ntitle: Newer gout news\n---\nMore on gout.\n");
  server->rebuild();
  auto page = client->Get("/articles/b/");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_NE(client->Get("/topics/gout/")->body.find("Newer gout news"), std::string::npos);
}

TEST_F(ServerTest, AnArticleEditIsFollowedWithoutAFullRebuild) {
  site.write("content/articles/a.md", "---\ntitle: Gout explained\ndate: 2025-10-13\n---\nGout hurts. Cherries are discussed.\n");
  ASSERT_TRUE(server->follow_edit("content/articles/a.md"));
  EXPECT_NE(client->Get("/articles/a/")->body.find("Cherries are discussed"), std::string::npos);
  EXPECT_NE(client->Get("/topics/gout/")->body.find("Gout explained"), std::string::npos) << "the hub shows the new title";
  EXPECT_NE(log.str().find("updated "), std::string::npos);
  // Search follows once the index is refreshed.
  EXPECT_EQ(client->Get("/api/search?q=cherries")->body.find("\"slug\":\"a\""), std::string::npos);
  server->refresh_search_index();
  EXPECT_NE(client->Get("/api/search?q=cherries")->body.find("\"slug\":\"a\""), std::string::npos);

  site.write("content/articles/a.md", "---\ntitle: Gout\ntopics: [gout]\n---\nNow with a topic.\n");
  EXPECT_FALSE(server->follow_edit("content/articles/a.md")) << "new topics need a full rebuild";
  EXPECT_FALSE(server->follow_edit("content/articles/unknown.md"));
}

TEST_F(ServerTest, HeadGzipAndSizeLimits) {
  auto head = client->Head("/topics/gout/");
  ASSERT_TRUE(head);
  EXPECT_EQ(head->status, 200);
  EXPECT_TRUE(head->body.empty());
  auto zipped = raw_status_line(port, "GET /topics/gout/ HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\nConnection: close\r\n\r\n");
  EXPECT_NE(zipped.find(" 200 "), std::string::npos);
  httplib::Client gzip_client("127.0.0.1", port);
  gzip_client.set_decompress(false);
  auto compressed = gzip_client.Get("/topics/gout/", {{"Accept-Encoding", "gzip"}});
  ASSERT_TRUE(compressed);
  EXPECT_EQ(compressed->get_header_value("Content-Encoding"), "gzip");
  // Over-long request line and header, and an over-large body.
  auto long_target = raw_status_line(port, "GET /" + std::string(20000, 'a') + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_TRUE(long_target.find(" 414 ") != std::string::npos || long_target.find(" 400 ") != std::string::npos) << long_target;
  auto long_header = raw_status_line(port, "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(20000, 'b') + "\r\nConnection: close\r\n\r\n");
  EXPECT_TRUE(long_header.find(" 400 ") != std::string::npos || long_header.empty()) << long_header;
  auto big_body = client->Post("/api/search", std::string(200000, 'x'), "text/plain");
  ASSERT_TRUE(big_body);
  EXPECT_TRUE(big_body->status == 413 || big_body->status == 404 || big_body->status == 405) << big_body->status;
}

TEST_F(ServerTest, APortInUseIsRefusedNotShared) {
  ServeOptions options;
  options.port = port;
  options.watch = false;
  SiteServer second(site.str(), options, log);
  EXPECT_EQ(second.bind(), -1) << "a second server on the same port would take half of its requests";
}

TEST_F(ServerTest, HalfSentRequestsDoNotStarveOthers) {
  std::vector<int> stalled;
  for (int i = 0; i < 10; ++i) {
    int fd = connect_local(port);
    ASSERT_GE(fd, 0);
    std::string partial = "GET /topics/gout/ HTTP/1.1\r\nHost: x\r\nX-Slow: ";
    ::send(fd, partial.data(), partial.size(), 0);
    stalled.push_back(fd);
  }
  auto started = std::chrono::steady_clock::now();
  auto page = client->Get("/topics/gout/");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(2));
  // The stalled connections are closed by the server's read timeout.
  timeval timeout{12, 0};
  char byte;
  ::setsockopt(stalled[0], SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  auto closed_after = std::chrono::steady_clock::now();
  // The server may answer (400/408) before closing; read until it closes.
  ssize_t n;
  while ((n = ::recv(stalled[0], &byte, 1, 0)) > 0) {}
  EXPECT_EQ(n, 0) << "the connection was not closed by the server";
  EXPECT_LT(std::chrono::steady_clock::now() - closed_after, std::chrono::seconds(11));
  for (int fd : stalled) ::close(fd);
}

TEST_F(ServerTest, EventStreamAnnouncesRebuilds) {
  int fd = connect_local(port);
  ASSERT_GE(fd, 0);
  std::string request = "GET /__topichub/events HTTP/1.1\r\nHost: x\r\n\r\n";
  ::send(fd, request.data(), request.size(), 0);
  timeval timeout{5, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  server->rebuild();
  std::string received;
  char buffer[1024];
  while (received.find("event: reload") == std::string::npos) {
    auto n = ::recv(fd, buffer, sizeof buffer, 0);
    if (n <= 0) break;
    received.append(buffer, static_cast<size_t>(n));
  }
  ::close(fd);
  EXPECT_NE(received.find("text/event-stream"), std::string::npos);
  EXPECT_NE(received.find("event: reload"), std::string::npos) << received;
}

TEST_F(ServerTest, HtmlPagesCarryTheLiveReloadScript) {
  auto page = client->Get("/topics/gout/");
  ASSERT_TRUE(page);
  EXPECT_NE(page->body.find("EventSource(\"/__topichub/events\")"), std::string::npos);
  EXPECT_EQ(client->Get("/style.css")->body.find("EventSource"), std::string::npos);
}

TEST_F(ServerTest, ApiSearchReturnsTheDesignJson) {
  auto response = client->Get("/api/search?q=gout&limit=5");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->get_header_value("Content-Type"), "application/json");
  auto json = nlohmann::json::parse(response->body);
  EXPECT_EQ(json["query"], "gout");
  ASSERT_FALSE(json["hits"].empty());
  EXPECT_TRUE(json["hits"][0].contains("snippet"));
  EXPECT_TRUE(json["facets"].contains("intent"));
}

TEST_F(ServerTest, SearchPageWorksWithoutJavaScriptAndEscapesInput) {
  auto page = client->Get("/search/?q=gout");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("href=\"/articles/a/\""), std::string::npos);
  EXPECT_NE(page->body.find("<form"), std::string::npos);
  for (std::string payload : {"%3Cscript%3Ealert(1)%3C%2Fscript%3E", "%22%20onmouseover%3D%22alert(1)", "%27%3E%3Cimg%20src%3Dx%3E"}) {
    auto hostile = client->Get("/search/?q=" + payload + "&topic=" + payload + "&intent=" + payload + "&page=-1&limit=abc");
    ASSERT_TRUE(hostile);
    EXPECT_EQ(hostile->status, 200);
    EXPECT_EQ(hostile->body.find("<script>alert"), std::string::npos);
    EXPECT_EQ(hostile->body.find("\" onmouseover=\""), std::string::npos);
    EXPECT_EQ(hostile->body.find("<img src=x>"), std::string::npos);
  }
}

TEST_F(ServerTest, ApiAndPageReturnTheSameHits) {
  auto json = nlohmann::json::parse(client->Get("/api/search?q=gout")->body);
  auto page = client->Get("/search/?q=gout")->body;
  size_t at = 0;
  for (const auto& hit : json["hits"]) {
    auto found = page.find("href=\"" + hit["url"].get<std::string>() + "\"", at);
    ASSERT_NE(found, std::string::npos) << hit["url"];
    at = found;
  }
}

}  // namespace
}  // namespace topichub
