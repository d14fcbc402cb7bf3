#include "bot/core/http/ops_routes.hpp"

#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <nlohmann/json.hpp>

#include "bot/core/text/json_text.hpp"

namespace baton {

void add_ops_routes(Router& router, OpsRoutes ops) {
  router.add("GET", "/healthz", [](HttpRequest&, const Log&) -> boost::asio::awaitable<HttpResponse> {
    co_return HttpResponse::json(200, R"({"status":"ok"})");
  });

  router.add("GET", "/readyz", [ops](HttpRequest&, const Log& log) -> boost::asio::awaitable<HttpResponse> {
    using namespace boost::asio::experimental::awaitable_operators;
    if (ops.stopping()) {
      co_return HttpResponse::json(503, dump_json({{"status", "stopping"}}));
    }
    // A store that hangs must not hang the probe: race it against the store timeout. Errors become a
    // status, so the race ends as soon as the store answers either way.
    const auto check = [](Store& store) {
      try {
        return store.status();
      } catch (const std::exception& e) {
        StoreStatus failed;
        failed.detail = e.what();
        return failed;
      }
    };
    boost::asio::steady_timer timer(co_await boost::asio::this_coro::executor, ops.store_timeout);
    const auto outcome = co_await (ops.store.run(check) || timer.async_wait(boost::asio::use_awaitable));
    if (outcome.index() == 1) {
      log.warn("readiness check: the store did not answer", {{"timeout_ms", ops.store_timeout.count()}});
      co_return HttpResponse::json(503, dump_json({{"status", "not_ready"},
                                                   {"store", "timeout"},
                                                   {"message", "the store did not answer in time"}}));
    }
    const StoreStatus& status = std::get<0>(outcome);
    if (!status.ready()) {
      log.warn("readiness check: store not ready", {{"detail", status.detail}});
      // The detail stays in the log: it can name files and hosts.
      co_return HttpResponse::json(503,
                                   dump_json({{"status", "not_ready"},
                                              {"store", status.reachable ? "schema_outdated" : "unreachable"},
                                              {"schema_version", status.schema_version},
                                              {"expected_schema_version", status.expected_version}}));
    }
    co_return HttpResponse::json(
        200, dump_json({{"status", "ready"}, {"store", "ok"}, {"schema_version", status.schema_version}}));
  });

  router.add("GET", "/metrics",
             [&metrics = ops.metrics](HttpRequest&, const Log&) -> boost::asio::awaitable<HttpResponse> {
               co_return HttpResponse::text(200, metrics.render(),
                                            "text/plain; version=0.0.4; charset=utf-8");
             });
}

}  // namespace baton
