// Start-up builds everything from the config in dependency order (log, clock, store, services, outbox,
// platforms, HTTP); the stop runs the other way: HTTP drained, console stopped, outbox drained, store
// closed. Signals, the stop and the console's end share one strand, so they never race.
#include "bot/app/runtime.hpp"

#include <cctype>
#include <cerrno>
#include <csignal>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <system_error>
#include <thread>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/strand.hpp>
#include <malloc.h>
#include <unistd.h>

#include "bot/app/event_retry.hpp"
#include "bot/app/store_open.hpp"
#include "bot/core/clock/iso8601.hpp"
#include "bot/core/clock/system_clock.hpp"
#include "bot/core/commands/command_layer.hpp"
#include "bot/core/config/live_config.hpp"
#include "bot/core/config/load.hpp"
#include "bot/core/handoffs/sla_watch.hpp"
#include "bot/core/http/client.hpp"
#include "bot/core/http/legal_pages.hpp"
#include "bot/core/http/ops_routes.hpp"
#include "bot/core/http/server.hpp"
#include "bot/core/http/tls.hpp"
#include "bot/core/kpis/alert_watch.hpp"
#include "bot/core/kpis/kpi_api.hpp"
#include "bot/core/log/redact.hpp"
#include "bot/core/org/unreachable_notice.hpp"
#include "bot/core/outbox/outbox.hpp"
#include "bot/core/rituals/scheduler.hpp"
#include "bot/core/store/leader_lease.hpp"
#include "integrations/console/console_session.hpp"
#include "integrations/slack/profile_sync.hpp"
#include "integrations/slack/slack_inbound.hpp"
#include "integrations/slack/slack_platform.hpp"
#include "integrations/slack/socket_mode.hpp"
#include "integrations/teams/bot_auth.hpp"
#include "integrations/teams/connector.hpp"
#include "integrations/teams/teams_inbound.hpp"
#include "integrations/teams/teams_platform.hpp"

