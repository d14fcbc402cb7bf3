// An organisation of many teams for the benchmarks that run the real baton: teams t001, t002... of 50
// members each (m00001..., the first an admin), each with its Slack channel, its referent (its first member)
// and a stand-up at 09:30 (Paris) on weekdays; optionally ten KPIs owned by the first team.
#pragma once

#include <algorithm>
#include <string>

namespace baton::bench {

constexpr int kPerTeam = 50;
constexpr int kKpis = 10;

inline std::string zero_padded(int n, int width) {
  const std::string text = std::to_string(n);
  return std::string(static_cast<std::size_t>(std::max(0, width - static_cast<int>(text.size()))), '0') +
         text;
}

inline std::string member_key(int m) {
  return "m" + zero_padded(m, 5);
}
inline std::string slack_user(int m) {
  return "U" + zero_padded(m, 8);
}
inline std::string team_key(int t) {
  return "t" + zero_padded(t, 3);
}
inline std::string kpi_key(int k) {
  return "kpi" + zero_padded(k, 2);
}

// `pacing`: slack.channel_interval ("0ms" turns per-channel pacing off).
inline std::string agency_config(const std::string& api_base_url, int teams, bool with_kpis = false,
                                 const std::string& pacing = "0ms") {
  std::string out =
      "company: Bench Agency\ntimezone: Europe/Paris\nlog: {format: logfmt, level: info}\n"
      // The load comes from one member: rate_limits.commands would hold it back, as it should a person.
      "rate_limits: {commands: off}\n"
      "slack:\n  signing_secret_env: SLACK_SIGNING_SECRET\n  bot_token_env: SLACK_BOT_TOKEN\n"
      "  api_base_url: " +
      api_base_url + "\n  channel_interval: " + pacing + "\nmembers:\n";
  for (int m = 1; m <= teams * kPerTeam; ++m)
    out += "  - {key: " + member_key(m) + ", name: Member " + std::to_string(m) +
           (m == 1 ? ", role: admin" : "") + ", ids: {slack: " + slack_user(m) + "}}\n";
  out += "departments:\n";
  for (int t = 1; t <= teams; ++t) {
    out += "  - key: " + team_key(t) + "\n    name: Team " + std::to_string(t) +
           "\n    referent: " + member_key((t - 1) * kPerTeam + 1) + "\n    channels: {slack: C" +
           zero_padded(t, 8) + "}\n    members: [";
    for (int i = 1; i <= kPerTeam; ++i)
      out += (i > 1 ? ", " : "") + member_key((t - 1) * kPerTeam + i);
    out += "]\n";
  }
  out += "rituals:\n";
  for (int t = 1; t <= teams; ++t) {
    out += "  - {key: standup-" + team_key(t) + ", kind: standup, name: Stand-up " + std::to_string(t) +
           ", department: " + team_key(t) + ", schedule: weekdays 09:30, reminder_after: 20m, " +
           "report_after: 1h, grace: 2h}\n";
  }
  if (with_kpis) {
    out += "kpis:\n";
    for (int k = 1; k <= kKpis; ++k)
      out += "  - {key: " + kpi_key(k) + ", name: KPI " + std::to_string(k) +
             ", unit: count, rollup: sum, targets: {day: 500}, department: " + team_key(1) + "}\n";
  }
  return out;
}

}  // namespace baton::bench
