#include <catch2/catch.hpp>

#include "bot/core/http/http.hpp"
#include "bot/core/http/legal_pages.hpp"

using namespace baton;

namespace {
HttpHandler ok() {
  return [](HttpRequest&, const Log&) -> boost::asio::awaitable<HttpResponse> {
    co_return HttpResponse::json(200, "{}");
  };
}
}  // namespace

TEST_CASE("routes match by method and path, with placeholders", "[http]") {
  Router router;
  router.add("GET", "/healthz", ok());
  router.add("GET", "/api/v1/kpis/{key}", ok());
  router.add("POST", "/api/v1/kpis", ok());

  const auto health = router.match("GET", "/healthz");
  CHECK(health.status == 200);
  CHECK(health.handler != nullptr);
  CHECK(health.route == "/healthz");

  const auto kpi = router.match("GET", "/api/v1/kpis/revenue");
  CHECK(kpi.status == 200);
  CHECK(kpi.params.at("key") == "revenue");
  CHECK(kpi.route == "/api/v1/kpis/{key}");

  CHECK(router.match("GET", "/nope").status == 404);
  CHECK(router.match("GET", "/nope").route == "unmatched");
  CHECK(router.match("GET", "/api/v1/kpis/").status == 404);
  CHECK(router.match("GET", "healthz").status == 404);
}

TEST_CASE("a known path with the wrong method is 405 with the methods allowed", "[http]") {
  Router router;
  router.add("GET", "/healthz", ok());
  const auto wrong = router.match("DELETE", "/healthz");
  CHECK(wrong.status == 405);
  CHECK(wrong.allow == "GET, HEAD");
  CHECK(wrong.handler == nullptr);
  CHECK(router.match("HEAD", "/healthz").status == 200);  // HEAD is answered by GET
}

TEST_CASE("route parameters and query parameters are decoded", "[http]") {
  Router router;
  router.add("GET", "/api/v1/kpis/{key}", ok());
  CHECK(router.match("GET", "/api/v1/kpis/taux%20de%20conversion").params.at("key") == "taux de conversion");
  CHECK(router.match("GET", "/api/v1/kpis/bad%zz").status == 404);

  HttpRequest request;
  request.query = "from=2026-11-01&to=&period=week&note=caf%C3%A9+cr%C3%A8me&flag";
  CHECK(request.query_param("from") == "2026-11-01");
  CHECK(request.query_param("to") == "");
  CHECK(request.query_param("note") == "café crème");
  CHECK(request.query_param("flag") == "");
  CHECK_FALSE(request.query_param("missing").has_value());
}

TEST_CASE("headers are found whatever their case", "[http]") {
  HttpRequest request;
  request.headers = {{"x-slack-signature", "v0=abc"}};
  CHECK(request.header("X-Slack-Signature") == "v0=abc");
  CHECK_FALSE(request.header("X-Other").has_value());
}

TEST_CASE("the privacy and terms pages escape the company's name, and never leave a name empty",
          "[http][pages]") {
  const std::string page = legal_page("/privacy", {"Dupont & Fils <SA>", "", {"Ada Admin", "Marc Manager"}});
  CHECK_THAT(page, Catch::Contains("<title>Privacy: baton at Dupont &amp; Fils &lt;SA&gt;</title>"));
  CHECK_THAT(page, Catch::Contains("ask baton&#39;s administrators: Ada Admin and Marc Manager."));
  CHECK_THAT(page,
             Catch::Contains("adressez-vous aux administrateurs de baton : Ada Admin et Marc Manager."));
  const std::string nameless = legal_page("/terms", {"", "", {"Ada Admin"}});
  CHECK_THAT(nameless, Catch::Contains("baton is provided by your company to its staff"));
  CHECK_THAT(nameless, Catch::Contains("baton est mis à disposition par votre entreprise"));
  CHECK(nameless.find("  ") == std::string::npos);
}
