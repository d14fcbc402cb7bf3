// A small HTTPS server for tests, with a certificate made at start for the names asked for, so the
// client's certificate checks and SNI are tested for real, on loopback.
#pragma once

#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace baton::test {

// A self-signed certificate (usable as its own CA) and its key, in PEM.
struct Certificate {
  std::string cert_pem;
  std::string key_pem;
};
Certificate make_certificate(const std::string& common_name, const std::string& subject_alt_names);

class TlsServer {
 public:
  // Answers every request with 200 and `body`, over TLS with `certificate`.
  TlsServer(const Certificate& certificate, std::string body);
  ~TlsServer();
  TlsServer(const TlsServer&) = delete;
  TlsServer& operator=(const TlsServer&) = delete;

  int port() const;
  // The server names (SNI) clients sent, one per handshake.
  std::vector<std::string> server_names() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace baton::test
