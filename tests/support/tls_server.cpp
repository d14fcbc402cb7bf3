#include "tests/support/tls_server.hpp"

#include <stdexcept>
#include <thread>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

namespace baton::test {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

std::string pem_of(BIO* bio) {
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<std::size_t>(size));
}

void add_extension(X509* cert, int nid, const std::string& value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str());
  if (ext == nullptr) throw std::runtime_error("bad certificate extension " + value);
  X509_add_ext(cert, ext, -1);
  X509_EXTENSION_free(ext);
}

}  // namespace

Certificate make_certificate(const std::string& common_name, const std::string& subject_alt_names) {
  EVP_PKEY* key = EVP_EC_gen("P-256");
  X509* cert = X509_new();
  X509_set_version(cert, 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert), 1);
  X509_gmtime_adj(X509_getm_notBefore(cert), -3600);
  X509_gmtime_adj(X509_getm_notAfter(cert), 24 * 3600);
  X509_set_pubkey(cert, key);
  X509_NAME* name = X509_get_subject_name(cert);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>(common_name.c_str()), -1, -1, 0);
  X509_set_issuer_name(cert, name);
  add_extension(cert, NID_subject_alt_name, subject_alt_names);
  add_extension(cert, NID_basic_constraints, "critical,CA:TRUE");
  X509_sign(cert, key, EVP_sha256());

  Certificate out;
  BIO* cert_bio = BIO_new(BIO_s_mem());
  PEM_write_bio_X509(cert_bio, cert);
  out.cert_pem = pem_of(cert_bio);
  BIO* key_bio = BIO_new(BIO_s_mem());
  PEM_write_bio_PrivateKey(key_bio, key, nullptr, nullptr, 0, nullptr, nullptr);
  out.key_pem = pem_of(key_bio);
  BIO_free(cert_bio);
  BIO_free(key_bio);
  X509_free(cert);
  EVP_PKEY_free(key);
  return out;
}

struct TlsServer::Impl {
  asio::io_context io;
  asio::ssl::context context{asio::ssl::context::tls_server};
  tcp::acceptor acceptor{io, {asio::ip::make_address("127.0.0.1"), 0}};
  std::string body;
  mutable std::mutex mutex;
  std::vector<std::string> names;
  std::thread thread;

  static int on_server_name(SSL* ssl, int*, void* arg) {
    auto* self = static_cast<Impl*>(arg);
    const char* name = SSL_get_servername(ssl, TLSEXT_NAMETYPE_host_name);
    const std::lock_guard lock(self->mutex);
    self->names.emplace_back(name != nullptr ? name : "");
    return SSL_TLSEXT_ERR_OK;
  }

  asio::awaitable<void> serve(tcp::socket socket) {
    beast::ssl_stream<beast::tcp_stream> stream(std::move(socket), context);
    beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(10));
    auto [handshake_error] =
        co_await stream.async_handshake(asio::ssl::stream_base::server, asio::as_tuple(asio::use_awaitable));
    if (handshake_error) co_return;
    beast::flat_buffer buffer;
    for (;;) {
      http::request<http::string_body> request;
      auto [read_error, n] =
          co_await http::async_read(stream, buffer, request, asio::as_tuple(asio::use_awaitable));
      if (read_error) co_return;
      http::response<http::string_body> response{http::status::ok, request.version()};
      response.body() = body;
      response.keep_alive(request.keep_alive());
      response.prepare_payload();
      auto [write_error, m] =
          co_await http::async_write(stream, response, asio::as_tuple(asio::use_awaitable));
      if (write_error || !request.keep_alive()) co_return;
    }
  }

  asio::awaitable<void> accept_loop() {
    for (;;) {
      auto [ec, socket] = co_await acceptor.async_accept(asio::as_tuple(asio::use_awaitable));
      if (ec) co_return;
      asio::co_spawn(io, serve(std::move(socket)), asio::detached);
    }
  }
};

TlsServer::TlsServer(const Certificate& certificate, std::string body) : impl_(std::make_unique<Impl>()) {
  impl_->body = std::move(body);
  impl_->context.use_certificate_chain(asio::buffer(certificate.cert_pem));
  impl_->context.use_private_key(asio::buffer(certificate.key_pem), asio::ssl::context::pem);
  SSL_CTX_set_tlsext_servername_callback(impl_->context.native_handle(), &Impl::on_server_name);
  SSL_CTX_set_tlsext_servername_arg(impl_->context.native_handle(), impl_.get());
  asio::co_spawn(impl_->io, impl_->accept_loop(), asio::detached);
  impl_->thread = std::thread([this] { impl_->io.run(); });
}

TlsServer::~TlsServer() {
  impl_->io.stop();
  impl_->thread.join();
}

int TlsServer::port() const {
  return impl_->acceptor.local_endpoint().port();
}

std::vector<std::string> TlsServer::server_names() const {
  const std::lock_guard lock(impl_->mutex);
  return impl_->names;
}

}  // namespace baton::test
