// Text as people read it: valid UTF-8, counted in characters, and cut only between two graphemes (what a
// reader takes for one character: "é" written as e and an accent, a flag, a family emoji), with a
// marker that says it was cut. Every length a person is told, and every cut baton makes, goes through here.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace baton {

inline constexpr std::string_view kReplacementCharacter = "\xEF\xBF\xBD";  // U+FFFD
inline constexpr std::string_view kCutMarker = "…";

// The length of the valid UTF-8 sequence that starts at text[at], or 0 when none does there. Overlong
// forms, surrogates and code points past U+10FFFF are not valid.
std::size_t utf8_sequence_length(std::string_view text, std::size_t at);
// Where none does: how many bytes the one U+FFFD that stands for them covers (at least one).
std::size_t utf8_ill_formed_length(std::string_view text, std::size_t at);

bool is_valid_utf8(std::string_view text);

// Where a file stops being UTF-8, for an error that names the place, or nothing when it is valid
// throughout. The usual culprit is a file saved as Latin-1 ("é" as the one byte 0xE9).
struct Utf8Fault {
  std::size_t line = 1;    // from 1
  std::size_t column = 1;  // from 1, in bytes
  unsigned char byte = 0;
  // "the byte 0xE9 at column 7 is not UTF-8: save the file as UTF-8"; the caller names the line as its
  // errors do.
  std::string message() const;
};
std::optional<Utf8Fault> first_invalid_utf8(std::string_view text);

// Each ill-formed sequence becomes one U+FFFD (its longest start that could have been valid, as Unicode
// recommends), so text from outside is valid from where it enters on; valid text comes back unchanged,
// so doing it twice changes nothing.
std::string valid_utf8(std::string_view text);
void make_valid_utf8(std::string& text);  // in place; no copy when the text is already valid

// Characters (Unicode code points) in valid UTF-8: what a limit stated in characters counts.
std::size_t count_characters(std::string_view text);
// UTF-16 code units: what a browser's maxlength and a JavaScript length count (an emoji is two).
std::size_t count_utf16_units(std::string_view text);

// How a cut measures text against its limit.
enum class Measure {
  characters,   // code points
  utf16_units,  // JavaScript's length
  bytes,        // UTF-8 bytes
};
std::size_t measure(std::string_view text, Measure unit);

// The bytes of the longest start of `text` that measures at most `limit` and ends between graphemes.
std::size_t grapheme_prefix(std::string_view text, std::size_t limit, Measure unit = Measure::characters);

// `text` when it measures at most `limit`; else its longest start that ends between graphemes, followed
// by `marker`, measuring at most `limit` in all. A limit shorter than the marker gives the marker cut.
std::string cut_text(std::string_view text, std::size_t limit, Measure unit = Measure::characters,
                     std::string_view marker = kCutMarker);

// Steps through text one grapheme at a time: next() is the next grapheme's bytes, empty at the end.
class Graphemes {
 public:
  explicit Graphemes(std::string_view text) : text_(text) {}
  std::string_view next();
  std::size_t offset() const { return at_; }  // bytes consumed so far

 private:
  std::string_view text_;
  std::size_t at_ = 0;
};

}  // namespace baton
