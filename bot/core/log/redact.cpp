// Pattern matching is hand-written (prefix, then a run of token characters): it is on every log line and
// std::regex would be both slow and easy to get subtly wrong.
#include "bot/core/log/redact.hpp"

#include <algorithm>
#include <array>
#include <mutex>
#include <shared_mutex>
#include <vector>

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

// Whether `c` starts one of the prefixes: most characters do not, and are passed over with this one test.
constexpr bool starts_a_prefix(char c) {
  for (std::string_view prefix : kPrefixes) {
    if (prefix.front() == c) return true;
  }
  return false;
}

// The credential at `at`, prefix included, as [at, end); the length 0 when there is none.
struct Shape {
  std::string_view prefix;
  std::size_t end = 0;
};
Shape shape_at(std::string_view text, std::size_t at) {
  if (!starts_a_prefix(text[at])) return {};
  for (std::string_view prefix : kPrefixes) {
    if (text.substr(at).starts_with(prefix)) {
      std::size_t end = at + prefix.size();
      while (end < text.size() && is_token_char(text[end]))
        ++end;
      return end > at + prefix.size() ? Shape{prefix, end} : Shape{};
    }
  }
  return {};
}

std::string redact_shapes(std::string text) {
  std::size_t first = 0;
  while (first < text.size() && shape_at(text, first).end == 0)
    ++first;
  // Nearly every line holds none: it is returned as it came, not copied.
  if (first == text.size()) return text;
  std::string out(text, 0, first);
  std::size_t i = first;
  while (i < text.size()) {
    if (const Shape shape = shape_at(text, i); shape.end != 0) {
      out += shape.prefix;
      out += kRedacted;
      i = shape.end;
    } else {
      out += text[i++];
    }
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

std::string redact_secrets(std::string text) {
  SecretList& list = secrets();
  const std::shared_lock lock(list.mutex);
  for (const std::string& secret : list.values) {
    for (std::size_t at = text.find(secret); at != std::string::npos; at = text.find(secret, at)) {
      text.replace(at, secret.size(), kRedacted);
      at += kRedacted.size();
    }
  }
  return text;
}

std::string redact(std::string_view text) {
  return redact_shapes(redact_secrets(std::string(text)));
}

bool is_secret_field(std::string_view name) {
  // Field names are baton's own, plain ASCII: compared without case, and without a folded copy.
  const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  for (std::string_view word : {"token", "secret", "password", "authorization", "signature", "cookie"}) {
    const auto found = std::search(name.begin(), name.end(), word.begin(), word.end(),
                                   [&lower](char a, char b) { return lower(a) == b; });
    if (found != name.end()) return true;
  }
  return false;
}

}  // namespace baton
