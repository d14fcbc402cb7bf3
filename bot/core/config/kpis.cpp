// Reading the KPI parts of the config: the KPIs (units, targets, owners), the API tokens that may write
// them, the alerts section, and the rules file it names, whose expressions are parsed and checked against
// the KPIs here, so that a rule that cannot be evaluated never loads.
#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>

#include "bot/core/config/checker.hpp"
#include "bot/core/kpis/summary.hpp"
#include "rules/checker.hpp"
#include "rules/parser.hpp"
#include "rules/replay.hpp"

namespace baton::config_detail {
namespace {

constexpr std::size_t kMaxKpis = 1000;
constexpr std::size_t kMaxTokens = 100;
constexpr std::size_t kMaxRules = 10'000;
constexpr std::size_t kMaxRoutes = 20;
constexpr std::size_t kMaxLabels = 20;
constexpr std::size_t kMaxRuleName = 64;
constexpr std::uintmax_t kMaxRulesFileBytes = std::uintmax_t{4} * 1024 * 1024;
constexpr std::chrono::days kMaxHoldFor{90};

std::string department_hint(const std::string& key, const std::vector<Department>& departments) {
  std::vector<std::string> keys;
  keys.reserve(departments.size());
  for (const Department& d : departments)
    keys.push_back(d.key);
  if (keys.empty()) return "add it under departments first";
  const auto suggestion = closest(key, keys);
  return suggestion ? "did you mean " + in_quotes(*suggestion) + "?" : "one of " + Checker::join(keys);
}

bool has_department(const std::vector<Department>& departments, const std::string& key) {
  return std::any_of(departments.begin(), departments.end(),
                     [&](const Department& d) { return d.key == key; });
}

// "40000", "95.5", "95%" (for a percent KPI): a finite number.
std::optional<double> read_number(std::string text, const rules::Unit& unit) {
  text = trim(std::move(text));
  if (unit.kind == rules::Unit::Kind::percent && text.ends_with('%'))
    text = trim(text.substr(0, text.size() - 1));
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size() || !std::isfinite(value)) return std::nullopt;
  return value;
}

void read_targets(Checker& c, const YAML::Node& node, const std::string& what, KpiDefinition& kpi) {
  const auto number = [&](const YAML::Node& at, const std::string& text, rules::Period period) {
    if (const auto value = read_number(text, kpi.unit)) {
      kpi.targets[period] = *value;
    } else {
      c.error(at, what + " target " + in_quotes(text) + " is not a number",
              "write it without unit or separator, like 40000 or 95.5");
    }
  };
  if (const YAML::Node one = node["target"]; one.IsDefined()) {
    if (node["targets"].IsDefined()) {
      c.error(one, what + " has both target and targets", "keep targets: {day: ..., week: ..., month: ...}");
    } else if (kpi.rollup == rules::Rollup::sum) {
      c.error(one,
              what + " adds its days up (rollup: sum), so one target cannot fit a day, a week and a month",
              "write targets: {day: ..., week: ..., month: ...} with the periods you follow");
    } else if (const auto text = c.text(node, "target", what)) {
      for (const rules::Period period : {rules::Period::day, rules::Period::week, rules::Period::month})
        number(one, *text, period);
    }
  }
  const YAML::Node targets = node["targets"];
  if (!targets.IsDefined() || !c.map(targets, what + ".targets", {"day", "week", "month"})) return;
  for (const auto& item : targets) {
    const std::string period_name = item.first.Scalar();
    const auto period = rules::parse_period(period_name);
    if (!period) continue;  // reported by map()
    if (const auto text = c.text(targets, period_name, what + ".targets"))
      number(item.second, *text, *period);
  }
}

KpiDefinition read_kpi(Checker& c, const YAML::Node& node, const std::string& what,
                       const std::vector<Department>& departments, std::map<std::string, int>& lines) {
  KpiDefinition kpi;
  if (!c.map(node, what,
             {"key", "name", "unit", "direction", "rollup", "target", "targets", "department", "builtin"})) {
    return kpi;
  }
  kpi.key = c.unique_key(node, what, "KPI", "key: revenue", lines).value_or("");
  const std::string named = kpi.key.empty() ? what : "kpi " + in_quotes(kpi.key);
  if (node["name"].IsDefined()) {
    if (const auto name = c.localized(node["name"], named + ".name")) kpi.name = *name;
  }
  if (kpi.name.en.empty()) kpi.name.en = kpi.name.fr.empty() ? kpi.key : kpi.name.fr;
  if (kpi.name.fr.empty()) kpi.name.fr = kpi.name.en;

  if (const auto builtin = c.text(node, "builtin", named)) {
    if (const auto parsed = parse_builtin_kpi(*builtin)) {
      kpi.builtin = *parsed;
      kpi.unit = builtin_unit(*parsed);
      if (node["unit"].IsDefined()) {
        c.error(node["unit"],
                named + " is built in (" + *builtin + "): its unit is " + rules::to_string(kpi.unit),
                "remove unit");
      }
    } else {
      c.error(node["builtin"], named + ".builtin " + in_quotes(*builtin) + " is not a number baton computes",
              "one of standup_participation, handoffs_opened, handoffs_overdue, handoff_sla_compliance");
    }
  } else if (const auto unit =
                 c.text(node, "unit", named, true, "unit: currency:EUR, percent, count or duration")) {
    if (const auto parsed = rules::parse_unit(*unit)) {
      kpi.unit = *parsed;
    } else {
      c.error(node["unit"], named + ".unit " + in_quotes(*unit) + " is not a unit",
              "one of currency:EUR (any ISO 4217 code), percent, count, duration (minutes), number");
    }
  }
  // Amounts and counts add up over a week; rates and levels do not.
  const bool additive =
      kpi.unit.kind == rules::Unit::Kind::currency || kpi.unit.kind == rules::Unit::Kind::count;
  kpi.rollup = additive ? rules::Rollup::sum : rules::Rollup::average;
  if (const auto rollup = c.text(node, "rollup", named)) {
    if (const auto parsed = rules::parse_rollup(*rollup)) {
      kpi.rollup = *parsed;
    } else {
      c.error(node["rollup"], named + ".rollup must be sum, average or last, not " + in_quotes(*rollup));
    }
  }
  if (const auto direction = c.text(node, "direction", named)) {
    if (*direction == "higher") {
      kpi.direction = Direction::higher_is_better;
    } else if (*direction == "lower") {
      kpi.direction = Direction::lower_is_better;
    } else {
      c.error(node["direction"],
              named + ".direction must be higher or lower (which is better), not " + in_quotes(*direction));
    }
  }
  read_targets(c, node, named, kpi);
  if (const auto department =
          c.text(node, "department", named, true, "department: marketing (who owns it)")) {
    kpi.department = *department;
    if (!has_department(departments, *department)) {
      c.error(node["department"], named + ".department " + in_quotes(*department) + " is not a department",
              department_hint(*department, departments));
    }
  }
  return kpi;
}

// A rule's name: a word people type in /baton silence.
bool valid_rule_name(std::string_view name) {
  return !name.empty() && name.size() <= kMaxRuleName && name[0] >= 'a' && name[0] <= 'z' &&
         std::all_of(name.begin(), name.end(), [](char ch) {
           return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-' || ch == '_';
         });
}

// Where column `column` of an expression written as the scalar `node` is in the file: exact when the
// scalar sits on one line (a quote before it shifts it by one), its start otherwise.
YAML::Mark mark_at(const YAML::Node& node, std::size_t column) {
  YAML::Mark mark = node.Mark();
  if (node.Scalar().find('\n') != std::string::npos) return mark;
  mark.column += static_cast<int>(column - 1) + (node.Tag() == "!" ? 1 : 0);
  return mark;
}

std::optional<std::string> read_expression(Checker& c, const YAML::Node& node, const std::string& what) {
  const YAML::Node expr = node["expr"];
  if (!expr.IsDefined() || expr.IsNull()) {
    c.error(node, what + " needs expr", "expr: avg(revenue, 7d) < 30000 EUR");
    return std::nullopt;
  }
  if (!expr.IsScalar()) {
    c.error(expr, what + ".expr must be a single expression, not a list or a map",
            "quote it if it holds a colon: expr: \"last(stock) < 10\"");
    return std::nullopt;
  }
  return expr.Scalar();
}

// The placeholders a summary may hold, each checked against what the rule can fill in.
void check_template(Checker& c, const YAML::Node& at, const std::string& text, const std::string& what,
                    const KpiDefinition* kpi, bool kpi_known) {
  const auto pieces = template_pieces(text);
  if (!pieces) {
    c.error(at, what + " opens {{ without closing it", "write {{value}}, {{target}} or {{kpi.name}}");
    return;
  }
  for (const TemplatePiece& piece : *pieces) {
    if (!piece.placeholder) continue;
    const std::string& name = piece.text;
    if (name != "value" && name != "target" && name != "kpi.name") {
      c.error(at, what + " has an unknown placeholder {{" + name + "}}",
              "one of {{value}}, {{target}}, {{kpi.name}}");
    } else if (name == "target" && kpi_known && (kpi == nullptr || kpi->targets.empty())) {
      c.error(
          at,
          what + " shows {{target}}, but KPI " + in_quotes(kpi != nullptr ? kpi->key : "") + " has no target",
          "give the KPI targets in the config, or remove {{target}}");
    }
  }
}

void read_rule_routes(Checker& c, const YAML::Node& node, const std::string& what,
                      const std::vector<Department>& departments, KpiRule& rule) {
  const YAML::Node route = node["route"];
  if (!route.IsDefined()) return;
  std::vector<YAML::Node> items;
  if (route.IsSequence()) {
    for (const auto& item : route)
      items.push_back(item);
  } else {
    items.push_back(route);
  }
  if (items.empty() || items.size() > kMaxRoutes) {
    c.error(route, what + ".route names 1 to " + std::to_string(kMaxRoutes) + " departments");
    return;
  }
  for (const YAML::Node& item : items) {
    if (!item.IsScalar()) {
      c.error(item, what + ".route must be a department or a list of departments");
      continue;
    }
    const std::string key = item.Scalar();
    if (!has_department(departments, key)) {
      c.error(item, what + ".route " + in_quotes(key) + " is not a department",
              department_hint(key, departments));
    } else if (std::find(rule.routes.begin(), rule.routes.end(), key) == rule.routes.end()) {
      rule.routes.push_back(key);
    }
  }
}

void read_labels(Checker& c, const YAML::Node& node, const std::string& what, KpiRule& rule) {
  const YAML::Node labels = node["labels"];
  if (!labels.IsDefined()) return;
  if (!labels.IsMap()) {
    c.error(labels, what + ".labels must be a map of names and values", "labels: {team: growth}");
    return;
  }
  if (labels.size() > kMaxLabels) {
    c.error(labels, what + ".labels has " + std::to_string(labels.size()) + " labels, " +
                        std::to_string(kMaxLabels) + " at most");
    return;
  }
  for (const auto& item : labels) {
    const std::string name = item.first.IsScalar() ? item.first.Scalar() : "";
    if (!valid_key(name)) {
      c.error(item.first, what + ".labels: " + in_quotes(name) + " is not a label name",
              "lower-case letters, digits, - and _");
    } else if (const auto value = c.text(labels, name, what + ".labels")) {
      rule.labels[name] = *value;
    }
  }
}

std::optional<KpiRule> read_rule(Checker& c, const YAML::Node& node, const std::string& position,
                                 const std::vector<KpiDefinition>& kpis,
                                 const std::vector<Department>& departments,
                                 std::map<std::string, int>& names) {
  if (!c.map(node, position,
             {"name", "expr", "for", "severity", "route", "summary", "labels", "open_handoff",
              "business_hours"})) {
    return std::nullopt;
  }
  KpiRule rule;
  bool ok = true;
  const auto note = [&](const YAML::Mark& at, const std::string& message, const std::string& hint = {}) {
    c.error(at, message, hint);
    ok = false;
  };
  if (const auto name = c.text(node, "name", position, true, "name: revenue-below-target")) {
    rule.name = *name;
    if (!valid_rule_name(*name)) {
      note(node["name"].Mark(), position + ".name " + in_quotes(*name) + " is not a rule name",
           "lower-case letters, digits, - and _, starting with a letter, 64 at most");
    } else if (const auto first = names.find(*name); first != names.end()) {
      note(node["name"].Mark(), "rule " + in_quotes(*name) + " is listed twice",
           "the first is at line " + std::to_string(first->second));
    } else {
      names[*name] = node["name"].Mark().line + 1;
    }
  } else {
    ok = false;
  }
  const std::string what = rule.name.empty() ? position : "rule " + in_quotes(rule.name);

  const auto facts = [&](std::string_view key) -> std::optional<rules::KpiFacts> {
    for (const KpiDefinition& k : kpis) {
      if (k.key == key) return rules::KpiFacts{k.unit, !k.targets.empty()};
    }
    return std::nullopt;
  };
  bool expression_read = false;  // parsed and checked: only then is the rule's KPI known
  if (const auto text = read_expression(c, node, what)) {
    rule.expr = *text;
    auto parsed = text->size() > rules::kMaxExpressionLength
                      ? std::variant<rules::Expr, rules::ParseError>(rules::ParseError{
                            1, "the expression is " + std::to_string(text->size()) + " characters long, " +
                                   std::to_string(rules::kMaxExpressionLength) + " at most"})
                      : rules::parse_expression(*text);
    std::optional<std::pair<std::size_t, std::string>> problem;
    if (const auto* error = std::get_if<rules::ParseError>(&parsed)) {
      problem = {error->column, error->message};
    } else {
      rule.condition = std::get<rules::Expr>(std::move(parsed));
      const auto checked = rules::check_condition(rule.condition, facts);
      if (const auto* refused = std::get_if<rules::CheckError>(&checked)) {
        problem = {refused->column, refused->message};
      } else {
        rule.kpis = std::get<rules::Checked>(checked).kpis;
        if (const rules::Expr* side = rules::value_side(rule.condition)) {
          const auto side_checked = rules::check_expression(*side, facts);
          if (const auto* value = std::get_if<rules::Checked>(&side_checked)) rule.value_unit = value->unit;
        }
      }
    }
    if (problem) {
      // The expression with a caret under the column, indented under the message.
      std::string shown;
      if (text->find('\n') == std::string::npos && text->size() <= kMaxTextLength) {
        for (const char ch : "\n" + rules::point_at(*text, problem->first, "here")) {
          shown += ch;
          if (ch == '\n') shown += "    ";
        }
      }
      note(mark_at(node["expr"], problem->first), what + ": " + problem->second + shown);
    } else {
      expression_read = true;
    }
  } else {
    ok = false;
  }
  rule.kpi = rules::first_kpi(rule.condition);
  const KpiDefinition* kpi = nullptr;
  for (const KpiDefinition& k : kpis) {
    if (k.key == rule.kpi) kpi = &k;
  }

  std::chrono::milliseconds hold_for{0};
  c.duration(node, "for", what, hold_for, std::chrono::milliseconds(0), kMaxHoldFor);
  rule.hold_for = std::chrono::duration_cast<std::chrono::seconds>(hold_for);
  if (const auto severity = c.text(node, "severity", what)) {
    if (const auto parsed = parse_severity(*severity)) {
      rule.severity = *parsed;
    } else {
      note(node["severity"].Mark(),
           what + ".severity must be info, warning or critical, not " + in_quotes(*severity));
    }
  }
  read_rule_routes(c, node, what, departments, rule);
  if (rule.routes.empty() && kpi != nullptr) rule.routes.push_back(kpi->department);
  if (node["summary"].IsDefined()) {
    if (const auto summary = c.localized(node["summary"], what + ".summary")) {
      rule.summary = *summary;
      if (rule.summary.en.empty()) rule.summary.en = rule.summary.fr;
      if (rule.summary.fr.empty()) rule.summary.fr = rule.summary.en;
      // With the expression unreadable, its KPI is unknown: what the summary may show of it is not checked,
      // rather than said wrong (once for each language) on top of the expression's own error.
      check_template(c, node["summary"], rule.summary.en, what + ".summary", kpi, expression_read);
      if (rule.summary.fr != rule.summary.en)
        check_template(c, node["summary"], rule.summary.fr, what + ".summary", kpi, expression_read);
    }
  }
  read_labels(c, node, what, rule);
  rule.open_handoff = c.boolean(node, "open_handoff", what).value_or(false);
  rule.business_hours = c.boolean(node, "business_hours", what).value_or(false);
  if (!ok) return std::nullopt;
  return rule;
}

}  // namespace

