// spdlog carries the lines to their sink (thread-safe, flushed on errors); baton builds the line itself,
// so the format is the same whatever the sink and every value passes through redaction.
#include "bot/core/log/log.hpp"

#include <chrono>
#include <cstdio>
#include <optional>

#include <spdlog/formatter.h>
#include <spdlog/logger.h>
#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/null_sink.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/sinks/stdout_sinks.h>

#include "bot/core/log/redact.hpp"
#include "bot/core/text/json_text.hpp"

namespace baton {
namespace {

std::string_view level_name(LogLevel level) {
  switch (level) {
    case LogLevel::debug:
      return "debug";
    case LogLevel::info:
      return "info";
    case LogLevel::warn:
      return "warn";
    case LogLevel::error:
      return "error";
  }
  return "info";
}

spdlog::level::level_enum to_spdlog(LogLevel level) {
  switch (level) {
    case LogLevel::debug:
      return spdlog::level::debug;
    case LogLevel::info:
      return spdlog::level::info;
    case LogLevel::warn:
      return spdlog::level::warn;
    case LogLevel::error:
      return spdlog::level::err;
  }
  return spdlog::level::info;
}

void append_logfmt_string(std::string& out, std::string_view text) {
  const bool needs_quotes = text.empty() || text.find_first_of(" =\"\\\n\r\t") != std::string_view::npos;
  if (!needs_quotes) {
    out += text;
    return;
  }
  out += '"';
  for (char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else {
      out += c;
    }
  }
  out += '"';
}

std::string value_text(std::string_view key, const LogValue& v) {
  if (is_secret_field(key)) return "[redacted]";
  if (const auto* s = std::get_if<std::string>(&v.value)) return redact(*s);
  if (const auto* i = std::get_if<std::int64_t>(&v.value)) return std::to_string(*i);
  if (const auto* d = std::get_if<double>(&v.value)) {
    char buf[32];
    (void)std::snprintf(buf, sizeof buf, "%.6g", *d);
    return buf;
  }
  return std::get<bool>(v.value) ? "true" : "false";
}

void append_field(std::string& out, LogFormat format, std::string_view key, const LogValue& v) {
  const bool is_text = std::holds_alternative<std::string>(v.value) || is_secret_field(key);
  const std::string text = value_text(key, v);
  if (format == LogFormat::json) {
    out += ',';
    append_json_string(out, key);
    out += ':';
    if (is_text) {
      append_json_string(out, text);
    } else {
      out += text;
    }
  } else {
    out += ' ';
    out += key;
    out += '=';
    append_logfmt_string(out, text);
  }
}

// Prefixes each line with its time; the rest of the line is already built.
class TimestampFormatter final : public spdlog::formatter {
 public:
  explicit TimestampFormatter(LogFormat format) : format_(format) {}
  void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override {
    const auto ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(msg.time.time_since_epoch()).count();
    const std::time_t seconds = static_cast<std::time_t>(ms / 1000);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char stamp[96];
    (void)std::snprintf(stamp, sizeof stamp, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900,
                        utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec,
                        static_cast<int>(ms % 1000));
    const std::string_view payload(msg.payload.data(), msg.payload.size());
    if (format_ == LogFormat::json) {
      dest.append(std::string_view("{\"ts\":\""));
      dest.append(std::string_view(stamp));
      dest.append(std::string_view("\","));
      dest.append(payload);
      dest.append(std::string_view("}\n"));
    } else {
      dest.append(std::string_view("ts="));
      dest.append(std::string_view(stamp));
      dest.append(std::string_view(" "));
      dest.append(payload);
      dest.append(std::string_view("\n"));
    }
  }
  std::unique_ptr<spdlog::formatter> clone() const override {
    return std::make_unique<TimestampFormatter>(format_);
  }

