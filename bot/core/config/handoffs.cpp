// Reading the handoff parts of the config: SLA targets (defaults under handoffs.sla, a department's own
// under its sla) and workflows.
#include <algorithm>

#include "bot/core/config/checker.hpp"
#include "bot/core/text/suggest.hpp"

namespace baton::config_detail {
namespace {

constexpr std::size_t kMaxWorkflows = 100;
constexpr std::size_t kMaxStages = 20;
constexpr std::size_t kMaxParallel = 10;
constexpr std::chrono::minutes kMinTarget{5};
constexpr std::chrono::minutes kMaxTarget{std::chrono::hours(1000)};

// Working time, in hours or minutes: "24h", "90m", "1h30m". Days are refused: a working day is not 24
// hours, and "2d" would mean 48 working hours, a full week and more.
void working_time(Checker& c, const YAML::Node& parent, const std::string& key, const std::string& what,
                  std::chrono::minutes& out) {
  const auto value = c.text(parent, key, what);
  if (!value) return;
  const bool has_days = value->find('d') != std::string::npos;
  const auto parsed = has_days ? std::nullopt : parse_duration(*value);
  if (!parsed || parsed->count() % 60'000 != 0) {
    c.error(
        parent[key], what + "." + key + " is not a working time: " + in_quotes(*value),
        "write hours or minutes of working time, like 4h, 24h or 90m (not days: a working day is not 24h)");
    return;
  }
  const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(*parsed);
  if (minutes < kMinTarget || minutes > kMaxTarget) {
    c.error(parent[key], what + "." + key + " must be between 5m and 1000h of working time");
    return;
  }
  out = minutes;
}

void read_targets(Checker& c, const YAML::Node& node, const std::string& what, SlaTargets& out) {
  if (!c.map(node, what, {"accept", "resolve"})) return;
  working_time(c, node, "accept", what, out.accept);
  working_time(c, node, "resolve", what, out.resolve);
}

// Fields given override `out`, which holds the defaults. A target given at the top applies to every
// priority that does not give its own.
void read_sla(Checker& c, const YAML::Node& node, const std::string& what, HandoffSla& out) {
  if (!c.map(node, what, {"accept", "resolve", "remind_before", "escalate_after", "low", "normal", "high"}))
    return;
  SlaTargets common = out.of(Priority::normal);
  working_time(c, node, "accept", what, common.accept);
  working_time(c, node, "resolve", what, common.resolve);
  for (Priority p : {Priority::low, Priority::normal, Priority::high}) {
    const std::string name(to_string(p));
    // A top-level target replaces the inherited one for every priority; a priority's own wins over it.
    if (node["accept"].IsDefined()) out.of(p).accept = common.accept;
    if (node["resolve"].IsDefined()) out.of(p).resolve = common.resolve;
    if (node[name].IsDefined()) read_targets(c, node[name], what + "." + name, out.of(p));
    if (out.of(p).accept > out.of(p).resolve) {
      c.error(node, what + ": the " + name + " priority's accept target is longer than its resolve target",
              "a handoff is accepted before it is done: make accept shorter");
    }
  }
  working_time(c, node, "remind_before", what, out.remind_before);
  working_time(c, node, "escalate_after", what, out.escalate_after);
}

const Department* find_department(Checker& c, const YAML::Node& node, const std::string& what,
                                  const std::vector<Department>& departments) {
  const auto key = c.text(node, "department", what, true, "department: logistics");
  if (!key) return nullptr;
  const auto found = std::find_if(departments.begin(), departments.end(),
                                  [&](const Department& d) { return d.key == *key; });
  if (found != departments.end()) return &*found;
  std::vector<std::string> keys;
  for (const Department& d : departments)
    keys.push_back(d.key);
  const auto suggestion = closest(*key, keys);
  c.error(node["department"], what + ".department " + in_quotes(*key) + " is not a department",
          suggestion ? "did you mean " + in_quotes(*suggestion) + "?" : "one of " + Checker::join(keys));
  return nullptr;
}

std::optional<WorkflowTask> read_task(Checker& c, const YAML::Node& node, const std::string& what,
                                      const std::vector<Department>& departments,
                                      std::map<std::string, int>& keys) {
  if (!node.IsMap()) {
    c.error(node, what + " must be a map",
            "{key: stock-check, department: logistics, title: ..., within: 24h}");
    return std::nullopt;
  }
  if (!c.map(node, what, {"key", "department", "title", "within"})) return std::nullopt;
  WorkflowTask task;
  const auto key = c.unique_key(node, what, "step", "key: stock-check", keys);
  if (!key) return std::nullopt;
  task.key = *key;
  const Department* department = find_department(c, node, what + " (" + task.key + ")", departments);
  if (department == nullptr) return std::nullopt;
  task.department = department->key;
  if (!node["title"].IsDefined()) {
    c.error(node, what + " (" + task.key + ") needs a title",
            "title: {en: Stock check, fr: Vérification des stocks}");
    return std::nullopt;
  }
  const auto title = c.localized(node["title"], what + ".title");
  if (!title) return std::nullopt;
  task.title = *title;
  working_time(c, node, "within", what, task.within);
  return task;
}

}  // namespace

void read_handoff_section(Checker& c, const YAML::Node& root, const std::vector<Member>& members,
                          const std::vector<Department>& departments, Config& config) {
  bool managers_given = false;
  if (const YAML::Node section = root["handoffs"]; section.IsDefined()) {
    if (c.map(section, "handoffs", {"sla", "managers"})) {
      if (section["sla"].IsDefined()) read_sla(c, section["sla"], "handoffs.sla", config.handoff_sla);
      if (section["managers"].IsDefined()) {
        managers_given = true;
        config.handoff_managers = read_participants(c, section["managers"], "handoffs.managers", members);
      }
    }
  }
  if (!managers_given) {
    const auto in_a_department = [&](const std::string& key) {
      return std::any_of(departments.begin(), departments.end(), [&](const Department& d) {
        return std::find(d.members.begin(), d.members.end(), key) != d.members.end();
      });
    };
    for (const Member& m : members) {
      if (role_at_least(m.role, Role::manager) && !in_a_department(m.key))
        config.handoff_managers.push_back(m.key);
    }
    if (config.handoff_managers.empty()) {
      for (const Member& m : members) {
        if (role_at_least(m.role, Role::manager)) config.handoff_managers.push_back(m.key);
      }
    }
  }
  const YAML::Node list = root["departments"];
  // IsDefined first: yaml-cpp throws when a key that is missing is asked for its type.
  if (!list.IsDefined() || !list.IsSequence() || list.size() != departments.size()) return;
  for (std::size_t i = 0; i < departments.size(); ++i) {
    if (!list[i]["sla"].IsDefined()) continue;
    HandoffSla sla = config.handoff_sla;
    read_sla(c, list[i]["sla"], "department " + departments[i].key + ".sla", sla);
    config.department_slas[departments[i].key] = sla;
  }
}

std::vector<Workflow> read_workflows(Checker& c, const YAML::Node& list,
                                     const std::vector<Department>& departments) {
  std::vector<Workflow> out;
  if (!list.IsSequence()) {
    c.error(list, "workflows must be a list", "each entry: {key: campaign-launch, name: ..., steps: [...]}");
    return out;
  }
  if (list.size() > kMaxWorkflows) {
    c.error(list, "workflows has more than " + std::to_string(kMaxWorkflows) + " entries");
    return out;
  }
  std::map<std::string, int> lines;
  for (const YAML::Node& node : list) {
    if (!node.IsMap()) {
      c.error(node, "a workflow must be a map", "key: campaign-launch, name: ..., steps: [...]");
      continue;
    }
    Workflow w;
    const auto key = c.unique_key(node, "workflow", "workflow", "key: campaign-launch", lines);
    if (!key) continue;
    w.key = *key;
    const std::string which = "workflow " + w.key;
    c.map(node, which, {"key", "name", "steps"});
    w.name = node["name"].IsDefined()
                 ? c.localized(node["name"], which + ".name").value_or(LocalizedText{w.key, w.key})
                 : LocalizedText{w.key, w.key};
    const YAML::Node steps = node["steps"];
    if (!steps.IsDefined() || !steps.IsSequence() || steps.size() == 0) {
      c.error(steps.IsDefined() ? steps : node, which + " needs steps, a list",
              "steps: [{key: brief, department: marketing, title: Brief}, ...]");
      continue;
    }
    if (steps.size() > kMaxStages) {
      c.error(steps, which + " has more than " + std::to_string(kMaxStages) + " steps");
      continue;
    }
    std::map<std::string, int> step_keys;
    bool ok = true;
    for (std::size_t i = 0; i < steps.size(); ++i) {
      const YAML::Node step = steps[i];
      const std::string what = which + ".steps[" + std::to_string(i + 1) + "]";
      WorkflowStage stage;
      if (step.IsMap() && step["parallel"].IsDefined()) {
        c.map(step, what, {"parallel"});
        const YAML::Node tasks = step["parallel"];
        if (!tasks.IsSequence() || tasks.size() < 2 || tasks.size() > kMaxParallel) {
          c.error(tasks, what + ".parallel must list 2 to " + std::to_string(kMaxParallel) + " steps",
                  "steps done at the same time by different departments");
          ok = false;
          continue;
        }
        for (std::size_t j = 0; j < tasks.size(); ++j) {
          auto task = read_task(c, tasks[j], what + ".parallel[" + std::to_string(j + 1) + "]", departments,
                                step_keys);
          if (task) {
            stage.tasks.push_back(std::move(*task));
          } else {
            ok = false;
          }
        }
      } else if (auto task = read_task(c, step, what, departments, step_keys)) {
        stage.tasks.push_back(std::move(*task));
      } else {
        ok = false;
      }
      w.stages.push_back(std::move(stage));
    }
    if (ok) out.push_back(std::move(w));
  }
  return out;
}

}  // namespace baton::config_detail
