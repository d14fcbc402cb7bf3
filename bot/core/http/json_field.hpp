// Reading fields of the JSON payloads platforms send, which baton never trusts to hold a field, or to
// hold it with the documented type.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace baton {

// The string at `pointer`, or "" when it is absent or not a string.
inline std::string string_at(const nlohmann::json& object, const nlohmann::json::json_pointer& pointer) {
  if (!object.contains(pointer)) return {};
  const nlohmann::json& value = object.at(pointer);
  return value.is_string() ? value.get<std::string>() : std::string();
}

}  // namespace baton
