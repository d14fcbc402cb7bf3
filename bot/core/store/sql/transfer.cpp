#include "bot/core/store/sql/transfer.hpp"

#include <algorithm>
#include <cctype>
#include <istream>
#include <memory>
#include <ostream>
#include <regex>

#include <nlohmann/json.hpp>

#include "bot/core/store/sql/migrations.hpp"
#include "bot/core/store/sql/statement.hpp"
#include "bot/core/text/json_text.hpp"
#include "bot/core/text/utf8.hpp"

namespace baton::sql {
namespace {

using nlohmann::json;

constexpr int kFormat = 1;
// A row is a few kilobytes at most (a message's blocks); a longer line is not one of baton's.
constexpr std::size_t kMaxLine = std::size_t{16} * 1024 * 1024;

bool runtime_only(const std::string& table) {
  return table == "schema_migrations" || table == "leases" || table == "turns";
}

// The shortest text that reads back as the same double: JSON numbers would do, but SQLite's own text
// form of a REAL keeps only 15 digits.
json value_of(const Cursor& row, int column) {
  switch (row.value_type(column)) {
    case Cursor::Value::null:
      return nullptr;
    case Cursor::Value::integer:
      return row.integer(column);
    case Cursor::Value::real:
      return row.real(column);
    case Cursor::Value::text:
      return row.text(column);
  }
  return nullptr;
}

std::string at_line(std::int64_t line, const std::string& what) {
  return "line " + std::to_string(line) + ": " + what;
}

}  // namespace

std::vector<Table> state_tables() {
  static const std::regex kCreate(R"(CREATE TABLE (\w+) \(\s*(\w+)\s+(INTEGER PRIMARY KEY)?)");
  std::vector<Table> tables;
  for (const Migration& migration : migrations()) {
    const std::string sql(migration.sql);
    for (auto it = std::sregex_iterator(sql.begin(), sql.end(), kCreate); it != std::sregex_iterator();
         ++it) {
      const std::smatch& match = *it;
      if (runtime_only(match[1].str())) continue;
      tables.push_back({match[1].str(), match[3].matched ? match[2].str() : std::string()});
    }
  }
  return tables;
}

std::int64_t export_tables(Database& db, int schema_version, std::string_view source, std::ostream& out) {
  out << dump_json({{"baton_export", kFormat}, {"schema_version", schema_version}, {"source", source}})
      << '\n';
  std::int64_t rows = 0;
  for (const Table& table : state_tables()) {
    // Names in this file's SQL come from the migrations, or are checked to be plain words; values are
    // always bound.
    Statement all(db, "SELECT * FROM " + table.name +
                          (table.identity.empty() ? std::string() : " ORDER BY " + table.identity));
    std::vector<std::string> lines;
    while (all.step()) {
      json row = json::object();
      for (int c = 0; c < all.cursor().columns(); ++c)
        row[all.cursor().column_name(c)] = value_of(all.cursor(), c);
      std::string line = dump_json({{"table", table.name}, {"row", std::move(row)}});
      if (table.identity.empty()) {
        lines.push_back(std::move(line));
      } else {
        out << line << '\n';
        ++rows;
      }
    }
    all.reset();
    // A table without ids has no order of its own: sorted, the same state exports to the same file
    // from either database.
    std::sort(lines.begin(), lines.end());
    for (const std::string& line : lines)
      out << line << '\n';
    rows += static_cast<std::int64_t>(lines.size());
  }
  out << dump_json({{"end", true}, {"rows", rows}}) << '\n';
  out.flush();
  if (!out) throw std::runtime_error("cannot write the export (disk full?)");
  return rows;
}

ImportSummary import_tables(Database& db, int schema_version, std::istream& in) {
  const std::vector<Table> tables = state_tables();
  for (const Table& table : tables) {
    Statement count(db, "SELECT count(*) FROM " + table.name);
    const std::int64_t present = count.step() ? count.integer(0) : 0;
    count.reset();
    if (present > 0) {
      throw ImportError("the store already holds a team's state (" + std::to_string(present) + " rows in " +
                        table.name + "): import into a new, empty store");
    }
  }

  ImportSummary summary;
  std::map<std::string, std::unique_ptr<Statement>> inserts;  // by table and columns
  std::string line;
  std::int64_t number = 0;
  bool header = false;
  bool ended = false;
  while (std::getline(in, line)) {
    ++number;
    if (line.size() > kMaxLine) throw ImportError(at_line(number, "longer than any row baton exports"));
    if (line.empty()) continue;
    if (ended) throw ImportError(at_line(number, "text after the end of the export"));
    const json entry = json::parse(line, nullptr, false);
    if (!entry.is_object()) throw ImportError(at_line(number, "not a JSON object: is this a baton export?"));
    if (!header) {
      if (!entry.contains("baton_export"))
        throw ImportError("line 1: not a baton export (no baton_export header)");
      if (entry.value("baton_export", 0) != kFormat)
        throw ImportError("line 1: an export format this baton does not read: use the same baton version");
      const int version = entry.value("schema_version", 0);
      if (version != schema_version) {
        throw ImportError("line 1: exported at schema version " + std::to_string(version) +
                          ", this store is at " + std::to_string(schema_version) +
                          ": export and import with the same baton (open the source with it first)");
      }
      header = true;
      continue;
    }
    if (entry.contains("end")) {
      if (entry.value("rows", std::int64_t{-1}) != summary.rows) {
        throw ImportError(at_line(number, "the export says " + dump_json(entry.value("rows", json(-1))) +
                                              " rows, " + std::to_string(summary.rows) + " were read"));
      }
      ended = true;
      continue;
    }
    const std::string name = entry.value("table", "");
    const auto table =
        std::find_if(tables.begin(), tables.end(), [&](const Table& t) { return t.name == name; });
    if (table == tables.end())
      throw ImportError(at_line(number, "unknown table \"" + cut_text(name, 64) + "\""));
    const json& row = entry.value("row", json());
    if (!row.is_object() || row.empty())
      throw ImportError(at_line(number, "a row of " + name + " without values"));

    // Column names are checked against the table by the database itself (an unknown one fails the
    // statement), and never hold more than a name's characters.
    std::string columns;
    std::string placeholders;
    int index = 0;
    for (const auto& [column, value] : row.items()) {
      if (column.empty() || column.size() > 64 || !std::all_of(column.begin(), column.end(), [](char c) {
            return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
          }))
        throw ImportError(at_line(number, "a column name that is not one: \"" + cut_text(column, 64) + "\""));
      columns += (index == 0 ? "" : ", ") + column;
      placeholders += (index == 0 ? "?" : ", ?") + std::to_string(index + 1);
      ++index;
    }
    auto& insert = inserts[name + "(" + columns + ")"];
    if (!insert)
      insert = std::make_unique<Statement>(
          db, "INSERT INTO " + name + " (" + columns + ") VALUES (" + placeholders + ")");
    index = 1;
    for (const auto& [column, value] : row.items()) {
      if (value.is_null()) {
        insert->bind_null(index);
      } else if (value.is_number_integer()) {
        insert->bind(index, value.get<std::int64_t>());
      } else if (value.is_number()) {
        insert->bind_real(index, value.get<double>());
      } else if (value.is_string()) {
        insert->bind(index, value.get<std::string>());
      } else {
        throw ImportError(at_line(number, name + "." + column + " is neither a number, a text nor null"));
      }
      ++index;
    }
    try {
      insert->run();
    } catch (const std::exception& e) {
      throw ImportError(at_line(number, name + ": " + e.what()));
    }
    ++summary.rows;
    ++summary.by_table[name];
  }
  if (!header) throw ImportError("the file is empty: not a baton export");
  if (!ended) throw ImportError("the export ends without its closing line: the file was cut short");
  return summary;
}

}  // namespace baton::sql
