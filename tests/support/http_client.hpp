// A deliberately simple blocking HTTP/1.1 client over a raw socket, so tests control every byte:
// partial requests, slow clients, keep-alive, and what the server does to the connection.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>

namespace baton::test {

struct HttpReply {
  int status = 0;
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;
  std::string header(const std::string& name) const;
};

class HttpConnection {
 public:
  HttpConnection(const std::string& host, int port);
  ~HttpConnection();
  HttpConnection(const HttpConnection&) = delete;
  HttpConnection& operator=(const HttpConnection&) = delete;

  void send(const std::string& bytes);
  // Reads one response; nullopt when the server closes first or nothing comes within `limit`.
  std::optional<HttpReply> receive(std::chrono::milliseconds limit = std::chrono::seconds(10));
  // True when the server has closed the connection (end of stream) within `limit`.
  bool closed_by_server(std::chrono::milliseconds limit);

  HttpReply request(const std::string& method, const std::string& target, const std::string& body = {},
                    const std::string& extra_headers = {});

 private:
  bool fill(std::chrono::steady_clock::time_point deadline);
  int fd_ = -1;
  std::string buffer_;
  bool eof_ = false;
  bool head_request_ = false;
};

// One request on a fresh connection.
HttpReply http_get(int port, const std::string& target);

}  // namespace baton::test
