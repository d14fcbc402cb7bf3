// What Slack refuses in Block Kit, checked as Slack checks it, so a test (and the fake Slack, which answers
// invalid_blocks as Slack does) fails where Slack would refuse a message: every limit of the Block Kit
// reference that baton's renderer relies on, and an action_id used twice in one block. Lengths are
// counted in UTF-16 units, as Slack's clients count characters, the stricter reading.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace baton::test {

// Each problem as Slack words it in response_metadata.messages: "[ERROR] <what> [json-pointer:<where>]".
// Empty when Slack takes the blocks.
std::vector<std::string> message_blocks_problems(const nlohmann::json& blocks);
// A modal view, as views.open takes it.
std::vector<std::string> view_problems(const nlohmann::json& view);
// A message payload (chat.postMessage, chat.update, chat.postEphemeral, a response_url or a slash
// command's answer): its text and its blocks, which may be given as an array or as JSON text.
std::vector<std::string> message_payload_problems(const nlohmann::json& payload);

}  // namespace baton::test
