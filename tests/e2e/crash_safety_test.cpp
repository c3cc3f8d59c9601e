// Kills `topichub build` at random moments while it rebuilds over a previous
// output: the previous site must stay complete, and the next build must
// succeed and leave no temporary folders behind.
#include <gtest/gtest.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <random>
#include <thread>

#include "test_support.h"

namespace topichub {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

// A site big enough that a build takes a while (hundreds of milliseconds).
void write_synthetic_site(const TempDir& site, int articles) {
  site.write("topichub.toml", "title = \"Synthetic\"\n");
  for (int t = 0; t < 50; ++t)
    site.write("content/topics/topic-" + std::to_string(t) + ".md",
               "---\nname: condition " + std::to_string(t) + "\ndefinition: a made-up condition\n---\n");
  std::string body;
  for (int p = 0; p < 20; ++p) body += "Condition 3 and condition 7 are discussed in this paragraph at some length. ";
  for (int a = 0; a < articles; ++a)
    site.write("content/articles/a" + std::to_string(a) + ".md",
               "---\ntitle: Article " + std::to_string(a) + "\ntopics: [topic-" + std::to_string(a % 50) +
                   "]\ndate: 2025-01-01\n---\n" + body + "\n");
}

size_t count_files(const fs::path& dir) {
  size_t count = 0;
  for (const auto& entry : fs::recursive_directory_iterator(dir))
    if (entry.is_regular_file()) ++count;
  return count;
}

pid_t start_build(const std::string& site, const std::string& out) {
  pid_t pid = ::fork();
  if (pid == 0) {
    int devnull = ::open("/dev/null", O_WRONLY);
    ::dup2(devnull, STDERR_FILENO);
    ::dup2(devnull, STDOUT_FILENO);
    ::execl(TOPICHUB_BINARY, TOPICHUB_BINARY, "build", site.c_str(), "-o", out.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  return pid;
}

int wait_for(pid_t pid) {
  int status = 0;
  ::waitpid(pid, &status, 0);
  return status;
}

// Staging folders and previous sites left beside the output, once the
// background removal of previous sites has had up to 10 s to finish.
std::vector<std::string> stray_folders(const fs::path& parent) {
  std::vector<std::string> stray;
  for (int attempt = 0; attempt < 1000; ++attempt) {
    stray.clear();
    for (const auto& entry : fs::directory_iterator(parent)) {
      auto name = entry.path().filename().string();
      if (name.find(".topichub-staging") != std::string::npos || name.find(".topichub-old") != std::string::npos)
        stray.push_back(name);
    }
    if (stray.empty()) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return stray;
}

TEST(CrashSafety, KilledRebuildsLeaveThePreviousSiteIntact) {
  TempDir site, parent;
  write_synthetic_site(site, 800);
  auto out = (parent.path() / "public").string();

  // A fresh build, a rebuild (which leaves the spare), then a rebuild into
  // the spare, timed: the quickest kind, which kills must still catch.
  std::chrono::steady_clock::duration build_time{};
  for (int build = 0; build < 3; ++build) {
    auto started = std::chrono::steady_clock::now();
    int status = wait_for(start_build(site.str(), out));
    ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    build_time = std::chrono::steady_clock::now() - started;
  }
  size_t files = count_files(out);
  ASSERT_GT(files, 800u);

  std::mt19937 random(20261127);
  // Kill within the build's running time, so that most kills land mid-build
  // (under sanitizers the build is slower, and the delays scale with it).
  auto max_delay = std::chrono::duration_cast<std::chrono::microseconds>(build_time).count() * 9 / 10 + 1;
  std::uniform_int_distribution<long> delay(0, max_delay);
  int killed = 0;
  for (int round = 0; round < 60 && killed < 20; ++round) {
    pid_t pid = start_build(site.str(), out);
    std::this_thread::sleep_for(std::chrono::microseconds(delay(random)));
    ::kill(pid, SIGKILL);
    int result = wait_for(pid);
    killed += WIFSIGNALED(result);
    // Whenever it died, the output is a complete site: the old or the new one.
    ASSERT_TRUE(fs::exists(fs::path(out) / "index.html")) << "round " << round;
    ASSERT_TRUE(fs::exists(fs::path(out) / ".topichub-output")) << "round " << round;
    ASSERT_EQ(count_files(out), files) << "round " << round;
  }
  EXPECT_GE(killed, 20);

  int status = wait_for(start_build(site.str(), out));
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  EXPECT_EQ(count_files(out), files);
  EXPECT_TRUE(stray_folders(parent.path()).empty());
  // The sources were never written.
  EXPECT_NE(site.read("content/articles/a1.md").find("title: Article 1"), std::string::npos);
}

}  // namespace
}  // namespace topichub
