// Starting the real baton binary from a test: arguments, environment, standard input, and everything it
// prints collected as it comes, so a test can wait for a log line, send a signal and read the exit status.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <sys/types.h>

namespace baton::test {

class Process {
 public:
  // Starts `binary` with `args`. `env` entries are added to (or replace those of) the test's environment.
  Process(const std::string& binary, const std::vector<std::string>& args,
          const std::map<std::string, std::string>& env = {});
  ~Process();  // kills the process if it still runs
  Process(const Process&) = delete;
  Process& operator=(const Process&) = delete;

  void write_stdin(const std::string& text);
  void close_stdin();
  void signal(int number);
  pid_t pid() const { return pid_; }

  // The exit status once the process ends within `limit` (128 + signal number when killed by one).
  std::optional<int> wait(std::chrono::milliseconds limit = std::chrono::seconds(30));

  std::string out() const;
  std::string err() const;
  // Waits until standard error holds `text`; false after `limit`.
  bool wait_for_err(const std::string& text, std::chrono::milliseconds limit = std::chrono::seconds(30));
  bool wait_for_out(const std::string& text, std::chrono::milliseconds limit = std::chrono::seconds(30));

 private:
  void reader(int fd, std::string& into);
  bool wait_for(const std::string& text, const std::string& in, std::chrono::milliseconds limit);

  pid_t pid_ = -1;
  int stdin_fd_ = -1;
  std::optional<int> status_;
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::string out_;
  std::string err_;
  std::thread out_reader_;
  std::thread err_reader_;
};

// The port baton says it listens on, from its "listening" log line (it is started with port 0).
int listening_port(Process& process);

// Runs the binary to completion with `input` on standard input.
struct Completed {
  int status = -1;
  std::string out;
  std::string err;
};
Completed run_to_end(const std::string& binary, const std::vector<std::string>& args,
                     const std::string& input = {}, const std::map<std::string, std::string>& env = {});

}  // namespace baton::test
