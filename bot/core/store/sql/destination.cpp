// Where a message goes, as the store keeps it: JSON text, the same in every database.
#include <nlohmann/json.hpp>

#include "bot/core/store/sql/statement.hpp"

namespace baton::sql {

std::string destination_json(const Destination& d) {
  return nlohmann::json{{"kind", to_string(d.kind)},
                        {"channel", d.channel},
                        {"member", d.member},
                        {"user_id", d.user_id},
                        {"message_id", d.message_id},
                        {"response_url", d.response_url},
                        {"replace_original", d.replace_original},
                        {"original_key", d.original_key}}
      .dump();
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
