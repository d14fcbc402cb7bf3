// `workflow start <workflow> <title>` opens a named workflow's first step as handoffs; finishing a step
// opens the next. `workflow status W-3` shows where a run stands and who is holding it; `workflow` alone
// lists the workflows configured and the runs under way.
#include "bot/core/commands/builtin.hpp"
#include "bot/core/commands/handoff_args.hpp"
#include "bot/core/config/live_config.hpp"
#include "bot/core/handoffs/desk.hpp"
#include "bot/core/text/fold.hpp"
#include "bot/core/text/suggest.hpp"

namespace baton {
namespace {

constexpr std::size_t kMaxRunTitle = 120;
constexpr int kRunsListed = 20;

std::optional<std::int64_t> parse_run_label(std::string_view text) {
  if (text.starts_with('W') || text.starts_with('w')) {
    text.remove_prefix(1);
    if (text.starts_with('-')) text.remove_prefix(1);
  }
  return parse_handoff_label(text);
}

std::string run_label(std::int64_t id) {
  return "W-" + std::to_string(id);
}

boost::asio::awaitable<Reply> list(Services& services, const Caller& caller, const Config& config) {
  const Locale locale = caller.locale;
  Reply reply;
  reply.message.header(tr_plain(locale, Msg::workflow_list_header));
  if (config.workflows.empty()) reply.message.section(tr(locale, Msg::workflow_none_configured));
  for (const Workflow& w : config.workflows) {
    std::vector<std::string> stages;
    for (const WorkflowStage& stage : w.stages) {
      std::vector<std::string> names;
      for (const WorkflowTask& task : stage.tasks)
        names.push_back(department_name(services.org, task.department, locale));
      stages.push_back(join_list(locale, names));
    }
    RichText line;
    line.append(w.key, SpanStyle::code);
    line.append(" " + w.name.in(locale) + ": ");
    std::string chain;
    for (const std::string& s : stages)
      chain += (chain.empty() ? "" : " → ") + s;
    line.append(chain);
    reply.message.section(line);
  }
  const auto read = [](Store& store) { return store.workflow_runs(true, kRunsListed); };
  const std::vector<WorkflowRun> runs = co_await services.store.read(read);
  if (!runs.empty()) {
    RichText lines;
    for (const WorkflowRun& run : runs) {
      if (!lines.empty()) lines.append("\n");
      lines.append(run_label(run.id), SpanStyle::bold);
      lines.append(" " + run.title + " (" + run.workflow + ")");
    }
    reply.message.section(tr(locale, Msg::workflow_runs_header));
    reply.message.section(lines);
  }
  reply.message.context(tr(locale, Msg::workflow_usage, {{"prefix", caller.prefix}}));
  co_return reply;
}

boost::asio::awaitable<Reply> status(Services& services, const Caller& caller, std::int64_t id) {
  const Locale locale = caller.locale;
  const auto read = [id](Store& store) {
    HandoffQuery query;
    query.workflow_run = id;
    return std::make_pair(store.workflow_run(id), store.handoffs(query));
  };
  auto [run, handoffs] = co_await services.store.read(read);
  if (!run) {
    co_return error_reply(
        tr(locale, Msg::workflow_run_not_found, {{"label", run_label(id)}, {"prefix", caller.prefix}}));
  }
  std::sort(handoffs.begin(), handoffs.end(),
            [](const Handoff& a, const Handoff& b) { return a.number < b.number; });
  const auto config = services.current_config();
  const Workflow* workflow = config ? config->workflow(run->workflow) : nullptr;
  Reply reply;
  reply.message.header(run_label(run->id) + " · " + run->title);
  const std::string name = workflow != nullptr ? workflow->name.in(locale) : run->workflow;
  Msg state = Msg::workflow_state_running;
  if (run->state == WorkflowState::done) state = Msg::workflow_state_done;
  if (run->state == WorkflowState::stopped) state = Msg::workflow_state_stopped;
  reply.message.section(tr(locale, state,
                           {{"workflow", name},
                            {"stage", std::to_string(run->stage + 1)},
                            {"stages", std::to_string(workflow != nullptr ? workflow->stages.size() : 0)},
                            {"note", run->note},
                            {"who", member_name(services.org, run->started_by)}}));
  const Reader reader = reader_for(caller);
  const SysTime now = services.clock.now();
  RichText lines;
  for (const Handoff& h : handoffs) {
    if (!lines.empty()) lines.append("\n");
    lines.append(std::to_string(h.stage + 1) + ". ");
    lines.append_rich(handoff_line(h, services.org, reader, now));
  }
  if (!lines.empty()) reply.message.section(lines);
  // Who is holding it: the departments (and people) with open handoffs at the current stage.
  std::vector<std::string> holders;
  for (const Handoff& h : handoffs) {
    if (h.stage != run->stage || is_closed(h.state)) continue;
    std::string holder = department_name(services.org, h.to_department, locale);
    if (!h.assignee.empty()) holder += " (" + member_name(services.org, h.assignee) + ")";
    holders.push_back(holder);
  }
  if (run->state == WorkflowState::running && !holders.empty())
    reply.message.context(tr(locale, Msg::workflow_held_by, {{"holders", join_list(locale, holders)}}));
  co_return reply;
}

boost::asio::awaitable<Reply> start(Services& services, const Caller& caller,
                                    std::shared_ptr<const Config> config,
                                    const std::vector<std::string>& args) {
  const Locale locale = caller.locale;
  const Workflow* workflow = config->workflow(fold(args[1]));
  if (workflow == nullptr) {
    std::vector<std::string> keys;
    for (const Workflow& w : config->workflows)
      keys.push_back(w.key);
    if (keys.empty()) co_return error_reply(tr(locale, Msg::workflow_none_configured));
    co_return error_reply(
        tr(locale, Msg::workflow_unknown, {{"typed", args[1]}, {"workflows", join_list(locale, keys)}}));
  }
  std::string title;
  for (std::size_t i = 2; i < args.size(); ++i)
    title += (title.empty() ? "" : " ") + args[i];
  if (title.empty()) co_return error_reply(tr(locale, Msg::workflow_usage, {{"prefix", caller.prefix}}));
  if (auto too_long = over_length(locale, Msg::run_title_too_long, title, kMaxRunTitle)) {
    co_return error_reply(std::move(*too_long));
  }
  const HandoffDesk desk(services.org, services.profiles, config, services.runtime.platforms,
                         services.clock.now());
  const Member starter = *caller.member;
  const Platform platform = caller.platform;
  const Workflow chosen = *workflow;
  const auto begin = [desk, starter, chosen, title, platform](Store& store) {
    return desk.start_workflow(store, starter, chosen, title, platform);
  };
  const WorkflowStart started = co_await services.store.run(begin);
  if (services.wake_outbox) services.wake_outbox();
  if (services.wake_handoffs) services.wake_handoffs();
  services.log.info("workflow started",
                    {{"run", run_label(started.run.id)}, {"workflow", workflow->key}, {"by", starter.key}});
  std::vector<std::string> opened;
  for (const Handoff& h : started.opened)
    opened.push_back(handoff_label(h.number) + " (" + department_name(services.org, h.to_department, locale) +
                     ")");
  Reply reply;
  reply.message.section(tr(locale, Msg::workflow_started,
                           {{"label", run_label(started.run.id)},
                            {"workflow", workflow->name.in(locale)},
                            {"opened", join_list(locale, opened)},
                            {"prefix", caller.prefix}}));
  co_return reply;
}

boost::asio::awaitable<Reply> run_workflow(Services& services, const Caller& caller,
                                           const std::vector<std::string>& args) {
  const auto config = services.current_config();
  if (!config) co_return error_reply(tr(caller.locale, Msg::workflow_none_configured));
  if (args.empty() || fold(args[0]) == "list" || fold(args[0]) == "liste")
    co_return co_await list(services, caller, *config);
  const std::string verb = fold(args[0]);
  if ((verb == "start" || verb == "lancer" || verb == "demarrer") && args.size() >= 2)
    co_return co_await start(services, caller, config, args);
  if ((verb == "status" || verb == "etat" || verb == "show") && args.size() == 2) {
    if (const auto id = parse_run_label(args[1])) co_return co_await status(services, caller, *id);
  }
  co_return error_reply(tr(caller.locale, Msg::workflow_usage, {{"prefix", caller.prefix}}));
}

}  // namespace

CommandSpec workflow_command() {
  return {"workflow",
          {"workflows"},
          Role::staff,
          {{"workflow [start <workflow> <title> | status W-3]",
            "workflow [start <workflow> <titre> | status W-3]", Msg::cmd_workflow}},
          run_workflow,
          {},
          {}};
}

}  // namespace baton
