// A rule's expression as the parser reads it: a small tree of values, KPI references, function calls
// and operators, each node knowing the column it starts at so that the checker can point at it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "rules/unit.hpp"

namespace baton::rules {

enum class Op : std::uint8_t {
  add,
  subtract,
  multiply,
  divide,
  less,
  less_equal,
  greater,
  greater_equal,
  equal,
  not_equal,
  both,
  either,
  negate,
  minus
};

// "+", "<=", "and", "not", "-" (a sign): as the expression writes it.
std::string_view to_string(Op op);
// <, <=, >, >=, ==, !=
bool is_comparison(Op op);

// The functions rules may call, named once when parsed so that evaluating a call is a switch.
enum class Function : std::uint8_t {
  unknown,
  last,
  avg,
  sum,
  min,
  max,
  change,
  target,
  attainment,
  count_over
};
Function function_named(std::string_view name);

struct Expr {
  enum class Kind : std::uint8_t {
    number,  // 1200 EUR, 95%, 3
    window,  // 7d, 2w: how far back a function looks, in days
    kpi,     // revenue: a KPI by its key
    call,    // avg(revenue, 7d)
    unary,   // not x, -x
    binary,  // x + y, x < y, x and y
  };
  Kind kind = Kind::number;
  std::size_t column = 1;                 // where the node starts in the text, from 1
  double value = 0;                       // a number's value; a window's days
  Unit unit;                              // a number's unit, when it is written (number otherwise)
  std::string name;                       // the KPI key or the function name
  Function function = Function::unknown;  // a call's
  Op op = Op::add;
  std::vector<Expr> args;  // the operands, or the call's arguments
};

}  // namespace baton::rules
