// The config checker walks the YAML once, collecting every error instead of stopping at the first.
// Unknown keys are errors (a typo must not pass silently), references are checked after both lists are
// read, and secrets are resolved only for the platforms that are enabled.
#include "bot/core/config/load.hpp"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>

#include <boost/url/parse.hpp>
#include <yaml-cpp/yaml.h>

#include "bot/core/clock/zone.hpp"
#include "bot/core/config/checker.hpp"
#include "bot/core/config/list_entries.hpp"
#include "bot/core/config/units.hpp"
#include "bot/core/crypto/hmac.hpp"
#include "bot/core/http/url.hpp"
#include "bot/core/log/redact.hpp"
#include "bot/core/store/postgres/postgres_store.hpp"
#include "bot/core/text/suggest.hpp"
#include "bot/core/text/utf8.hpp"

namespace baton {

using namespace config_detail;  // NOLINT(google-build-using-namespace): the checker's own tools

namespace {

constexpr std::uintmax_t kMaxConfigBytes = std::uintmax_t{1024} * 1024;
constexpr std::size_t kMaxMembers = 20000;  // an agency: 200 teams of up to 100
// Members are loaded this many at a time: a slice's yaml-cpp nodes take about 1 MiB.
constexpr std::size_t kMembersPerSlice = 256;
constexpr std::size_t kMaxDepartments = 200;
constexpr std::size_t kMaxResponsibilities = 50;

}  // namespace

std::optional<ListenAddress> parse_listen(std::string_view text) {
  ListenAddress out;
  std::string_view port_text;
  if (text.starts_with('[')) {
    const auto close = text.find("]:");
    if (close == std::string_view::npos) return std::nullopt;
    out.host = std::string(text.substr(1, close - 1));
    port_text = text.substr(close + 2);
  } else {
    const auto colon = text.rfind(':');
    if (colon == std::string_view::npos || colon == 0) return std::nullopt;
    out.host = std::string(text.substr(0, colon));
    port_text = text.substr(colon + 1);
    if (out.host.find(':') != std::string::npos) return std::nullopt;
  }
  unsigned port = 0;
  const auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (ec != std::errc{} || end != port_text.data() + port_text.size() || port > 65535 || out.host.empty()) {
    return std::nullopt;
  }
  out.port = static_cast<std::uint16_t>(port);
  return out;
}

namespace {

std::vector<std::string> keys_of(const std::map<std::string, int>& lines) {
  std::vector<std::string> keys;
  keys.reserve(lines.size());
  for (const auto& [key, line] : lines)
    keys.push_back(key);
  return keys;
}

struct Defaults {
  const date::time_zone* zone = nullptr;
  bool zone_given = false;  // an invalid default is reported once, not again for every member
  bool locale_given = false;
  Locale locale = Locale::en;
  std::optional<QuietHours> quiet_hours;
};

// Where a member's ids and calendar are in the file, for the checks made once every member is read.
struct MemberMarks {
  YAML::Mark ids;
  YAML::Mark calendar;
};

void read_server(Checker& c, const YAML::Node& node, ServerConfig& out) {
  if (!c.map(node, "server",
             {"listen", "body_limit", "header_timeout", "body_timeout", "idle_timeout", "shutdown_timeout",
              "store_timeout", "threads"})) {
    return;
  }
  if (const auto listen = c.text(node, "listen", "server")) {
    if (const auto parsed = parse_listen(*listen)) {
      out.listen = *parsed;
    } else {
      c.error(node["listen"], "server.listen is not an address and port: " + in_quotes(*listen),
              "write host:port, for example 127.0.0.1:8080, 0.0.0.0:8080 or [::1]:8080");
    }
  }
  if (const auto limit = c.text(node, "body_limit", "server")) {
    const auto bytes = parse_size(*limit);
    if (!bytes) {
      c.error(node["body_limit"], "server.body_limit is not a size: " + in_quotes(*limit),
              "write a number of bytes or a size like 64KiB or 1MiB");
    } else if (*bytes < 1024 || *bytes > std::uint64_t{16} * 1024 * 1024) {
      c.error(node["body_limit"], "server.body_limit must be between 1KiB and 16MiB");
    } else {
      out.body_limit = static_cast<std::size_t>(*bytes);
    }
  }
  using std::chrono::milliseconds;
  c.duration(node, "header_timeout", "server", out.header_timeout, milliseconds(100), milliseconds(600'000));
  c.duration(node, "body_timeout", "server", out.body_timeout, milliseconds(100), milliseconds(600'000));
  c.duration(node, "idle_timeout", "server", out.idle_timeout, milliseconds(100), milliseconds(3'600'000));
  c.duration(node, "shutdown_timeout", "server", out.shutdown_timeout, milliseconds(0),
             milliseconds(300'000));
  c.duration(node, "store_timeout", "server", out.store_timeout, milliseconds(100), milliseconds(60'000));
  c.whole_number(node, "threads", "server", out.threads, 1, 64);
}

Secret optional_secret(Checker& c, const YAML::Node& node, const std::string& key, const std::string& what,
                       bool enabled);

void read_store(Checker& c, const YAML::Node& node, StoreConfig& out) {
  if (!c.map(node, "store",
             {"path", "busy_timeout", "url", "password_env", "password_file", "schema", "connections",
              "lease", "instance"},
             {"password"})) {
    return;
  }
  if (const auto path = c.text(node, "path", "store")) out.path = c.resolve(*path);
  using std::chrono::milliseconds;
  c.duration(node, "busy_timeout", "store", out.busy_timeout, milliseconds(0), milliseconds(60'000));
  if (const auto url = c.text(node, "url", "store")) {
    if (const auto wrong = postgres::check_url(*url)) {
      c.error(node["url"], "store.url: " + *wrong);  // not echoed: it might hold the password
    } else {
      out.url = *url;
    }
    if (node["path"].IsDefined())
      c.error(node["path"],
              "store.path and store.url both given: the store is a SQLite file or PostgreSQL, "
              "keep one");
  }
  out.password = optional_secret(c, node, "password", "store", true);
  if (const auto schema = c.text(node, "schema", "store")) {
    if (const auto wrong = postgres::check_schema_name(*schema)) {
      c.error(node["schema"], "store.schema " + in_quotes(*schema) + ": " + *wrong);
    } else {
      out.schema = *schema;
    }
  }
  c.whole_number(node, "connections", "store", out.connections, 1, 64);
  c.duration(node, "lease", "store", out.lease, milliseconds(5'000), milliseconds(600'000));
  if (const auto instance = c.text(node, "instance", "store", false)) {
    if (instance->empty() || instance->size() > 100 ||
        std::any_of(instance->begin(), instance->end(),
                    [](unsigned char ch) { return ch <= ' ' || ch == 127; })) {
      c.error(node["instance"], "store.instance must be 1 to 100 characters without spaces",
              "name it after the host and port, e.g. web-2:8080");
    } else {
      out.instance = *instance;
    }
  }
  if (out.url.empty()) {
    for (const char* key : {"schema", "connections", "lease", "instance"}) {
      if (node[key].IsDefined())
        c.error(node[key], std::string("store.") + key + " is for PostgreSQL: give store.url too",
                "a SQLite file has one baton, which takes one connection");
    }
    if (!out.password.empty()) c.error(node, "store.password is for PostgreSQL: give store.url too");
  }
}

void read_log(Checker& c, const YAML::Node& node, LogConfig& out) {
  if (!c.map(node, "log", {"format", "level", "file"})) return;
  if (const auto format = c.text(node, "format", "log")) {
    if (const auto parsed = parse_log_format(*format)) {
      out.format = *parsed;
    } else {
      c.error(node["format"], "log.format must be json or logfmt, not " + in_quotes(*format));
    }
  }
  if (const auto level = c.text(node, "level", "log")) {
    if (const auto parsed = parse_log_level(*level)) {
      out.level = *parsed;
    } else {
      c.error(node["level"], "log.level must be debug, info, warn or error, not " + in_quotes(*level));
    }
  }
  if (const auto file = c.text(node, "file", "log")) out.file = c.resolve(*file);
}

// A base URL for an API: http(s), a host, no query; returned without a trailing slash.
std::optional<std::string> read_base_url(Checker& c, const YAML::Node& node, const std::string& key,
                                         const std::string& what,
                                         const std::string& example = "https://slack.com/api") {
  const auto text = c.text(node, key, what);
  if (!text) return std::nullopt;
  const auto url = boost::urls::parse_uri(*text);
  if (!url || (url->scheme() != "https" && url->scheme() != "http") || url->encoded_host().empty() ||
      url->has_query() || url->has_fragment()) {
    c.error(node[key], what + "." + key + " is not an http(s) URL: " + in_quotes(*text),
            "for example " + example);
    return std::nullopt;
  }
  return without_trailing_slash(*text);
}

// A token from the wrong family is the most common Slack set-up mistake: say which one goes where.
void check_token_prefix(Checker& c, const YAML::Node& node, const std::string& key, const Secret& token,
                        std::string_view prefix, const std::string& which) {
  if (token.empty() || token.reveal().starts_with(prefix)) return;
  const YAML::Node at = node[key + "_env"].IsDefined() ? node[key + "_env"] : node[key + "_file"];
  c.error(at, "slack." + key + " (" + token.origin() + ") does not start with " + std::string(prefix),
          "use the " + which);
}

void read_slack(Checker& c, const YAML::Node& node, SlackConfig& out) {
  if (!c.map(node, "slack",
             {"enabled", "signing_secret_env", "signing_secret_file", "bot_token_env", "bot_token_file",
              "app_token_env", "app_token_file", "api_base_url", "command", "channel_interval",
              "channel_burst", "mode", "team_id"},
             {"signing_secret", "bot_token", "app_token"})) {
    return;
  }
  // Present means enabled, unless it says otherwise; an unreadable value is reported and counts as off,
  // so it does not also bring a flood of "missing secret" errors.
  out.enabled = node["enabled"].IsDefined() ? c.boolean(node, "enabled", "slack").value_or(false) : true;
  // http: Slack calls baton's URL, signed with the signing secret. socket: baton connects out with the
  // app-level token and needs no public URL (nor the signing secret). auto: socket when the app token is
  // there to read, http otherwise, so one config serves both.
  const std::string mode = c.text(node, "mode", "slack").value_or("auto");
  bool socket_mode = mode == "socket";
  if (mode == "auto") socket_mode = c.secret_available(node, "app_token");
  if (mode != "auto" && mode != "http" && mode != "socket") {
    c.error(node["mode"], "slack.mode must be auto, http or socket, not " + in_quotes(mode));
  }
  out.app_token = socket_mode ? c.secret(node, "app_token", "slack", out.enabled) : Secret();
  out.signing_secret = socket_mode ? Secret() : c.secret(node, "signing_secret", "slack", out.enabled);
  out.bot_token = c.secret(node, "bot_token", "slack", out.enabled);
  check_token_prefix(c, node, "bot_token", out.bot_token, "xoxb-",
                     "Bot User OAuth Token (OAuth & Permissions in the app's settings), xoxb-...");
  check_token_prefix(c, node, "app_token", out.app_token, "xapp-",
                     "App-Level Token with the connections:write scope (Basic Information), xapp-...");
  if (const auto url = read_base_url(c, node, "api_base_url", "slack")) out.api_base_url = *url;
  if (const auto command = c.text(node, "command", "slack")) {
    if (!command->starts_with('/') || command->size() < 2 || command->find(' ') != std::string::npos) {
      c.error(node["command"],
              "slack.command must be a slash command like /baton, not " + in_quotes(*command));
    } else {
      out.command = *command;
    }
  }
  if (const auto team = c.text(node, "team_id", "slack")) {
    if (team->size() < 3 || ((*team)[0] != 'T' && (*team)[0] != 'E') || !all_of_chars(*team, "")) {
      c.error(node["team_id"], "slack.team_id is not a Slack workspace id: " + in_quotes(*team),
              "a workspace id starts with T (T012AB3CD): in Slack, open the workspace menu, then Settings");
    } else {
      out.team_id = *team;
    }
  }
  using std::chrono::milliseconds;
  c.duration(node, "channel_interval", "slack", out.channel_interval, milliseconds(0), milliseconds(60'000));
  c.whole_number(node, "channel_burst", "slack", out.channel_burst, 1, 100);
}

void read_http_client(Checker& c, const YAML::Node& node, HttpClientConfig& out) {
  if (!c.map(node, "http_client", {"timeout", "ca_file"})) return;
  c.duration(node, "timeout", "http_client", out.timeout, std::chrono::milliseconds(100),
             std::chrono::milliseconds(300'000));
  if (const auto file = c.text(node, "ca_file", "http_client")) {
    out.ca_file = c.resolve(*file);
    std::error_code ec;
    if (!std::filesystem::is_regular_file(*out.ca_file, ec)) {
      c.error(node["ca_file"], "http_client.ca_file " + out.ca_file->string() + " is not a readable file",
              "a PEM file of certificate authorities to trust");
    }
  }
}

void read_outbox(Checker& c, const YAML::Node& node, OutboxConfig& out) {
  if (!c.map(node, "outbox", {"retry_min", "retry_max", "max_age"})) return;
  using std::chrono::milliseconds;
  c.duration(node, "retry_min", "outbox", out.retry_min, milliseconds(10), milliseconds(3'600'000));
  c.duration(node, "retry_max", "outbox", out.retry_max, milliseconds(10), milliseconds(86'400'000));
  c.duration(node, "max_age", "outbox", out.max_age, milliseconds(1'000), milliseconds(30LL * 86'400'000));
  if (out.retry_max < out.retry_min) c.error(node, "outbox.retry_max is shorter than outbox.retry_min");
}

void read_rate_limits(Checker& c, const YAML::Node& node, RateLimitsConfig& out) {
  if (!c.map(node, "rate_limits", {"commands", "kpi_api"})) return;
  const auto read = [&](const std::string& key, RateLimit& limit) {
    const auto text = c.text(node, key, "rate_limits");
    if (!text) return;
    if (const auto parsed = parse_rate_limit(*text)) {
      limit = *parsed;
    } else {
      c.error(node[key], "rate_limits." + key + " is not a rate: " + in_quotes(*text),
              "write it as a count per s, min or h (30/min), from 1 to 1000000, or off");
    }
  };
  read("commands", out.commands);
  read("kpi_api", out.kpi_api);
}

// A secret that may be left out; when it is named, it must be there.
Secret optional_secret(Checker& c, const YAML::Node& node, const std::string& key, const std::string& what,
                       bool enabled) {
  const bool named = node[key + "_env"].IsDefined() || node[key + "_file"].IsDefined();
  return c.secret(node, key, what, enabled && named);
}

void read_teams(Checker& c, const YAML::Node& node, TeamsConfig& out) {
  if (!c.map(node, "teams",
             {"enabled", "webhook_token_env", "webhook_token_file", "app_id", "app_id_env", "app_id_file",
              "app_password_env", "app_password_file", "tenant_id", "token_url", "openid_metadata_url",
              "service_url"},
             {"app_password", "webhook_token"})) {
    return;
  }
  out.enabled = node["enabled"].IsDefined() ? c.boolean(node, "enabled", "teams").value_or(false) : true;

  out.webhook_token = optional_secret(c, node, "webhook_token", "teams", out.enabled);
  if (!out.webhook_token.empty()) {
    const auto key = base64_decode(out.webhook_token.reveal());
    if (!key || key->empty()) {
      c.error(node["webhook_token_env"].IsDefined() ? node["webhook_token_env"] : node["webhook_token_file"],
              "teams.webhook_token (" + out.webhook_token.origin() + ") is not base64",
              "copy the security token exactly as Teams showed it when the outgoing webhook was created");
    }
  }

  // The app id is not a secret, but people keep it beside the password: a literal or a variable.
  const auto literal_id = c.text(node, "app_id", "teams");
  if (literal_id && (node["app_id_env"].IsDefined() || node["app_id_file"].IsDefined())) {
    c.error(node["app_id"], "teams names app_id twice, literally and by app_id_env or app_id_file",
            "keep one of them");
  } else if (literal_id) {
    out.app_id = trim(*literal_id);
  } else {
    out.app_id = std::string(optional_secret(c, node, "app_id", "teams", out.enabled).reveal());
  }
  out.app_password = optional_secret(c, node, "app_password", "teams", out.enabled);
  const YAML::Node app_at = node["app_id"].IsDefined()       ? node["app_id"]
                            : node["app_id_env"].IsDefined() ? node["app_id_env"]
                                                             : node;
  if (out.enabled && !out.app_id.empty() && !valid_guid(out.app_id)) {
    c.error(app_at, "teams.app_id " + in_quotes(out.app_id) + " is not a GUID",
            "the Microsoft App ID of the bot registration looks like 6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f");
  }
  if (out.enabled && out.app_id.empty() != out.app_password.empty()) {
    c.error(app_at,
            "teams has " +
                std::string(out.app_id.empty() ? "app_password but no app_id" : "app_id but no app_password"),
            "the bot needs both: app_id (or app_id_env) and app_password_env (or app_password_file)");
  }
  if (const auto tenant = c.text(node, "tenant_id", "teams")) {
    if (!valid_guid(trim(*tenant))) {
      c.error(node["tenant_id"], "teams.tenant_id " + in_quotes(*tenant) + " is not a GUID",
              "the Directory (tenant) ID of a single-tenant bot; leave it out for a multi-tenant one");
    } else {
      out.tenant_id = trim(*tenant);
      out.token_url = "https://login.microsoftonline.com/" + out.tenant_id + "/oauth2/v2.0/token";
    }
  }
  const std::string example = "https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token";
  if (const auto url = read_base_url(c, node, "token_url", "teams", example)) out.token_url = *url;
  if (const auto url = read_base_url(c, node, "openid_metadata_url", "teams",
                                     "https://login.botframework.com/v1/.well-known/openidconfiguration")) {
    out.openid_metadata_url = *url;
  }
  if (const auto url =
          read_base_url(c, node, "service_url", "teams", "https://smba.trafficmanager.net/emea")) {
    out.service_url = *url;
  }
}

// A department's Teams channel: its id ("19:...@thread.tacv2"), for the bot; or a map with the id and
// the Workflows webhook that posts there, or the webhook alone. Returns what names the channel.
std::optional<std::string> read_teams_channel(Checker& c, const YAML::Node& node, const std::string& which,
                                              const std::string& department, TeamsConfig& teams) {
  const std::string what = which + ".channels.teams";
  const auto check_id = [&](const YAML::Node& at, const std::string& id) {
    if (!valid_teams_channel(id)) {
      c.error(at, what + " " + in_quotes(id) + " is not a Teams channel id",
              "Teams channel ids look like 19:abc...@thread.tacv2: in Teams, the channel's ⋯ → Get link "
              "to channel, then the part after /channel/, decoded");
      return false;
    }
    return true;
  };
  if (node.IsScalar()) {
    // A wrong id is reported, and still counts as the channel, so no "no channel" error piles on.
    const std::string id = trim(node.Scalar());
    check_id(node, id);
    return id;
  }
  if (!c.map(node, what, {"id", "workflow_url_env", "workflow_url_file"}, {"workflow_url"}))
    return std::nullopt;
  std::string id;
  if (const auto given = c.text(node, "id", what)) {
    id = trim(*given);
    if (!check_id(node["id"], id)) return std::nullopt;
  }
  const bool named = node["workflow_url_env"].IsDefined() || node["workflow_url_file"].IsDefined();
  if (id.empty() && !named) {
    c.error(node, what + " needs id, or workflow_url_env or workflow_url_file",
            "the channel's id for the bot, the Workflows webhook URL that posts there, or both");
    return std::nullopt;
  }
  // Without an id, the channel is known by its department.
  if (id.empty()) id = department_channel(department);
  if (named) {
    Secret url = c.secret(node, "workflow_url", what, teams.enabled);
    if (!url.empty()) {
      const auto parsed = boost::urls::parse_uri(url.reveal());
      if (!parsed || (parsed->scheme() != "https" && parsed->scheme() != "http") ||
          parsed->encoded_host().empty()) {
        c.error(
            node["workflow_url_env"].IsDefined() ? node["workflow_url_env"] : node["workflow_url_file"],
            what + ".workflow_url (" + url.origin() + ") is not an https URL",
            "copy the URL Teams Workflows gave for \"Post to a channel when a webhook request is received\"");
      } else {
        teams.workflow_urls[id] = std::move(url);
      }
    }
  }
  return id;
}

// Platform ids of a member, or channels of a department: one entry per platform.
std::map<Platform, std::string> read_platform_ids(Checker& c, const YAML::Node& node, const std::string& what,
                                                  bool console_allowed) {
  std::map<Platform, std::string> out;
  std::vector<std::string> allowed{"slack", "teams"};
  if (console_allowed) allowed.insert(allowed.begin(), "console");
  if (!c.map(node, what, allowed)) return out;
  for (const auto& item : node) {
    const auto platform = parse_platform(item.first.Scalar());
    if (!platform || std::find(allowed.begin(), allowed.end(), item.first.Scalar()) == allowed.end())
      continue;
    // A department's Teams channel may be a map (id and Workflows webhook): read_teams_channel's part.
    if (*platform == Platform::teams && console_allowed) continue;
    if (const auto value = c.text(node, item.first.Scalar(), what, true)) out[*platform] = trim(*value);
  }
  return out;
}

// calendars: and calendar: (the default). Without them, one calendar named "default".
void read_calendar_section(Checker& c, const YAML::Node& root, const date::time_zone* zone, Config& config) {
  if (root["calendars"].IsDefined()) config.calendars = read_calendars(c, root["calendars"], zone);
  if (config.calendars.empty()) {
    BusinessCalendar fallback;
    fallback.key = "default";
    fallback.zone = zone != nullptr ? zone : date::locate_zone("UTC");
    config.calendars.push_back(std::move(fallback));
  }
  config.default_calendar = config.calendars.front().key;
  if (const auto key = c.text(root, "calendar", "the config")) {
    if (std::none_of(config.calendars.begin(), config.calendars.end(),
                     [&](const BusinessCalendar& cal) { return cal.key == *key; })) {
      c.error(root["calendar"], "calendar " + in_quotes(*key) + " is not in calendars",
              "name one of the calendars listed under calendars:");
    } else {
      config.default_calendar = *key;
    }
  }
}

// Members' and departments' calendar: keys name calendars that exist.
void check_calendar_keys(Checker& c, const YAML::Node& root, const std::vector<Member>& members,
                         const std::vector<MemberMarks>& member_marks,
                         const std::vector<Department>& departments, const Config& config) {
  std::vector<std::string> keys;
  for (const BusinessCalendar& cal : config.calendars)
    keys.push_back(cal.key);
  const auto unknown = [&](const std::string& key) {
    return !key.empty() && std::find(keys.begin(), keys.end(), key) == keys.end();
  };
  const auto report = [&](const YAML::Mark& at, const std::string& key, const std::string& who) {
    const auto suggestion = closest(key, keys);
    c.error(
        at, who + ".calendar " + in_quotes(key) + " is not in calendars",
        suggestion ? "did you mean " + in_quotes(*suggestion) + "?" : "calendars: " + Checker::join(keys));
  };
  for (std::size_t i = 0; i < members.size(); ++i) {
    if (unknown(members[i].calendar))
      report(member_marks[i].calendar, members[i].calendar, "member " + members[i].key);
  }
  // Entries refused earlier are missing from the list; then their positions no longer match the file's.
  if (root["departments"].IsSequence() && departments.size() == root["departments"].size()) {
    for (std::size_t i = 0; i < departments.size(); ++i) {
      if (unknown(departments[i].calendar))
        report(root["departments"][i]["calendar"].Mark(), departments[i].calendar,
               "department " + departments[i].key);
    }
  }
}

// `node[key]`'s place in the file, or the null mark when there is no such key.
YAML::Mark mark_of(Checker& c, const YAML::Node& node, const std::string& key) {
  const YAML::Node value = node[key];
  return value.IsDefined() ? c.in_file(value.Mark()) : YAML::Mark::null_mark();
}

std::vector<Member> read_members(Checker& c, const ListEntries& list, const Defaults& defaults,
                                 std::map<std::string, int>& lines, std::vector<MemberMarks>& marks) {
  std::vector<Member> members;
  if (!list.is_list()) {
    c.error(list.mark(), "members must be a list", "start each member with \"- key: ...\"");
    return members;
  }
  if (list.size() > kMaxMembers) {
    c.error(list.mark(), "members has " + std::to_string(list.size()) + " entries, " +
                             std::to_string(kMaxMembers) + " at most");
    return members;
  }
  members.reserve(list.size());
  marks.reserve(list.size());
  const std::vector<std::string>& zones = zone_names();
  list.for_each(c.line_shift, [&](const YAML::Node& node, std::size_t i) {
    const std::string what = "members[" + std::to_string(i + 1) + "]";
    if (!c.map(node, what,
               {"key", "name", "title", "role", "timezone", "locale", "ids", "quiet_hours", "calendar"}))
      return;
    Member m;
    const auto key =
        c.unique_key(node, what, "member", "a short lower-case id, like camille or jean-marc", lines);
    if (key) m.key = *key;
    const std::string who = key ? "member " + *key : what;
    m.name =
        c.text(node, "name", who, true, "the name people know them by, like Camille Dubois").value_or("");
    if (node["title"].IsDefined())
      m.title = c.localized(node["title"], who + ".title").value_or(LocalizedText{});
    if (const auto role = c.text(node, "role", who)) {
      if (const auto parsed = parse_role(*role)) {
        m.role = *parsed;
      } else {
        c.error(node["role"], who + ".role must be staff, manager or admin, not " + in_quotes(*role));
      }
    }
    m.zone = defaults.zone;
    if (const auto zone = c.text(node, "timezone", who)) {
      m.zone = find_zone(*zone);
      m.zone_from_config = true;
      if (m.zone == nullptr) {
        const auto suggestion = closest(*zone, zones);
        c.error(node["timezone"], who + " has an unknown time zone " + in_quotes(*zone),
                suggestion ? "did you mean " + *suggestion + "?" : "use an IANA name like Europe/Paris");
      }
    } else if (defaults.zone == nullptr && !defaults.zone_given) {
      c.error(node, who + " has no timezone and there is no default",
              "add timezone: Europe/Paris to the member, or a top-level timezone for everyone");
    }
    m.locale = defaults.locale;
    // A company-wide language is a choice: it outranks a chat profile's, which is often just the
    // platform's default. A company-wide time zone is only a fallback: profiles know where people are.
    m.locale_from_config = defaults.locale_given;
    if (const auto locale = c.text(node, "locale", who)) {
      if (const auto parsed = parse_locale(*locale)) {
        m.locale = *parsed;
        m.locale_from_config = true;
      } else {
        c.error(node["locale"], who + ".locale must be en or fr, not " + in_quotes(*locale));
      }
    }
    if (node["ids"].IsDefined()) {
      m.ids = read_platform_ids(c, node["ids"], who + ".ids", false);
      if (m.ids.count(Platform::slack) != 0 && !valid_slack_user(m.ids[Platform::slack])) {
        c.error(node["ids"]["slack"],
                who + ".ids.slack " + in_quotes(m.ids[Platform::slack]) + " is not a Slack user id",
                "Slack user ids look like U012AB3CDE: open the profile, then ⋮ → Copy member ID");
      }
      if (m.ids.count(Platform::teams) != 0 && !valid_teams_user(m.ids[Platform::teams])) {
        c.error(node["ids"]["teams"],
                who + ".ids.teams " + in_quotes(m.ids[Platform::teams]) + " is not a Teams user id",
                "use the person's Microsoft Entra object id (a GUID, in the Teams admin center or Entra ID), "
                "or their Bot Framework id, 29:...");
      }
    }
    m.quiet_hours = defaults.quiet_hours;
    if (node["quiet_hours"].IsDefined())
      m.quiet_hours = read_quiet_hours(c, node["quiet_hours"], who + ".quiet_hours");
    m.calendar = c.text(node, "calendar", who).value_or("");
    members.push_back(std::move(m));
    marks.push_back({mark_of(c, node, "ids"), mark_of(c, node, "calendar")});
  });
  return members;
}

std::vector<Department> read_departments(Checker& c, const YAML::Node& list,
                                         const std::map<std::string, int>& member_lines, TeamsConfig& teams) {
  std::vector<Department> departments;
  if (!list.IsSequence()) {
    c.error(list, "departments must be a list", "start each department with \"- key: ...\"");
    return departments;
  }
  if (list.size() > kMaxDepartments) {
    c.error(list, "departments has " + std::to_string(list.size()) + " entries, " +
                      std::to_string(kMaxDepartments) + " at most");
    return departments;
  }
  const std::vector<std::string> member_keys = keys_of(member_lines);
  const auto unknown_member = [&](const YAML::Node& at, const std::string& what, const std::string& key) {
    const auto suggestion = closest(key, member_keys);
    c.error(at, what + " names " + in_quotes(key) + ", who is not in members",
            suggestion ? "did you mean " + in_quotes(*suggestion) + "?" : "add them to members first");
  };
  std::map<std::string, int> seen;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const YAML::Node node = list[i];
    const std::string what = "departments[" + std::to_string(i + 1) + "]";
    if (!c.map(node, what,
               {"key", "name", "referent", "members", "responsibilities", "channels", "calendar", "sla"}))
      continue;
    Department d;
    const auto key = c.unique_key(node, what, "department", "a short lower-case id, like logistics", seen);
    if (key) d.key = *key;
    const std::string which = key ? "department " + *key : what;
    d.calendar = c.text(node, "calendar", which).value_or("");
    if (node["name"].IsDefined() && !node["name"].IsNull()) {
      d.name = c.localized(node["name"], which + ".name").value_or(LocalizedText{});
    } else {
      c.error(node, which + " needs name", "for example: name: {en: Logistics, fr: Logistique}");
    }

    const YAML::Node members = node["members"];
    if (!members.IsDefined() || !members.IsSequence() || members.size() == 0) {
      c.error(members.IsDefined() ? members : node, which + " needs members, a list of member keys",
              "for example: members: [camille, hugo]");
    } else {
      for (const auto& member : members) {
        if (!member.IsScalar()) {
          c.error(member, which + ".members must list member keys");
          continue;
        }
        const std::string& member_key = member.Scalar();
        if (member_lines.count(member_key) == 0) {
          unknown_member(member, which + ".members", member_key);
        } else if (std::find(d.members.begin(), d.members.end(), member_key) != d.members.end()) {
          c.error(member, which + ".members lists " + in_quotes(member_key) + " twice");
        } else {
          d.members.push_back(member_key);
        }
      }
    }

    if (const auto referent = c.text(node, "referent", which, true,
                                     "the member the department's requests and escalations go to")) {
      d.referent = *referent;
      if (member_lines.count(*referent) == 0) {
        unknown_member(node["referent"], which + ".referent", *referent);
      } else if (members.IsDefined() && members.IsSequence() &&
                 std::find(d.members.begin(), d.members.end(), *referent) == d.members.end()) {
        c.error(node["referent"], which + ".referent " + in_quotes(*referent) + " is not among its members",
                "add " + *referent + " to " + which + ".members");
      }
    }

    if (const YAML::Node list_node = node["responsibilities"]; list_node.IsDefined()) {
      if (!list_node.IsSequence()) {
        c.error(list_node, which + ".responsibilities must be a list");
      } else if (list_node.size() > kMaxResponsibilities) {
        c.error(list_node, which + ".responsibilities has more than " + std::to_string(kMaxResponsibilities) +
                               " entries");
      } else {
        for (const auto& item : list_node) {
          if (auto text = c.localized(item, which + ".responsibilities")) d.responsibilities.push_back(*text);
        }
      }
    }

    if (node["channels"].IsDefined()) {
      d.channels = read_platform_ids(c, node["channels"], which + ".channels", true);
      if (node["channels"].IsMap() && node["channels"]["teams"].IsDefined()) {
        if (const auto id = read_teams_channel(c, node["channels"]["teams"], which, d.key, teams))
          d.channels[Platform::teams] = *id;
      }
      if (d.channels.count(Platform::slack) != 0 && !valid_slack_channel(d.channels[Platform::slack])) {
        c.error(
            node["channels"]["slack"],
            which + ".channels.slack " + in_quotes(d.channels[Platform::slack]) +
                " is not a Slack channel id",
            "Slack channel ids look like C012AB3CDE: open the channel, then its name → About → Channel ID");
      }
      if (d.channels.count(Platform::console) != 0 && !d.channels[Platform::console].starts_with('#')) {
        c.error(node["channels"]["console"], which + ".channels.console must start with #",
                "for example: console: \"#" + d.key + "\" (quoted: # starts a comment in YAML)");
      }
    }
    if (d.channels.count(Platform::console) == 0 && !d.key.empty())
      d.channels[Platform::console] = "#" + d.key;
    departments.push_back(std::move(d));
  }
  return departments;
}

// Each department is reached on at least one of the chat platforms that are enabled (marketing on Slack,
// logistics on Teams is a company baton serves); with none, its posts would have nowhere to go.
void check_platform_channels(Checker& c, const YAML::Node& list, const std::vector<Department>& departments,
                             const Config& config) {
  std::vector<Platform> enabled;
  std::string names;
  for (Platform platform : {Platform::slack, Platform::teams}) {
    if (!config.platform_enabled(platform)) continue;
    names += (names.empty() ? "" : " or ") + std::string(to_string(platform));
    enabled.push_back(platform);
  }
  if (enabled.empty()) return;
  const std::string first(to_string(enabled.front()));
  for (std::size_t i = 0; i < departments.size() && i < list.size(); ++i) {
    const auto& channels = departments[i].channels;
    const bool reached =
        std::any_of(enabled.begin(), enabled.end(), [&](Platform p) { return channels.count(p) != 0; });
    if (!reached) {
      c.error(list[i],
              "department " + departments[i].key + " has no channel on " + names + ", which " +
                  (enabled.size() == 1 ? "is" : "are") + " enabled",
              "add channels: {" + first + ": ...} to it, or set " + first + ".enabled: false");
    }
  }
}

void check_unique_ids(Checker& c, const std::vector<Member>& members, const std::vector<MemberMarks>& marks) {
  for (Platform platform : {Platform::slack, Platform::teams}) {
    std::map<std::string, std::string> owner;
    for (std::size_t i = 0; i < members.size(); ++i) {
      const auto it = members[i].ids.find(platform);
      if (it == members[i].ids.end()) continue;
      const auto [existing, inserted] = owner.emplace(it->second, members[i].key);
      if (!inserted) {
        c.error(marks[i].ids,
                "members " + existing->second + " and " + members[i].key + " have the same " +
                    std::string(to_string(platform)) + " id " + in_quotes(it->second),
                "each person has their own id");
      }
    }
  }
}

}  // namespace

std::string ListenAddress::text() const {
  const std::string shown = host.find(':') != std::string::npos ? "[" + host + "]" : host;
  return shown + ":" + std::to_string(port);
}

const BusinessCalendar& Config::calendar(std::string_view key) const {
  for (const BusinessCalendar& c : calendars) {
    if (c.key == key) return c;
  }
  for (const BusinessCalendar& c : calendars) {
    if (c.key == default_calendar) return c;
  }
  return calendars.front();
}

const BusinessCalendar& Config::calendar_of(const Member& member, std::string_view fallback) const {
  return calendar(member.calendar.empty() ? fallback : std::string_view(member.calendar));
}

const Ritual* Config::ritual(std::string_view key) const {
  for (const Ritual& r : rituals) {
    if (r.key == key) return &r;
  }
  return nullptr;
}

const HandoffSla& Config::sla_of(std::string_view department) const {
  const auto found = department_slas.find(std::string(department));
  return found != department_slas.end() ? found->second : handoff_sla;
}

const BusinessCalendar& Config::department_calendar(std::string_view department) const {
  const Department* d = org.department(department);
  return calendar(d != nullptr ? std::string_view(d->calendar) : std::string_view());
}

const Workflow* Config::workflow(std::string_view key) const {
  for (const Workflow& w : workflows) {
    if (w.key == key) return &w;
  }
  return nullptr;
}

const KpiDefinition* Config::kpi(std::string_view key) const {
  for (const KpiDefinition& k : kpis) {
    if (k.key == key) return &k;
  }
  return nullptr;
}

const KpiRule* Config::rule(std::string_view name) const {
  for (const KpiRule& r : rules) {
    if (r.name == name) return &r;
  }
  return nullptr;
}

bool Config::platform_enabled(Platform platform) const {
  switch (platform) {
    case Platform::console:
      return true;
    case Platform::slack:
      return slack.enabled;
    case Platform::teams:
      return teams.enabled;
  }
  return false;
}

Environment process_environment() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* value = std::getenv(name.c_str());  // NOLINT(concurrency-mt-unsafe): read at start-up
    if (value == nullptr) return std::nullopt;
    return std::string(value);
  };
}

namespace {

// `slice_members`: read members: a slice at a time when it can be (see list_entries.hpp).
ConfigResult parse(std::string_view yaml, const fs::path& source, const Environment& env,
                   bool slice_members) {
  ConfigResult result;
  Checker c(source, env);
  std::optional<ListEntries::Sliced> sliced;
  if (slice_members) {
    try {
      sliced = ListEntries::slice(yaml, "members", kMembersPerSlice);
    } catch (const YAML::Exception&) {
      // Loading the whole file below reports it.
    }
  }
  YAML::Node root;
  try {
    root = YAML::Load(sliced ? sliced->rest : std::string(yaml));
    if (sliced) {
      if (!root.IsMap() || !root["members"].IsNull())
        throw SliceMismatch("members: still holds something without its entries");
      sliced->rest = std::string();
    }
  } catch (const YAML::Exception& e) {
    c.error(e.mark, "this is not valid YAML: " + e.msg,
            "check the indentation and that every \"key: value\" has its colon and a space");
    result.errors = std::move(c.errors);
    return result;
  }
  if (!root.IsMap()) {
    result.errors.push_back({1,
                             1,
                             "the config must be a map of sections (server, store, members, ...)",
                             "see deploy/examples/baton.yaml for a complete example",
                             {}});
    return result;
  }

  Config config;
  config.source = source;
  config.store.path = c.resolve("baton.db");
  c.map(root, "the config",
        {"company",     "contact",   "timezone",  "locale",   "server",      "store",
         "log",         "console",   "slack",     "teams",    "members",     "departments",
         "http_client", "outbox",    "calendars", "calendar", "quiet_hours", "rituals",
         "handoffs",    "workflows", "kpis",      "kpi_api",  "alerts",      "rate_limits"});

  Defaults defaults;
  if (const auto zone = c.text(root, "timezone", "the config")) {
    defaults.zone_given = true;
    defaults.zone = find_zone(*zone);
    if (defaults.zone == nullptr) {
      const auto suggestion = closest(*zone, zone_names());
      c.error(root["timezone"], "unknown time zone " + in_quotes(*zone),
              suggestion ? "did you mean " + *suggestion + "?" : "use an IANA name like Europe/Paris");
    }
  }
  if (const auto locale = c.text(root, "locale", "the config")) {
    if (const auto parsed = parse_locale(*locale)) {
      defaults.locale = *parsed;
      defaults.locale_given = true;
    } else {
      c.error(root["locale"], "locale must be en or fr, not " + in_quotes(*locale));
    }
  }
  const std::string company = c.text(root, "company", "the config").value_or("");
  config.contact = c.text(root, "contact", "the config").value_or("");
  if (root["quiet_hours"].IsDefined())
    defaults.quiet_hours = read_quiet_hours(c, root["quiet_hours"], "quiet_hours");
  read_calendar_section(c, root, defaults.zone, config);

  if (root["server"].IsDefined()) read_server(c, root["server"], config.server);
  if (root["store"].IsDefined()) read_store(c, root["store"], config.store);
  if (root["log"].IsDefined()) read_log(c, root["log"], config.log);
  if (root["slack"].IsDefined()) read_slack(c, root["slack"], config.slack);
  if (root["teams"].IsDefined()) read_teams(c, root["teams"], config.teams);
  if (root["http_client"].IsDefined()) read_http_client(c, root["http_client"], config.http_client);
  if (root["outbox"].IsDefined()) read_outbox(c, root["outbox"], config.outbox);
  if (root["rate_limits"].IsDefined()) read_rate_limits(c, root["rate_limits"], config.rate_limits);
  // A claim must outlast the longest send it covers (a pause for the channel's pace, then the request),
  // or another instance could send a message still on its way.
  if (config.store.postgres() &&
      config.store.lease <= config.http_client.timeout + config.slack.channel_interval) {
    c.error(root["store"]["lease"].IsDefined() ? root["store"]["lease"] : root["store"],
            "store.lease (" + Checker::show(config.store.lease) +
                ") must be longer than http_client.timeout (" + Checker::show(config.http_client.timeout) +
                ") plus slack.channel_interval (" + Checker::show(config.slack.channel_interval) +
                "): a message still being sent when its claim ends could be sent twice",
            "lengthen store.lease or shorten http_client.timeout");
  }

  std::map<std::string, int> member_lines;
  std::vector<Member> members;
  std::vector<MemberMarks> member_marks;
  if (!root["members"].IsDefined()) {
    c.error(root.Mark(), "the config has no members",
            "add a members: list with at least the admin who runs baton");
  } else {
    const ListEntries list = sliced ? std::move(sliced->list) : ListEntries(root["members"]);
    members = read_members(c, list, defaults, member_lines, member_marks);
    if (list.is_list() &&
        std::none_of(members.begin(), members.end(), [](const Member& m) { return m.role == Role::admin; })) {
      c.error(list.mark(), "no member has role admin",
              "give at least one person role: admin, so others know whom to ask");
    }
    check_unique_ids(c, members, member_marks);
  }

  std::vector<Department> departments;
  if (root["departments"].IsDefined()) {
    departments = read_departments(c, root["departments"], member_lines, config.teams);
    check_platform_channels(c, root["departments"], departments, config);
  }
  check_calendar_keys(c, root, members, member_marks, departments, config);
  // KPIs before rituals: a KPI snapshot names them.
  if (root["kpis"].IsDefined()) config.kpis = read_kpis(c, root["kpis"], departments);
  if (root["rituals"].IsDefined())
    config.rituals = read_rituals(c, root["rituals"], members, departments, config);
  read_handoff_section(c, root, members, departments, config);
  if (root["workflows"].IsDefined()) config.workflows = read_workflows(c, root["workflows"], departments);
  if (root["kpi_api"].IsDefined()) config.kpi_tokens = read_kpi_api(c, root["kpi_api"], config.kpis);
  std::optional<fs::path> rules_file;
  if (root["alerts"].IsDefined()) rules_file = read_alerts(c, root["alerts"], config.alerts);
  if (config.teams.enabled && config.teams.webhook_token.empty() && !config.teams.bot() &&
      config.teams.workflow_urls.empty() && c.errors.empty()) {
    c.error(root["teams"], "teams is enabled but has no way in or out",
            "give it webhook_token_env (outgoing webhook), app_id and app_password_env (the bot), or a "
            "workflow_url_env in a department's channels.teams");
  }

  if (root["console"].IsDefined() && c.map(root["console"], "console", {"user"})) {
    if (const auto user = c.text(root["console"], "user", "console")) {
      config.console.user = *user;
      if (member_lines.count(*user) == 0) {
        const auto suggestion = closest(*user, keys_of(member_lines));
        c.error(root["console"]["user"], "console.user " + in_quotes(*user) + " is not in members",
                suggestion ? "did you mean " + in_quotes(*suggestion) + "?" : "name one of the members");
      }
    }
  }
  if (config.console.user.empty()) {
    for (const Member& m : members) {
      if (m.role == Role::admin) {
        config.console.user = m.key;
        break;
      }
    }
  }

  std::sort(c.errors.begin(), c.errors.end(), [](const ConfigDiagnostic& a, const ConfigDiagnostic& b) {
    return std::tie(a.line, a.column) < std::tie(b.line, b.column);
  });
  result.errors = std::move(c.errors);
  result.warnings = std::move(c.warnings);
  // The rules are checked against the KPIs, so only once those read cleanly.
  if (rules_file && result.errors.empty()) {
    RulesResult rules = load_rules(*rules_file, config.kpis, departments);
    config.rules = std::move(rules.rules);
    result.errors = std::move(rules.errors);
  }
  if (result.errors.empty()) {
    config.org = OrgMap(company, std::move(members), std::move(departments));
    result.config = std::move(config);
  }
  return result;
}

}  // namespace

std::optional<ConfigDiagnostic> utf8_diagnostic(std::string_view text, const std::filesystem::path& file) {
  const auto fault = first_invalid_utf8(text);
  if (!fault) return std::nullopt;
  static constexpr char kHex[] = "0123456789ABCDEF";
  return ConfigDiagnostic{
      static_cast<int>(fault->line), static_cast<int>(fault->column),
      std::string("the byte 0x") + kHex[fault->byte >> 4] + kHex[fault->byte & 0xF] + " is not UTF-8",
      "save the file as UTF-8 (it looks like another encoding, such as Latin-1)", file};
}

ConfigResult parse_config(std::string_view yaml, const fs::path& source, const Environment& env) {
  if (auto not_utf8 = utf8_diagnostic(yaml, {})) {
    ConfigResult result;
    result.errors.push_back(std::move(*not_utf8));
    return result;
  }
  try {
    return parse(yaml, source, env, true);
  } catch (const SliceMismatch&) {
    return parse(yaml, source, env, false);
  }
}

ConfigResult load_config(const fs::path& file, const Environment& env) {
  ConfigResult result;
  std::error_code ec;
  const auto size = fs::file_size(file, ec);
  if (ec) {
    result.errors.push_back({0,
                             0,
                             "cannot read the config file: " + ec.message(),
                             "pass an existing file with --config FILE or BATON_CONFIG",
                             {}});
    return result;
  }
  if (size > kMaxConfigBytes) {
    result.errors.push_back({0,
                             0,
                             "the config file is " + std::to_string(size) + " bytes; 1 MiB at most",
                             "is this the right file?",
                             {}});
    return result;
  }
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in.good() && !in.eof()) {
    result.errors.push_back({0, 0, "cannot read the config file", "check its permissions", {}});
    return result;
  }
  return parse_config(text.str(), fs::absolute(file), env);
}

std::string format_diagnostics(const fs::path& file, const std::vector<ConfigDiagnostic>& errors,
                               std::string_view severity) {
  std::string out;
  for (const ConfigDiagnostic& e : errors) {
    out += (e.file.empty() ? file : e.file).string();
    if (e.line > 0) out += ":" + std::to_string(e.line) + ":" + std::to_string(e.column);
    out += ": " + std::string(severity) + ": " + e.message + "\n";
    if (!e.hint.empty()) out += "  hint: " + e.hint + "\n";
  }
  return out;
}

}  // namespace baton
