// `baton kpi import FILE.csv`: rows read or the first error with its line, then each row judged against
// the KPIs; a file with any error yields no points to store.
#include <variant>

#include "bot/core/clock/iso8601.hpp"
#include "bot/core/kpis/csv.hpp"
#include "bot/core/kpis/csv_import.hpp"
#include "bot/core/kpis/ingest.hpp"
#include "tests/fuzz/fuzz.hpp"
#include "tests/fuzz/world.hpp"

using namespace baton;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 65536) return -1;
  const std::string_view text = fuzz::text_of(data, size);
  const auto rows = parse_csv(text);
  if (const auto* error = std::get_if<CsvError>(&rows))
    fuzz::require(!error->message.empty(), "a CSV error says why");
  static const KpiIntake intake(fuzz::world().config(), *parse_iso8601("2026-11-23T08:00:00Z"));
  const KpiImport read = read_kpi_csv(text, intake);
  for (const ImportError& error : read.errors)
    fuzz::require(!error.message.empty(), "an import error says why");
  return 0;
}
