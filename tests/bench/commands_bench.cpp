// Slash commands over HTTP against the real baton (release build) on loopback, signed as Slack signs them
// (a fresh timestamp, a valid v0 signature): a read (`/baton kpi`) and a write (`/baton handoff ...`,
// stored durably before the answer). Throughput at saturation, latency percentiles at fixed rates,
// baton's resident memory idle and at its peak, and its start-up time to /readyz. The same generator,
// connections and response size against nginx (one worker, `return 200`) give the reference the read
// figure is judged by.
//   commands_bench --baton build-release/baton [--json FILE] [--seconds N] [--only read|write]
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <thread>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <nlohmann/json.hpp>
#include <signal.h>

#include "integrations/slack/signature.hpp"
#include "tests/bench/baton_process.hpp"
#include "tests/bench/http_load.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/process.hpp"
#include "tests/support/slack_binary.hpp"
#include "tests/support/temp_dir.hpp"

using namespace baton;
using nlohmann::json;
using Steady = std::chrono::steady_clock;

namespace {

// The Slack organisation the binary tests use (tests/support/slack_binary.hpp), with two KPIs to read.
// Two members send every command: one person's flood, which rate_limits.commands exists to hold back, so
// it is off for the measurement.
constexpr const char* kKpis = R"(rate_limits: {commands: off}
kpis:
  - {key: orders, name: Orders, unit: count, rollup: sum, targets: {day: 500}, department: logistics}
  - {key: stock, name: Stock of SKU-123, unit: count, rollup: last, target: 20, department: logistics}
)";

// A slash command signed now, as Slack would send it.
bench::HttpRequest command(const test::FakeSlack& slack, const std::string& user, const std::string& text,
                           int n) {
  bench::HttpRequest r;
  r.target = "/slack/commands";
  r.content_type = "application/x-www-form-urlencoded";
  r.body = test::command_form(slack, text, user, "1." + std::to_string(n));
  const std::string now = test::now_seconds();
  r.headers = {{"X-Slack-Request-Timestamp", now},
               {"X-Slack-Signature", slack::sign(test::kSigningSecret, now, r.body)}};
  return r;
}

std::uint16_t free_port() {
  boost::asio::io_context io;
  boost::asio::ip::tcp::acceptor acceptor(io, {boost::asio::ip::make_address("127.0.0.1"), 0});
  return acceptor.local_endpoint().port();
}

json figures(const bench::LoadResult& r) {
  return {{"per_second", r.per_second()}, {"ok", r.ok},
          {"failed", r.failed},           {"p50_ms", r.percentile(0.5)},
          {"p99_ms", r.percentile(0.99)}, {"p999_ms", r.percentile(0.999)}};
}

void print(const std::string& what, const bench::LoadResult& r) {
  std::printf("  %-34s %9.0f/s  p50 %7.2f ms  p99 %7.2f ms  p99.9 %7.2f ms  failed %lld\n", what.c_str(),
              r.per_second(), r.percentile(0.5), r.percentile(0.99), r.percentile(0.999),
              static_cast<long long>(r.failed));
}

double cpu_per_request_us(double cpu_seconds, const bench::LoadResult& r) {
  return r.ok > 0 ? cpu_seconds * 1e6 / static_cast<double>(r.ok) : 0;
}

// nginx answering every request with `size` bytes: the reference for what this machine's loopback, kernel
// and generator allow. Nullopt when nginx is not installed.
std::unique_ptr<test::Process> start_nginx(const test::TempDir& dir, std::uint16_t port, std::size_t size) {
  if (!std::filesystem::exists("/usr/sbin/nginx")) return nullptr;
  const std::string conf = "worker_processes 1;\ndaemon off;\npid " + (dir / "nginx.pid").string() +
                           ";\nerror_log " + (dir / "nginx-error.log").string() +
                           ";\nevents { worker_connections 1024; }\nhttp {\n  access_log off;\n  server {\n"
                           "    listen 127.0.0.1:" +
                           std::to_string(port) +
                           ";\n    location / { default_type application/json; return 200 '" +
                           std::string(size, 'x') + "'; }\n  }\n}\n";
  const auto file = dir.write("nginx.conf", conf);
  return std::make_unique<test::Process>(
      "/usr/sbin/nginx", std::vector<std::string>{"-c", file.string(), "-p", dir.path().string()});
}

}  // namespace

