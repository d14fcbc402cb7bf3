// PostgreSQL under the store's SQL layer (store/sql/statement.hpp): a statement binds its parameters as
// text, runs when first stepped (prepared on the connection the first time it is seen) and reads the
// rows of its result.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "bot/core/store/postgres/connection.hpp"
#include "bot/core/store/sql/statement.hpp"

namespace baton::postgres {

class Cursor final : public sql::Cursor {
 public:
  Cursor(Connection& connection, std::string_view sql);

  void bind_text(int index, std::string_view text) override;
  void bind_integer(int index, std::int64_t number) override;
  void bind_real(int index, double number) override;
  void bind_null(int index) override;
  bool step() override;
  void reset() override;
  int changes() const override { return changes_; }
  std::int64_t integer(int column) const override { return result_->integer(row_, column); }
  std::string text(int column) const override { return result_->text(row_, column); }
  double real(int column) const override { return result_->real(row_, column); }
  bool is_null(int column) const override { return result_->is_null(row_, column); }
  int columns() const override { return result_->columns(); }
  std::string column_name(int column) const override { return result_->column_name(column); }
  Value value_type(int column) const override;

 private:
  void set(int index, std::optional<std::string> value);

  Connection& connection_;
  std::string sql_;
  std::string doing_;  // "running INSERT INTO outbox ...", for errors
  Parameters parameters_;
  std::optional<Result> result_;
  int row_ = -1;
  int changes_ = 0;  // kept after reset(), as SQLite keeps its count
};

// A connection as the SQL layer sees it; the connection is owned elsewhere.
class Database final : public sql::Database {
 public:
  explicit Database(Connection& connection) : connection_(connection) {}
  std::string_view kind() const override { return "PostgreSQL"; }
  std::unique_ptr<sql::Cursor> prepare(std::string_view sql) override;
  void execute(std::string_view sql, std::string_view doing) override;
  void begin(std::string_view doing) override;
  void commit(std::string_view doing) override;
  void rollback() noexcept override;

 private:
  Connection& connection_;
};

}  // namespace baton::postgres
