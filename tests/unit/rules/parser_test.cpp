// The rules language: what the parser reads, how it nests, and every kind of mistake with its column;
// then the checker's refusals (unknown KPIs and functions, arities, argument kinds, units).
#include "rules/parser.hpp"

#include <catch2/catch.hpp>

#include "rules/checker.hpp"

using namespace baton::rules;

namespace {

// The tree back as text, fully parenthesised: what the parser understood.
std::string shown(const Expr& e) {
  switch (e.kind) {
    case Expr::Kind::number: {
      std::string out = std::to_string(e.value);
      out.erase(out.find_last_not_of('0') + 1);
      if (out.back() == '.') out.pop_back();
      if (e.unit.kind == Unit::Kind::percent) return out + "%";
      if (e.unit.kind == Unit::Kind::currency) return out + " " + e.unit.currency;
      return out;
    }
    case Expr::Kind::window:
      return std::to_string(static_cast<int>(e.value)) + "d";
    case Expr::Kind::kpi:
      return e.name;
    case Expr::Kind::call: {
      std::string out = e.name + "(";
      for (std::size_t i = 0; i < e.args.size(); ++i)
        out += (i == 0 ? "" : ", ") + shown(e.args[i]);
      return out + ")";
    }
    case Expr::Kind::unary:
      return "(" + std::string(to_string(e.op)) + (e.op == Op::negate ? " " : "") + shown(e.args[0]) + ")";
    case Expr::Kind::binary:
      return "(" + shown(e.args[0]) + " " + std::string(to_string(e.op)) + " " + shown(e.args[1]) + ")";
  }
  return "?";
}

std::string parsed(std::string_view text) {
  const auto result = parse_expression(text);
  if (const auto* error = std::get_if<ParseError>(&result))
    return "error at " + std::to_string(error->column) + ": " + error->message;
  return shown(std::get<Expr>(result));
}

ParseError error_of(std::string_view text) {
  const auto result = parse_expression(text);
  REQUIRE(std::holds_alternative<ParseError>(result));
  return std::get<ParseError>(result);
}

const KpiFactsOf kShop = [](std::string_view key) -> std::optional<KpiFacts> {
  if (key == "revenue") return KpiFacts{Unit::money("EUR"), true};
  if (key == "us-revenue") return KpiFacts{Unit::money("USD"), false};
  if (key == "conversion") return KpiFacts{Unit::percent(), true};
  if (key == "stockouts") return KpiFacts{Unit::count(), false};
  if (key == "orders") return KpiFacts{Unit::count(), true};
  return std::nullopt;
};

std::string checked(std::string_view text, bool condition = true) {
  const auto result = parse_expression(text);
  if (const auto* error = std::get_if<ParseError>(&result))
    return "parse error at " + std::to_string(error->column) + ": " + error->message;
  const Expr& e = std::get<Expr>(result);
  const auto verdict = condition ? check_condition(e, kShop) : check_expression(e, kShop);
  if (const auto* error = std::get_if<CheckError>(&verdict))
    return "error at " + std::to_string(error->column) + ": " + error->message;
  const Checked& c = std::get<Checked>(verdict);
  std::string kpis;
  for (const std::string& k : c.kpis)
    kpis += (kpis.empty() ? "" : ",") + k;
  return (c.type == Checked::Type::condition ? "condition" : "value " + to_string(c.unit)) + " reading " +
         kpis;
}

}  // namespace

TEST_CASE("the parser reads numbers with units, windows, KPIs, calls and operators by precedence",
          "[rules][parser]") {
  CHECK(parsed("revenue < 1000 EUR") == "(revenue < 1000 EUR)");
  CHECK(parsed("attainment(revenue) < 90%") == "(attainment(revenue) < 90%)");
  CHECK(parsed("avg(revenue, 7d) > 2.5 * avg(revenue, 4w)") ==
        "(avg(revenue, 7d) > (2.5 * avg(revenue, 28d)))");
  CHECK(parsed("a + b * c - d / e") == "((a + (b * c)) - (d / e))");
  CHECK(parsed("(a + b) * c") == "((a + b) * c)");
  CHECK(parsed("-a * -2") == "((-a) * (-2))");
  CHECK(parsed("a < 1 or b > 2 and not c == 3") == "((a < 1) or ((b > 2) and (not (c == 3))))");
  CHECK(parsed("not not a != b") == "(not (not (a != b)))");
  CHECK(parsed("count_over(stockouts > 0, 14d) >= 3") == "(count_over((stockouts > 0), 14d) >= 3)");
  CHECK(parsed("conversion-rate <= .5%") == "(conversion-rate <= 0.5%)");  // "-" inside a key
  CHECK(parsed("conversion - rate") == "(conversion - rate)");
  CHECK(parsed("f()") == "f()");
  CHECK(parsed("  revenue\t>=\n3  ") == "(revenue >= 3)");
}

