// The routes an operator and a load balancer use: /healthz (the process answers), /readyz (it can do its
// job: store reachable, schema current, not stopping) and /metrics (Prometheus).
#pragma once

#include <chrono>
#include <functional>

#include "bot/core/http/http.hpp"
#include "bot/core/metrics/metrics.hpp"
#include "bot/core/store/store_executor.hpp"

namespace baton {

struct OpsRoutes {
  StoreExecutor& store;
  Metrics& metrics;
  std::function<bool()> stopping;
  std::chrono::milliseconds store_timeout;
};

void add_ops_routes(Router& router, OpsRoutes ops);

}  // namespace baton
