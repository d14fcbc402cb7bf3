// Structured logs: an event name and fields, written as JSON lines or logfmt, one line per event.
// A Log can carry context fields (a request id, a platform) that every line it writes repeats.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace baton {

enum class LogLevel { debug, info, warn, error };
enum class LogFormat { json, logfmt };

std::optional<LogLevel> parse_log_level(std::string_view text);
std::optional<LogFormat> parse_log_format(std::string_view text);

struct LogValue {
  std::variant<std::string, std::int64_t, double, bool> value;

  LogValue(std::string_view text) : value(std::string(text)) {}  // NOLINT: implicit by design
  LogValue(const std::string& text) : value(text) {}             // NOLINT
  LogValue(const char* text) : value(std::string(text)) {}       // NOLINT
  LogValue(bool flag) : value(flag) {}                           // NOLINT
  LogValue(double number) : value(number) {}                     // NOLINT
  template <typename Integer>
  requires(std::is_integral_v<Integer> && !std::is_same_v<Integer, bool>) LogValue(Integer number)
      : value(static_cast<std::int64_t>(number)) {}  // NOLINT
};

using LogField = std::pair<std::string_view, LogValue>;

class Log {
 public:
  // Writes to standard error.
  static Log to_stderr(LogFormat format, LogLevel level);
  // Appends to a file (created if missing).
  static Log to_file(const std::string& path, LogFormat format, LogLevel level);
  // Writes to a stream the caller keeps alive: tests read what was logged.
  static Log to_stream(std::ostream& stream, LogFormat format, LogLevel level);
  // Drops everything: for tools and tests that do not care.
  static Log discard();

  void debug(std::string_view event, std::initializer_list<LogField> fields = {}) const;
  void info(std::string_view event, std::initializer_list<LogField> fields = {}) const;
  void warn(std::string_view event, std::initializer_list<LogField> fields = {}) const;
  void error(std::string_view event, std::initializer_list<LogField> fields = {}) const;
  bool enabled(LogLevel level) const;

  // A Log whose lines also carry these fields.
  Log with(std::initializer_list<LogField> fields) const;

  void flush() const;

 private:
  struct Sink;
  Log(std::shared_ptr<Sink> sink, std::vector<std::pair<std::string, LogValue>> context);
  void write(LogLevel level, std::string_view event, std::initializer_list<LogField> fields) const;

  std::shared_ptr<Sink> sink_;
  std::vector<std::pair<std::string, LogValue>> context_;
};

}  // namespace baton
