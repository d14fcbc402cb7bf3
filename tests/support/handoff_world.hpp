// Handoffs in one object: a config, a manual clock, a SQLite store in a fresh folder, the command layer
// and the real SLA watch, on one io_context run by the test. Nothing is delivered: what baton would send
// stays in the outbox, where the tests read it. run_until() moves the clock from one of the watch's
// wake-ups to the next.
#pragma once

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include "bot/core/clock/iso8601.hpp"
#include "bot/core/clock/manual_clock.hpp"
#include "bot/core/commands/command_layer.hpp"
#include "bot/core/config/live_config.hpp"
#include "bot/core/handoffs/sla_watch.hpp"
#include "tests/support/clocked_world.hpp"
#include "tests/support/flatten.hpp"
#include "tests/support/ritual_world.hpp"
#include "tests/support/stores.hpp"
#include "tests/support/temp_dir.hpp"

namespace baton::test {

struct HandoffWorld : ClockedWorld {
  HandoffWorld(Config cfg, std::string_view start)
      : ClockedWorld(start),
        config(std::move(cfg)),
        live(std::make_shared<const Config>(config)),
        store(open_store(store_kind, dir, clock)),
        executor(std::make_unique<StoreExecutor>(*store, io.get_executor())),
        services(std::make_unique<Services>(make_services())),
        commands(std::make_unique<CommandLayer>(*services)) {}
  ~HandoffWorld() {
    if (watch) stop();
  }

  Services make_services() {
    return Services{
        config.org, profiles, *executor, clock, Log::discard(), {"9.9.9", clock.now(), {Platform::console}},
        &live,      {}};
  }

  void start() {
    watch = std::make_unique<SlaWatch>(io.get_executor(), *services);
    services->wake_handoffs = [this] { watch->wake(); };
    watch->start();
    settle();
  }
  void stop() {
    stop_worker(*watch);
    services->wake_handoffs = nullptr;
    watch.reset();
  }
  // A restart: the watch and the store are closed and opened again on the same file.
  void restart() {
    stop();
    commands.reset();
    services.reset();
    executor.reset();
    store->close();
    store = open_store(store_kind, dir, clock);
    executor = std::make_unique<StoreExecutor>(*store, io.get_executor());
    services = std::make_unique<Services>(make_services());
    commands = std::make_unique<CommandLayer>(*services);
    start();
  }
  std::string say(const std::string& who, const std::string& text) {
    Inbound in;
    in.user_id = who;
    in.channel = "#console";
    in.text = text;
    return flatten(now(commands->handle(in)).message);
  }
  Click click_of(const std::string& who, const std::string& action, const std::string& label) {
    Click c;
    c.user_id = who;
    c.channel = "#logistics";
    c.action_id = "handoff." + action;
    c.value = label;
    return c;
  }
  // The clicked message as it becomes ("" when it stays); what else the click said is in last_click.
  std::string click(const std::string& who, const std::string& action, const std::string& label) {
    const Click clicked = click_of(who, action, label);
    last_click = now(commands->click(clicked));
    return last_click.replacement ? flatten(*last_click.replacement) : "";
  }
  // Any button: its action id and value as posted.
  const ClickReply& press(const std::string& who, const Button& button) {
    Click clicked = click_of(who, "", "");
    clicked.action_id = button.action_id;
    clicked.value = button.value;
    last_click = now(commands->click(clicked));
    return last_click;
  }
  // What the last click said to the clicker alone.
  std::string aside() const { return last_click.aside ? flatten(*last_click.aside) : ""; }
  // A dialog submitted: its confirmation, or its errors as "field: error" lines.
  std::string submit(const std::string& who, const Dialog& dialog,
                     std::map<std::string, std::string> values) {
    DialogSubmission submission;
    submission.user_id = who;
    submission.dialog_id = dialog.id;
    submission.context = dialog.context;
    submission.values = std::move(values);
    const DialogOutcome outcome = now(commands->submit(submission));
    std::string out;
    for (const auto& [field, error] : outcome.errors)
      out += field + ": " + error + "\n";
    if (outcome.confirmation) out += flatten(*outcome.confirmation);
    return out;
  }
  ClickReply last_click;

  // What is waiting in the outbox for one lane ("member:ines", "channel:#logistics"), oldest first.
  std::vector<OutboxItem> messages_to(const std::string& lane) {
    std::vector<OutboxItem> out;
    for (OutboxItem& item : store->outbox_items(OutboxState::pending, 100000)) {
      if (item.lane() == "console/" + lane) out.push_back(std::move(item));
    }
    return out;
  }
  std::vector<std::string> texts_to(const std::string& lane) {
    std::vector<std::string> out;
    for (const OutboxItem& item : messages_to(lane))
      out.push_back(flatten(item.message));
    return out;
  }
  // The audit trail's actions, "created accepted done".
  std::string actions_of(std::int64_t number) {
    std::string out;
    for (const HandoffEvent& e : store->handoff_events(number))
      out += (out.empty() ? "" : " ") + e.action;
    return out;
  }

  // Every handoff test runs on each store: the handoffs' transitions are the store's contract too.
  std::string store_kind = GENERATE(from_range(store_kinds()));
  TempDir dir;
  Config config;
  LiveConfig live;
  std::unique_ptr<Store> store;
  Profiles profiles;
  std::unique_ptr<StoreExecutor> executor;
  std::unique_ptr<Services> services;
  std::unique_ptr<CommandLayer> commands;
  std::unique_ptr<SlaWatch> watch;
};

}  // namespace baton::test
