// The KPI API with a valid token: POST /api/v1/kpis bodies, and GET /api/v1/kpis/{key} with any query.
// A batch is stored whole or refused whole with a 4xx that says why; never a server error.
#include <string>

#include "tests/fuzz/fuzz.hpp"
#include "tests/fuzz/world.hpp"

using namespace baton;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1 || size > 65536) return -1;
  std::string body(fuzz::text_of(data + 1, size - 1));
  HttpResponse answer;
  if (data[0] % 4 != 0) {
    answer = fuzz::world().kpi_api("POST", "/api/v1/kpis", std::move(body));
  } else {
    answer = fuzz::world().kpi_api("GET", "/api/v1/kpis/revenue?" + body, "");
  }
  fuzz::require(answer.status >= 200 && answer.status < 500,
                "the KPI API answers 2xx, or 4xx with what was wrong");
  return 0;
}
