#include "bot/core/http/tls.hpp"

#include <stdexcept>

#include <boost/asio/ip/address.hpp>

namespace baton {

boost::asio::ssl::context make_client_tls(const std::optional<std::filesystem::path>& ca_file) {
  boost::asio::ssl::context context(boost::asio::ssl::context::tls_client);
  context.set_default_verify_paths();
  if (ca_file) {
    boost::system::error_code ec;
    context.load_verify_file(ca_file->string(), ec);
    if (ec) throw std::runtime_error("cannot load the CA file " + ca_file->string() + ": " + ec.message());
  }
  context.set_verify_mode(boost::asio::ssl::verify_peer);
  SSL_CTX_set_min_proto_version(context.native_handle(), TLS1_2_VERSION);
  return context;
}

bool set_server_name(SSL* connection, const std::string& host) {
  boost::system::error_code not_an_address;
  boost::asio::ip::make_address(host, not_an_address);
  if (!not_an_address) return true;
  return SSL_set_tlsext_host_name(connection, host.c_str()) == 1;
}

}  // namespace baton
