#include "tests/support/process.hpp"

#include <cstring>
#include <regex>
#include <stdexcept>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;  // NOLINT: POSIX

namespace baton::test {

Process::Process(const std::string& binary, const std::vector<std::string>& args,
                 const std::map<std::string, std::string>& env) {
  int in[2];
  int out[2];
  int err[2];
  if (::pipe2(in, O_CLOEXEC) != 0 || ::pipe2(out, O_CLOEXEC) != 0 || ::pipe2(err, O_CLOEXEC) != 0) {
    throw std::runtime_error("pipe failed");
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in[0], 0);
  posix_spawn_file_actions_adddup2(&actions, out[1], 1);
  posix_spawn_file_actions_adddup2(&actions, err[1], 2);
  // Nothing else of the test process: its fake servers' listening sockets must not live on in baton.
  posix_spawn_file_actions_addclosefrom_np(&actions, 3);

  std::vector<std::string> argv_text{binary};
  argv_text.insert(argv_text.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_text)
    argv.push_back(a.data());
  argv.push_back(nullptr);

  std::map<std::string, std::string> merged;
  for (char** e = environ; *e != nullptr; ++e) {
    const std::string entry(*e);
    const auto eq = entry.find('=');
    if (eq != std::string::npos) merged[entry.substr(0, eq)] = entry.substr(eq + 1);
  }
  for (const auto& [k, v] : env)
    merged[k] = v;
  std::vector<std::string> env_text;
  for (const auto& [k, v] : merged)
    env_text.push_back(k + "=" + v);
  std::vector<char*> envp;
  for (auto& e : env_text)
    envp.push_back(e.data());
  envp.push_back(nullptr);

  const int code = ::posix_spawn(&pid_, binary.c_str(), &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  ::close(in[0]);
  ::close(out[1]);
  ::close(err[1]);
  if (code != 0) throw std::runtime_error("cannot start " + binary + ": " + std::strerror(code));
  stdin_fd_ = in[1];
  out_reader_ = std::thread([this, fd = out[0]] { reader(fd, out_); });
  err_reader_ = std::thread([this, fd = err[0]] { reader(fd, err_); });
}

Process::~Process() {
  if (!status_) {
    ::kill(pid_, SIGKILL);
    wait(std::chrono::seconds(10));
  }
  close_stdin();
  if (out_reader_.joinable()) out_reader_.join();
  if (err_reader_.joinable()) err_reader_.join();
}

void Process::reader(int fd, std::string& into) {
  char chunk[4096];
  for (;;) {
    const ssize_t n = ::read(fd, chunk, sizeof chunk);
    if (n <= 0) break;
    const std::lock_guard lock(mutex_);
    into.append(chunk, static_cast<std::size_t>(n));
    changed_.notify_all();
  }
  ::close(fd);
}

void Process::write_stdin(const std::string& text) {
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(stdin_fd_, text.data() + done, text.size() - done);
    if (n <= 0) throw std::runtime_error("writing to the process failed");
    done += static_cast<std::size_t>(n);
  }
}

void Process::close_stdin() {
  if (stdin_fd_ >= 0) {
    ::close(stdin_fd_);
    stdin_fd_ = -1;
  }
}

void Process::signal(int number) {
  ::kill(pid_, number);
}

std::optional<int> Process::wait(std::chrono::milliseconds limit) {
  if (status_) return status_;
  const auto deadline = std::chrono::steady_clock::now() + limit;
  for (;;) {
    int raw = 0;
    const pid_t done = ::waitpid(pid_, &raw, WNOHANG);
    if (done == pid_) {
      status_ = WIFEXITED(raw) ? WEXITSTATUS(raw) : 128 + WTERMSIG(raw);
      // Its output ends with it: once the readers reach end of file, out() and err() are complete.
      if (out_reader_.joinable()) out_reader_.join();
      if (err_reader_.joinable()) err_reader_.join();
      return status_;
    }
    if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

std::string Process::out() const {
  const std::lock_guard lock(mutex_);
  return out_;
}

std::string Process::err() const {
  const std::lock_guard lock(mutex_);
  return err_;
}

bool Process::wait_for(const std::string& text, const std::string& in, std::chrono::milliseconds limit) {
  std::unique_lock lock(mutex_);
  return changed_.wait_for(lock, limit, [&] { return in.find(text) != std::string::npos; });
}

bool Process::wait_for_err(const std::string& text, std::chrono::milliseconds limit) {
  return wait_for(text, err_, limit);
}

bool Process::wait_for_out(const std::string& text, std::chrono::milliseconds limit) {
  return wait_for(text, out_, limit);
}

int listening_port(Process& process) {
  // The line is logfmt (event=listening address=127.0.0.1:41777) or JSON ("address":"127.0.0.1:41777").
  static const std::regex kPort(R"(listening"?\W+address\W+[0-9.]+:([0-9]+))");
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  std::smatch match;
  std::string err;
  while (!std::regex_search(err = process.err(), match, kPort)) {
    if (std::chrono::steady_clock::now() > deadline || process.wait(std::chrono::milliseconds(0))) {
      throw std::runtime_error("baton did not start listening; it said:\n" + process.err());
    }
    process.wait_for_err("listening", std::chrono::milliseconds(100));
  }
  return std::stoi(match[1]);
}

Completed run_to_end(const std::string& binary, const std::vector<std::string>& args,
                     const std::string& input, const std::map<std::string, std::string>& env) {
  Process process(binary, args, env);
  if (!input.empty()) process.write_stdin(input);
  process.close_stdin();
  Completed done;
  const auto status = process.wait(std::chrono::seconds(60));
  if (!status) throw std::runtime_error("the process did not end; it said:\n" + process.err());
  done.status = *status;
  done.out = process.out();
  done.err = process.err();
  return done;
}

}  // namespace baton::test
