// Keeping secrets out of logs. Every secret baton loads is registered here, and every log line, error
// message and diagnostic passes through redact() before it is written anywhere.
#pragma once

#include <string>
#include <string_view>

namespace baton {

// Process-wide on purpose: a secret loaded anywhere must be hidden everywhere, including in errors that
// escape to main(), without every module having to be handed the list.
void register_secret(std::string_view value);

// Replaces registered secret values and anything shaped like a credential (Slack tokens, bearer, basic and
// HMAC authorisations) with "[redacted]".
std::string redact(std::string_view text);

// Replaces registered secret values only: for what members type, where a word merely shaped like a
// credential ("Bearer", a token's prefix) is their text, not a leak.
std::string redact_secrets(std::string text);

// True for field names whose values are credentials whatever they hold (token, secret, authorization...).
bool is_secret_field(std::string_view name);

}  // namespace baton
