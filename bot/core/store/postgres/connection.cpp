#include "bot/core/store/postgres/connection.hpp"

#include <charconv>
#include <cstdlib>

#include "bot/core/store/postgres/libpq.hpp"
#include "bot/core/store/store.hpp"

namespace baton::postgres {
namespace {

// PostgreSQL's message, trimmed of its trailing newline.
std::string message_of(const char* text) {
  std::string out = text != nullptr ? text : "";
  while (!out.empty() && (out.back() == '\n' || out.back() == ' '))
    out.pop_back();
  return out;
}

[[noreturn]] void fail(std::string_view doing, const std::string& why) {
  throw StoreUnavailable("PostgreSQL: " + std::string(doing) + ": " + why);
}

}  // namespace

namespace {

// Calls `placeholder(position)` for each "?" followed by a digit outside quotes.
template <typename Found>
void scan_placeholders(std::string_view sql, Found placeholder) {
  char quote = 0;  // inside '...' or "..."
  for (std::size_t i = 0; i < sql.size(); ++i) {
    const char c = sql[i];
    if (quote != 0) {
      if (c == quote) quote = 0;
    } else if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == '?' && i + 1 < sql.size() && sql[i + 1] >= '0' && sql[i + 1] <= '9') {
      placeholder(i);
    }
  }
}

}  // namespace

std::string numbered_placeholders(std::string_view sql) {
  std::string out(sql);
  scan_placeholders(sql, [&](std::size_t at) { out[at] = '$'; });
  return out;
}

std::vector<bool> used_placeholders(std::string_view sql) {
  std::vector<bool> used;
  scan_placeholders(sql, [&](std::size_t at) {
    std::size_t number = 0;
    std::from_chars(sql.data() + at + 1, sql.data() + sql.size(), number);
    if (used.size() <= number) used.resize(number + 1);
    used[number] = true;
  });
  return used;
}

std::optional<std::string> check_url(std::string_view url) {
  if (!url.starts_with("postgres://") && !url.starts_with("postgresql://"))
    return "it must start with postgres:// (postgres://user@host:5432/database)";
  const auto authority_start = url.find("://") + 3;
  const auto authority_end = url.find_first_of("/?", authority_start);
  const std::string_view authority = url.substr(authority_start, authority_end - authority_start);
  const auto at = authority.rfind('@');
  if (at != std::string_view::npos && authority.substr(0, at).find(':') != std::string_view::npos)
    return "it holds a password: give it with store.password_env or store.password_file instead";
  char* error = nullptr;
  PQconninfoOption* options = libpq().PQconninfoParse(std::string(url).c_str(), &error);
  if (options == nullptr) {
    const std::string why = message_of(error);
    libpq().PQfreemem(error);
    return why.empty() ? std::string("it is not a connection URL libpq understands") : why;
  }
  libpq().PQconninfoFree(options);
  return std::nullopt;
}

Result::~Result() {
  if (result_ != nullptr) libpq().PQclear(result_);
}

Result& Result::operator=(Result&& other) noexcept {
  if (this != &other) {
    if (result_ != nullptr) libpq().PQclear(result_);
    result_ = other.result_;
    other.result_ = nullptr;
  }
  return *this;
}

int Result::rows() const {
  return libpq().PQntuples(result_);
}

int Result::affected() const {
  const char* text = libpq().PQcmdTuples(result_);
  int count = 0;
  if (text != nullptr) std::from_chars(text, text + std::char_traits<char>::length(text), count);
  return count;
}

bool Result::is_null(int row, int column) const {
  return libpq().PQgetisnull(result_, row, column) == 1;
}

std::string Result::text(int row, int column) const {
  return {libpq().PQgetvalue(result_, row, column),
          static_cast<std::size_t>(libpq().PQgetlength(result_, row, column))};
}

std::int64_t Result::integer(int row, int column) const {
  const char* text = libpq().PQgetvalue(result_, row, column);
  std::int64_t value = 0;
  std::from_chars(text, text + libpq().PQgetlength(result_, row, column), value);
  return value;
}

double Result::real(int row, int column) const {
  // Text format: PostgreSQL writes doubles so that they read back exactly (extra_float_digits).
  return std::strtod(libpq().PQgetvalue(result_, row, column), nullptr);
}

int Result::columns() const {
  return libpq().PQnfields(result_);
}

std::string Result::column_name(int column) const {
  const char* name = libpq().PQfname(result_, column);
  return name == nullptr ? std::string() : std::string(name);
}

Result::Kind Result::column_kind(int column) const {
  // Type OIDs from pg_type, fixed since PostgreSQL's early days: int8, int2, int4; float4, float8, numeric.
  switch (libpq().PQftype(result_, column)) {
    case 20:
    case 21:
    case 23:
      return Kind::integer;
    case 700:
    case 701:
    case 1700:
      return Kind::real;
    default:
      return Kind::text;
  }
}

