// The test organisation with KPIs, an API token and rules: revenue (EUR, targets per day and week),
// conversion (percent), stock (count), and a handoff SLA computed by baton.
#pragma once

#include <string>

#include "tests/support/fixtures.hpp"
#include "tests/support/temp_dir.hpp"

namespace baton::test {

inline constexpr const char* kKpiYaml = R"(
kpis:
  - key: revenue
    name: {en: Revenue, fr: Chiffre d'affaires}
    unit: currency:EUR
    targets: {day: 40000, week: 280000}
    department: customer-service
  - key: conversion
    name: {en: Conversion rate, fr: Taux de conversion}
    unit: percent
    target: 2.5%
    department: customer-service
  - key: stock-sku-123
    unit: count
    direction: lower
    rollup: last
    department: logistics
  - key: logistics-sla
    builtin: handoff_sla_compliance
    target: 90
    department: logistics
kpi_api:
  tokens:
    - {name: shop, token_env: KPI_TOKEN_SHOP, kpis: [revenue, conversion]}
    - {name: warehouse, token_env: KPI_TOKEN_WAREHOUSE, kpis: [stock-sku-123]}
)";

inline constexpr const char* kShopToken = "shop-token-0123456789";
inline constexpr const char* kWarehouseToken = "warehouse-token-9876543210";

inline constexpr const char* kRulesYaml = R"(rules:
  - name: revenue-below-target
    expr: last(revenue) < 0.8 * target(revenue)
    for: 2d
    severity: warning
    summary: {en: "Revenue at {{value}}, target {{target}}", fr: "Chiffre d'affaires à {{value}}, objectif {{target}}"}
  - name: stock-low
    expr: last(stock-sku-123) < 10
    severity: critical
    route: [logistics, customer-service]
    open_handoff: true
)";

inline Environment kpi_environment() {
  return [](const std::string& name) -> std::optional<std::string> {
    if (name == "KPI_TOKEN_SHOP") return kShopToken;
    if (name == "KPI_TOKEN_WAREHOUSE") return kWarehouseToken;
    return {};
  };
}

// The team config with the KPIs above, and the rules when `rules` is not empty (written to `dir`).
inline ConfigResult kpi_config_result(const TempDir& dir, const std::string& extra = {},
                                      const std::string& rules = kRulesYaml) {
  std::string yaml = std::string(kTeamYaml) + kKpiYaml + extra;
  if (!rules.empty()) {
    dir.write("rules.yaml", rules);
    yaml += "alerts:\n  rules_file: rules.yaml\n";
  }
  return parse_config(yaml, dir / "baton.yaml", kpi_environment());
}

inline Config kpi_config(const TempDir& dir, const std::string& rules = kRulesYaml) {
  ConfigResult result = kpi_config_result(dir, {}, rules);
  if (!result.errors.empty()) FAIL(format_diagnostics("baton.yaml", result.errors));
  return std::move(*result.config);
}

}  // namespace baton::test
