#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>

#include "tests/support/stores.hpp"

namespace {

// When a test run ends, the PostgreSQL schemas its tests made go (tests/support/stores.hpp).
struct DropTestSchemas : Catch::TestEventListenerBase {
  using TestEventListenerBase::TestEventListenerBase;
  void testRunEnded(const Catch::TestRunStats& stats) override {
    baton::test::schema_cleanup().drop_all();
    TestEventListenerBase::testRunEnded(stats);
  }
};

}  // namespace

CATCH_REGISTER_LISTENER(DropTestSchemas)
