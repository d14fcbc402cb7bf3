// Input is read on a thread of its own (a terminal or a pipe blocks; files cannot be polled by epoll),
// waiting with poll() on standard input and a wake-up pipe so stop() can interrupt it. Each line is
// answered before the next is read, so answers come out in the order the lines went in.
#include "integrations/console/console_session.hpp"

#include <cerrno>
#include <charconv>
#include <cstring>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_future.hpp>
#include <poll.h>
#include <unistd.h>

#include "bot/core/text/fold.hpp"
#include "bot/core/text/suggest.hpp"
#include "bot/core/text/utf8.hpp"
#include "bot/core/text/words.hpp"

namespace baton::console {
namespace {

constexpr std::string_view kConsoleChannel = "#console";

}  // namespace

ConsoleSession::ConsoleSession(boost::asio::io_context& io, CommandLayer& commands, const OrgMap& org,
                               ConsolePlatform& platform, Log log, Options options)
    : io_(io),
      commands_(commands),
      org_(org),
      platform_(platform),
      log_(std::move(log)),
      options_(std::move(options)),
      user_(options_.user) {
  if (::pipe(wake_pipe_) != 0)
    throw std::system_error(errno, std::generic_category(), "creating the console pipe");
}

ConsoleSession::~ConsoleSession() {
  stop();
  if (reader_.joinable()) reader_.join();
  ::close(wake_pipe_[0]);
  ::close(wake_pipe_[1]);
}

void ConsoleSession::start(std::function<void()> on_end) {
  if (options_.interactive) {
    const Member* me = org_.member(user_);
    platform_.print_note("baton console — you are " + (me ? me->name : user_) + " (" + user_ +
                         "). Type /baton help for commands; anything else is a direct message to baton.");
    platform_.print_note(
        "/as <member> to become someone else, /click <button> to click one, /quit or Ctrl-D to leave.");
  }
  // Taken here, not in the thread: the io_context must not run out of work before the thread starts.
  auto work = boost::asio::make_work_guard(io_);
  reader_ = std::thread([this, on_end = std::move(on_end), work = std::move(work)]() mutable {
    read_loop(std::move(on_end));
    work.reset();
  });
}

void ConsoleSession::stop() {
  if (stopping_.exchange(true)) return;
  const char byte = 1;
  [[maybe_unused]] const auto written = ::write(wake_pipe_[1], &byte, 1);
}

void ConsoleSession::prompt() {
  if (options_.interactive) platform_.print_note(user_ + "> ", false);
}

void ConsoleSession::refuse_long_line() {
  platform_.print_note("console: that line is longer than " + std::to_string(kMaxLineLength) +
                       " bytes and was ignored");
}

void ConsoleSession::read_loop(std::function<void()> on_end) {
  std::string pending;
  bool too_long = false;
  bool input_open = true;
  prompt();
  while (input_open && !stopping_.load()) {
    pollfd fds[2] = {{options_.input_fd, POLLIN, 0}, {wake_pipe_[0], POLLIN, 0}};
    if (::poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      log_.error("console input failed", {{"error", std::system_category().message(errno)}});
      break;
    }
    if ((fds[1].revents & POLLIN) != 0) break;
    char buffer[4096];
    const ssize_t n = ::read(options_.input_fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      input_open = false;  // end of input (or an error, which ends it the same way)
      if (!pending.empty() && !too_long) pending += '\n';
    } else {
      pending.append(buffer, static_cast<std::size_t>(n));
    }
    for (std::size_t nl = pending.find('\n'); nl != std::string::npos && !stopping_.load();
         nl = pending.find('\n')) {
      std::string line = pending.substr(0, nl);
      pending.erase(0, nl + 1);
      if (too_long || line.size() > kMaxLineLength) {
        if (!too_long) refuse_long_line();
        too_long = false;  // the end of the refused line
        continue;
      }
      if (!line.empty() && line.back() == '\r') line.pop_back();
      // Answer before reading on: the future waits for the coroutine on the io_context.
      boost::asio::co_spawn(io_, handle_line(std::move(line)), boost::asio::use_future).get();
      prompt();
    }
    if (!too_long && pending.size() > kMaxLineLength) {
      refuse_long_line();
      too_long = true;
    }
    if (too_long) pending.clear();  // the rest of a refused line, up to its newline, is dropped as it comes
  }
  boost::asio::post(io_, std::move(on_end));
}

boost::asio::awaitable<void> ConsoleSession::handle_line(std::string raw) {
  // A terminal in another encoding (Latin-1) sends bytes that are not UTF-8.
  const std::string line = trimmed(valid_utf8(raw));
  if (line.empty()) co_return;

  Inbound inbound;
  inbound.platform = Platform::console;
  inbound.user_id = user_;
  Destination to;
  to.member = user_;
  to.user_id = user_;

  if (line == "/baton" || line.starts_with("/baton ")) {
    inbound.channel = std::string(kConsoleChannel);
    inbound.text = line.substr(6);
    to.channel = inbound.channel;
  } else if (line.starts_with("/as")) {
    const std::string who = trimmed(line.substr(3));
    if (org_.member(who) != nullptr) {
      user_ = who;
      platform_.print_note("console: you are now " + org_.member(who)->name + " (" + who + ")");
    } else {
      std::vector<std::string> keys;
      for (const Member& m : org_.members())
        keys.push_back(m.key);
      const auto suggestion = closest(who, keys);
      platform_.print_note(
          "console: no member " + (who.empty() ? std::string("given") : "\"" + who + "\"") +
          (suggestion ? "; did you mean " + *suggestion + "?" : "; members are listed by /baton team"));
    }
    co_return;
  } else if (line.starts_with("/click")) {
    co_await click(trimmed(line.substr(6)));
    co_return;
  } else if (line == "/quit" || line == "/exit") {
    stop();
    co_return;
  } else if (line.starts_with('/')) {
    platform_.print_note(
        "console: commands start with /baton (try /baton help); /as <member> and /quit are the "
        "console's own");
    co_return;
  } else {
    inbound.text = line;
    inbound.direct = true;
  }

  const Reply reply = co_await commands_.handle(inbound);
  if (inbound.direct) {
    to.kind = Destination::Kind::member;
  } else {
    to.kind = reply.visibility == Visibility::ephemeral ? Destination::Kind::member_in_channel
                                                        : Destination::Kind::channel;
  }
  co_await show(to, reply.message);
}

boost::asio::awaitable<void> ConsoleSession::show(const Destination& to, const Message& message) {
  last_buttons_.clear();
  for (const Block& block : message.blocks) {
    if (const auto* actions = std::get_if<Actions>(&block)) {
      last_buttons_.insert(last_buttons_.end(), actions->buttons.begin(), actions->buttons.end());
    }
  }
  // Named first: g++ 12 miscompiles a braced temporary inside a co_await expression.
  const DeliveryAttempt shown_now;
  const DeliveryResult result = co_await platform_.deliver(to, message, shown_now);
  if (!result.delivered) log_.warn("console output failed", {{"error", result.error}});
}

boost::asio::awaitable<void> ConsoleSession::click(std::string which) {
  const Button* chosen = nullptr;
  std::size_t number = 0;
  const auto [end, ec] = std::from_chars(which.data(), which.data() + which.size(), number);
  if (ec == std::errc{} && end == which.data() + which.size() && number >= 1 &&
      number <= last_buttons_.size()) {
    chosen = &last_buttons_[number - 1];
  }
  for (const Button& button : last_buttons_) {
    if (chosen == nullptr && fold(button.label) == fold(which)) chosen = &button;
  }
  if (chosen == nullptr) {
    std::string labels;
    for (const Button& button : last_buttons_)
      labels += (labels.empty() ? "" : ", ") + button.label;
    platform_.print_note(last_buttons_.empty()
                             ? "console: the last message has no buttons"
                             : "console: no button \"" + which + "\"; the buttons are: " + labels);
    co_return;
  }
  Click click;
  click.platform = Platform::console;
  click.user_id = user_;
  click.channel = std::string(kConsoleChannel);
  click.action_id = chosen->action_id;
  click.value = chosen->value;
  ClickReply reply = co_await commands_.click(click);
  Destination to;
  to.channel = click.channel;
  to.member = user_;
  if (reply.replacement) {
    to.kind = Destination::Kind::update;
    co_await show(to, *reply.replacement);
  }
  // The console shows no dialogs: the aside says what to type instead.
  if (reply.aside) {
    to.kind = Destination::Kind::member_in_channel;
    co_await show(to, *reply.aside);
  }
}

}  // namespace baton::console
