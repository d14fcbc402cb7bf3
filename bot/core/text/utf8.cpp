// Grapheme boundaries are Unicode's extended grapheme clusters (UAX #29), from utf8proc (Debian's
// libutf8proc), which follows the Unicode version it was built with.
#include "bot/core/text/utf8.hpp"

#include <utf8proc.h>

namespace baton {
namespace {

bool continuation(unsigned char c) {
  return (c & 0xC0) == 0x80;
}

// The bytes allowed after a lead byte: the second byte's range (narrower after E0, ED, F0 and F4, which
// would otherwise start overlong forms, surrogates or code points past U+10FFFF), and how many follow.
struct Expected {
  unsigned char second_low = 0x80;
  unsigned char second_high = 0xBF;
  std::size_t length = 0;  // 0: not a lead byte
};

Expected expected_after(unsigned char lead) {
  if (lead >= 0xC2 && lead <= 0xDF) return {0x80, 0xBF, 2};
  if (lead == 0xE0) return {0xA0, 0xBF, 3};
  if (lead == 0xED) return {0x80, 0x9F, 3};
  if (lead >= 0xE1 && lead <= 0xEF) return {0x80, 0xBF, 3};
  if (lead == 0xF0) return {0x90, 0xBF, 4};
  if (lead == 0xF4) return {0x80, 0x8F, 4};
  if (lead >= 0xF1 && lead <= 0xF3) return {0x80, 0xBF, 4};
  return {};
}

}  // namespace

// The longest start of a sequence that could have been valid.
std::size_t utf8_ill_formed_length(std::string_view text, std::size_t at) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const Expected expected = expected_after(byte(at));
  if (expected.length == 0) return 1;
  std::size_t length = 1;
  if (at + 1 < text.size() && byte(at + 1) >= expected.second_low && byte(at + 1) <= expected.second_high) {
    ++length;
    while (length < expected.length && at + length < text.size() && continuation(byte(at + length)))
      ++length;
  }
  return length;
}

namespace {

// The code point at text[at] and its length in bytes; an ill-formed byte counts as U+FFFD of one byte
// (only met in text that was never made valid).
std::pair<char32_t, std::size_t> code_point_at(std::string_view text, std::size_t at) {
  const auto byte = static_cast<unsigned char>(text[at]);
  if (byte < 0x80) return {byte, 1};
  const std::size_t length = utf8_sequence_length(text, at);
  if (length == 0) return {0xFFFD, 1};
  char32_t value = byte & (0xFF >> (length + 1));
  for (std::size_t i = 1; i < length; ++i)
    value = (value << 6) | (static_cast<unsigned char>(text[at + i]) & 0x3F);
  return {value, length};
}

std::size_t units_of(char32_t code_point, std::size_t bytes, Measure unit) {
  switch (unit) {
    case Measure::characters:
      return 1;
    case Measure::utf16_units:
      return code_point > 0xFFFF ? 2 : 1;
    case Measure::bytes:
      return bytes;
  }
  return bytes;
}

}  // namespace

std::size_t utf8_sequence_length(std::string_view text, std::size_t at) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  if (byte(at) < 0x80) return 1;
  const Expected expected = expected_after(byte(at));
  if (expected.length == 0 || text.size() - at < expected.length) return 0;
  if (byte(at + 1) < expected.second_low || byte(at + 1) > expected.second_high) return 0;
  for (std::size_t i = 2; i < expected.length; ++i) {
    if (!continuation(byte(at + i))) return 0;
  }
  return expected.length;
}

bool is_valid_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      ++i;
      continue;
    }
    const std::size_t length = utf8_sequence_length(text, i);
    if (length == 0) return false;
    i += length;
  }
  return true;
}

std::optional<Utf8Fault> first_invalid_utf8(std::string_view text) {
  Utf8Fault at;
  std::size_t line_start = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t length = utf8_sequence_length(text, i);
    if (length == 0) {
      at.column = i - line_start + 1;
      at.byte = static_cast<unsigned char>(text[i]);
      return at;
    }
    if (text[i] == '\n') {
      ++at.line;
      line_start = i + 1;
    }
    i += length;
  }
  return std::nullopt;
}

std::string Utf8Fault::message() const {
  static constexpr char kHex[] = "0123456789ABCDEF";
  return std::string("the byte 0x") + kHex[byte >> 4] + kHex[byte & 0xF] + " at column " +
         std::to_string(column) + " is not UTF-8: save the file as UTF-8";
}

std::string valid_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    // Runs of valid text are copied at once.
    std::size_t run = i;
    while (run < text.size()) {
      const std::size_t length = utf8_sequence_length(text, run);
      if (length == 0) break;
      run += length;
    }
    out.append(text.data() + i, run - i);
    i = run;
    if (i == text.size()) break;
    out += kReplacementCharacter;
    i += utf8_ill_formed_length(text, i);
  }
  return out;
}

void make_valid_utf8(std::string& text) {
  if (!is_valid_utf8(text)) text = valid_utf8(text);
}

std::size_t count_characters(std::string_view text) {
  return measure(text, Measure::characters);
}

std::size_t count_utf16_units(std::string_view text) {
  return measure(text, Measure::utf16_units);
}

std::size_t measure(std::string_view text, Measure unit) {
  if (unit == Measure::bytes) return text.size();
  std::size_t count = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    const auto [code_point, length] = code_point_at(text, i);
    count += units_of(code_point, length, unit);
    i += length;
  }
  return count;
}

std::string_view Graphemes::next() {
  const std::size_t start = at_;
  if (at_ >= text_.size()) return {};
  auto [previous, length] = code_point_at(text_, at_);
  at_ += length;
  utf8proc_int32_t state = 0;  // a break resets it, so each grapheme starts from nothing
  while (at_ < text_.size()) {
    const auto [code_point, next_length] = code_point_at(text_, at_);
    if (utf8proc_grapheme_break_stateful(static_cast<utf8proc_int32_t>(previous),
                                         static_cast<utf8proc_int32_t>(code_point), &state)) {
      break;
    }
    previous = code_point;
    at_ += next_length;
  }
  return text_.substr(start, at_ - start);
}

std::size_t grapheme_prefix(std::string_view text, std::size_t limit, Measure unit) {
  Graphemes graphemes(text);
  std::size_t used = 0;
  std::size_t end = 0;
  for (std::string_view grapheme = graphemes.next(); !grapheme.empty(); grapheme = graphemes.next()) {
    used += measure(grapheme, unit);
    if (used > limit) break;
    end = graphemes.offset();
  }
  return end;
}

std::string cut_text(std::string_view text, std::size_t limit, Measure unit, std::string_view marker) {
  if (measure(text, unit) <= limit) return std::string(text);
  const std::size_t marker_size = measure(marker, unit);
  if (marker_size >= limit) return std::string(marker.substr(0, grapheme_prefix(marker, limit, unit)));
  std::string out(text.substr(0, grapheme_prefix(text, limit - marker_size, unit)));
  out += marker;
  return out;
}

}  // namespace baton
