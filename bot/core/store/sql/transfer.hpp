// A team's whole state, moved from one store to another (`baton export`, `baton import`): from the SQLite
// file of a baton that outgrew one machine to the PostgreSQL of several. Every table the migrations
// create is copied row by row as JSON Lines: a header naming the schema version, one line a row, and a
// closing line with the count, so that a file cut short is refused rather than half imported. What only
// running instances need (schema_migrations, leases, turns) stays behind.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace baton::sql {

class Database;

struct Table {
  std::string name;
  std::string identity;  // the column numbered by the database (INTEGER PRIMARY KEY), if any
};

// The tables a team's state lives in, in the order the migrations create them (so rows a foreign key
// points to are imported before the rows pointing).
std::vector<Table> state_tables();

// Writes every row of every state table to `out`; returns how many rows.
std::int64_t export_tables(Database& db, int schema_version, std::string_view source, std::ostream& out);

// A file that cannot be imported: what is wrong, and on which line.
class ImportError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct ImportSummary {
  std::int64_t rows = 0;
  std::map<std::string, std::int64_t> by_table;
};

// Reads what export_tables wrote into a store at `schema_version` whose state tables are all empty,
// within the caller's transaction. Throws ImportError for a file that is not an export, one of another
// schema version, cut short or malformed, or a store that already holds a team's state.
ImportSummary import_tables(Database& db, int schema_version, std::istream& in);

}  // namespace baton::sql
