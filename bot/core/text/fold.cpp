// Accent folding covers Latin-1 Supplement and the French ligatures; that is what people type here.
#include "bot/core/text/fold.hpp"

namespace baton {
namespace {

// Base letters for U+00C0..U+00FF, indexed by (code point - 0xC0); 0 where there is none.
constexpr char kLatin1Base[] =
    "aaaaaaaceeeeiiii"    // C0-CF: À Á Â Ã Ä Å Æ Ç È É Ê Ë Ì Í Î Ï
    "dnooooo\0ouuuuyts"   // D0-DF: Ð Ñ Ò Ó Ô Õ Ö × Ø Ù Ú Û Ü Ý Þ ß
    "aaaaaaaceeeeiiii"    // E0-EF
    "dnooooo\0ouuuuyty";  // F0-FF

}  // namespace

std::string fold(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : static_cast<char>(c);
      continue;
    }
    if (i + 1 < text.size()) {
      const auto next = static_cast<unsigned char>(text[i + 1]);
      if (c == 0xC3 && next >= 0x80 && next <= 0xBF) {
        const char base = kLatin1Base[next - 0x80];
        if (base != '\0') {
          out += base;
          if (next == 0x86 || next == 0xA6) out += 'e';  // Æ æ
          ++i;
          continue;
        }
      }
      if (c == 0xC5 && (next == 0x92 || next == 0x93)) {  // Œ œ
        out += "oe";
        ++i;
        continue;
      }
    }
    out += static_cast<char>(c);
  }
  return out;
}

}  // namespace baton
