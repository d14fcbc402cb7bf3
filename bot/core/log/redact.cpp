// Pattern matching is hand-written (prefix, then a run of token characters): it is on every log line and
// std::regex would be both slow and easy to get subtly wrong.
#include "bot/core/log/redact.hpp"

#include <algorithm>
#include <array>
#include <mutex>
#include <shared_mutex>
#include <vector>

#include "bot/core/text/fold.hpp"

namespace baton {
namespace {

constexpr std::string_view kRedacted = "[redacted]";
// Shorter values would redact ordinary words; real secrets are far longer.
constexpr std::size_t kMinSecretLength = 8;

struct SecretList {
  std::shared_mutex mutex;
  std::vector<std::string> values;
};

SecretList& secrets() {
  static SecretList list;
  return list;
}

// Credential shapes: what follows the prefix, up to a separator, is the secret.
constexpr std::array<std::string_view, 10> kPrefixes{"xoxb-", "xoxp-", "xoxa-",   "xoxr-",  "xoxs-",
                                                     "xoxe-", "xapp-", "Bearer ", "Basic ", "HMAC "};

bool is_token_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
         c == '.' || c == '+' || c == '/' || c == '=' || c == '~';
}

std::string redact_shapes(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    bool matched = false;
    for (std::string_view prefix : kPrefixes) {
      if (text.substr(i).starts_with(prefix)) {
        std::size_t end = i + prefix.size();
        while (end < text.size() && is_token_char(text[end]))
          ++end;
        if (end > i + prefix.size()) {
          out += prefix;
          out += kRedacted;
          i = end;
          matched = true;
        }
        break;
      }
    }
    if (!matched) out += text[i++];
  }
  return out;
}

}  // namespace

void register_secret(std::string_view value) {
  if (value.size() < kMinSecretLength) return;
  SecretList& list = secrets();
  const std::unique_lock lock(list.mutex);
  if (std::find(list.values.begin(), list.values.end(), value) == list.values.end()) {
    list.values.emplace_back(value);
    // Longest first, so a secret containing another is replaced whole.
    std::sort(list.values.begin(), list.values.end(),
              [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  }
}

std::string redact(std::string_view text) {
  std::string out(text);
  {
    SecretList& list = secrets();
    const std::shared_lock lock(list.mutex);
    for (const std::string& secret : list.values) {
      for (std::size_t at = out.find(secret); at != std::string::npos; at = out.find(secret, at)) {
        out.replace(at, secret.size(), kRedacted);
        at += kRedacted.size();
      }
    }
  }
  return redact_shapes(out);
}

bool is_secret_field(std::string_view name) {
  const std::string folded = fold(name);
  for (std::string_view word : {"token", "secret", "password", "authorization", "signature", "cookie"}) {
    if (folded.find(word) != std::string::npos) return true;
  }
  return false;
}

}  // namespace baton
