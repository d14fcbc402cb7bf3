#include "bot/core/crypto/hmac.hpp"

#include <cstring>
#include <initializer_list>
#include <stdexcept>

#include <openssl/crypto.h>
#include <openssl/evp.h>

namespace baton {
namespace {

constexpr std::size_t kBlockSize = 64;  // SHA-256's

// Fetched once. OpenSSL 3's one-shot HMAC() fetches the MAC and the digest by name, under a lock, on
// every call: that was 5 % of a slash command's time, for a signature checked on every request.
const EVP_MD* sha256() {
  static EVP_MD* const digest = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  if (digest == nullptr) throw std::runtime_error("SHA-256 is not available from OpenSSL");
  return digest;
}

// One context per thread, reused from call to call.
struct DigestContext {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  DigestContext() = default;
  DigestContext(const DigestContext&) = delete;
  DigestContext& operator=(const DigestContext&) = delete;
  ~DigestContext() { EVP_MD_CTX_free(ctx); }
};

void sha256_of(std::initializer_list<std::string_view> parts, unsigned char* out) {
  thread_local DigestContext context;
  unsigned int length = 0;
  bool ok = context.ctx != nullptr && EVP_DigestInit_ex2(context.ctx, sha256(), nullptr) == 1;
  for (std::string_view part : parts)
    ok = ok && EVP_DigestUpdate(context.ctx, part.data(), part.size()) == 1;
  ok = ok && EVP_DigestFinal_ex(context.ctx, out, &length) == 1;
  if (!ok || length != sizeof(Sha256Digest)) throw std::runtime_error("SHA-256 failed");
}

}  // namespace

// HMAC as RFC 2104 defines it: H((K ^ opad) || H((K ^ ipad) || message)).
Sha256Digest hmac_sha256(std::string_view key, std::string_view message) {
  std::array<unsigned char, kBlockSize> block_key{};  // the key, zero-padded; hashed first if longer
  if (key.size() > kBlockSize) {
    sha256_of({key}, block_key.data());
  } else {
    std::memcpy(block_key.data(), key.data(), key.size());
  }
  std::array<unsigned char, kBlockSize> pad{};
  for (std::size_t i = 0; i < kBlockSize; ++i)
    pad[i] = block_key[i] ^ 0x36U;
  Sha256Digest inner{};
  sha256_of({bytes_of(pad), message}, inner.data());
  for (std::size_t i = 0; i < kBlockSize; ++i)
    pad[i] = block_key[i] ^ 0x5cU;
  Sha256Digest out{};
  sha256_of({bytes_of(pad), bytes_of(inner)}, out.data());
  OPENSSL_cleanse(block_key.data(), block_key.size());
  OPENSSL_cleanse(pad.data(), pad.size());
  return out;
}

std::string to_hex(const Sha256Digest& digest) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(digest.size() * 2);
  for (unsigned char byte : digest) {
    out += kHex[byte >> 4];
    out += kHex[byte & 0xF];
  }
  return out;
}

std::string base64_encode(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3), '\0');
  const int written =
      EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                      reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()));
  out.resize(static_cast<std::size_t>(written));
  return out;
}

std::optional<std::string> base64_decode(std::string_view text) {
  if (text.size() % 4 != 0) return std::nullopt;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const bool alphabet =
        (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
    const bool padding = c == '=' && i + 2 >= text.size();
    if (!alphabet && !padding) return std::nullopt;
  }
  std::string out(3 * (text.size() / 4), '\0');
  const int written =
      EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                      reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
  if (written < 0) return std::nullopt;
  std::size_t size = static_cast<std::size_t>(written);
  // EVP_DecodeBlock counts padding as zero bytes; take them off.
  if (text.ends_with("==")) {
    size -= 2;
  } else if (text.ends_with('=')) {
    size -= 1;
  }
  out.resize(size);
  return out;
}

bool constant_time_equal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace baton
