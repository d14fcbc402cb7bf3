// Evaluating a checked expression on the KPIs' daily series, as of the end of one day. Missing data is
// not zero: a window with no value gives no value, and a comparison with no value is unknown, which never
// fires (no data, no alert). Conditions follow three-valued logic: "unknown and false" is false, "unknown
// or true" is true, "not unknown" stays unknown.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rules/expr.hpp"
#include "rules/series.hpp"

namespace baton::rules {

struct EvaluationData {
  // A KPI's days; nullptr when it has none at all.
  std::function<const Series*(std::string_view key)> series;
  // The target of the period (as the KPI's config sets it) holding `day`, and that period's value up to
  // `day` rolled up as the KPI says: what target() and attainment() read.
  std::function<std::optional<double>(std::string_view key, date::sys_days day)> target;
  std::function<std::optional<double>(std::string_view key, date::sys_days day)> period_value;
};

// An expression compiled once to be evaluated many times: its nodes in one array (each operand after the
// node that reads it), inside the program itself when they are few, and each KPI it names looked up once,
// as the series it reads. Ten thousand rules evaluated as trees of separately allocated nodes, finding
// each KPI by its key on every evaluation, ran at a third of the speed of a hand-written loop over the
// same arrays; with the nodes on the heap, reaching them was most of the time of a rule
// (tests/bench/rules_bench.cpp).
//
// The series are bound when the program is made: `data`, and every series it gives, must stay where they
// are while the program is used, and a KPI with no series then reads as having no data. KpiData gives
// every configured KPI its series up front for that reason.
class Program {
 public:
  Program(const Expr& expr, const EvaluationData& data);

  // The expression as a value (nullopt when the data is missing, or a division by zero).
  std::optional<double> value(date::sys_days day) const;
  // The expression as a condition: true, false, or nullopt when the data needed is missing.
  std::optional<bool> holds(date::sys_days day) const;
  // The value a rule shows beside its state: the left side of its top comparison ("avg(revenue, 7d)" in
  // "avg(revenue, 7d) < 1000 EUR"); nullopt for a condition of another shape.
  std::optional<double> shown_value(date::sys_days day) const;

 private:
  struct Node {
    Expr::Kind kind = Expr::Kind::number;
    Op op = Op::add;
    Function function = Function::unknown;
    std::uint32_t first = 0;   // the first operand's node (a count_over's condition)
    std::uint32_t second = 0;  // the second operand's
    int days = 0;              // a window function's window
    std::uint32_t key = 0;     // in keys_: target() and attainment() ask for the KPI by key
    double number = 0;
    const Series* series = nullptr;  // a KPI's, or a window function's KPI's
  };
  class Run;
  // "avg(revenue, 7d) < 1000": a comparison, a call and a number.
  static constexpr std::size_t kInlineNodes = 3;

  static std::uint32_t compile(const Expr& e, const EvaluationData& data, std::vector<Node>& nodes,
                               std::vector<std::string>& keys);
  // What most rules do without, kept out of the way: the nodes when they do not fit in few_, and the KPI
  // keys target() and attainment() ask by.
  struct Rest {
    std::vector<Node> nodes;
    std::vector<std::string> keys;
  };
  const Node* nodes() const { return rest_ && !rest_->nodes.empty() ? rest_->nodes.data() : few_.data(); }

  // The root first, in few_ when they fit: the program of a usual rule is one short read from its start.
  std::array<Node, kInlineNodes> few_{};
  const EvaluationData* data_;
  std::unique_ptr<Rest> rest_;
};

// One evaluation of an expression not kept: compiles it, then evaluates it.
std::optional<double> evaluate(const Expr& expr, const EvaluationData& data, date::sys_days day);
std::optional<bool> holds(const Expr& condition, const EvaluationData& data, date::sys_days day);

}  // namespace baton::rules
