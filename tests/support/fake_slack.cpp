#include "tests/support/fake_slack.hpp"

#include <condition_variable>
#include <deque>
#include <map>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "bot/core/http/form.hpp"
#include "tests/support/block_kit_rules.hpp"
#include "tests/support/loopback_server.hpp"

namespace baton::test {

using nlohmann::json;

struct FakeSlack::Impl {
  std::string token;
  std::string app_token;
  FakeSocketMode socket_mode;
  int tickets = 0;

  mutable std::mutex mutex;
  mutable std::condition_variable changed;
  std::vector<Call> calls;
  struct Failure {
    int status;
    std::optional<int> retry_after;
  };
  std::deque<Failure> failures;
  std::optional<Failure> outage;
  int hangs = 0;
  std::chrono::milliseconds silence{0};
  std::size_t hung = 0;

  // Whether this call is one to leave unanswered, and for how long.
  std::optional<std::chrono::milliseconds> hang(const std::string& method) {
    const std::lock_guard lock(mutex);
    if (hangs == 0) return std::nullopt;
    arrivals.push_back({method, std::chrono::steady_clock::now()});
    --hangs;
    ++hung;
    ++refused;
    return silence;
  }
  std::string stall_method;
  int stalls = 0;
  std::chrono::milliseconds stall_silence{0};
  // Whether this call's answer is to be held back, and for how long.
  std::optional<std::chrono::milliseconds> stall(const std::string& method) {
    const std::lock_guard lock(mutex);
    if (stalls == 0 || method != stall_method) return std::nullopt;
    --stalls;
    return stall_silence;
  }
  std::map<std::string, std::pair<std::string, std::string>> profiles;  // user -> tz, locale
  std::map<std::string, std::string> refusals;                          // method -> error
  // Each channel's messages as conversations.history gives them back, oldest first.
  struct Posted {
    std::string ts;
    std::string text;
    json metadata;
    double at = 0;  // when it arrived, in seconds since the epoch
  };
  std::map<std::string, std::vector<Posted>> history;

  // conversations.history as Slack answers it: the newest messages after `oldest` first, `limit` a page,
  // the next page's cursor in response_metadata while there are more. The fake's ts are fixed numbers
  // tests rely on, not times: `oldest` is compared with when each message arrived.
  HttpResponse read_history(const json& arguments) {
    const std::vector<Posted>& posted = history[arguments.value("channel", std::string())];
    const double oldest = std::stod(arguments.value("oldest", std::string("0")));
    std::vector<const Posted*> newest_first;
    for (auto it = posted.rbegin(); it != posted.rend(); ++it) {
      if (it->at > oldest) newest_first.push_back(&*it);
    }
    const std::size_t limit = std::stoul(arguments.value("limit", std::string("100")));
    const std::size_t from = std::stoul(arguments.value("cursor", std::string("0")));
    json messages = json::array();
    const bool metadata = arguments.value("include_all_metadata", std::string()) == "true";
    for (std::size_t i = from; i < newest_first.size() && i < from + limit; ++i) {
      json message{{"type", "message"}, {"ts", newest_first[i]->ts}, {"text", newest_first[i]->text}};
      if (metadata && !newest_first[i]->metadata.is_null()) message["metadata"] = newest_first[i]->metadata;
      messages.push_back(std::move(message));
    }
    const bool more = from + limit < newest_first.size();
    json body{{"messages", messages}, {"has_more", more}};
    if (more) body["response_metadata"] = {{"next_cursor", std::to_string(from + limit)}};
    return ok(body);
  }
  std::size_t refused = 0;
  std::vector<Arrival> arrivals;
  long next_ts = 1'700'000'000;

  std::string ts() { return std::to_string(++next_ts) + ".000100"; }

  HttpResponse ok(json body) {
    body["ok"] = true;
    return HttpResponse::json(200, body.dump());
  }
  static HttpResponse error(const std::string& code) {
    return HttpResponse::json(200, json{{"ok", false}, {"error", code}}.dump());
  }
  // As Slack answers a payload it will not take: the error, and each problem with where it is.
  HttpResponse refusal(const std::string& code, std::vector<std::string> problems) {
    invalid.insert(invalid.end(), problems.begin(), problems.end());
    return HttpResponse::json(
        200, json{{"ok", false}, {"error", code}, {"response_metadata", {{"messages", problems}}}}.dump());
  }
  std::vector<std::string> invalid;  // every problem refused so far

