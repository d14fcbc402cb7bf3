// The real baton configured for Slack against a fake Slack in the test process, and requests signed the
// way Slack signs them.
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>

#include <catch2/catch.hpp>

#include "bot/core/http/form.hpp"
#include "integrations/slack/signature.hpp"
#include "tests/support/binary.hpp"
#include "tests/support/block_kit_rules.hpp"
#include "tests/support/fake_slack.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/process.hpp"
#include "tests/support/temp_dir.hpp"

namespace baton::test {

inline constexpr const char* kSigningSecret = "test-signing-secret-0123456789abcdef";
inline constexpr const char* kBotToken = "xoxb-test-token-0000";
inline constexpr const char* kAppToken = "xapp-1-test-0000";

// An organisation on Slack: Marc manages logistics (#C0LOGISTIC), Sam works in it.
inline std::string slack_config(const std::string& api_base_url, const std::string& extra = {},
                                bool socket_mode = false) {
  return R"(company: Test Shop
timezone: Europe/Paris
log: {format: logfmt, level: info}
slack:
  )" +
         std::string(socket_mode ? "app_token_env: SLACK_APP_TOKEN"
                                 : "signing_secret_env: SLACK_SIGNING_SECRET") +
         R"(
  bot_token_env: SLACK_BOT_TOKEN
  api_base_url: )" +
         api_base_url + R"(
  channel_interval: 50ms
outbox: {retry_min: 100ms, retry_max: 400ms}
members:
  - {key: ada, name: Ada Admin, role: admin, ids: {slack: U0ADAADMIN}}
  - {key: marc, name: Marc Manager, role: manager, locale: fr, ids: {slack: U0MARCMANA}}
  - {key: sam, name: Sam Staff, ids: {slack: U0SAMSTAFF}}
departments:
  - key: logistics
    name: {en: Logistics, fr: Logistique}
    referent: marc
    members: [marc, sam]
    channels: {slack: C0LOGISTIC}
)" + extra;
}

// Logistics' stand-up on weekdays at 09:30: prompts to Marc and Sam, a reminder, a report in the channel.
inline const std::string kLogisticsStandup = R"(rituals:
  - key: standup
    kind: standup
    name: {en: Logistics stand-up, fr: Point logistique}
    department: logistics
    schedule: weekdays 09:30
    reminder_after: 20m
    report_after: 1h
    grace: 2h
)";

// A revenue KPI for logistics and a KPI API token "shop" that writes it, read from `token_file`.
inline std::string kpi_api_config(const std::filesystem::path& token_file) {
  return "kpis:\n  - {key: revenue, unit: count, department: logistics}\n"
         "kpi_api:\n  tokens:\n    - {name: shop, token_file: " +
         token_file.string() + ", kpis: [revenue]}\n";
}

// A slash command as Slack posts it: `/baton <text>` typed by `user` in the logistics channel.
inline std::string command_form(const FakeSlack& slack, const std::string& text,
                                const std::string& user = "U0SAMSTAFF",
                                const std::string& trigger = "13345224609.738474920.8088930838d88f008e0") {
  return form_encode({{"token", "unused"},
                      {"team_id", "T0TEST"},
                      {"channel_id", "C0LOGISTIC"},
                      {"user_id", user},
                      {"command", "/baton"},
                      {"text", text},
                      {"response_url", slack.response_url("cmd")},
                      {"trigger_id", trigger}});
}

inline std::string now_seconds() {
  return std::to_string(
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
          .count());
}

// Headers Slack would send with `body`, signed with `secret` at `timestamp`.
inline std::string slack_headers(const std::string& body, const std::string& content_type,
                                 const std::string& secret = kSigningSecret,
                                 const std::string& timestamp = now_seconds()) {
  return "Content-Type: " + content_type + "\r\nX-Slack-Request-Timestamp: " + timestamp +
         "\r\nX-Slack-Signature: " + slack::sign(secret, timestamp, body) + "\r\n";
}

