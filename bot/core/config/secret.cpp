#include "bot/core/config/secret.hpp"

#include "bot/core/log/redact.hpp"

namespace baton {

Secret::Secret(std::string value) : value_(std::move(value)) {
  register_secret(value_);
}

}  // namespace baton
