// What Teams sends through an outgoing webhook, past its HMAC: the activity JSON, and the HTML-ish text of
// a message (<at> mentions, entities) that becomes a command. Always an answer, never a server error.
#include <string>

#include "bot/core/text/json_text.hpp"
#include "integrations/teams/activity_text.hpp"
#include "tests/fuzz/fuzz.hpp"
#include "tests/fuzz/world.hpp"

using namespace baton;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1 || size > 16384) return -1;
  std::string body(fuzz::text_of(data + 1, size - 1));
  (void)teams::command_text(body);
  (void)teams::decode_entities(body);
  HttpResponse answer;
  if (data[0] % 2 == 0) {
    answer = fuzz::world().teams_webhook(std::move(body));
  } else {  // a well-formed activity whose text is the input
    const nlohmann::json activity{{"type", "message"},
                                  {"id", "1"},
                                  {"text", "<at>baton</at> " + body},
                                  {"from", {{"id", "29:sam"}, {"aadObjectId", "0c3f1a2b"}, {"name", "Sam"}}},
                                  {"conversation", {{"id", "19:logistics@thread.tacv2;messageid=1"}}},
                                  {"channelData", {{"tenant", {{"id", "tenant"}}}}}};
    answer = fuzz::world().teams_webhook(dump_json(activity));
  }
  fuzz::require(answer.status == 200 || answer.status == 400 || answer.status == 413,
                "Teams' requests are answered 200, or 400/413 with what was wrong");
  fuzz::require(answer.body.empty() || !nlohmann::json::parse(answer.body, nullptr, false).is_discarded(),
                "every answer is valid JSON");
  return 0;
}