namespace baton::app {
namespace {

Log make_log(const LogConfig& config) {
  if (config.file) return Log::to_file(config.file->string(), config.format, config.level);
  return Log::to_stderr(config.format, config.level);
}

// Colours only for a person at a terminal who has not asked for none (https://no-color.org).
bool use_color() {
  const char* no_color = std::getenv("NO_COLOR");  // NOLINT(concurrency-mt-unsafe): read at start-up
  const char* term = std::getenv("TERM");          // NOLINT(concurrency-mt-unsafe)
  return ::isatty(STDOUT_FILENO) == 1 && (no_color == nullptr || *no_color == '\0') && term != nullptr &&
         std::string_view(term) != "dumb";
}

void fail(const Log& log, std::string_view event, const std::string& message) {
  log.error(event, {{"error", message}});
  log.flush();
  std::cerr << "baton: " << redact(message) << '\n';
}

std::unique_ptr<Store> open_store(const Config& config, const Clock& clock, const Log& log) {
  OpenedStore opened = open_migrated_store(config, clock);
  const StoreStatus status = opened.store->status();
  log.info("store ready", {{"kind", status.kind},
                           {config.store.postgres() ? "url" : "path", store_location(config)},
                           {"schema_version", status.schema_version},
                           {"migrations_applied", opened.migrations_applied}});
  return std::move(opened.store);
}

using ConsoleSessionPtr = std::unique_ptr<console::ConsoleSession>;

// Slack, when the config enables it: the Web API client, the platform the outbox delivers through, and
// what handles Slack's requests.
struct SlackParts {
  std::unique_ptr<slack::WebApi> api;
  std::unique_ptr<slack::SlackPlatform> platform;
  std::unique_ptr<slack::SlackInbound> inbound;
  std::unique_ptr<boost::asio::ssl::context> tls;  // Socket Mode's WebSocket connections
  std::unique_ptr<slack::SocketMode> socket_mode;  // while this instance holds the Socket Mode lease
  std::unique_ptr<LeaderLease> socket_lease;
  std::unique_ptr<slack::ProfileSync> profiles;
};

// Teams, when the config enables it: the bot's connector and token checks (when a bot is configured),
// the platform the outbox delivers through, and what handles Teams' requests.
struct TeamsParts {
  std::unique_ptr<teams::Connector> connector;
  std::unique_ptr<teams::BotAuth> auth;
  std::unique_ptr<teams::TeamsPlatform> platform;
  std::unique_ptr<teams::TeamsInbound> inbound;
};

// Tells a member's referent, once, that the member cannot be reached (see unreachable_notice.hpp).
// A free function: its parameters live in the coroutine frame.
boost::asio::awaitable<void> tell_referents(Outbox& outbox, const OrgMap& org, const Profiles& profiles,
                                            std::vector<Platform> platforms, OutboxItem failed,
                                            std::string reason) {
  for (OutboxItem& notice : unreachable_notices(org, profiles, platforms, failed, reason))
    co_await outbox.enqueue(std::move(notice));
}

// The orderly stop. A free function rather than a lambda: its parameters live in the coroutine frame,
// where a co_spawned lambda's captures would not survive its first suspension.
// Names the running baton, for `baton reload` (pid_file_of); removed when it stops.
struct PidFile {
  std::filesystem::path path;
  PidFile(std::filesystem::path file, const Log& log) : path(std::move(file)) {
    std::ofstream out(path, std::ios::trunc);
    out << ::getpid() << '\n';
    if (!out)
      log.warn("cannot write the pid file; `baton reload` will not find this baton",
               {{"file", path.string()}});
  }
  ~PidFile() {
    std::error_code ignored;
    std::filesystem::remove(path, ignored);
  }
  PidFile(const PidFile&) = delete;
  PidFile& operator=(const PidFile&) = delete;
};

// The workers on the clock, each with the name its log line says it stopped under.
using Workers = std::vector<std::pair<ClockedWorker*, std::string>>;

boost::asio::awaitable<void> stop_in_order(HttpServer& server, ConsoleSessionPtr& console, SlackParts& slack,
                                           Workers workers, Outbox& outbox, boost::asio::signal_set& signals,
                                           boost::asio::signal_set& hangups, const Log& log) {
  co_await server.shutdown();
  log.info("http server stopped");
  if (console) console->stop();
  for (const auto& [worker, name] : workers) {
    co_await worker->stop();
    log.info(name + " stopped");
  }
  if (slack.socket_lease) {
    co_await slack.socket_lease->stop();
    co_await slack.socket_lease->release();  // stops the connection if this instance held it
    log.info("slack socket mode stopped");
  }
  if (slack.profiles) co_await slack.profiles->stop();
  // Deliveries in progress finish; whatever is still queued stays stored for the next start.
  co_await outbox.stop();
  log.info("outbox stopped");
  boost::system::error_code ignored;
  signals.cancel(ignored);
  hangups.cancel(ignored);
}

}  // namespace

std::filesystem::path pid_file_of(const Config& config, const std::string& instance) {
  if (!config.store.postgres()) return config.store.path.string() + ".pid";
  std::string name = instance;
  for (char& c : name) {
    if (std::isalnum(static_cast<unsigned char>(c)) == 0 && c != '.' && c != '-' && c != '_') c = '-';
  }
  return config.source.string() + "." + name + ".pid";
}

int reload(const Config& config) {
  std::vector<std::filesystem::path> files;
  if (!config.store.postgres()) {
    files.push_back(pid_file_of(config, {}));
  } else {
    // Every instance started from this config on this host.
    const std::string prefix = config.source.filename().string() + ".";
    std::error_code ignored;
    for (const auto& entry : std::filesystem::directory_iterator(config.source.parent_path(), ignored)) {
      const std::string name = entry.path().filename().string();
      if (name.size() > prefix.size() + 4 && name.starts_with(prefix) && name.ends_with(".pid"))
        files.push_back(entry.path());
    }
  }
  int signalled = 0;
  for (const std::filesystem::path& path : files) {
    std::ifstream in(path);
    long pid = 0;
    if (!(in >> pid) || pid <= 1) continue;
    if (::kill(static_cast<pid_t>(pid), SIGHUP) != 0) {
      const std::error_code error(errno, std::generic_category());
      if (error.value() == ESRCH) {
        // Left by a baton that did not stop cleanly (kill -9, a crash).
        std::cerr << "baton: " << path.string() << " names pid " << pid
                  << ", which no longer runs; skipped\n";
        continue;
      }
      std::cerr << "baton: cannot signal baton (pid " << pid << ", " << path.string()
                << "): " << error.message() << '\n';
      return 1;
    }
    std::cout << "baton (pid " << pid << ") is reloading " << config.source.string()
              << "; its log says what changed\n";
    ++signalled;
  }
  if (signalled == 0) {
    std::cerr << "baton: no running baton found (no "
              << (config.store.postgres() ? config.source.string() + ".<instance>.pid"
                                          : pid_file_of(config, {}).string())
              << "); is it started with this config?\n";
    return 1;
  }
  return 0;
}

int migrate(const Config& config) {
  const Log log = make_log(config.log);
  SystemClock clock;
  try {
    auto store = open_store(config, clock, log);
    std::cout << "store " << store_location(config) << ": schema version " << store->status().schema_version
              << '\n';
    store->close();
    return 0;
  } catch (const std::exception& e) {
    fail(log, "migration failed", e.what());
    return 1;
  }
}

int show_outbox(const Config& config, bool failed) {
  const Log log = make_log(config.log);
  SystemClock clock;
  try {
    auto store = open_store(config, clock, log);
    const OutboxStats stats = store->outbox_stats();
    std::cout << "outbox: " << stats.pending << " pending, " << stats.failed << " failed";
    if (stats.oldest_pending) std::cout << "; oldest waiting since " << iso8601(*stats.oldest_pending);
    std::cout << '\n';
    const auto items = store->outbox_items(failed ? OutboxState::failed : OutboxState::pending, 1000);
    for (const OutboxItem& item : items) {
      std::cout << std::setw(6) << item.id << "  " << to_string(item.platform) << "  "
                << (item.destination.kind == Destination::Kind::response ? std::string("(response_url)")
                                                                         : item.destination.lane())
                << "  " << iso8601(item.created_at) << "  attempts " << item.attempts;
      if (!failed) std::cout << "  next " << iso8601(item.next_attempt_at);
      if (!item.last_error.empty())
        std::cout << "  " << (failed ? "reason: " : "last error: ") << item.last_error;
      std::cout << "\n        " << item.message.summary() << '\n';
    }
    store->close();
    return 0;
  } catch (const std::exception& e) {
    fail(log, "outbox unavailable", e.what());
    return 1;
  }
}

int run(Config config, const RunOptions& options) {
  Log log = Log::discard();
  try {
    log = make_log(config.log);
  } catch (const std::exception& e) {
    std::cerr << "baton: cannot open the log file " << config.log.file->string() << ": " << e.what() << '\n';
    return 1;
  }
  log.info("starting", {{"version", BATON_VERSION},
                        {"config", config.source.string()},
                        {"pid", static_cast<std::int64_t>(::getpid())},
                        {"mode", options.console ? "console" : "serve"}});

  const SystemClock clock(options.clock_start ? *options.clock_start - std::chrono::system_clock::now()
                                              : std::chrono::nanoseconds{0});
  if (options.clock_start) log.warn("the clock runs from another instant", {{"start", iso8601(clock.now())}});
  std::unique_ptr<Store> store;
  try {
    store = open_store(config, clock, log);
  } catch (const std::exception& e) {
    fail(log, "store unavailable", e.what());
    return 1;
  }
  std::vector<std::unique_ptr<Store>> sessions;
  try {
    sessions = open_more_sessions(config, clock);
  } catch (const std::exception& e) {
    fail(log, "store unavailable", e.what());
    return 1;
  }
  std::vector<Store*> pool{store.get()};
  for (const auto& session : sessions)
    pool.push_back(session.get());
  StoreExecutor store_executor(pool);
  const Lease lease = instance_lease(config);
  if (lease.shared)
    log.info("claims held as this instance",
             {{"instance", lease.holder}, {"lease_ms", static_cast<std::int64_t>(lease.length.count())}});

  Metrics metrics;
  metrics.gauge("baton_build_info", "The running baton's version", {{"version", BATON_VERSION}}).set(1);
  const SysTime started = clock.now();
  metrics.gauge("baton_start_time_seconds", "When this baton started, in seconds since the Unix epoch")
      .set(std::chrono::duration<double>(started.time_since_epoch()).count());

  RuntimeInfo runtime{BATON_VERSION, started, {}};
  if (options.console) runtime.platforms.push_back(Platform::console);
  if (config.slack.enabled) runtime.platforms.push_back(Platform::slack);
  if (config.teams.enabled) runtime.platforms.push_back(Platform::teams);
  Profiles profiles;
  LiveConfig live_config(std::make_shared<const Config>(config));
  Services services{config.org, profiles, store_executor, clock, log, runtime, &live_config, {}};
  // With SQLite this process is the store's only writer, so members' language choices can be kept in
  // memory; on PostgreSQL another instance may change one.
  LanguageChoices languages;
  if (!config.store.postgres()) services.languages = &languages;
  CommandLayer commands(services);

  // One io_context for the services and the acceptor, run by this thread, and one more for each further
  // thread: HTTP connections are spread over all of them (HttpServer::spread_over).
  boost::asio::io_context io(1);
  std::vector<std::unique_ptr<boost::asio::io_context>> lanes;
  for (int i = 1; i < config.server.threads; ++i)
    lanes.push_back(std::make_unique<boost::asio::io_context>(1));
  Outbox outbox(io.get_executor(), store_executor, clock, config.outbox, metrics,
                log.with({{"part", "outbox"}}), lease);
  services.wake_outbox = [&outbox] { outbox.wake(); };
  Scheduler scheduler(io.get_executor(), services);
  SlaWatch sla_watch(io.get_executor(), services);
  services.wake_handoffs = [&sla_watch] { sla_watch.wake(); };
  AlertWatch alert_watch(io.get_executor(), services);
  services.wake_alerts = [&alert_watch] { alert_watch.wake(); };

  std::unique_ptr<console::ConsolePlatform> console_platform;
  if (options.console) {
    console::RenderOptions render;
    render.color = use_color();
    console_platform = std::make_unique<console::ConsolePlatform>(std::cout, render);
    outbox.add_platform(*console_platform);
  }

  std::unique_ptr<HttpClient> http_client;
  try {
    HttpClient::Options client_options;
    client_options.timeout = config.http_client.timeout;
    client_options.ca_file = config.http_client.ca_file;
    http_client = std::make_unique<HttpClient>(io.get_executor(), client_options);
  } catch (const std::exception& e) {
    fail(log, "http client unavailable", e.what());
    return 1;
  }

  Router router;
  HttpServer server(io, config.server, router, metrics, clock, log);
  std::vector<boost::asio::io_context*> connection_contexts{&io};
  for (const auto& lane : lanes)
    connection_contexts.push_back(lane.get());
  server.spread_over(std::move(connection_contexts));
  add_ops_routes(router, {store_executor, metrics, [&server] { return server.shutting_down(); },
                          config.server.store_timeout});
  add_kpi_routes(router, {live_config, store_executor, clock,
                          [&alert_watch](const std::set<std::string>&) { alert_watch.wake(); }});
  LegalFacts legal{config.org.company(), config.contact, {}};
  for (const Member& member : config.org.members()) {
    if (member.role == Role::admin) legal.admins.push_back(member.name);
  }
  add_legal_pages(router, legal);

  SlackParts slack;
  if (config.slack.enabled) {
    const Log slack_log = log.with({{"platform", "slack"}});
    slack.api = std::make_unique<slack::WebApi>(*http_client, config.slack.api_base_url,
                                                config.slack.bot_token, slack_log);
    slack.platform = std::make_unique<slack::SlackPlatform>(*slack.api, config.slack, slack_log);
    slack.inbound = std::make_unique<slack::SlackInbound>(config.slack, commands, outbox, store_executor,
                                                          *slack.api, config.org, clock, metrics, slack_log);
    outbox.add_platform(*slack.platform);
    slack.profiles = std::make_unique<slack::ProfileSync>(io.get_executor(), *slack.api, config.org, profiles,
                                                          clock, slack_log);
    if (config.slack.socket_mode()) {
      try {
        slack.tls = std::make_unique<boost::asio::ssl::context>(make_client_tls(config.http_client.ca_file));
      } catch (const std::exception& e) {
        fail(log, "tls unavailable", e.what());
        return 1;
      }
      // One instance at a time holds the connection (with one baton, that one, at once).
      LeaderLease::Duty duty;
      duty.begin = [&slack, &io, &http_client, &config, &metrics, slack_log] {
        slack.socket_mode = std::make_unique<slack::SocketMode>(
            io.get_executor(), *http_client, *slack.tls, config.slack, *slack.inbound, metrics, slack_log);
        slack.socket_mode->start();
      };
      duty.end = [&slack]() -> boost::asio::awaitable<void> {
        if (!slack.socket_mode) co_return;
        co_await slack.socket_mode->stop();
        slack.socket_mode.reset();
      };
      slack.socket_lease = std::make_unique<LeaderLease>(io.get_executor(), clock, slack_log, store_executor,
                                                         lease, "slack-socket-mode", std::move(duty));
    } else {
      slack.inbound->add_routes(router);
    }
    log.info("slack enabled",
             {{"mode", config.slack.socket_mode() ? "socket" : "http"}, {"api", config.slack.api_base_url}});
  }

  TeamsParts teams;
  if (config.teams.enabled) {
    const Log teams_log = log.with({{"platform", "teams"}});
    if (config.teams.bot()) {
      teams.connector = std::make_unique<teams::Connector>(*http_client, config.teams, clock, teams_log);
      teams.auth = std::make_unique<teams::BotAuth>(*http_client, config.teams.openid_metadata_url,
                                                    config.teams.app_id, clock, teams_log);
    }
    teams.platform = std::make_unique<teams::TeamsPlatform>(*http_client, teams.connector.get(),
                                                            store_executor, config.teams, clock, teams_log);
    teams.inbound =
        std::make_unique<teams::TeamsInbound>(config.teams, commands, outbox, store_executor,
                                              teams.auth.get(), config.org, clock, metrics, teams_log);
    outbox.add_platform(*teams.platform);
    teams.inbound->add_routes(router);
    log.info("teams enabled",
             {{"outgoing_webhook", !config.teams.webhook_token.empty()},
              {"bot", config.teams.bot()},
              {"workflow_channels", static_cast<std::int64_t>(config.teams.workflow_urls.size())}});
  }
  std::vector<EventRetry::Resume> resumes;
  if (slack.inbound)
    resumes.emplace_back(
        [inbound = slack.inbound.get()](RetryPass pass) { return inbound->resume_unhandled(pass); });
  if (teams.inbound)
    resumes.emplace_back(
        [inbound = teams.inbound.get()](RetryPass pass) { return inbound->resume_unhandled(pass); });
  EventRetry event_retry(io.get_executor(), clock, log, lease, std::move(resumes));

  outbox.on_unreachable([&outbox, &config, &profiles, &runtime](OutboxItem failed, std::string reason) {
    return tell_referents(outbox, config.org, profiles, runtime.platforms, std::move(failed),
                          std::move(reason));
  });

  ConsoleSessionPtr console_session;

  auto control = boost::asio::make_strand(io);
  boost::asio::signal_set signals(control, SIGINT, SIGTERM);
  boost::asio::signal_set hangups(control, SIGHUP);
  bool stopping = false;
  const std::function<void()> stop = [&] {
    if (std::exchange(stopping, true)) return;
    boost::asio::co_spawn(control,
                          stop_in_order(server, console_session, slack,
                                        {{&event_retry, "event retry"},
                                         {&scheduler, "scheduler"},
                                         {&sla_watch, "sla watch"},
                                         {&alert_watch, "alert watch"}},
                                        outbox, signals, hangups, log),
                          boost::asio::detached);
  };
  std::function<void(const boost::system::error_code&, int)> on_signal =
      [&](const boost::system::error_code& ec, int signal) {
        if (ec) return;
        const char* name = signal == SIGINT ? "SIGINT" : "SIGTERM";
        if (stopping) {
          // A second signal: the operator does not want to wait. The store is crash-safe (WAL).
          log.warn("second signal: exiting without draining", {{"signal", name}});
          log.flush();
          std::_Exit(1);
        }
        // Listen for a second signal before stopping: the stop may finish at once and cancel this wait.
        signals.async_wait(on_signal);
        log.info("stopping", {{"signal", name}});
        stop();
      };
  signals.async_wait(on_signal);

  // SIGHUP (systemctl reload, `baton reload`): read the config file again; if it is valid, rituals,
  // calendars, time zones and quiet hours follow it at once. A bad file changes nothing.
  std::function<void(const boost::system::error_code&, int)> on_hangup =
      [&](const boost::system::error_code& ec, int) {
        if (ec || stopping) return;
        hangups.async_wait(on_hangup);
        ConfigResult reloaded = load_config(config.source, process_environment());
        if (!reloaded.config) {
          log.error("config reload refused; keeping the config running",
                    {{"file", config.source.string()},
                     {"errors", format_diagnostics(config.source, reloaded.errors)}});
          return;
        }
        if (!reloaded.warnings.empty()) {
          log.warn("config reloaded with warnings",
                   {{"file", config.source.string()},
                    {"warnings", format_diagnostics(config.source, reloaded.warnings, "warning")}});
        }
        live_config.set(std::make_shared<const Config>(std::move(*reloaded.config)));
        scheduler.reload();
        malloc_trim(0);  // the YAML tree, as at start
        log.info(
            "config reloaded: rituals, calendars, time zones and quiet hours follow it; server, store, "
            "platform and team map changes wait for a restart",
            {{"file", config.source.string()}});
      };
  hangups.async_wait(on_hangup);

  // Reading the config built a YAML tree many times its size (35 MiB for 10,000 members), freed since
  // but still held by the allocator: hand it back before settling in for a long run.
  malloc_trim(0);

  // Only now announce readiness: a signal from here on is handled.
  try {
    server.listen(config.server.listen);
  } catch (const std::exception& e) {
    fail(log, "cannot listen", e.what());
    return 1;
  }
  log.info("listening", {{"address", server.local_address().text()}});
  const PidFile pid_file(pid_file_of(config, lease.holder), log);
  server.start();
  outbox.start();
  scheduler.start();
  sla_watch.start();
  alert_watch.start();
  event_retry.start();
  if (slack.socket_lease) slack.socket_lease->start();
  if (slack.profiles) slack.profiles->start();

  if (options.console) {
    console::ConsoleSession::Options session;
    session.user = options.console_user.value_or(config.console.user);
    session.interactive = ::isatty(STDIN_FILENO) == 1 && ::isatty(STDOUT_FILENO) == 1;
    console_session =
        std::make_unique<console::ConsoleSession>(io, commands, config.org, *console_platform, log, session);
    // End of input ends the bot: the same orderly stop as a signal.
    console_session->start([&] {
      log.info("console input ended");
      boost::asio::post(control, [&] { stop(); });
    });
  }

  // The other threads run while `io` does: their contexts have no work of their own between connections.
  std::vector<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> keep_running;
  std::vector<std::thread> threads;
  for (const auto& lane : lanes) {
    keep_running.push_back(boost::asio::make_work_guard(*lane));
    threads.emplace_back([context = lane.get()] { context->run(); });
  }
  io.run();
  keep_running.clear();  // the server has drained its connections by now
  for (std::thread& t : threads)
    t.join();

  console_session.reset();
  store_executor.join();
  for (const auto& session : sessions)
    session->close();
  store->close();
  log.info("stopped");
  log.flush();
  return 0;
}

}  // namespace baton::app
