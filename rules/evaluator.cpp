// A tree walk: rules are short, and the checker has already refused every shape this cannot handle, so
// an unexpected node here is a bug and says so.
#include "rules/evaluator.hpp"

#include <cmath>
#include <stdexcept>

namespace baton::rules {
namespace {

using Value = std::optional<double>;
using Truth = std::optional<bool>;

class Evaluator {
 public:
  explicit Evaluator(const EvaluationData& data) : data_(data) {}

  // `per_day`: inside count_over, where a KPI is its value on that very day.
  Value value(const Expr& e, date::sys_days day, bool per_day) const {
    switch (e.kind) {
      case Expr::Kind::number:
        return e.value;
      case Expr::Kind::kpi: {
        const Series* s = data_.series(e.name);
        if (s == nullptr) return std::nullopt;
        if (per_day) return s->at(day);
        const auto latest = s->latest(day);
        return latest ? Value(latest->value) : std::nullopt;
      }
      case Expr::Kind::call:
        return call(e, day);
      case Expr::Kind::unary: {
        const Value v = value(e.args.at(0), day, per_day);
        return v ? Value(-*v) : std::nullopt;
      }
      case Expr::Kind::binary:
        return arithmetic(e, day, per_day);
      case Expr::Kind::window:
        break;
    }
    throw std::logic_error("rules: a value was asked of a node the checker does not let through");
  }

  Truth truth(const Expr& e, date::sys_days day, bool per_day) const {
    if (e.kind == Expr::Kind::unary && e.op == Op::negate) {
      const Truth t = truth(e.args.at(0), day, per_day);
      return t ? Truth(!*t) : std::nullopt;
    }
    if (e.kind != Expr::Kind::binary) throw std::logic_error("rules: a condition that is not one");
    if (e.op == Op::both || e.op == Op::either) {
      const Truth a = truth(e.args[0], day, per_day);
      const Truth b = truth(e.args[1], day, per_day);
      const bool decisive = e.op == Op::either;  // true decides "or", false decides "and"
      if (a == decisive || b == decisive) return decisive;
      if (!a || !b) return std::nullopt;
      return !decisive;
    }
    const Value a = value(e.args[0], day, per_day);
    const Value b = value(e.args[1], day, per_day);
    if (!a || !b) return std::nullopt;
    switch (e.op) {
      case Op::less:
        return *a < *b;
      case Op::less_equal:
        return *a <= *b;
      case Op::greater:
        return *a > *b;
      case Op::greater_equal:
        return *a >= *b;
      case Op::equal:
        return *a == *b;
      case Op::not_equal:
        return *a != *b;
      default:
        break;
    }
    throw std::logic_error("rules: a condition that is not one");
  }

 private:
  Value arithmetic(const Expr& e, date::sys_days day, bool per_day) const {
    const Value a = value(e.args.at(0), day, per_day);
    const Value b = value(e.args.at(1), day, per_day);
    if (!a || !b) return std::nullopt;
    switch (e.op) {
      case Op::add:
        return *a + *b;
      case Op::subtract:
        return *a - *b;
      case Op::multiply:
        return *a * *b;
      case Op::divide:
        if (*b == 0) return std::nullopt;
        return *a / *b;
      default:
        break;
    }
    throw std::logic_error("rules: a condition used as a value");
  }

  // The window [day - n + 1, day]: "7d" is today and the six days before.
  static date::sys_days window_start(date::sys_days day, const Expr& window) {
    return day - date::days(static_cast<int>(window.value) - 1);
  }

  Value call(const Expr& e, date::sys_days day) const {
    if (e.function == Function::count_over) {
      const Expr& condition = e.args.at(0);
      int count = 0;
      for (date::sys_days d = window_start(day, e.args.at(1)); d <= day; d += date::days(1)) {
        if (truth(condition, d, true) == true) ++count;
      }
      return count;
    }
    const std::string& key = e.args.at(0).name;
    if (e.function == Function::target) return data_.target(key, day);
    if (e.function == Function::attainment) {
      const Value target = data_.target(key, day);
      const Value so_far = data_.period_value(key, day);
      if (!target || !so_far || *target == 0) return std::nullopt;
      return *so_far / *target * 100;
    }
    const Series* s = data_.series(key);
    if (s == nullptr) return std::nullopt;
    if (e.function == Function::last) {
      const auto latest = s->latest(day);
      return latest ? Value(latest->value) : std::nullopt;
    }
    const Expr& window = e.args.at(1);
    const date::sys_days from = window_start(day, window);
    const Series::Summary now = s->summary(from, day);
    switch (e.function) {
      case Function::change: {
        // Against the window just before, day for day, as averages: a missing day weighs on neither.
        const Series::Summary before =
            s->summary(from - date::days(static_cast<int>(window.value)), from - date::days(1));
        if (now.count == 0 || before.count == 0) return std::nullopt;
        const double was = before.sum / before.count;
        if (was == 0) return std::nullopt;
        return (now.sum / now.count - was) / std::abs(was) * 100;
      }
      case Function::avg:
        return now.count == 0 ? std::nullopt : Value(now.sum / now.count);
      case Function::sum:
        return now.count == 0 ? std::nullopt : Value(now.sum);
      case Function::min:
        return now.count == 0 ? std::nullopt : Value(now.min);
      case Function::max:
        return now.count == 0 ? std::nullopt : Value(now.max);
      default:
        break;
    }
    throw std::logic_error("rules: unknown function " + e.name);
  }

  const EvaluationData& data_;
};

}  // namespace

std::optional<double> evaluate(const Expr& expr, const EvaluationData& data, date::sys_days day) {
  return Evaluator(data).value(expr, day, false);
}

std::optional<bool> holds(const Expr& condition, const EvaluationData& data, date::sys_days day) {
  return Evaluator(data).truth(condition, day, false);
}

}  // namespace baton::rules
