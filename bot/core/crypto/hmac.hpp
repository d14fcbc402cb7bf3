// The small set of cryptography baton needs to check who is calling: HMAC-SHA256, hex and base64, and a
// comparison that takes the same time whatever the input, so a forged signature learns nothing.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace baton {

using Sha256Digest = std::array<unsigned char, 32>;

Sha256Digest hmac_sha256(std::string_view key, std::string_view message);

// Bytes (a digest, a padded key) as the string_view that hashing, base64 and comparison take.
template <std::size_t N>
std::string_view bytes_of(const std::array<unsigned char, N>& bytes) {
  return {reinterpret_cast<const char*>(bytes.data()), N};
}

std::string to_hex(const Sha256Digest& digest);
std::string base64_encode(std::string_view bytes);
// nullopt for anything that is not valid base64.
std::optional<std::string> base64_decode(std::string_view text);

// True when both are equal; time depends only on the lengths.
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace baton