Connection::Connection(const ConnectionOptions& options) {
  if (const auto wrong = check_url(options.url)) fail("connecting", "store.url: " + *wrong);
  const std::string timeout = std::to_string(options.connect_timeout.count());
  // Checked by the config to be a plain identifier, so it needs no quoting here.
  const std::string server_options = options.schema.empty() ? "" : "-c search_path=" + options.schema;
  // The URL first, then what it must not carry: later keywords override what it says.
  const char* keywords[] = {"dbname", "connect_timeout", "application_name", "options", "password", nullptr};
  const char* values[] = {options.url.c_str(),
                          timeout.c_str(),
                          options.application_name.c_str(),
                          server_options.empty() ? nullptr : server_options.c_str(),
                          options.password.empty() ? nullptr : options.password.c_str(),
                          nullptr};
  conn_ = libpq().PQconnectdbParams(keywords, values, 1);
  if (conn_ == nullptr) fail("connecting", "out of memory");
  if (libpq().PQstatus(conn_) != CONNECTION_OK) {
    const std::string why = message_of(libpq().PQerrorMessage(conn_));
    libpq().PQfinish(conn_);
    conn_ = nullptr;
    fail("connecting", why);
  }
  // NOTICEs ("schema ... already exists, skipping") are the server thinking aloud; libpq would print
  // them on stderr, past the log.
  libpq().PQsetNoticeProcessor(
      conn_, [](void*, const char*) {}, nullptr);
}

Connection::~Connection() {
  if (conn_ != nullptr) libpq().PQfinish(conn_);
}

// The result of a command, or StoreUnavailable with the server's message (the result freed either way).
Result Connection::checked(pg_result* result, std::string_view doing) const {
  const ExecStatusType status = result != nullptr ? libpq().PQresultStatus(result) : PGRES_FATAL_ERROR;
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return Result(result);
  const std::string why =
      message_of(result != nullptr ? libpq().PQresultErrorMessage(result) : libpq().PQerrorMessage(conn_));
  if (result != nullptr) libpq().PQclear(result);
  fail(doing, why);
}

void Connection::execute(std::string_view sql, std::string_view doing) {
  ensure_connected();
  checked(libpq().PQexec(conn_, std::string(sql).c_str()), doing);
}

void Connection::begin(std::string_view doing) {
  execute("BEGIN", doing);
  in_transaction_ = true;
}

void Connection::commit(std::string_view doing) {
  in_transaction_ = false;  // committed, or rolled back by the server when COMMIT fails
  execute("COMMIT", doing);
}

void Connection::rollback() noexcept {
  const bool was = in_transaction_;
  in_transaction_ = false;
  if (!was || !healthy()) return;  // a lost session took its transaction with it
  PGresult* result = libpq().PQexec(conn_, "ROLLBACK");
  if (result != nullptr) libpq().PQclear(result);
}

Result Connection::run(std::string_view sql, const Parameters& parameters, std::string_view doing) {
  ensure_connected();
  std::string text(sql);
  auto found = prepared_.find(text);
  if (found == prepared_.end()) {
    Prepared statement{"baton_" + std::to_string(prepared_.size() + 1), 0};
    // PostgreSQL infers each parameter's type from where it is used, and refuses one used nowhere: the
    // store binds the same numbers to an INSERT and an UPDATE that may not use them all. Those are
    // declared text, which nothing reads.
    constexpr Oid kText = 25;
    constexpr Oid kInferred = 0;
    const std::vector<bool> used = used_placeholders(sql);
    std::vector<Oid> types;
    for (std::size_t n = 1; n < used.size(); ++n)
      types.push_back(used[n] ? kInferred : kText);
    statement.parameters = static_cast<int>(types.size());
    const std::string postgres_sql = numbered_placeholders(sql);
    checked(libpq().PQprepare(conn_, statement.name.c_str(), postgres_sql.c_str(), statement.parameters,
                              types.data()),
            doing);
    found = prepared_.emplace(std::move(text), std::move(statement)).first;
  }
  const Prepared& statement = found->second;
  std::vector<const char*> values(static_cast<std::size_t>(statement.parameters), nullptr);
  for (std::size_t i = 0; i < parameters.size() && i < values.size(); ++i)
    values[i] = parameters[i] ? parameters[i]->c_str() : nullptr;
  return checked(libpq().PQexecPrepared(conn_, statement.name.c_str(), statement.parameters, values.data(),
                                        nullptr, nullptr, 0),
                 doing);
}

bool Connection::healthy() const {
  return libpq().PQstatus(conn_) == CONNECTION_OK;
}

void Connection::ensure_connected() {
  if (healthy()) return;
  if (in_transaction_) fail("continuing a transaction", "the connection to the server was lost");
  libpq().PQreset(conn_);
  prepared_.clear();  // the server forgot them with the old session
  if (!healthy()) fail("connecting again", message_of(libpq().PQerrorMessage(conn_)));
}

int Connection::server_version() const {
  return libpq().PQserverVersion(conn_);
}

}  // namespace baton::postgres
