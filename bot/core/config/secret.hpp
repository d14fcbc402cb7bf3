// A secret read from the environment or a file. It has no operator<< and no implicit conversion, so it
// cannot be printed by accident; reveal() is the one door, used where the value is sent or checked.
#pragma once

#include <string>
#include <string_view>

namespace baton {

class Secret {
 public:
  Secret() = default;
  // Registers the value for redaction in every log line and error message.
  explicit Secret(std::string value);

  std::string_view reveal() const { return value_; }
  bool empty() const { return value_.empty(); }
  // Where it came from ("env BATON_SLACK_SIGNING_SECRET", "file /run/secrets/slack"), safe to print.
  const std::string& origin() const { return origin_; }
  void set_origin(std::string origin) { origin_ = std::move(origin); }

 private:
  std::string value_;
  std::string origin_;
};

}  // namespace baton
