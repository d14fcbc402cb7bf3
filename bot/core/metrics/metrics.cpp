// Text exposition format 0.0.4: # HELP, # TYPE, then one sample per line; label values escaped.
#include "bot/core/metrics/metrics.hpp"

#include <cmath>
#include <sstream>
#include <stdexcept>

namespace baton {
namespace {

void add_atomic(std::atomic<double>& target, double amount) {
  double current = target.load(std::memory_order_relaxed);
  while (!target.compare_exchange_weak(current, current + amount, std::memory_order_relaxed)) {
  }
}

std::string escape_label_value(const std::string& value) {
  std::string out;
  for (char c : value) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

std::string format_number(double value) {
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  if (std::isnan(value)) return "NaN";
  std::ostringstream out;
  out.precision(15);
  out << value;
  return out.str();
}

std::string label_text(const Labels& labels, const std::string& extra_name = {},
                       const std::string& extra = {}) {
  if (labels.empty() && extra_name.empty()) return {};
  std::string out = "{";
  bool first = true;
  for (const auto& [name, value] : labels) {
    if (!first) out += ',';
    out += name + "=\"" + escape_label_value(value) + '"';
    first = false;
  }
  if (!extra_name.empty()) {
    if (!first) out += ',';
    out += extra_name + "=\"" + extra + '"';
  }
  return out + "}";
}

}  // namespace

void Counter::add(double amount) {
  if (amount < 0) throw std::invalid_argument("a counter only goes up");
  add_atomic(value_, amount);
}

void Gauge::add(double amount) {
  add_atomic(value_, amount);
}

Histogram::Histogram(std::vector<double> upper_bounds)
    : bounds_(std::move(upper_bounds)), counts_(bounds_.size() + 1, 0) {}

void Histogram::observe(double value) {
  std::size_t bucket = 0;
  while (bucket < bounds_.size() && value > bounds_[bucket])
    ++bucket;
  const std::lock_guard lock(mutex_);
  ++counts_[bucket];
  sum_ += value;
}

Histogram::Snapshot Histogram::snapshot() const {
  Snapshot snap;
  snap.upper_bounds = bounds_;
  const std::lock_guard lock(mutex_);
  std::uint64_t running = 0;
  for (std::uint64_t c : counts_) {
    running += c;
    snap.cumulative.push_back(running);
  }
  snap.sum = sum_;
  snap.count = running;
  return snap;
}

Metrics::Family& Metrics::family(const std::string& name, const std::string& help, Kind kind) {
  auto [it, inserted] = families_.try_emplace(name, Family{kind, help, {}, {}, {}});
  if (!inserted && it->second.kind != kind) {
    throw std::logic_error("metric " + name + " registered twice with different types");
  }
  return it->second;
}

Counter& Metrics::counter(const std::string& name, const std::string& help, const Labels& labels) {
  const std::lock_guard lock(mutex_);
  auto& slot = family(name, help, Kind::counter).counters[labels];
  if (!slot) slot = std::make_unique<Counter>();
  return *slot;
}

Gauge& Metrics::gauge(const std::string& name, const std::string& help, const Labels& labels) {
  const std::lock_guard lock(mutex_);
  auto& slot = family(name, help, Kind::gauge).gauges[labels];
  if (!slot) slot = std::make_unique<Gauge>();
  return *slot;
}

Histogram& Metrics::histogram(const std::string& name, const std::string& help,
                              const std::vector<double>& bounds, const Labels& labels) {
  const std::lock_guard lock(mutex_);
  auto& slot = family(name, help, Kind::histogram).histograms[labels];
  if (!slot) slot = std::make_unique<Histogram>(bounds);
  return *slot;
}

std::vector<double> Metrics::latency_buckets() {
  return {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
}

std::string Metrics::render() const {
  const std::lock_guard lock(mutex_);
  std::ostringstream out;
  for (const auto& [name, fam] : families_) {
    static constexpr const char* kTypes[] = {"counter", "gauge", "histogram"};
    out << "# HELP " << name << ' ' << fam.help << '\n';
    out << "# TYPE " << name << ' ' << kTypes[static_cast<int>(fam.kind)] << '\n';
    for (const auto& [labels, c] : fam.counters)
      out << name << label_text(labels) << ' ' << format_number(c->value()) << '\n';
    for (const auto& [labels, g] : fam.gauges)
      out << name << label_text(labels) << ' ' << format_number(g->value()) << '\n';
    for (const auto& [labels, h] : fam.histograms) {
      const Histogram::Snapshot snap = h->snapshot();
      for (std::size_t i = 0; i < snap.cumulative.size(); ++i) {
        const std::string le = i < snap.upper_bounds.size() ? format_number(snap.upper_bounds[i]) : "+Inf";
        out << name << "_bucket" << label_text(labels, "le", le) << ' ' << snap.cumulative[i] << '\n';
      }
      out << name << "_sum" << label_text(labels) << ' ' << format_number(snap.sum) << '\n';
      out << name << "_count" << label_text(labels) << ' ' << snap.count << '\n';
    }
  }
  return out.str();
}

}  // namespace baton
