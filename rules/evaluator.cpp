// Compiling flattens the tree and binds the KPIs; evaluating walks the flat nodes. The checker has already
// refused every shape this cannot handle, so an unexpected node here is a bug and says so.
#include "rules/evaluator.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace baton::rules {
namespace {

using Value = std::optional<double>;
using Truth = std::optional<bool>;

bool is_window_function(Function f) {
  return f == Function::avg || f == Function::sum || f == Function::min || f == Function::max ||
         f == Function::change;
}

}  // namespace

Program::Program(const Expr& expr, const EvaluationData& data) : data_(&data) {
  static_assert(sizeof(Node) == 40);
  std::vector<Node> nodes;
  std::vector<std::string> keys;
  compile(expr, data, nodes, keys);
  if (nodes.size() <= kInlineNodes) std::copy(nodes.begin(), nodes.end(), few_.begin());
  if (nodes.size() > kInlineNodes || !keys.empty()) {
    rest_ = std::make_unique<Rest>();
    if (nodes.size() > kInlineNodes) rest_->nodes = std::move(nodes);
    rest_->keys = std::move(keys);
  }
}

std::uint32_t Program::compile(const Expr& e, const EvaluationData& data, std::vector<Node>& nodes,
                               std::vector<std::string>& keys) {
  const auto at = static_cast<std::uint32_t>(nodes.size());
  Node node;
  node.kind = e.kind;
  node.op = e.op;
  node.function = e.function;
  nodes.push_back(node);
  auto key_of = [&keys](const std::string& key) {
    keys.push_back(key);
    return static_cast<std::uint32_t>(keys.size() - 1);
  };
  switch (e.kind) {
    case Expr::Kind::number:
      nodes[at].number = e.value;
      break;
    case Expr::Kind::window:
      nodes[at].days = static_cast<int>(e.value);
      break;
    case Expr::Kind::kpi:
      nodes[at].series = data.series(e.name);
      break;
    case Expr::Kind::unary: {
      const std::uint32_t operand = compile(e.args.at(0), data, nodes, keys);
      nodes[at].first = operand;
      break;
    }
    case Expr::Kind::binary: {
      const std::uint32_t left = compile(e.args.at(0), data, nodes, keys);
      const std::uint32_t right = compile(e.args.at(1), data, nodes, keys);
      nodes[at].first = left;
      nodes[at].second = right;
      break;
    }
    case Expr::Kind::call:
      if (e.function == Function::count_over) {
        const std::uint32_t condition = compile(e.args.at(0), data, nodes, keys);
        nodes[at].first = condition;
        nodes[at].days = static_cast<int>(e.args.at(1).value);
      } else if (e.function == Function::target || e.function == Function::attainment) {
        nodes[at].key = key_of(e.args.at(0).name);
      } else if (e.function == Function::last || is_window_function(e.function)) {
        nodes[at].series = data.series(e.args.at(0).name);
        if (e.function != Function::last) nodes[at].days = static_cast<int>(e.args.at(1).value);
      } else {
        throw std::logic_error("rules: unknown function " + e.name);
      }
      break;
  }
  return at;
}

class Program::Run {
 public:
  explicit Run(const Program& program) : nodes_(program.nodes()), program_(program) {}

  // `per_day`: inside count_over, where a KPI is its value on that very day.
  Value value(std::uint32_t i, date::sys_days day, bool per_day) const {
    const Node& n = nodes_[i];
    switch (n.kind) {
      case Expr::Kind::number:
        return n.number;
      case Expr::Kind::kpi:
        if (n.series == nullptr) return std::nullopt;
        return per_day ? n.series->at(day) : latest(*n.series, day);
      case Expr::Kind::call:
        return call(n, day);
      case Expr::Kind::unary: {
        const Value v = value(n.first, day, per_day);
        return v ? Value(-*v) : std::nullopt;
      }
      case Expr::Kind::binary:
        return arithmetic(n, day, per_day);
      case Expr::Kind::window:
        break;
    }
    throw std::logic_error("rules: a value was asked of a node the checker does not let through");
  }

