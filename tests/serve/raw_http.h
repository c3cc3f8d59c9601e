// Raw TCP helpers for server tests: bytes go out exactly as written, so that
// no client library tidies a hostile path or finishes a half-sent request.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string>

namespace topichub::testing {

// A plain TCP connection to 127.0.0.1:port, or -1.
inline int connect_local(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  ::inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

// Sends `request` on a new connection and returns the first bytes of the answer.
inline std::string raw_exchange(int port, const std::string& request) {
  int fd = connect_local(port);
  if (fd < 0) return "connect failed";
  ::send(fd, request.data(), request.size(), 0);
  char buffer[4096];
  auto n = ::recv(fd, buffer, sizeof buffer, 0);
  ::close(fd);
  return std::string(buffer, n > 0 ? static_cast<size_t>(n) : 0);
}

// The status line of raw_exchange's answer.
inline std::string raw_status_line(int port, const std::string& request) {
  auto response = raw_exchange(port, request);
  return response.substr(0, response.find("\r\n"));
}

}  // namespace topichub::testing
