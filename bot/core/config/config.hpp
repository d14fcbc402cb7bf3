// The typed configuration: parsed once from YAML (see load.hpp), then read by everything else.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include "bot/core/calendar/business_calendar.hpp"
#include "bot/core/config/secret.hpp"
#include "bot/core/handoffs/policy.hpp"
#include "bot/core/kpis/kpi.hpp"
#include "bot/core/limits/rate_limit.hpp"
#include "bot/core/log/log.hpp"
#include "bot/core/org/org_map.hpp"
#include "bot/core/rituals/ritual.hpp"

namespace baton {

struct ListenAddress {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;
  std::string text() const;  // "127.0.0.1:8080", "[::1]:8080"
};

// "127.0.0.1:8080", "0.0.0.0:80", "[::1]:8080"; port 0 asks for a free one.
std::optional<ListenAddress> parse_listen(std::string_view text);

struct ServerConfig {
  ListenAddress listen;
  std::size_t body_limit = std::size_t{64} * 1024;
  std::chrono::milliseconds header_timeout{10'000};    // to receive a request's headers
  std::chrono::milliseconds body_timeout{30'000};      // to receive its body
  std::chrono::milliseconds idle_timeout{60'000};      // a kept-alive connection with nothing to say
  std::chrono::milliseconds shutdown_timeout{10'000};  // for requests in flight when stopping
  std::chrono::milliseconds store_timeout{2'000};      // /readyz gives up on the store after this
  int threads = 2;
};

struct StoreConfig {
  std::filesystem::path path;  // SQLite file; relative paths are relative to the config file
  std::chrono::milliseconds busy_timeout{5'000};
  // PostgreSQL instead of the file, for several instances: postgres://user@host:5432/database, the
  // password apart (password_env / password_file), baton's tables in `schema` (created if needed).
  std::string url;
  Secret password;
  std::string schema;
  // PostgreSQL sessions, each with a store thread: calls wait less for each other.
  int connections = 4;
  // Several instances on one PostgreSQL: each claims the work it does (a message to send, the Slack
  // Socket Mode connection) for `lease`; one that dies loses its claims when the lease runs out.
  std::chrono::milliseconds lease{30'000};
  // What this instance's claims are held under, unique among the instances; the host and the port
  // baton listens on when unset.
  std::string instance;
  bool postgres() const { return !url.empty(); }
};

struct LogConfig {
  LogFormat format = LogFormat::json;
  LogLevel level = LogLevel::info;
  std::optional<std::filesystem::path> file;  // standard error when unset
};

struct ConsoleConfig {
  std::string user;  // the member who types in `baton console`
};

struct SlackConfig {
  bool enabled = false;
  Secret signing_secret;  // checks requests over HTTP; not needed in Socket Mode
  Secret bot_token;       // xoxb-: the Web API
  Secret app_token;       // xapp-: Socket Mode, for a baton with no public URL
  std::string api_base_url = "https://slack.com/api";
  std::string command = "/baton";  // the slash command as declared in the app manifest
  // The workspace served (T012AB3CD): requests from any other are refused, even signed with our secret
  // (an app installed in several workspaces signs for all of them). Empty: every workspace that signs.
  std::string team_id;
  // Slack allows about one message a second in a channel, with short bursts.
  std::chrono::milliseconds channel_interval{1000};
  int channel_burst = 3;

  bool socket_mode() const { return !app_token.empty(); }
};

// How baton calls other services (Slack's Web API, Teams): timeouts and which CAs to trust.
struct HttpClientConfig {
  std::chrono::milliseconds timeout{10'000};
  std::optional<std::filesystem::path> ca_file;  // trusted in addition to the system's CAs
};

// What the outbox does with a message that cannot be delivered yet.
struct OutboxConfig {
  std::chrono::milliseconds retry_min{1'000};     // first retry after about this
  std::chrono::milliseconds retry_max{300'000};   // backoff never waits longer than this
  std::chrono::milliseconds max_age{86'400'000};  // then the message is marked failed
};

// Microsoft Teams has three doors, each optional: an outgoing webhook (commands typed in a channel,
// answered in the reply), Workflows webhooks (posts to a channel, no buttons) and a Bot Framework bot
// (direct messages, buttons, channel posts once it is added to the team).
struct TeamsConfig {
  bool enabled = false;
  Secret webhook_token;  // the outgoing webhook's security token (base64), shown once when it is created

  // The bot registration (Azure Bot / Teams Developer Portal).
  std::string app_id;   // the Microsoft App ID, a GUID
  Secret app_password;  // its client secret
  // The tenant served: the bot's tokens come from it, and activities from any other tenant are refused
  // (403), on the webhook too. Empty: a multi-tenant bot, every tenant whose requests verify.
  std::string tenant_id;
  std::string token_url = "https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token";
  std::string openid_metadata_url = "https://login.botframework.com/v1/.well-known/openidconfiguration";
  // Where to open a conversation with someone no activity has come from yet; learnt from the first
  // activity otherwise.
  std::string service_url;

  // A department's Teams channel (as its channels.teams names it) -> the Workflows webhook posting there.
  std::map<std::string, Secret> workflow_urls;

  bool bot() const { return !app_id.empty() && !app_password.empty(); }
};

// rate_limits: each member's commands and direct messages (the console, the operator's own terminal,
// is not limited), and each KPI API token's requests.
struct RateLimitsConfig {
  RateLimit commands{30, std::chrono::minutes(1)};
  RateLimit kpi_api{600, std::chrono::minutes(1)};
};

struct Config {
  std::filesystem::path source;  // the file it was read from
  // Whom to ask about the data baton keeps (an address or a page), on the pages /privacy and /terms.
  std::string contact;
  ServerConfig server;
  RateLimitsConfig rate_limits;
  StoreConfig store;
  LogConfig log;
  ConsoleConfig console;
  SlackConfig slack;
  TeamsConfig teams;
  HttpClientConfig http_client;
  OutboxConfig outbox;
  OrgMap org;
  // At least one: without a calendars section, "default" (Monday to Friday, 09:00-18:00, no holidays, in
  // the company's time zone). Departments without one of their own use default_calendar.
  std::vector<BusinessCalendar> calendars;
  std::string default_calendar;
  std::vector<Ritual> rituals;
  HandoffSla handoff_sla;  // handoffs.sla: every department's unless it has its own
  std::map<std::string, HandoffSla> department_slas;  // by department key
  std::vector<Workflow> workflows;
  // Who hears of a handoff still not accepted, or not done, a while after its referent was told
  // (handoffs.managers): by default the managers who belong to no department, such as a director.
  std::vector<std::string> handoff_managers;
  std::vector<KpiDefinition> kpis;
  std::vector<KpiApiToken> kpi_tokens;  // kpi_api.tokens
  AlertsConfig alerts;
  std::vector<KpiRule> rules;  // from alerts.rules_file

  bool platform_enabled(Platform platform) const;
  // The calendar of that key; the default one for an empty or unknown key.
  const BusinessCalendar& calendar(std::string_view key) const;
  // A member's own calendar if they have one, else `fallback`'s.
  const BusinessCalendar& calendar_of(const Member& member, std::string_view fallback) const;
  const Ritual* ritual(std::string_view key) const;
  const HandoffSla& sla_of(std::string_view department) const;
  // The business calendar a department's SLAs count in.
  const BusinessCalendar& department_calendar(std::string_view department) const;
  const Workflow* workflow(std::string_view key) const;
  const KpiDefinition* kpi(std::string_view key) const;
  const KpiRule* rule(std::string_view name) const;
};

}  // namespace baton
