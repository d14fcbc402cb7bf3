// What Slack sends, past its signature: slash-command forms, Events API envelopes and interaction
// payloads (button clicks, modal submissions), through baton's own routes. Every body gets an answer a
// client can act on (never a server error), valid JSON; a command's is one Slack would show; events are
// stored before they are acknowledged.
#include <string>

#include <nlohmann/json.hpp>

#include "bot/core/http/form.hpp"
#include "tests/fuzz/fuzz.hpp"
#include "tests/fuzz/world.hpp"
#include "tests/support/block_kit_rules.hpp"

using namespace baton;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1 || size > 16384) return -1;
  std::string body(fuzz::text_of(data + 1, size - 1));
  HttpResponse answer;
  switch (data[0] % 4) {
    case 0:  // the body as the fuzzer wrote it: a form, or not
      answer = fuzz::world().slack("/slack/commands", std::move(body), "application/x-www-form-urlencoded");
      break;
    case 1:  // a well-formed command whose text is the input
      answer =
          fuzz::world().slack("/slack/commands",
                              form_encode({{"command", "/baton"},
                                           {"text", body},
                                           {"user_id", (data[0] & 0x10U) != 0 ? "U0MARCMANA" : "U0SAMSTAFF"},
                                           {"channel_id", "C0LOGISTIC"},
                                           {"trigger_id", "t-" + std::to_string(size)},
                                           {"response_url", "http://127.0.0.1:1/response"}}),
                              "application/x-www-form-urlencoded");
      break;
    case 2:
      answer = fuzz::world().slack("/slack/events", std::move(body), "application/json");
      break;
    default:  // the JSON payload as Slack wraps it, in a form's "payload" field
      answer = fuzz::world().slack("/slack/interactivity", form_encode({{"payload", body}}),
                                   "application/x-www-form-urlencoded");
      break;
  }
  fuzz::require(answer.status == 200 || answer.status == 400 || answer.status == 413,
                "Slack's requests are answered 200, or 400/413 with what was wrong");
  if (!answer.body.empty()) {
    const auto shown = nlohmann::json::parse(answer.body, nullptr, false);  // refuses text that is not UTF-8
    fuzz::require(!shown.is_discarded(), "every answer is valid JSON");
    if (data[0] % 4 < 2 && answer.status == 200) {
      fuzz::require(test::message_payload_problems(shown).empty(), "a command's answer is one Slack shows");
    }
  }
  return 0;
}
