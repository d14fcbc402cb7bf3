// JSON written straight into a string, for the hot paths (stored messages, log lines) where building an
// nlohmann::json tree first cost more than the rest of the work.
#pragma once

#include <string>
#include <string_view>

namespace baton {

// Appends `text` as a JSON string, quotes included. Bytes that are not valid UTF-8 are written as U+FFFD,
// so the result is always valid JSON: text typed on a platform or read from a file is not trusted to be.
void append_json_string(std::string& out, std::string_view text);

// Appends `"key":` (the key is one of ours: plain ASCII, nothing to escape).
inline void append_json_key(std::string& out, std::string_view key) {
  out += '"';
  out += key;
  out += "\":";
}

}  // namespace baton
