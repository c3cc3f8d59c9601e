// `topichub serve` stops cleanly on SIGTERM and SIGINT: promptly, with exit
// status 0, even with a live-reload stream open and a request half sent, and
// the port is closed afterwards. Requests in flight get one second.
#include <gtest/gtest.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <regex>
#include <string>
#include <thread>

#include "serve/raw_http.h"
#include "test_support.h"

namespace topichub {
namespace {

using namespace std::chrono_literals;
using testing::connect_local;
using testing::raw_exchange;

// `topichub serve` on the example site, its stderr read through a pipe.
class ServeProcess {
 public:
  ServeProcess() {
    int pipe_fds[2];
    if (::pipe(pipe_fds) != 0) return;
    pid_ = ::fork();
    if (pid_ == 0) {
      ::dup2(pipe_fds[1], STDERR_FILENO);
      int devnull = ::open("/dev/null", O_WRONLY);
      ::dup2(devnull, STDOUT_FILENO);
      ::close(pipe_fds[0]);
      auto site = testing::source_dir() + "/examples/leg-cramps";
      ::execl(TOPICHUB_BINARY, TOPICHUB_BINARY, "serve", site.c_str(), "--port", "0", static_cast<char*>(nullptr));
      ::_exit(127);
    }
    ::close(pipe_fds[1]);
    stderr_fd_ = pipe_fds[0];
  }
  ~ServeProcess() {
    if (pid_ > 0 && !exited_) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
    if (stderr_fd_ >= 0) ::close(stderr_fd_);
  }

  // The port from the "serving … on http://host:PORT/" line, or -1 after `limit`.
  int wait_for_port(std::chrono::milliseconds limit) {
    static const std::regex serving(R"(serving .* on http://[^:]+:(\d+)/)");
    auto deadline = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < deadline) {
      read_available(50ms);
      std::smatch match;
      if (std::regex_search(log_, match, serving)) return std::stoi(match[1]);
    }
    return -1;
  }

  // The exit status, or nullopt if the process still runs after `limit`.
  std::optional<int> wait_for_exit(std::chrono::milliseconds limit) {
    auto deadline = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < deadline) {
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        exited_ = true;
        read_available(0ms);
        return status;
      }
      std::this_thread::sleep_for(10ms);
    }
    return std::nullopt;
  }

  pid_t pid() const { return pid_; }
  const std::string& log() const { return log_; }

 private:
  void read_available(std::chrono::milliseconds wait) {
    pollfd ready{stderr_fd_, POLLIN, 0};
    if (::poll(&ready, 1, static_cast<int>(wait.count())) <= 0) return;
    char buffer[4096];
    auto n = ::read(stderr_fd_, buffer, sizeof buffer);
    if (n > 0) log_.append(buffer, static_cast<size_t>(n));
  }

  pid_t pid_ = -1;
  int stderr_fd_ = -1;
  bool exited_ = false;
  std::string log_;
};

class ServeShutdown : public ::testing::TestWithParam<int> {};

TEST_P(ServeShutdown, StopsPromptlyWithOpenStreamsAndHalfSentRequests) {
  ServeProcess server;
  ASSERT_GT(server.pid(), 0);
  int port = server.wait_for_port(30s);
  ASSERT_GT(port, 0) << server.log();
  ASSERT_NE(raw_exchange(port, "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").find("200 OK"),
            std::string::npos);

  // A live-reload stream, open until the server ends it, and a request cut short.
  int stream = connect_local(port);
  std::string stream_request = "GET /__topichub/events HTTP/1.1\r\nHost: x\r\n\r\n";
  ::send(stream, stream_request.data(), stream_request.size(), 0);
  int half_sent = connect_local(port);
  ::send(half_sent, "GET /topics/leg-cra", 19, 0);
  std::this_thread::sleep_for(200ms);

  auto signalled = std::chrono::steady_clock::now();
  ASSERT_EQ(::kill(server.pid(), GetParam()), 0);
  auto status = server.wait_for_exit(10s);
  auto took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - signalled);
  ::close(stream);
  ::close(half_sent);

  ASSERT_TRUE(status.has_value()) << "still running 10 s after the signal";
  EXPECT_TRUE(WIFEXITED(*status)) << "ended by signal " << WTERMSIG(*status);
  EXPECT_EQ(WEXITSTATUS(*status), 0);
  EXPECT_LT(took, 3s) << "shutdown waited on idle connections (read timeout: 5 s)";
  EXPECT_NE(server.log().find("stopping"), std::string::npos) << server.log();
  EXPECT_EQ(connect_local(port), -1) << "the port still accepts connections";
}

INSTANTIATE_TEST_SUITE_P(Signals, ServeShutdown, ::testing::Values(SIGTERM, SIGINT),
                         [](const auto& info) { return info.param == SIGTERM ? "SIGTERM" : "SIGINT"; });

}  // namespace
}  // namespace topichub
