// Reading fields of the JSON payloads platforms send, which baton never trusts to hold a field, or to
// hold it with the documented type.
#pragma once

#include <algorithm>
#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace baton {

// The string at `pointer`, or "" when it is absent or not a string: for fields baton can do without.
inline std::string string_at(const nlohmann::json& object, const nlohmann::json::json_pointer& pointer) {
  if (!object.contains(pointer)) return {};
  const nlohmann::json& value = object.at(pointer);
  return value.is_string() ? value.get<std::string>() : std::string();
}

// A payload baton cannot use as sent: a field it needs is missing, or one holds another type than the
// platform documents. Routes answer 400 with the message; an event already acknowledged is given up.
class BadPayload : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The string at `pointer`: "" when absent or null; BadPayload when it holds anything else, since a
// number where the platform documents a string means the payload is not what baton reads it as.
inline std::string text_at(const nlohmann::json& object, const nlohmann::json::json_pointer& pointer) {
  if (!object.contains(pointer)) return {};
  const nlohmann::json& value = object.at(pointer);
  if (value.is_string()) return value.get<std::string>();
  if (value.is_null()) return {};
  throw BadPayload(pointer.to_string() + " is " + value.type_name() + ", not a string");
}

// The same, for a field the payload must hold: BadPayload when it is absent or empty too.
inline std::string required_text_at(const nlohmann::json& object,
                                    const nlohmann::json::json_pointer& pointer) {
  std::string value = text_at(object, pointer);
  if (value.empty()) throw BadPayload(pointer.to_string() + " is missing");
  return value;
}

// The object at `pointer`: an empty one when absent or null; BadPayload when it is another type.
inline nlohmann::json object_at(const nlohmann::json& object, const nlohmann::json::json_pointer& pointer) {
  if (!object.contains(pointer)) return nlohmann::json::object();
  const nlohmann::json& value = object.at(pointer);
  if (value.is_object()) return value;
  if (value.is_null()) return nlohmann::json::object();
  throw BadPayload(pointer.to_string() + " is " + value.type_name() + ", not an object");
}

// The array at `pointer`, likewise.
inline nlohmann::json array_at(const nlohmann::json& object, const nlohmann::json::json_pointer& pointer) {
  if (!object.contains(pointer)) return nlohmann::json::array();
  const nlohmann::json& value = object.at(pointer);
  if (value.is_array()) return value;
  if (value.is_null()) return nlohmann::json::array();
  throw BadPayload(pointer.to_string() + " is " + value.type_name() + ", not an array");
}

// How deeply arrays and objects nest in a JSON text (strings skipped), counted before it is parsed so
// that a document built to be deep is refused before it costs anything.
inline std::size_t json_nesting(std::string_view text) {
  std::size_t depth = 0;
  std::size_t deepest = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return deepest;
}

// Platforms' payloads nest a dozen levels at most (a modal's state: view.state.values.block.action.option);
// a body nesting deeper than this is not one of theirs, and is refused before it is parsed.
inline constexpr std::size_t kMaxPayloadNesting = 64;

// A JSON object a platform sent, or what is wrong with it for the 400 answer, naming it as `what` ("the
// body"): `problem` is empty when `json` is an object.
struct Payload {
  nlohmann::json json;
  std::string problem;
};

inline Payload read_payload(std::string_view text, std::string_view what = "the body") {
  Payload out;
  if (json_nesting(text) > kMaxPayloadNesting) {
    out.problem = std::string(what) + " nests deeper than " + std::to_string(kMaxPayloadNesting) + " levels";
  } else if (out.json = nlohmann::json::parse(text, nullptr, false); out.json.is_discarded()) {
    out.problem = std::string(what) + " is not valid JSON";
  } else if (!out.json.is_object()) {
    out.problem = std::string(what) + " is not a JSON object";
  }
  return out;
}

}  // namespace baton
