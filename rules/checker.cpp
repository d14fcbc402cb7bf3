// Types are few: a value (with a unit), a condition, a window. A number written without a unit takes the
// unit of what it meets ("revenue > 1000" compares euros), so only two different units are a mistake.
#include "rules/checker.hpp"

#include <array>

namespace baton::rules {
namespace {

// What a function takes, and what it gives.
enum class Param { kpi, window, day_condition };
enum class Gives { kpi_unit, percent, count };
struct Signature {
  std::string_view name;
  std::size_t arity;
  std::array<Param, 2> params;
  Gives gives;
  bool needs_target;
  std::string_view usage;
};

constexpr std::array kFunctions{
    Signature{"last", 1, {Param::kpi}, Gives::kpi_unit, false, "last(kpi)"},
    Signature{"avg", 2, {Param::kpi, Param::window}, Gives::kpi_unit, false, "avg(kpi, 7d)"},
    Signature{"sum", 2, {Param::kpi, Param::window}, Gives::kpi_unit, false, "sum(kpi, 1w)"},
    Signature{"min", 2, {Param::kpi, Param::window}, Gives::kpi_unit, false, "min(kpi, 7d)"},
    Signature{"max", 2, {Param::kpi, Param::window}, Gives::kpi_unit, false, "max(kpi, 7d)"},
    Signature{"change", 2, {Param::kpi, Param::window}, Gives::percent, false, "change(kpi, 7d)"},
    Signature{"target", 1, {Param::kpi}, Gives::kpi_unit, true, "target(kpi)"},
    Signature{"attainment", 1, {Param::kpi}, Gives::percent, true, "attainment(kpi)"},
    Signature{"count_over",
              2,
              {Param::day_condition, Param::window},
              Gives::count,
              false,
              "count_over(kpi > 0, 14d)"},
};

const Signature* signature_of(std::string_view name) {
  for (const Signature& f : kFunctions) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

struct Problem {
  std::size_t column;
  std::string message;
};

std::string unit_words(const Unit& unit) {
  switch (unit.kind) {
    case Unit::Kind::number:
      return "a plain number";
    case Unit::Kind::currency:
      return "an amount in " + unit.currency;
    case Unit::Kind::percent:
      return "a percentage";
    case Unit::Kind::count:
      return "a count";
    case Unit::Kind::duration:
      return "a duration";
  }
  return "a number";
}

class Checker {
 public:
  explicit Checker(const KpiFactsOf& facts) : facts_(facts) {}

  Checked check(const Expr& e) {
    Checked out = type_of(e);
    out.kpis = std::move(kpis_);
    return out;
  }

 private:
  // `per_day`: inside count_over's condition, where a KPI is that day's value and functions make no sense.
  Checked type_of(const Expr& e, bool per_day = false) {
    switch (e.kind) {
      case Expr::Kind::number:
        return {Checked::Type::value, e.unit, {}};
      case Expr::Kind::window:
        throw Problem{e.column, "a window (" + window_text(e) +
                                    ") is only an argument of avg, sum, min, max, change and count_over"};
      case Expr::Kind::kpi:
        // Alone, a KPI stands for its latest value: "revenue < 1000 EUR" reads as last(revenue).
        return {Checked::Type::value, kpi(e).unit, {}};
      case Expr::Kind::call:
        if (per_day) {
          throw Problem{e.column,
                        "count_over's condition reads each day's values: write the KPI alone "
                        "(\"count_over(stockouts > 0, 14d)\"), without " +
                            e.name + "()"};
        }
        return call(e);
      case Expr::Kind::unary:
        return unary(e, per_day);
      case Expr::Kind::binary:
        return binary(e, per_day);
    }
    throw Problem{e.column, "unreadable expression"};
  }

  // In days, whichever way it was written: "2w" is "14d".
  static std::string window_text(const Expr& e) { return std::to_string(static_cast<long>(e.value)) + "d"; }

  KpiFacts kpi(const Expr& e) {
    const std::optional<KpiFacts> found = facts_(e.name);
    if (!found) {
      std::string message = "unknown KPI \"" + e.name + "\"";
      if (e.name.find('-') != std::string::npos) {
        message += " (a KPI key may hold \"-\": to subtract, put spaces around it, \"a - b\")";
      } else if (signature_of(e.name) != nullptr) {
        message += ": " + e.name + " is a function, written " + std::string(signature_of(e.name)->usage);
      }
      throw Problem{e.column, message};
    }
    kpis_.insert(e.name);
    return *found;
  }

  Checked call(const Expr& e) {
    const Signature* f = signature_of(e.name);
    if (f == nullptr) {
      std::string names;
      for (const Signature& known : kFunctions)
        names += (names.empty() ? "" : ", ") + std::string(known.name);
      throw Problem{e.column, "unknown function \"" + e.name + "\"; the functions are " + names};
    }
    if (e.args.size() != f->arity) {
      throw Problem{e.column, e.name + " takes " + std::to_string(f->arity) + " argument" +
                                  (f->arity == 1 ? "" : "s") + ", " + std::to_string(e.args.size()) +
                                  " given: " + std::string(f->usage)};
    }
    Unit kpi_unit;
    for (std::size_t i = 0; i < f->arity; ++i) {
      const Expr& arg = e.args[i];
      switch (f->params[i]) {
        case Param::kpi: {
          if (arg.kind != Expr::Kind::kpi) {
            throw Problem{arg.column, e.name + "'s first argument is a KPI key: " + std::string(f->usage)};
          }
          const KpiFacts facts = kpi(arg);
          if (f->needs_target && !facts.has_target) {
            throw Problem{arg.column, "\"" + arg.name + "\" has no target in the config, so " + e.name +
                                          "() has nothing to measure against"};
          }
          kpi_unit = facts.unit;
          break;
        }
        case Param::window:
          if (arg.kind != Expr::Kind::window) {
            throw Problem{arg.column,
                          e.name + "'s last argument is a window in days or weeks: " + std::string(f->usage)};
          }
          if (arg.value > kMaxWindowDays) {
            throw Problem{arg.column, "a window reaches back at most " + std::to_string(kMaxWindowDays) +
                                          " days; " + window_text(arg) + " is longer"};
          }
          break;
        case Param::day_condition: {
          const Checked condition = type_of(arg, true);
          if (condition.type != Checked::Type::condition) {
            throw Problem{arg.column, "count_over counts the days a condition holds: " +
                                          std::string(f->usage) + "; this is " + unit_words(condition.unit)};
          }
          break;
        }
      }
    }
    switch (f->gives) {
      case Gives::kpi_unit:
        return {Checked::Type::value, kpi_unit, {}};
      case Gives::percent:
        return {Checked::Type::value, Unit::percent(), {}};
      case Gives::count:
        return {Checked::Type::value, Unit::count(), {}};
    }
    return {};
  }

  Checked condition(const Expr& e, const Expr& operand, bool per_day, std::string_view joined_by) {
    Checked c = type_of(operand, per_day);
    if (c.type != Checked::Type::condition) {
      throw Problem{operand.column, "\"" + std::string(joined_by) + "\" " +
                                        (e.op == Op::negate ? "takes" : "joins") +
                                        " conditions (comparisons); this is " + unit_words(c.unit)};
    }
    return c;
  }

  Checked value(const Expr& operand, bool per_day, Op op) {
    Checked c = type_of(operand, per_day);
    if (c.type == Checked::Type::condition) {
      throw Problem{operand.column, "\"" + std::string(to_string(op)) +
                                        "\" works on values; this is a condition (true or false)"};
    }
    return c;
  }

  Checked unary(const Expr& e, bool per_day) {
    if (e.op == Op::negate) {
      condition(e, e.args.at(0), per_day, "not");
      return {Checked::Type::condition, {}, {}};
    }
    return value(e.args.at(0), per_day, e.op);
  }

  Checked binary(const Expr& e, bool per_day) {
    const Expr& left = e.args.at(0);
    const Expr& right = e.args.at(1);
    if (e.op == Op::both || e.op == Op::either) {
      condition(e, left, per_day, to_string(e.op));
      condition(e, right, per_day, to_string(e.op));
      return {Checked::Type::condition, {}, {}};
    }
    const Checked a = value(left, per_day, e.op);
    const Checked b = value(right, per_day, e.op);
    const bool a_plain = a.unit.kind == Unit::Kind::number;
    const bool b_plain = b.unit.kind == Unit::Kind::number;
    const auto mismatch = [&](std::string_view doing) {
      return Problem{e.column, std::string(doing) + " " + unit_words(a.unit) + " and " + unit_words(b.unit) +
                                   " (\"" + std::string(to_string(e.op)) + "\" at column " +
                                   std::to_string(right.column) + "): the units differ"};
    };
    if (is_comparison(e.op)) {
      if (!a_plain && !b_plain && a.unit != b.unit) throw mismatch("comparing");
      return {Checked::Type::condition, {}, {}};
    }
    switch (e.op) {
      case Op::add:
      case Op::subtract:
        if (!a_plain && !b_plain && a.unit != b.unit)
          throw mismatch(e.op == Op::add ? "adding" : "subtracting");
        return {Checked::Type::value, a_plain ? b.unit : a.unit, {}};
      case Op::multiply:
        if (!a_plain && !b_plain) {
          throw Problem{e.column, "multiplying " + unit_words(a.unit) + " by " + unit_words(b.unit) +
                                      ": one side must be a plain number"};
        }
        return {Checked::Type::value, a_plain ? b.unit : a.unit, {}};
      case Op::divide:
        if (b_plain) return {Checked::Type::value, a.unit, {}};
        if (a.unit == b.unit) return {Checked::Type::value, Unit::number(), {}};  // a ratio
        throw mismatch("dividing");
      default:
        break;
    }
    throw Problem{e.column, "unreadable expression"};
  }

  const KpiFactsOf& facts_;
  std::set<std::string> kpis_;
};

}  // namespace

std::variant<Checked, CheckError> check_expression(const Expr& expr, const KpiFactsOf& facts) {
  try {
    return Checker(facts).check(expr);
  } catch (const Problem& problem) {
    return CheckError{problem.column, problem.message};
  }
}

std::variant<Checked, CheckError> check_condition(const Expr& expr, const KpiFactsOf& facts) {
  auto checked = check_expression(expr, facts);
  if (const auto* c = std::get_if<Checked>(&checked); c != nullptr && c->type != Checked::Type::condition) {
    return CheckError{expr.column,
                      "a rule's expression is a condition, such as \"last(revenue) < 1000 EUR\"; "
                      "this one is " +
                          unit_words(c->unit) + ", never true or false"};
  }
  return checked;
}

std::string first_kpi(const Expr& expr) {
  if (expr.kind == Expr::Kind::kpi) return expr.name;
  for (const Expr& arg : expr.args) {
    if (auto found = first_kpi(arg); !found.empty()) return found;
  }
  return {};
}

}  // namespace baton::rules
