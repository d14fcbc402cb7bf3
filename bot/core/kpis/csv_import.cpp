#include "bot/core/kpis/csv_import.hpp"

#include <algorithm>
#include <array>

#include "bot/core/kpis/csv.hpp"

namespace baton {
namespace {

std::string folded(std::string text) {
  text.erase(std::remove(text.begin(), text.end(), ' '), text.end());
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

}  // namespace

KpiImport read_kpi_csv(std::string_view text, const KpiIntake& intake) {
  KpiImport out;
  auto parsed = parse_csv(text);
  if (const auto* error = std::get_if<CsvError>(&parsed)) {
    out.errors.push_back({error->line, error->message});
    return out;
  }
  const auto& rows = std::get<std::vector<CsvRow>>(parsed);
  if (rows.empty()) {
    out.errors.push_back({0, "the file is empty: it needs a header line kpi,at,value and one line a point"});
    return out;
  }
  // The header names the columns, in any order.
  std::array<std::size_t, 3> column{};
  const std::array<std::string, 3> names{"kpi", "at", "value"};
  const CsvRow& header = rows.front();
  for (std::size_t n = 0; n < names.size(); ++n) {
    const auto found = std::find_if(header.fields.begin(), header.fields.end(),
                                    [&](const std::string& f) { return folded(f) == names[n]; });
    if (found == header.fields.end()) {
      out.errors.push_back({header.line, "the header has no column " + names[n] +
                                             ": the first line must name the columns kpi,at,value"});
      return out;
    }
    column[n] = static_cast<std::size_t>(found - header.fields.begin());
  }
  if (header.fields.size() != names.size()) {
    out.errors.push_back({header.line, "the header has " + std::to_string(header.fields.size()) +
                                           " columns; the file holds exactly kpi, at and value"});
    return out;
  }
  std::vector<std::size_t> lines;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const CsvRow& row = rows[r];
    const auto fail = [&](std::string message) { out.errors.push_back({row.line, std::move(message)}); };
    if (row.fields.size() != names.size()) {
      fail("this line has " + std::to_string(row.fields.size()) + " fields, not 3 (kpi,at,value)");
      continue;
    }
    const std::string& key = row.fields[column[0]];
    const auto kpi = intake.writable_kpi(key);
    if (const auto* error = std::get_if<std::string>(&kpi)) {
      fail(*error);
      continue;
    }
    const auto value = parse_kpi_value(row.fields[column[2]], std::get<const KpiDefinition*>(kpi)->unit);
    if (!value) {
      fail("the value \"" + row.fields[column[2]] + "\" is not a number (write 12345.6, without spaces)");
      continue;
    }
    auto point = intake.point(key, row.fields[column[1]], *value);
    if (auto* error = std::get_if<std::string>(&point)) {
      fail(std::move(*error));
      continue;
    }
    out.points.push_back(std::get<KpiPoint>(std::move(point)));
    lines.push_back(row.line);
  }
  for (const auto& [later, earlier] : duplicate_points(out.points)) {
    out.errors.push_back({lines[later], "the same KPI and day as line " + std::to_string(lines[earlier]) +
                                            ": keep one of them"});
  }
  std::stable_sort(out.errors.begin(), out.errors.end(),
                   [](const ImportError& a, const ImportError& b) { return a.line < b.line; });
  if (rows.size() == 1 && out.errors.empty()) {
    out.errors.push_back({0, "the file has a header and no points"});
  }
  if (!out.errors.empty()) out.points.clear();
  return out;
}

}  // namespace baton