std::vector<KpiDefinition> read_kpis(Checker& c, const YAML::Node& list,
                                     const std::vector<Department>& departments) {
  std::vector<KpiDefinition> out;
  if (!list.IsSequence()) {
    c.error(list, "kpis must be a list of KPIs", "start each with \"- key: revenue\"");
    return out;
  }
  if (list.size() > kMaxKpis) {
    c.error(list,
            "kpis lists " + std::to_string(list.size()) + " KPIs, " + std::to_string(kMaxKpis) + " at most");
    return out;
  }
  std::map<std::string, int> lines;
  for (std::size_t i = 0; i < list.size(); ++i)
    out.push_back(read_kpi(c, list[i], "kpis[" + std::to_string(i) + "]", departments, lines));
  return out;
}

std::vector<KpiApiToken> read_kpi_api(Checker& c, const YAML::Node& node,
                                      const std::vector<KpiDefinition>& kpis) {
  std::vector<KpiApiToken> out;
  if (!c.map(node, "kpi_api", {"enabled", "tokens"})) return out;
  // Present means enabled, as for the platforms: a disabled API needs no secrets and accepts no token.
  const bool enabled =
      node["enabled"].IsDefined() ? c.boolean(node, "enabled", "kpi_api").value_or(false) : true;
  const YAML::Node list = node["tokens"];
  if (!list.IsDefined()) return out;
  if (!list.IsSequence() || list.size() > kMaxTokens) {
    c.error(list, "kpi_api.tokens must be a list of at most " + std::to_string(kMaxTokens) + " tokens",
            "- {name: shop, token_env: BATON_KPI_TOKEN_SHOP, kpis: [revenue, orders]}");
    return out;
  }
  std::set<std::string> names;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const YAML::Node item = list[i];
    const std::string what = "kpi_api.tokens[" + std::to_string(i) + "]";
    if (!c.map(item, what, {"name", "token_env", "token_file", "kpis"}, {"token"})) continue;
    KpiApiToken token;
    token.name =
        c.text(item, "name", what, true, "name: shop (shown in logs instead of the token)").value_or("");
    if (!token.name.empty() && !names.insert(token.name).second) {
      c.error(item["name"], "API token " + in_quotes(token.name) + " is listed twice",
              "give each a name of its own");
    }
    token.token = c.secret(item, "token", what, enabled);
    const YAML::Node allowed = item["kpis"];
    if (!allowed.IsDefined() || !allowed.IsSequence() || allowed.size() == 0) {
      c.error(allowed.IsDefined() ? allowed : item, what + " needs kpis: the KPIs it may write",
              "kpis: [revenue, orders]");
      continue;
    }
    for (const auto& key_node : allowed) {
      const std::string key = key_node.IsScalar() ? key_node.Scalar() : "";
      const bool known =
          std::any_of(kpis.begin(), kpis.end(), [&](const KpiDefinition& k) { return k.key == key; });
      const bool builtin = std::any_of(kpis.begin(), kpis.end(), [&](const KpiDefinition& k) {
        return k.key == key && k.builtin != BuiltinKpi::none;
      });
      if (!known) {
        std::vector<std::string> keys;
        keys.reserve(kpis.size());
        for (const KpiDefinition& k : kpis)
          keys.push_back(k.key);
        const auto suggestion = closest(key, keys);
        c.error(key_node, what + ".kpis: " + in_quotes(key) + " is not a KPI",
                suggestion ? "did you mean " + in_quotes(*suggestion) + "?" : "declare it under kpis");
      } else if (builtin) {
        c.error(key_node, what + ".kpis: " + in_quotes(key) + " is computed by baton and cannot be written",
                "remove it from the token's kpis");
      } else {
        token.kpis.insert(key);
      }
    }
    if (enabled) out.push_back(std::move(token));
  }
  return out;
}

