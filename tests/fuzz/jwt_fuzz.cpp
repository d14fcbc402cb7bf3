// Bearer tokens on /teams/messages, split and decoded before anything is trusted: any token is read or
// refused without harm, and base64url reads back what it wrote.
#include <string>

#include "integrations/teams/bot_auth.hpp"
#include "tests/fuzz/fuzz.hpp"

using namespace baton;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 16384) return -1;
  const std::string_view text = fuzz::text_of(data, size);
  if (const auto jwt = teams::Jwt::parse(text)) {
    fuzz::require(jwt->header.is_object() && jwt->claims.is_object(),
                  "a JWT read has an object on each side");
    if (const auto key = teams::RsaKey::from_jwk(jwt->header)) {
      (void)key->verify_rs256(jwt->signing_input, jwt->signature);
    }
  }
  (void)teams::base64url_decode(text);
  fuzz::require(teams::base64url_decode(teams::base64url_encode(text)) == std::string(text),
                "base64url reads back what it wrote");
  return 0;
}
