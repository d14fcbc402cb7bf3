// `baton kpi import FILE.csv`: a CSV of kpi,at,value read into points, every bad line reported with its
// number; the caller stores the points only when there is no error at all.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "bot/core/kpis/ingest.hpp"

namespace baton {

struct ImportError {
  std::size_t line = 0;  // 0: the file as a whole
  std::string message;
};

struct KpiImport {
  std::vector<KpiPoint> points;
  std::vector<ImportError> errors;
};

// Errors beyond this many are counted, not listed: a file with a wrong column is wrong on every line.
inline constexpr std::size_t kMaxImportErrorsListed = 50;

KpiImport read_kpi_csv(std::string_view text, const KpiIntake& intake);

}  // namespace baton
