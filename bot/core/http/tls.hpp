// Client TLS as baton does it everywhere (HTTPS calls, Socket Mode): the system's CAs plus an optional
// file, the peer always verified, TLS 1.2 or later, the server name sent and checked.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include <boost/asio/ssl/context.hpp>
#include <openssl/ssl.h>

namespace baton {

// Throws std::runtime_error when the CA file cannot be loaded.
boost::asio::ssl::context make_client_tls(const std::optional<std::filesystem::path>& ca_file);

// Sets SNI (for a name, not an address, per RFC 6066) on a new connection; false if OpenSSL refused.
bool set_server_name(SSL* connection, const std::string& host);

}  // namespace baton
