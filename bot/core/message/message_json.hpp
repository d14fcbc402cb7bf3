// The neutral message as JSON, to be stored in the outbox and read back unchanged after a restart.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "bot/core/message/message.hpp"

namespace baton {

// Always valid JSON: text that is not valid UTF-8 is written with U+FFFD in place of the bad bytes.
std::string to_json_text(const Message& message);
// Throws std::invalid_argument when the JSON is not a message written by to_json_text().
Message message_from_json(const nlohmann::json& json);

}  // namespace baton