  HttpResponse api(const HttpRequest& request) {
    const std::string method = request.params.at("method");
    std::unique_lock lock(mutex);
    arrivals.push_back({method, std::chrono::steady_clock::now()});
    const bool let_through = !outage && !failures.empty() && failures.front().status == 0;
    if (let_through) failures.pop_front();
    if (!let_through && (outage || !failures.empty())) {
      const Failure failure = outage ? *outage : failures.front();
      if (!outage) failures.pop_front();
      ++refused;
      arrivals.back().retry_after = failure.retry_after;
      HttpResponse refusal = HttpResponse::json(failure.status, R"({"ok":false,"error":"ratelimited"})");
      if (failure.retry_after)
        refusal.headers.emplace_back("Retry-After", std::to_string(*failure.retry_after));
      return refusal;
    }
    // apps.connections.open takes the app-level token; every other method the bot token.
    const std::string& expected = method == "apps.connections.open" ? app_token : token;
    if (request.header("authorization") != "Bearer " + expected) return error("invalid_auth");
    json arguments;
    const auto type = request.header("content-type").value_or("");
    if (type.starts_with("application/json")) {
      arguments = json::parse(request.body, nullptr, false);
      if (arguments.is_discarded()) return error("invalid_json");
    } else if (const auto form = Form::parse(request.body)) {
      arguments = json::object();
      for (const char* key : {"user", "channel", "users", "include_locale", "oldest", "limit", "cursor",
                              "include_all_metadata"}) {
        if (const auto value = form->first(key)) arguments[key] = *value;
      }
    }
    const std::string channel = arguments.value("channel", std::string());
    if (channel.starts_with("C404")) return error("channel_not_found");
    calls.push_back({method, arguments, request.path, {}});
    changed.notify_all();
    if (const auto refusal = refusals.find(method); refusal != refusals.end()) return error(refusal->second);

    // What Slack refuses in blocks, refused here too: a test passes only with payloads Slack takes.
    if (method == "chat.postMessage" || method == "chat.postEphemeral" || method == "chat.update") {
      if (auto problems = message_payload_problems(arguments); !problems.empty())
        return refusal("invalid_blocks", std::move(problems));
    }
    if (method == "views.open") {
      if (auto problems = view_problems(arguments.value("view", json())); !problems.empty())
        return refusal("invalid_arguments", std::move(problems));
    }
    if (method == "chat.postMessage") {
      if (channel.empty()) return error("channel_not_found");
      calls.back().ts = ts();  // under the lock still: nobody has read the call yet
      const auto arrived = std::chrono::system_clock::now().time_since_epoch();
      history[channel].push_back({calls.back().ts, arguments.value("text", ""),
                                  arguments.value("metadata", json()),
                                  std::chrono::duration<double>(arrived).count()});
      return ok({{"channel", channel},
                 {"ts", calls.back().ts},
                 {"message", {{"text", arguments.value("text", "")}}}});
    }
    if (method == "chat.postEphemeral") return ok({{"message_ts", ts()}});
    if (method == "chat.update") {
      return ok(
          {{"channel", channel}, {"ts", arguments.value("ts", "")}, {"text", arguments.value("text", "")}});
    }
    if (method == "conversations.open")
      return ok({{"channel", {{"id", "D" + arguments.value("users", "X")}}}});
    if (method == "users.info") {
      const std::string user = arguments.value("user", "");
      const auto known = profiles.find(user);
      const auto [tz, locale] = known != profiles.end()
                                    ? known->second
                                    : std::pair<std::string, std::string>{"Europe/Paris", "en-US"};
      json profile{{"id", user}, {"tz", tz}};
      // As Slack: the locale only when asked for.
      if (arguments.value("include_locale", "") == "true") profile["locale"] = locale;
      return ok({{"user", profile}});
    }
    if (method == "conversations.history") return read_history(arguments);
    if (method == "views.open") return ok({{"view", {{"id", "V0001"}}}});
    if (method == "apps.connections.open") return ok({{"url", socket_mode.url(++tickets)}});
    return error("unknown_method");
  }

  HttpResponse hook(const HttpRequest& request) {
    std::unique_lock lock(mutex);
    const json payload = json::parse(request.body, nullptr, false);
    calls.push_back({"response_url", payload, request.path, {}});
    changed.notify_all();
    if (auto problems = message_payload_problems(payload); !problems.empty()) {
      invalid.insert(invalid.end(), problems.begin(), problems.end());
      return HttpResponse::text(400, "invalid_blocks");
    }
    return HttpResponse::text(200, "ok");
  }

