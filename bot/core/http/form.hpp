// application/x-www-form-urlencoded bodies, as Slack sends slash commands and interactions.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace baton {

class Form {
 public:
  // Decodes percent escapes and "+" as space; keeps repeated keys in order. Decoded bytes that are not
  // UTF-8 become U+FFFD. nullopt when the body is not a valid form or has more than `max_fields` fields.
  static std::optional<Form> parse(std::string_view body, std::size_t max_fields = 200);

  // The first value of `name`, if present.
  std::optional<std::string> first(std::string_view name) const;
  std::vector<std::string> all(std::string_view name) const;
  std::size_t size() const { return fields_.size(); }

 private:
  std::vector<std::pair<std::string, std::string>> fields_;
};

// The opposite: fields as application/x-www-form-urlencoded, everything but unreserved characters escaped.
std::string form_encode(const std::vector<std::pair<std::string, std::string>>& fields);

}  // namespace baton
