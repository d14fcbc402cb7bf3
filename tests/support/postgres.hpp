// The PostgreSQL server the tests may use: BATON_TEST_POSTGRES names it (deploy/dev.sh test starts a
// throwaway one), BATON_TEST_POSTGRES_PASSWORD_FILE holds its password. Without it, the PostgreSQL half
// of a test says it did not run and passes: a developer without PostgreSQL still runs the SQLite half.
#pragma once

#include <cstdlib>
#include <fstream>
#include <optional>

#include <catch2/catch.hpp>

#include "bot/core/store/postgres/connection.hpp"

namespace baton::test {

inline std::optional<postgres::ConnectionOptions> postgres_server() {
  // NOLINTNEXTLINE(concurrency-mt-unsafe): tests read the environment before any thread starts
  const char* url = std::getenv("BATON_TEST_POSTGRES");
  if (url == nullptr || *url == '\0') {
    WARN("BATON_TEST_POSTGRES is not set: the PostgreSQL part of this test did not run");
    return std::nullopt;
  }
  postgres::ConnectionOptions options;
  options.url = url;
  // NOLINTNEXTLINE(concurrency-mt-unsafe)
  if (const char* file = std::getenv("BATON_TEST_POSTGRES_PASSWORD_FILE"); file != nullptr) {
    std::ifstream in(file);
    std::getline(in, options.password);
  }
  return options;
}

}  // namespace baton::test