class SlackBaton {
 public:
  explicit SlackBaton(const FakeSlack& slack, const std::string& extra = {}, bool socket_mode = false)
      : SlackBaton(slack, BatonSetup{extra, {}, {}}, socket_mode) {}
  SlackBaton(const FakeSlack& slack, BatonSetup setup, bool socket_mode = false)
      : slack_(slack), setup_(std::move(setup)), socket_mode_(socket_mode) {
    dir.write("baton.yaml", slack_config(slack_.api_base_url(), setup_.extra, socket_mode_));
    if (setup_.prepare) setup_.prepare(dir);
    start();
  }
  // Slack refuses what it will not take (invalid_blocks): a test passes only if Slack took it all.
  ~SlackBaton() {
    for (const std::string& problem : slack_.invalid_payloads())
      FAIL_CHECK("Slack would refuse what baton sent: " << problem);
  }
  SlackBaton(const SlackBaton&) = delete;
  SlackBaton& operator=(const SlackBaton&) = delete;

  void start() {
    std::map<std::string, std::string> environment{{"SLACK_SIGNING_SECRET", kSigningSecret},
                                                   {"SLACK_APP_TOKEN", kAppToken},
                                                   {"SLACK_BOT_TOKEN", kBotToken}};
    if (!setup_.clock_start.empty()) environment.emplace("BATON_CLOCK_START", setup_.clock_start);
    process = std::make_unique<Process>(
        BATON_BINARY,
        std::vector<std::string>{"serve", "--config", (dir / "baton.yaml").string(), "--listen",
                                 "127.0.0.1:0", "--store", (dir / "baton.db").string()},
        environment);
    port = listening_port(*process);
  }

  // The answer to a slash command; one Slack would not show (invalid_command_response) fails the test.
  HttpReply command(const std::string& form) {
    HttpConnection c("127.0.0.1", port);
    HttpReply reply =
        c.request("POST", "/slack/commands", form,
                  slack_headers(form, "application/x-www-form-urlencoded", kSigningSecret, timestamp()));
    if (reply.status == 200 && !reply.body.empty()) {
      const auto answer = nlohmann::json::parse(reply.body, nullptr, false);
      CHECK(answer.is_object());
      if (answer.is_object()) {
        for (const std::string& problem : message_payload_problems(answer))
          FAIL_CHECK("Slack would not show this answer (invalid_command_response): " << problem);
      }
    }
    return reply;
  }
  HttpReply event(const std::string& json, const std::string& extra_headers = {}) {
    HttpConnection c("127.0.0.1", port);
    return c.request("POST", "/slack/events", json,
                     slack_headers(json, "application/json", kSigningSecret, timestamp()) + extra_headers);
  }
  HttpReply interaction(const std::string& form) {
    HttpConnection c("127.0.0.1", port);
    return c.request("POST", "/slack/interactivity", form,
                     slack_headers(form, "application/x-www-form-urlencoded", kSigningSecret, timestamp()));
  }
  std::string metrics() { return http_get(port, "/metrics").body; }
  bool metric_reaches(const std::string& line, std::chrono::seconds limit = std::chrono::seconds(30)) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < deadline) {
      if (metrics().find(line) != std::string::npos) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return false;
  }

  TempDir dir;
  std::unique_ptr<Process> process;
  int port = 0;

 private:
  // Signed at baton's time: it refuses a timestamp more than five minutes from its clock.
  std::string timestamp() const {
    return std::to_string(
        std::chrono::duration_cast<std::chrono::seconds>(setup_.now().time_since_epoch()).count());
  }

  const FakeSlack& slack_;
  BatonSetup setup_;
  bool socket_mode_ = false;
};

// An Events API envelope with one event.
inline std::string event_envelope(const std::string& event_id, const std::string& event_json) {
  return R"({"token":"x","team_id":"T0TEST","api_app_id":"A0TEST","type":"event_callback","event_id":")" +
         event_id + R"(","event_time":1700000000,"event":)" + event_json + "}";
}

inline std::string dm_event(const std::string& user, const std::string& text) {
  return R"({"type":"message","channel":"D)" + user + R"(","channel_type":"im","user":")" + user +
         R"(","text":")" + text + R"(","ts":"1700000000.000001"})";
}

}  // namespace baton::test
