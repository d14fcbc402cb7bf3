// The slash-command grammar: whatever follows "/baton", typed by anyone on any platform, in a command or a
// direct message, runs through the whole command layer on a real store and always gets a reply, which
// renders as valid JSON Slack would take and as an Adaptive Card, whatever bytes were typed.
#include <array>
#include <string>

#include <nlohmann/json.hpp>

#include "bot/core/text/json_text.hpp"
#include "bot/core/text/words.hpp"
#include "integrations/slack/block_kit.hpp"
#include "integrations/teams/adaptive_card.hpp"
#include "tests/fuzz/fuzz.hpp"
#include "tests/fuzz/world.hpp"
#include "tests/support/block_kit_rules.hpp"

using namespace baton;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1 || size > 4096) return -1;
  // The first byte picks who types, where, and how.
  static constexpr std::array<const char*, 5> kSlackUsers{"U0ADAADMIN", "U0MARCMANA", "U0SAMSTAFF",
                                                          "U0LEAEQUIP", "U0STRANGER"};
  const unsigned pick = data[0];
  const std::string text(fuzz::text_of(data + 1, size - 1));
  (void)split_words(text);
  const bool direct = (pick & 0x80U) != 0;
  const Reply reply =
      (pick & 0x40U) != 0
          ? fuzz::world().command(Platform::teams, (pick & 1U) != 0 ? "29:sam" : "29:ada", text, direct)
          : fuzz::world().command(Platform::slack, kSlackUsers[pick % kSlackUsers.size()], text, direct);
  fuzz::require(!reply.message.blocks.empty(), "every command gets a reply that says something");
  const slack::Rendered blocks = slack::render(reply.message);
  const auto parsed = nlohmann::json::parse(blocks.blocks, nullptr, false);  // refuses text that is not UTF-8
  fuzz::require(!parsed.is_discarded(), "the reply's blocks are valid JSON");
  fuzz::require(test::message_blocks_problems(parsed).empty(),
                "the reply's blocks are within Slack's limits");
  fuzz::require(test::message_payload_problems({{"text", blocks.text}}).empty(),
                "the fallback text is valid");
  const std::string card = dump_json(teams::card_activity(reply.message));
  fuzz::require(!nlohmann::json::parse(card, nullptr, false).is_discarded(),
                "the reply's card is valid JSON");
  return 0;
}