 private:
  LogFormat format_;
};

}  // namespace

std::optional<LogLevel> parse_log_level(std::string_view text) {
  if (text == "debug") return LogLevel::debug;
  if (text == "info") return LogLevel::info;
  if (text == "warn") return LogLevel::warn;
  if (text == "error") return LogLevel::error;
  return std::nullopt;
}

std::optional<LogFormat> parse_log_format(std::string_view text) {
  if (text == "json") return LogFormat::json;
  if (text == "logfmt") return LogFormat::logfmt;
  return std::nullopt;
}

struct Log::Sink {
  std::shared_ptr<spdlog::logger> logger;
  LogFormat format;
  LogLevel level;
};

namespace {
std::shared_ptr<spdlog::logger> make_logger(spdlog::sink_ptr sink, LogFormat format, LogLevel level) {
  auto logger = std::make_shared<spdlog::logger>("baton", std::move(sink));
  logger->set_formatter(std::make_unique<TimestampFormatter>(format));
  logger->set_level(to_spdlog(level));
  logger->flush_on(spdlog::level::warn);
  return logger;
}
}  // namespace

Log::Log(std::shared_ptr<Sink> sink, std::vector<std::pair<std::string, LogValue>> context)
    : sink_(std::move(sink)), context_(std::move(context)) {}

Log Log::to_stderr(LogFormat format, LogLevel level) {
  auto sink = std::make_shared<spdlog::sinks::stderr_sink_mt>();
  return Log(std::make_shared<Sink>(Sink{make_logger(sink, format, level), format, level}), {});
}

Log Log::to_file(const std::string& path, LogFormat format, LogLevel level) {
  auto sink = std::make_shared<spdlog::sinks::basic_file_sink_mt>(path, false);
  return Log(std::make_shared<Sink>(Sink{make_logger(sink, format, level), format, level}), {});
}

Log Log::to_stream(std::ostream& stream, LogFormat format, LogLevel level) {
  auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(stream, true);
  return Log(std::make_shared<Sink>(Sink{make_logger(sink, format, level), format, level}), {});
}

Log Log::discard() {
  auto sink = std::make_shared<spdlog::sinks::null_sink_mt>();
  return Log(std::make_shared<Sink>(
                 Sink{make_logger(sink, LogFormat::json, LogLevel::error), LogFormat::json, LogLevel::error}),
             {});
}

bool Log::enabled(LogLevel level) const {
  return static_cast<int>(level) >= static_cast<int>(sink_->level);
}

void Log::debug(std::string_view event, std::initializer_list<LogField> fields) const {
  write(LogLevel::debug, event, fields);
}
void Log::info(std::string_view event, std::initializer_list<LogField> fields) const {
  write(LogLevel::info, event, fields);
}
void Log::warn(std::string_view event, std::initializer_list<LogField> fields) const {
  write(LogLevel::warn, event, fields);
}
void Log::error(std::string_view event, std::initializer_list<LogField> fields) const {
  write(LogLevel::error, event, fields);
}

Log Log::with(std::initializer_list<LogField> fields) const {
  auto context = context_;
  for (const auto& [key, value] : fields)
    context.emplace_back(std::string(key), value);
  return Log(sink_, std::move(context));
}

void Log::flush() const {
  sink_->logger->flush();
}

void Log::write(LogLevel level, std::string_view event, std::initializer_list<LogField> fields) const {
  if (!enabled(level)) return;
  std::string line;
  line.reserve(160);
  if (sink_->format == LogFormat::json) {
    line += "\"level\":";
    append_json_string(line, level_name(level));
    line += ",\"event\":";
    append_json_string(line, redact(event));
  } else {
    line += "level=";
    line += level_name(level);
    line += " event=";
    append_logfmt_string(line, redact(event));
  }
  for (const auto& [key, value] : context_)
    append_field(line, sink_->format, key, value);
  for (const auto& [key, value] : fields)
    append_field(line, sink_->format, key, value);
  sink_->logger->log(to_spdlog(level), std::string_view(line));
}

}  // namespace baton