std::optional<fs::path> read_alerts(Checker& c, const YAML::Node& node, AlertsConfig& out) {
  if (!c.map(node, "alerts", {"rules_file", "evaluate_every", "repeat_interval"})) return std::nullopt;
  using std::chrono::milliseconds;
  milliseconds every = out.evaluate_every;
  milliseconds repeat = out.repeat_interval;
  c.duration(node, "evaluate_every", "alerts", every, std::chrono::minutes(1), std::chrono::hours(24));
  c.duration(node, "repeat_interval", "alerts", repeat, std::chrono::minutes(10), std::chrono::days(30));
  out.evaluate_every = std::chrono::duration_cast<std::chrono::seconds>(every);
  out.repeat_interval = std::chrono::duration_cast<std::chrono::seconds>(repeat);
  const auto file = c.text(node, "rules_file", "alerts");
  if (!file) return std::nullopt;
  out.rules_file = *file;
  return c.resolve(*file);
}

}  // namespace baton::config_detail

namespace baton {

using namespace config_detail;  // NOLINT(google-build-using-namespace): the checker's own tools

RulesResult parse_rules(std::string_view yaml, const std::filesystem::path& source,
                        const std::vector<KpiDefinition>& kpis, const std::vector<Department>& departments) {
  RulesResult result;
  if (auto not_utf8 = utf8_diagnostic(yaml, source)) {
    result.errors.push_back(std::move(*not_utf8));
    return result;
  }
  const Environment no_environment = [](const std::string&) { return std::optional<std::string>(); };
  Checker c(source, no_environment);
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml));
  } catch (const YAML::Exception& e) {
    c.error(e.mark, "this is not valid YAML: " + e.msg,
            "check the indentation, and quote an expression that holds a colon or starts with {");
  }
  if (c.errors.empty()) {
    if (!root.IsMap() || !c.map(root, "the rules file", {"rules"}) || !root["rules"].IsSequence()) {
      if (c.errors.empty()) {
        // Only a map has a "rules" to point at: indexing a scalar or a list throws (found by fuzzing).
        c.error(root.IsMap() ? root["rules"] : root, "the rules file must hold rules: a list of rules",
                "rules:\n  - name: revenue-below-target\n    expr: attainment(revenue) < 90%");
      }
    } else if (root["rules"].size() > kMaxRules) {
      c.error(root["rules"], "the rules file lists " + std::to_string(root["rules"].size()) + " rules, " +
                                 std::to_string(kMaxRules) + " at most");
    } else {
      std::map<std::string, int> names;
      const YAML::Node list = root["rules"];
      for (std::size_t i = 0; i < list.size(); ++i) {
        if (auto rule = read_rule(c, list[i], "rules[" + std::to_string(i) + "]", kpis, departments, names))
          result.rules.push_back(std::move(*rule));
      }
    }
  }
  for (ConfigDiagnostic& d : c.errors)
    d.file = source;
  std::stable_sort(c.errors.begin(), c.errors.end(),
                   [](const ConfigDiagnostic& a, const ConfigDiagnostic& b) {
                     return std::tie(a.line, a.column) < std::tie(b.line, b.column);
                   });
  result.errors = std::move(c.errors);
  if (!result.errors.empty()) result.rules.clear();
  return result;
}

RulesResult load_rules(const std::filesystem::path& file, const std::vector<KpiDefinition>& kpis,
                       const std::vector<Department>& departments) {
  RulesResult result;
  std::error_code ec;
  const auto size = std::filesystem::file_size(file, ec);
  if (ec || size > kMaxRulesFileBytes) {
    result.errors.push_back(
        {0, 0,
         ec ? "cannot read the rules file: " + ec.message()
            : "the rules file is " + std::to_string(size) + " bytes; 4 MiB at most",
         ec ? "check alerts.rules_file in the config" : "split it, or is this the right file?", file});
    return result;
  }
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return parse_rules(text.str(), std::filesystem::absolute(file), kpis, departments);
}

}  // namespace baton
