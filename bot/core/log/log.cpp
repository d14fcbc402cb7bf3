// baton builds each whole line itself, time included, so the format is the same whatever the sink and
// every value passes through redaction; a sink only writes the line under its lock. Lines at warn and
// above are flushed at once, so an error is on disk before whatever follows it.
#include "bot/core/log/log.hpp"

#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <system_error>

#include "bot/core/clock/iso8601.hpp"
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

std::string value_text(const LogValue& v) {
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
  const bool secret = is_secret_field(key);
  const bool is_text = secret || std::holds_alternative<std::string>(v.value);
  const std::string text = secret ? std::string("[redacted]") : value_text(v);
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
  LogFormat format;
  LogLevel level;
  std::mutex mutex;      // one line at a time, whole
  std::FILE* file;       // stderr, an opened file, or null for a stream or nothing
  bool owns_file;        // fclose on the way out
  std::ostream* stream;  // a test's

  Sink(LogFormat f, LogLevel l, std::FILE* out, bool owns, std::ostream* to)
      : format(f), level(l), file(out), owns_file(owns), stream(to) {}
  Sink(const Sink&) = delete;
  Sink& operator=(const Sink&) = delete;
  ~Sink() {
    if (owns_file) (void)std::fclose(file);
  }

  void put(std::string_view line, bool flush_now) {
    const std::lock_guard lock(mutex);
    if (file) {
      (void)std::fwrite(line.data(), 1, line.size(), file);
      if (flush_now) (void)std::fflush(file);
    } else if (stream) {
      stream->write(line.data(), static_cast<std::streamsize>(line.size()));
      if (flush_now) stream->flush();
    }
  }

  void flush() {
    const std::lock_guard lock(mutex);
    if (file) (void)std::fflush(file);
    if (stream) stream->flush();
  }
};

Log::Log(std::shared_ptr<Sink> sink, std::vector<std::pair<std::string, LogValue>> context)
    : sink_(std::move(sink)), context_(std::move(context)) {}

Log Log::to_stderr(LogFormat format, LogLevel level) {
  return Log(std::make_shared<Sink>(format, level, stderr, false, nullptr), {});
}

Log Log::to_file(const std::string& path, LogFormat format, LogLevel level) {
  const std::filesystem::path parent = std::filesystem::path(path).parent_path();
  std::error_code ignored;  // a directory that cannot be made shows as the open's own error below
  if (!parent.empty()) std::filesystem::create_directories(parent, ignored);
  std::FILE* file = std::fopen(path.c_str(), "ae");  // append; not inherited by child processes
  if (!file) throw std::runtime_error(std::error_code(errno, std::generic_category()).message());
  return Log(std::make_shared<Sink>(format, level, file, true, nullptr), {});
}

Log Log::to_stream(std::ostream& stream, LogFormat format, LogLevel level) {
  return Log(std::make_shared<Sink>(format, level, nullptr, false, &stream), {});
}

Log Log::discard() {
  return Log(std::make_shared<Sink>(LogFormat::json, LogLevel::error, nullptr, false, nullptr), {});
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
  sink_->flush();
}

void Log::write(LogLevel level, std::string_view event, std::initializer_list<LogField> fields) const {
  if (!enabled(level)) return;
  // The time is the system's, not baton's clock: a log says when things happened on this machine.
  const std::string stamp = iso8601(std::chrono::system_clock::now());
  std::string line;
  line.reserve(192);
  if (sink_->format == LogFormat::json) {
    line += "{\"ts\":\"";
    line += stamp;
    line += "\",\"level\":";
    append_json_string(line, level_name(level));
    line += ",\"event\":";
    append_json_string(line, redact(event));
  } else {
    line += "ts=";
    line += stamp;
    line += " level=";
    line += level_name(level);
    line += " event=";
    append_logfmt_string(line, redact(event));
  }
  for (const auto& [key, value] : context_)
    append_field(line, sink_->format, key, value);
  for (const auto& [key, value] : fields)
    append_field(line, sink_->format, key, value);
  line += sink_->format == LogFormat::json ? "}\n" : "\n";
  sink_->put(line, level >= LogLevel::warn);
}

}  // namespace baton
