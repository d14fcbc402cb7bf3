// CSV as spreadsheets export it (RFC 4180): comma-separated, fields in double quotes when they hold a
// comma, a quote ("") or a line break; CRLF or LF; an optional UTF-8 byte order mark. Rows keep the line
// they start on, so errors can name it.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace baton {

inline constexpr std::size_t kMaxCsvBytes = std::size_t{16} * 1024 * 1024;
inline constexpr std::size_t kMaxCsvRows = 100'000;
inline constexpr std::size_t kMaxCsvFields = 50;

struct CsvRow {
  std::size_t line = 0;  // from 1
  std::vector<std::string> fields;
};

struct CsvError {
  std::size_t line = 0;
  std::string message;
};

// Every row, blank lines left out; or the first error that makes the rest unreadable (an unclosed quote,
// too many rows).
std::variant<std::vector<CsvRow>, CsvError> parse_csv(std::string_view text);

}  // namespace baton
