#include "bot/core/store/postgres/database.hpp"

#include <charconv>
#include <stdexcept>

namespace baton::postgres {
namespace {

// The start of a statement, to say which one failed without flooding the log.
std::string doing_of(std::string_view sql) {
  constexpr std::size_t kShown = 48;
  std::string out = "running " + std::string(sql.substr(0, kShown));
  if (sql.size() > kShown) out += "...";
  return out;
}

}  // namespace

Cursor::Cursor(Connection& connection, std::string_view sql)
    : connection_(connection), sql_(sql), doing_(doing_of(sql)) {}

void Cursor::set(int index, std::optional<std::string> value) {
  if (index < 1) throw std::logic_error("PostgreSQL: parameters are numbered from 1");
  const auto slot = static_cast<std::size_t>(index - 1);
  if (parameters_.size() <= slot) parameters_.resize(slot + 1);
  parameters_[slot] = std::move(value);
}

void Cursor::bind_text(int index, std::string_view text) {
  set(index, std::string(text));
}

void Cursor::bind_integer(int index, std::int64_t number) {
  set(index, std::to_string(number));
}

void Cursor::bind_real(int index, double number) {
  // The shortest text that reads back as the same double.
  char buffer[32];
  const auto end = std::to_chars(buffer, buffer + sizeof buffer, number).ptr;
  set(index, std::string(buffer, end));
}

void Cursor::bind_null(int index) {
  set(index, std::nullopt);
}

bool Cursor::step() {
  if (!result_) {
    result_ = connection_.run(sql_, parameters_, doing_);
    changes_ = result_->affected();
    row_ = -1;
  }
  return ++row_ < result_->rows();
}

void Cursor::reset() {
  result_.reset();
  parameters_.clear();
  row_ = -1;
}

sql::Cursor::Value Cursor::value_type(int column) const {
  if (result_->is_null(row_, column)) return Value::null;
  switch (result_->column_kind(column)) {
    case Result::Kind::integer:
      return Value::integer;
    case Result::Kind::real:
      return Value::real;
    case Result::Kind::text:
      return Value::text;
  }
  return Value::text;
}

std::unique_ptr<sql::Cursor> Database::prepare(std::string_view sql) {
  return std::make_unique<Cursor>(connection_, sql);
}

void Database::execute(std::string_view sql, std::string_view doing) {
  connection_.execute(sql, doing);
}

void Database::begin(std::string_view doing) {
  connection_.begin(doing);
}

void Database::commit(std::string_view doing) {
  connection_.commit(doing);
}

void Database::rollback() noexcept {
  connection_.rollback();
}

}  // namespace baton::postgres
