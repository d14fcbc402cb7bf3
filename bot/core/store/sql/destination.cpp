// Where a message goes, as the store keeps it: JSON text, the same in every database.
#include <nlohmann/json.hpp>

#include "bot/core/store/sql/statement.hpp"
#include "bot/core/text/json_text.hpp"

namespace baton::sql {

std::string destination_json(const Destination& d) {
  // Written directly, as messages are (message_json.cpp): one is written for every message stored.
  std::string out;
  out.reserve(160);
  const auto put = [&out](std::string_view key, std::string_view value) {
    append_json_key(out, key);
    append_json_string(out, value);
    out += ',';
  };
  out += '{';
  put("kind", to_string(d.kind));
  put("channel", d.channel);
  put("member", d.member);
  put("user_id", d.user_id);
  put("message_id", d.message_id);
  put("response_url", d.response_url);
  put("original_key", d.original_key);
  out += d.replace_original ? "\"replace_original\":true}" : "\"replace_original\":false}";
  return out;
}

Destination destination_from(const std::string& text) {
  const auto json = nlohmann::json::parse(text);
  Destination d;
  d.kind = parse_destination_kind(json.at("kind").get<std::string>()).value_or(Destination::Kind::channel);
  d.channel = json.at("channel").get<std::string>();
  d.member = json.at("member").get<std::string>();
  d.user_id = json.at("user_id").get<std::string>();
  d.message_id = json.at("message_id").get<std::string>();
  d.response_url = json.at("response_url").get<std::string>();
  d.replace_original = json.at("replace_original").get<bool>();
  d.original_key = json.value("original_key", "");  // absent from rows stored before migration 5
  return d;
}

}  // namespace baton::sql