TEST_CASE("parse errors point at the column and say what was expected", "[rules][parser]") {
  CHECK(parsed("") == "error at 1: expected a number, a KPI, a function or \"(\", found the end");
  CHECK(parsed("revenue <") == "error at 10: expected a number, a KPI, a function or \"(\", found the end");
  CHECK(
      parsed("revenue 1000") ==
      "error at 9: expected an operator (+ - * / < <= > >= == != and or) or the end, found the number 1000");
  CHECK(parsed("(a + b") == "error at 7: expected \")\" to close the \"(\" at column 1, found the end");
  CHECK(parsed("avg(revenue 7d)") ==
        "error at 13: expected \",\" or \")\" in the arguments of avg, found the "
        "window 7d");
  CHECK(parsed("revenue = 3") == "error at 9: \"=\" alone: write \"==\" to compare");
  CHECK(parsed("a && b") == "error at 3: write \"and\", \"or\" and \"not\"");
  CHECK(parsed("a < b < c") ==
        "error at 7: comparisons do not chain: write \"a < b and b < c\" rather than \"a < b < c\"");
  CHECK(parsed("avg(revenue, 7x)") ==
        "error at 15: \"x\" after a number: a window is written in days or weeks "
        "(\"7d\", \"2w\"), a currency after a space (\"1200 EUR\")");
  CHECK(parsed("avg(revenue, 1.5d)") ==
        "error at 14: a window is a whole number of days or weeks, at least 1 (\"7d\", \"2w\")");
  CHECK(parsed("1.2.3") == "error at 1: \"1.2.3\" is not a number");
  CHECK(parsed("a and or b") == "error at 7: expected a number, a KPI, a function or \"(\", found \"or\"");
  CHECK(parsed("a # b") == "error at 3: unexpected \"#\"");
  // Columns count characters: "é" is two bytes, one column.
  CHECK(parsed("é") == "error at 1: unexpected character (only ASCII is read in expressions)");
  CHECK(parsed("a < 1 é") == "error at 7: unexpected character (only ASCII is read in expressions)");

  const ParseError e = error_of("revenue <");
  CHECK(point_at("revenue <", e.column, e.message) ==
        "revenue <\n         ^ expected a number, a KPI, a function or \"(\", found the end");
}

TEST_CASE("the parser refuses what is too long or too deep, without exhausting the stack",
          "[rules][parser]") {
  CHECK(error_of(std::string(kMaxExpressionLength + 1, 'a')).message ==
        "the expression is 2001 characters long; at most 2000 are read");
  CHECK(error_of(std::string(500, '(') + "a" + std::string(500, ')')).message ==
        "the expression is nested too deeply");
  CHECK(error_of(std::string(500, '-') + "a").message == "the expression is nested too deeply");
  std::string nots;
  for (int i = 0; i < 100; ++i)
    nots += "not ";
  const ParseError deep = error_of(nots + "a > 1");
  CHECK(deep.message == "the expression is nested too deeply");
  CHECK(deep.column == 4 * (kMaxDepth - 1) + 1);  // the whole expression is one level, each "not" one more
  // A long flat sum is fine: it loops, it does not recurse.
  std::string flat = "a";
  for (int i = 0; i < 400; ++i)
    flat += " + a";
  CHECK(std::holds_alternative<Expr>(parse_expression(flat)));
}

