// The neutral message as JSON, to be stored in the outbox and read back unchanged after a restart.
#pragma once

#include <nlohmann/json.hpp>

#include "bot/core/message/message.hpp"

namespace baton {

nlohmann::json to_json(const Message& message);
// Throws std::invalid_argument when the JSON is not a message written by to_json().
Message message_from_json(const nlohmann::json& json);

}  // namespace baton
