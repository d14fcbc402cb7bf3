// `baton console`: reads lines from standard input as messages typed by one member, runs them through
// the command layer, and prints baton's answers through the console platform. Like Hubot's shell adapter.
//   /baton <command>   a command typed in #console
//   <anything else>    a direct message to baton
//   /as <member>       continue as another member (to try roles and languages)
//   /click <button>    click a button of the last message, by its label or its number
//   /quit              end the session (as does end of input)
#pragma once

#include <atomic>
#include <functional>
#include <string>
#include <thread>

#include <boost/asio/io_context.hpp>

#include "bot/core/commands/command_layer.hpp"
#include "integrations/console/console_platform.hpp"

namespace baton::console {

class ConsoleSession {
 public:
  struct Options {
    int input_fd = 0;          // standard input
    std::string user;          // the member typing
    bool interactive = false;  // a terminal: show a banner and a prompt
  };

  ConsoleSession(boost::asio::io_context& io, CommandLayer& commands, const OrgMap& org,
                 ConsolePlatform& platform, Log log, Options options);
  ~ConsoleSession();
  ConsoleSession(const ConsoleSession&) = delete;
  ConsoleSession& operator=(const ConsoleSession&) = delete;

  // Starts reading. `on_end` runs on the io_context once input ends and every line read has been
  // answered.
  void start(std::function<void()> on_end);
  // Stops reading (shutdown by signal); lines already read are still answered.
  void stop();

  // A line longer than this is refused rather than read into memory without bound.
  static constexpr std::size_t kMaxLineLength = std::size_t{64} * 1024;

 private:
  void read_loop(std::function<void()> on_end);
  boost::asio::awaitable<void> handle_line(std::string line);
  boost::asio::awaitable<void> click(std::string which);
  boost::asio::awaitable<void> show(const Destination& to, const Message& message);
  void prompt();
  void refuse_long_line();

  boost::asio::io_context& io_;
  CommandLayer& commands_;
  const OrgMap& org_;
  ConsolePlatform& platform_;
  Log log_;
  Options options_;
  std::string user_;
  std::vector<Button> last_buttons_;  // of the last message shown, for /click
  int wake_pipe_[2] = {-1, -1};
  std::atomic<bool> stopping_{false};
  std::thread reader_;
};

}  // namespace baton::console
