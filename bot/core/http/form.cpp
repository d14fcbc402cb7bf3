#include "bot/core/http/form.hpp"

#include <string>

#include <boost/url/params_view.hpp>
#include <boost/url/parse_query.hpp>

#include "bot/core/text/utf8.hpp"

namespace baton {

std::optional<Form> Form::parse(std::string_view body, std::size_t max_fields) {
  // A NUL is written %00 in a form; a raw one would also end the text early for what follows.
  if (body.find('\0') != std::string_view::npos) return std::nullopt;
  // Boost.URL 1.81's parse_query reads its text up to a NUL (strlen, found by fuzzing), so a view that is
  // not NUL-terminated was read past its end: it is given a string's copy, which is.
  const std::string text(body);
  if (!boost::urls::parse_query(text)) return std::nullopt;  // checked first: the view throws on bad input
  const boost::urls::params_view params(text, boost::urls::encoding_opts(true));
  if (params.size() > max_fields) return std::nullopt;
  Form form;
  form.fields_.reserve(params.size());
  for (const auto& param : params) {
    if (param.key.empty() && !param.has_value) continue;  // "a=1&&b=2"
    // Percent escapes can spell any bytes: what reaches baton from here on is valid UTF-8.
    form.fields_.emplace_back(valid_utf8(param.key), valid_utf8(param.value));
  }
  return form;
}

std::string form_encode(const std::vector<std::pair<std::string, std::string>>& fields) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const auto& [key, value] : fields) {
    if (!out.empty()) out += '&';
    for (const std::string* part : {&key, &value}) {
      for (unsigned char c : *part) {
        if (std::isalnum(c) != 0 || c == '-' || c == '_' || c == '.' || c == '~') {
          out += static_cast<char>(c);
        } else {
          out += '%';
          out += kHex[c >> 4];
          out += kHex[c & 0xF];
        }
      }
      if (part == &key) out += '=';
    }
  }
  return out;
}

std::optional<std::string> Form::first(std::string_view name) const {
  for (const auto& [key, value] : fields_) {
    if (key == name) return value;
  }
  return std::nullopt;
}

std::vector<std::string> Form::all(std::string_view name) const {
  std::vector<std::string> out;
  for (const auto& [key, value] : fields_) {
    if (key == name) out.push_back(value);
  }
  return out;
}

}  // namespace baton
