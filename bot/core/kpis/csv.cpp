#include "bot/core/kpis/csv.hpp"

#include "bot/core/text/utf8.hpp"

namespace baton {

std::variant<std::vector<CsvRow>, CsvError> parse_csv(std::string_view text) {
  using Result = std::variant<std::vector<CsvRow>, CsvError>;
  if (text.size() > kMaxCsvBytes) return Result(CsvError{0, "the file is larger than 16 MiB: split it"});
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  // A spreadsheet's other encodings (Latin-1, Windows-1252) are refused, not guessed at.
  if (const auto fault = first_invalid_utf8(text)) return Result(CsvError{fault->line, fault->message()});
  std::vector<CsvRow> rows;
  CsvRow row{1, {}};
  std::string field;
  std::size_t line = 1;
  bool quoted = false;      // inside a quoted field
  bool was_quoted = false;  // the current field was quoted: only a separator may follow its closing quote
  bool row_has_text = false;
  const auto end_row = [&]() -> bool {
    row.fields.push_back(std::move(field));
    field.clear();
    was_quoted = false;
    const bool blank = !row_has_text && row.fields.size() == 1;
    if (!blank) rows.push_back(std::move(row));
    row = CsvRow{line + 1, {}};
    row_has_text = false;
    return rows.size() <= kMaxCsvRows;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') ++line;
        field += c;
      }
      continue;
    }
    if (c == '"' && field.empty() && !was_quoted) {
      quoted = was_quoted = row_has_text = true;
    } else if (c == ',') {
      row.fields.push_back(std::move(field));
      field.clear();
      was_quoted = false;
      row_has_text = true;
      // A comma means one more field after it: counted now, so the last one cannot slip past the limit.
      if (row.fields.size() + 1 > kMaxCsvFields) {
        return Result(CsvError{row.line, "more than " + std::to_string(kMaxCsvFields) + " columns"});
      }
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      continue;
    } else if (c == '\n') {
      if (!end_row())
        return Result(CsvError{line, "more than " + std::to_string(kMaxCsvRows) + " rows: split the file"});
      ++line;
    } else if (was_quoted) {
      return Result(
          CsvError{line, "text after a closing quote: a quoted field ends at a comma or the line's end"});
    } else {
      field += c;
      row_has_text = true;
    }
  }
  if (quoted) return Result(CsvError{row.line, "a quote opened on this line is never closed"});
  if (!field.empty() || !row.fields.empty() || was_quoted) {
    if (!end_row())
      return Result(CsvError{line, "more than " + std::to_string(kMaxCsvRows) + " rows: split the file"});
  }
  return Result(std::move(rows));
}

}  // namespace baton
