// The slash-command grammar: whatever follows "/baton", typed by anyone on any platform, in a command or a
// direct message, runs through the whole command layer on a real store and always gets a reply.
#include <array>
#include <string>

#include "bot/core/text/words.hpp"
#include "tests/fuzz/fuzz.hpp"
#include "tests/fuzz/world.hpp"

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
  return 0;
}