TEST_CASE("the checker types conditions and values and collects the KPIs read", "[rules][checker]") {
  CHECK(checked("revenue < 1000 EUR") == "condition reading revenue");
  CHECK(checked("revenue < 1000") == "condition reading revenue");  // a plain number takes the unit it meets
  CHECK(checked("attainment(revenue) < 90% and change(orders, 7d) < -10%") ==
        "condition reading orders,revenue");
  CHECK(checked("count_over(stockouts > 0, 14d) >= 3") == "condition reading stockouts");
  CHECK(checked("sum(revenue, 1w) / sum(revenue, 2w) > 0.6") == "condition reading revenue");
  CHECK(checked("avg(revenue, 7d) - target(revenue)", false) == "value EUR reading revenue");
  CHECK(checked("2 * last(conversion)", false) == "value % reading conversion");
  CHECK(checked("orders / 7", false) == "value count reading orders");
  CHECK(checked("not (revenue > 0) or conversion == 0", true) == "condition reading conversion,revenue");
}

TEST_CASE("the checker refuses unknown names, wrong arguments and mixed units when the rules load",
          "[rules][checker]") {
  CHECK(checked("revnue < 3") == "error at 1: unknown KPI \"revnue\"");
  CHECK(checked("conversion-rat < 3") ==
        "error at 1: unknown KPI \"conversion-rat\" (a KPI key may hold \"-\": "
        "to subtract, put spaces around it, \"a - b\")");
  CHECK(checked("avg < 3") == "error at 1: unknown KPI \"avg\": avg is a function, written avg(kpi, 7d)");
  CHECK(checked("mean(revenue, 7d) < 3") ==
        "error at 1: unknown function \"mean\"; the functions are last, avg, sum, min, max, change, target, "
        "attainment, count_over");
  CHECK(checked("avg(revenue) < 3") == "error at 1: avg takes 2 arguments, 1 given: avg(kpi, 7d)");
  CHECK(checked("avg(2 * revenue, 7d) < 3") == "error at 5: avg's first argument is a KPI key: avg(kpi, 7d)");
  CHECK(checked("avg(revenue, 3) < 3") ==
        "error at 14: avg's last argument is a window in days or weeks: avg(kpi, 7d)");
  CHECK(checked("avg(revenue, 800d) < 3") ==
        "error at 14: a window reaches back at most 732 days; 800d is longer");
  CHECK(checked("attainment(stockouts) < 90%") ==
        "error at 12: \"stockouts\" has no target in the config, so attainment() has nothing to measure "
        "against");
  CHECK(
      checked("count_over(stockouts, 14d) > 2") ==
      "error at 12: count_over counts the days a condition holds: count_over(kpi > 0, 14d); this is a count");
  CHECK(checked("count_over(last(stockouts) > 0, 14d) > 2") ==
        "error at 12: count_over's condition reads each day's values: write the KPI alone "
        "(\"count_over(stockouts > 0, 14d)\"), without last()");
  CHECK(checked("7d > 3") ==
        "error at 1: a window (7d) is only an argument of avg, sum, min, max, change and count_over");
  CHECK(checked("revenue > 90%") ==
        "error at 1: comparing an amount in EUR and a percentage (\">\" at column 11): the units differ");
  CHECK(checked("revenue + us-revenue > 0") ==
        "error at 1: adding an amount in EUR and an amount in USD (\"+\" at column 11): the units differ");
  CHECK(checked("revenue * conversion > 0") ==
        "error at 1: multiplying an amount in EUR by a percentage: one side must be a plain number");
  CHECK(checked("3 / revenue > 0") ==
        "error at 1: dividing a plain number and an amount in EUR (\"/\" at column 5): the units differ");
  CHECK(checked("revenue and orders > 2") ==
        "error at 1: \"and\" joins conditions (comparisons); this is an amount in EUR");
  CHECK(checked("not revenue") ==
        "error at 5: \"not\" takes conditions (comparisons); this is an amount in EUR");
  CHECK(checked("(revenue > 0) + 1 > 2") ==
        "error at 2: \"+\" works on values; this is a condition (true or false)");
  CHECK(checked("avg(revenue, 7d)") ==
        "error at 1: a rule's expression is a condition, such as "
        "\"last(revenue) < 1000 EUR\"; this one is an amount in EUR, never true "
        "or false");
}