int main(int argc, char** argv) {
  const auto args = bench::parse_baton_args(
      argc, argv, {"seconds", "only"},
      "commands_bench --baton BINARY [--json FILE] [--seconds N] [--only read|write]");
  if (!args) return 2;
  const std::string& baton_binary = args->baton;
  const std::string& json_path = args->json;
  const int seconds = args->whole("seconds", 5);
  const std::string only = args->text("only");  // "read" or "write": one half, for profiling

  test::FakeSlack slack;
  test::TempDir dir;
  // baton's log (a line per request) goes to a file, as nginx's error log does. Read from a pipe by this
  // process, its 20,000 lines a second would be read on the same two cores as the figures measured:
  // 10-15 % of baton's read saturation, and the widest swings between runs.
  std::string text = test::slack_config(slack.api_base_url(), kKpis);
  const std::string to_stderr = "log: {format: logfmt, level: info}";
  const auto log_file = dir / "baton.log";
  text.replace(text.find(to_stderr), to_stderr.size(),
               "log: {format: logfmt, level: info, file: " + log_file.string() + "}");
  const auto config = dir.write("baton.yaml", text);
  // The port is chosen here: the "listening" line that names it is in the file, not yet flushed.
  const std::uint16_t port = free_port();
  const Steady::time_point exec = Steady::now();
  test::Process baton(baton_binary,
                      {"serve", "--config", config.string(), "--listen", "127.0.0.1:" + std::to_string(port),
                       "--store", (dir / "baton.db").string()},
                      {{"SLACK_SIGNING_SECRET", test::kSigningSecret}, {"SLACK_BOT_TOKEN", test::kBotToken}});
  if (!bench::wait_until_ready(port)) {
    std::ifstream log(log_file);
    std::cerr << "commands_bench: baton never became ready: " << baton.err() << log.rdbuf() << '\n';
    return 1;
  }
  const double ready_ms = std::chrono::duration<double, std::milli>(Steady::now() - exec).count();
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  const double idle_mib = bench::memory_mib(baton.pid(), "VmRSS");

  json out = {{"benchmark", "commands"}, {"start_ms", ready_ms}, {"idle_rss_mib", idle_mib}};
  std::printf("commands over HTTP, %d s a run, 64 connections at saturation, 16 at fixed rates\n", seconds);
  std::printf("  ready after exec: %.0f ms; resident at idle: %.1f MiB\n", ready_ms, idle_mib);

  int n = 0;
  const auto read = [&] { return command(slack, "U0SAMSTAFF", "kpi", ++n); };
  const bench::HttpRequest sample = read();
  std::string headers = "Content-Type: " + sample.content_type + "\r\n";
  for (const auto& [name, value] : sample.headers)
    headers += name + ": " + value + "\r\n";
  test::HttpConnection probe("127.0.0.1", port);
  const std::size_t body_size = probe.request("POST", sample.target, sample.body, headers).body.size();
  out["read_body_bytes"] = body_size;
  const auto write = [&] {
    ++n;
    return command(slack, "U0ADAADMIN", "handoff logistics \"Bench request " + std::to_string(n) + "\"", n);
  };
  const auto load = [&](double rate, int connections, const bench::RequestMaker& make, std::uint16_t on) {
    bench::LoadOptions options;
    options.port = on;
    options.connections = connections;
    options.duration = std::chrono::seconds(seconds);
    options.rate = rate;
    return bench::run_load(options, make);
  };

  bench::LoadResult read_max;
  if (only != "write") {
    // baton's own CPU per answered command: steadier than throughput on a shared machine, whose load
    // generator and neighbours take what baton does not.
    const double cpu_before = bench::cpu_seconds(baton.pid());
    read_max = load(0, 64, read, port);
    const double read_cpu_us = cpu_per_request_us(bench::cpu_seconds(baton.pid()) - cpu_before, read_max);
    print("read, saturation", read_max);
    std::printf("  baton's CPU per read at saturation: %.1f us\n", read_cpu_us);
    out["read_saturation"] = figures(read_max);
    out["read_cpu_us"] = read_cpu_us;
    for (const double rate : {500.0, 2000.0, 10000.0}) {
      const auto r = load(rate, 16, read, port);
      print("read at " + std::to_string(static_cast<int>(rate)) + "/s", r);
      out["read_at_" + std::to_string(static_cast<int>(rate))] = figures(r);
    }
  }
  if (only != "read") {
    const double cpu_before = bench::cpu_seconds(baton.pid());
    const auto write_max = load(0, 64, write, port);
    const double write_cpu_us = cpu_per_request_us(bench::cpu_seconds(baton.pid()) - cpu_before, write_max);
    print("write, saturation", write_max);
    std::printf("  baton's CPU per write at saturation: %.1f us\n", write_cpu_us);
    out["write_saturation"] = figures(write_max);
    out["write_cpu_us"] = write_cpu_us;
    const auto write_1000 = load(1000, 16, write, port);
    print("write at 1000/s", write_1000);
    out["write_at_1000"] = figures(write_1000);
  }
  const double peak_mib = bench::memory_mib(baton.pid(), "VmHWM");
  std::printf("  resident at peak: %.1f MiB\n", peak_mib);
  out["peak_rss_mib"] = peak_mib;
  baton.signal(SIGTERM);
  baton.wait(std::chrono::seconds(60));

  // The reference: the same read, answered by nginx with a body of the size baton's answer has.
  const std::uint16_t nginx_port = free_port();
  auto nginx = only == "write" ? nullptr : start_nginx(dir, nginx_port, body_size);
  if (only == "write") {
    // the reference is for reads
  } else if (!nginx) {
    std::printf("  nginx reference: not installed (apt-get install nginx-light)\n");
  } else {
    if (!bench::answers(nginx_port, "/")) {
      std::cerr << "commands_bench: nginx did not start: " << nginx->err() << '\n';
      return 1;
    }
    const auto reference = load(0, 64, read, nginx_port);
    print("nginx reference, saturation", reference);
    out["nginx_saturation"] = figures(reference);
    const double ratio = reference.per_second() > 0 ? read_max.per_second() / reference.per_second() : 0;
    std::printf("  read saturation / nginx: %.2f (goal: at least 0.5)\n", ratio);
    out["read_vs_nginx"] = ratio;
    nginx->signal(SIGQUIT);
    nginx->wait(std::chrono::seconds(10));
  }
  if (!json_path.empty()) std::ofstream(json_path) << out.dump(2) << '\n';
  return 0;
}
