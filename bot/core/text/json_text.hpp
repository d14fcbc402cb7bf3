// JSON written straight into a string, for the hot paths (stored messages, log lines) where building an
// nlohmann::json tree first cost more than the rest of the work.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

namespace baton {

// The one way baton turns a JSON tree into text. nlohmann's own dump throws on a string that is not valid
// UTF-8 (text cut mid-character by an older baton, a byte read from a file); here such bytes are written
// as U+FFFD, so no answer, message or stored row can fail on text.
std::string dump_json(const nlohmann::json& value);

// Appends `text` as a JSON string, quotes included. Bytes that are not valid UTF-8 are written as U+FFFD,
// so the result is always valid JSON: text typed on a platform or read from a file is not trusted to be.
void append_json_string(std::string& out, std::string_view text);

// Appends the comma before a member or an element, unless it is the first of its object or array, or
// the value of a key just written (`"text":` then an object).
inline void append_json_separator(std::string& out) {
  if (!out.empty() && out.back() != '{' && out.back() != '[' && out.back() != ':') out += ',';
}

// Appends `"key":`, after a comma where one is due (the key is one of ours: plain ASCII, nothing to
// escape). The value is the caller's to append.
inline void append_json_key(std::string& out, std::string_view key) {
  append_json_separator(out);
  out += '"';
  out += key;
  out += "\":";
}

// Appends `"key":"value"`, after a comma where one is due.
inline void append_json_field(std::string& out, std::string_view key, std::string_view value) {
  append_json_key(out, key);
  append_json_string(out, value);
}

}  // namespace baton
