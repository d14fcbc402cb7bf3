// Where a message goes, as the store keeps it: JSON text, the same in every database.
#include <nlohmann/json.hpp>

#include "bot/core/store/sql/statement.hpp"
#include "bot/core/text/json_text.hpp"

namespace baton::sql {

std::string destination_json(const Destination& d) {
  // Written directly, as messages are (message_json.cpp): one is written for every message stored.
  std::string out;
  out.reserve(160);
  out += '{';
  append_json_field(out, "kind", to_string(d.kind));
  append_json_field(out, "channel", d.channel);
  append_json_field(out, "member", d.member);
  append_json_field(out, "user_id", d.user_id);
  append_json_field(out, "message_id", d.message_id);
  append_json_field(out, "response_url", d.response_url);
  append_json_field(out, "original_key", d.original_key);
  append_json_key(out, "replace_original");
  out += d.replace_original ? "true}" : "false}";
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