  // Last: destroyed first, so its handlers never outlive the state above.
  LoopbackServer server{[] {
    ServerConfig config;
    config.body_limit = std::size_t{1024} * 1024;
    return config;
  }()};
};

FakeSlack::FakeSlack(std::string bot_token, std::string app_token) : impl_(std::make_unique<Impl>()) {
  impl_->token = std::move(bot_token);
  impl_->app_token = std::move(app_token);
  Impl& impl = *impl_;
  impl.server.router().add(
      "POST", "/api/{method}", [&impl](HttpRequest& r, const Log&) -> boost::asio::awaitable<HttpResponse> {
        if (const auto silence = impl.hang(r.params.at("method"))) {
          // Waits on the server's own executor: the other connections are still answered meanwhile.
          boost::asio::steady_timer quiet(co_await boost::asio::this_coro::executor, *silence);
          co_await quiet.async_wait(boost::asio::as_tuple(boost::asio::use_awaitable));
          co_return HttpResponse::json(503, R"({"ok":false,"error":"hung"})");
        }
        HttpResponse response = impl.api(r);
        if (const auto silence = impl.stall(r.params.at("method"))) {
          boost::asio::steady_timer quiet(co_await boost::asio::this_coro::executor, *silence);
          co_await quiet.async_wait(boost::asio::as_tuple(boost::asio::use_awaitable));
        }
        co_return response;
      });
  // Shaped like Slack's: https://hooks.slack.com/commands/<team>/<number>/<secret>
  impl.server.router().add("POST", "/hooks/commands/{team}/{number}/{id}",
                           [&impl](HttpRequest& r, const Log&) -> boost::asio::awaitable<HttpResponse> {
                             co_return impl.hook(r);
                           });
  impl.server.start();
}

FakeSlack::~FakeSlack() = default;

int FakeSlack::port() const {
  return impl_->server.port();
}
std::string FakeSlack::api_base_url() const {
  return impl_->server.url("/api");
}
std::string FakeSlack::response_url(const std::string& id) const {
  return impl_->server.url("/hooks/commands/T0TEST/1234/" + id);
}

void FakeSlack::fail_next(int count, int status, std::optional<int> retry_after_seconds) {
  const std::lock_guard lock(impl_->mutex);
  for (int i = 0; i < count; ++i)
    impl_->failures.push_back({status, retry_after_seconds});
}

void FakeSlack::let_through(int count) {
  const std::lock_guard lock(impl_->mutex);
  for (int i = 0; i < count; ++i)
    impl_->failures.push_back({0, std::nullopt});
}

std::vector<FakeSlack::Arrival> FakeSlack::arrivals() const {
  const std::lock_guard lock(impl_->mutex);
  return impl_->arrivals;
}

void FakeSlack::hang_next(int count, std::chrono::milliseconds silence) {
  const std::lock_guard lock(impl_->mutex);
  impl_->hangs = count;
  impl_->silence = silence;
}

void FakeSlack::stall_next(const std::string& method, int count, std::chrono::milliseconds silence) {
  const std::lock_guard lock(impl_->mutex);
  impl_->stall_method = method;
  impl_->stalls = count;
  impl_->stall_silence = silence;
}

std::size_t FakeSlack::hung() const {
  const std::lock_guard lock(impl_->mutex);
  return impl_->hung;
}

void FakeSlack::start_outage(int status, std::optional<int> retry_after_seconds) {
  const std::lock_guard lock(impl_->mutex);
  impl_->outage = Impl::Failure{status, retry_after_seconds};
}

void FakeSlack::end_outage() {
  const std::lock_guard lock(impl_->mutex);
  impl_->outage.reset();
}

std::vector<FakeSlack::Call> FakeSlack::calls() const {
  const std::lock_guard lock(impl_->mutex);
  return impl_->calls;
}

std::vector<FakeSlack::Call> FakeSlack::calls(const std::string& method) const {
  std::vector<Call> out;
  for (const Call& call : calls()) {
    if (call.method == method) out.push_back(call);
  }
  return out;
}

std::vector<std::string> FakeSlack::texts_in(const std::string& channel) const {
  std::vector<std::string> out;
  for (const Call& call : calls("chat.postMessage")) {
    if (call.arguments.value("channel", "") == channel) out.push_back(call.arguments.value("text", ""));
  }
  return out;
}

bool FakeSlack::wait_for(const std::string& method, std::size_t count,
                         std::chrono::milliseconds limit) const {
  std::unique_lock lock(impl_->mutex);
  return impl_->changed.wait_for(lock, limit, [&] {
    return static_cast<std::size_t>(std::count_if(impl_->calls.begin(), impl_->calls.end(),
                                                  [&](const Call& c) { return c.method == method; })) >=
           count;
  });
}

FakeSocketMode& FakeSlack::socket_mode() {
  return impl_->socket_mode;
}

void FakeSlack::refuse(const std::string& method, const std::string& error) {
  const std::lock_guard lock(impl_->mutex);
  if (error.empty()) {
    impl_->refusals.erase(method);
  } else {
    impl_->refusals[method] = error;
  }
}

void FakeSlack::set_profile(const std::string& user, const std::string& tz, const std::string& locale) {
  const std::lock_guard lock(impl_->mutex);
  impl_->profiles[user] = {tz, locale};
}

std::vector<std::string> FakeSlack::invalid_payloads() const {
  const std::lock_guard lock(impl_->mutex);
  return impl_->invalid;
}

std::size_t FakeSlack::refused() const {
  const std::lock_guard lock(impl_->mutex);
  return impl_->refused;
}

}  // namespace baton::test
