// application/x-www-form-urlencoded bodies (Slack's slash commands and interactions). Any body is read
// or refused without harm, and what it holds is valid UTF-8; fields encoded by form_encode read back as
// they were, bytes that are not UTF-8 as U+FFFD.
#include <string>
#include <utility>
#include <vector>

#include "bot/core/http/form.hpp"
#include "bot/core/text/utf8.hpp"
#include "tests/fuzz/fuzz.hpp"

using namespace baton;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::text_of(data, size);
  if (const auto form = Form::parse(text)) {
    fuzz::require(form->size() <= 200, "a form holds at most 200 fields");
    if (const auto first = form->first("text")) fuzz::require(is_valid_utf8(*first), "a value is valid UTF-8");
  }

  // The same bytes as fields: name and value alternate, separated by NUL.
  std::vector<std::pair<std::string, std::string>> fields;
  std::size_t start = 0;
  std::string name;
  bool have_name = false;
  for (std::size_t i = 0; i <= text.size() && fields.size() < 50; ++i) {
    if (i < text.size() && text[i] != '\0') continue;
    std::string piece(text.substr(start, i - start));
    start = i + 1;
    if (!have_name) {
      name = std::move(piece);
      have_name = true;
    } else {
      fields.emplace_back(std::move(name), std::move(piece));
      have_name = false;
    }
  }
  const auto again = Form::parse(form_encode(fields));
  fuzz::require(again.has_value(), "what form_encode writes is a form");
  fuzz::require(again->size() == fields.size(), "every encoded field is read back");
  for (const auto& [key, value] : fields) {
    fuzz::require(again->all(valid_utf8(key)).size() >= 1, "an encoded name is found");
  }
  if (!fields.empty()) {
    fuzz::require(again->first(valid_utf8(fields.front().first)) == valid_utf8(fields.front().second),
                  "the first value reads back, made valid UTF-8");
  }
  return 0;
}
