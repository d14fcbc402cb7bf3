// Reading a rule's expression. The grammar, loosest first:
//   expr       = or
//   or         = and { "or" and }
//   and        = not { "and" not }
//   not        = "not" not | comparison
//   comparison = sum [ ("<" | "<=" | ">" | ">=" | "==" | "!=") sum ]
//   sum        = product { ("+" | "-") product }
//   product    = sign { ("*" | "/") sign }
//   sign       = "-" sign | primary
//   primary    = number [unit] | window | name "(" [expr { "," expr }] ")" | name | "(" expr ")"
// A number's unit is "%" or a currency code written after it ("1200 EUR", "95%"); a window is a whole
// number of days or weeks ("7d", "2w"). Names are KPI keys (letters, digits, "_" and "-": write
// subtraction with spaces, "a - b") and function names.
#pragma once

#include <string>
#include <string_view>
#include <variant>

#include "rules/expr.hpp"

namespace baton::rules {

struct ParseError {
  std::size_t column = 1;  // from 1
  std::string message;     // what was expected, and what was found
};

// Expressions longer than this are refused: a rule is a line or two, not a program.
constexpr std::size_t kMaxExpressionLength = 2000;
// Nesting deeper than this is refused rather than risking the stack.
constexpr int kMaxDepth = 64;

std::variant<Expr, ParseError> parse_expression(std::string_view text);

// The text, then a caret under `column` and the message: how errors are shown to whoever wrote it.
std::string point_at(std::string_view text, std::size_t column, std::string_view message);

}  // namespace baton::rules
