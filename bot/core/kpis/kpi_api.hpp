// The KPI API, for the shop's back office, a BI tool or a cron job:
//   POST /api/v1/kpis        {"points":[{"kpi":"revenue","at":"2026-11-20","value":12345.6}, ...]}
//   GET  /api/v1/kpis/{key}  ?from=2026-11-01&to=2026-11-30&period=day|week|month
// Both take `Authorization: Bearer <token>`, a token from kpi_api.tokens; a token writes only its KPIs
// and reads every KPI. A batch is stored whole or not at all.
#pragma once

#include <functional>
#include <set>
#include <string>

#include "bot/core/clock/clock.hpp"
#include "bot/core/config/live_config.hpp"
#include "bot/core/http/http.hpp"
#include "bot/core/store/store_executor.hpp"

namespace baton {

struct KpiApi {
  const LiveConfig& config;
  StoreExecutor& store;
  const Clock& clock;
  // Told which KPIs have new values once they are stored: the rules reading them are evaluated again.
  std::function<void(const std::set<std::string>&)> stored{};
};

void add_kpi_routes(Router& router, const KpiApi& api);

}  // namespace baton
