// Rendering a message as terminal text: what `baton console` prints.
#pragma once

#include <string>
#include <string_view>

#include "bot/core/message/message.hpp"

namespace baton::console {

struct RenderOptions {
  bool color = false;  // ANSI bold and colours, only when printing to a terminal
  std::string indent = "  ";
};

// Lines of text, each starting with the indent; no trailing newline.
std::string render(const Message& message, const RenderOptions& options = {});

// Removes what a terminal would act on (control characters and escape sequences), so text someone typed
// cannot move the cursor, clear the screen or forge a line of baton's output. Newlines are kept.
std::string escape(std::string_view text);

}  // namespace baton::console