  Truth truth(std::uint32_t i, date::sys_days day, bool per_day) const {
    const Node& n = nodes_[i];
    if (n.kind == Expr::Kind::unary && n.op == Op::negate) {
      const Truth t = truth(n.first, day, per_day);
      return t ? Truth(!*t) : std::nullopt;
    }
    if (n.kind != Expr::Kind::binary) throw std::logic_error("rules: a condition that is not one");
    if (n.op == Op::both || n.op == Op::either) {
      const Truth a = truth(n.first, day, per_day);
      const Truth b = truth(n.second, day, per_day);
      const bool decisive = n.op == Op::either;  // true decides "or", false decides "and"
      if (a == decisive || b == decisive) return decisive;
      if (!a || !b) return std::nullopt;
      return !decisive;
    }
    const Value a = value(n.first, day, per_day);
    const Value b = value(n.second, day, per_day);
    if (!a || !b) return std::nullopt;
    switch (n.op) {
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
  static Value latest(const Series& s, date::sys_days day) {
    const auto point = s.latest(day);
    return point ? Value(point->value) : std::nullopt;
  }

  Value arithmetic(const Node& n, date::sys_days day, bool per_day) const {
    const Value a = value(n.first, day, per_day);
    const Value b = value(n.second, day, per_day);
    if (!a || !b) return std::nullopt;
    switch (n.op) {
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

  Value call(const Node& n, date::sys_days day) const {
    // A window of n days is [day - n + 1, day]: "7d" is today and the six days before.
    const date::sys_days from = day - date::days(n.days - 1);
    switch (n.function) {
      case Function::count_over: {
        int count = 0;
        for (date::sys_days d = from; d <= day; d += date::days(1)) {
          if (truth(n.first, d, true) == true) ++count;
        }
        return count;
      }
      case Function::target:
        return program_.data_->target(program_.rest_->keys[n.key], day);
      case Function::attainment: {
        const std::string& key = program_.rest_->keys[n.key];
        const Value target = program_.data_->target(key, day);
        const Value so_far = program_.data_->period_value(key, day);
        if (!target || !so_far || *target == 0) return std::nullopt;
        return *so_far / *target * 100;
      }
      default:
        break;
    }
    if (n.series == nullptr) return std::nullopt;
    if (n.function == Function::last) return latest(*n.series, day);
    const Series::Summary now = n.series->summary(from, day);
    if (now.count == 0) return std::nullopt;
    switch (n.function) {
      case Function::change: {
        // Against the window just before, day for day, as averages: a missing day weighs on neither.
        const Series::Summary before = n.series->summary(from - date::days(n.days), from - date::days(1));
        if (before.count == 0) return std::nullopt;
        const double was = before.sum / before.count;
        if (was == 0) return std::nullopt;
        return (now.sum / now.count - was) / std::abs(was) * 100;
      }
      case Function::avg:
        return now.sum / now.count;
      case Function::sum:
        return now.sum;
      case Function::min:
        return now.min;
      case Function::max:
        return now.max;
      default:
        break;
    }
    throw std::logic_error("rules: a function the compiler does not know");
  }

  const Node* nodes_;
  const Program& program_;
};

std::optional<double> Program::value(date::sys_days day) const {
  return Run(*this).value(0, day, false);
}

std::optional<bool> Program::holds(date::sys_days day) const {
  return Run(*this).truth(0, day, false);
}

std::optional<double> Program::shown_value(date::sys_days day) const {
  const Node& root = nodes()[0];
  const bool comparison = root.kind == Expr::Kind::binary && is_comparison(root.op);
  if (!comparison) return std::nullopt;
  return Run(*this).value(root.first, day, false);
}

std::optional<double> evaluate(const Expr& expr, const EvaluationData& data, date::sys_days day) {
  return Program(expr, data).value(day);
}

std::optional<bool> holds(const Expr& condition, const EvaluationData& data, date::sys_days day) {
  return Program(condition, data).holds(day);
}

}  // namespace baton::rules
