// Names of the handoff records' enums, as stored and as typed.
#include <array>
#include <charconv>
#include <utility>

#include "bot/core/store/handoff_records.hpp"

namespace baton {
namespace {

template <typename Enum, std::size_t N>
std::string_view name_of(const std::array<std::pair<Enum, std::string_view>, N>& names, Enum value) {
  for (const auto& [e, name] : names) {
    if (e == value) return name;
  }
  return names.front().second;
}

template <typename Enum, std::size_t N>
std::optional<Enum> value_of(const std::array<std::pair<Enum, std::string_view>, N>& names,
                             std::string_view text) {
  for (const auto& [e, name] : names) {
    if (name == text) return e;
  }
  return std::nullopt;
}

constexpr std::array kStates{
    std::pair{HandoffState::open, std::string_view("open")},
    std::pair{HandoffState::accepted, std::string_view("accepted")},
    std::pair{HandoffState::done, std::string_view("done")},
    std::pair{HandoffState::rejected, std::string_view("rejected")},
    std::pair{HandoffState::cancelled, std::string_view("cancelled")},
};

constexpr std::array kPriorities{
    std::pair{Priority::low, std::string_view("low")},
    std::pair{Priority::normal, std::string_view("normal")},
    std::pair{Priority::high, std::string_view("high")},
};

constexpr std::array kTimerKinds{
    std::pair{HandoffTimerKind::accept_breach, std::string_view("accept-breach")},
    std::pair{HandoffTimerKind::accept_managers, std::string_view("accept-managers")},
    std::pair{HandoffTimerKind::due_reminder, std::string_view("due-reminder")},
    std::pair{HandoffTimerKind::due_breach, std::string_view("due-breach")},
    std::pair{HandoffTimerKind::due_managers, std::string_view("due-managers")},
};

constexpr std::array kWorkflowStates{
    std::pair{WorkflowState::running, std::string_view("running")},
    std::pair{WorkflowState::done, std::string_view("done")},
    std::pair{WorkflowState::stopped, std::string_view("stopped")},
};

}  // namespace

std::string_view to_string(HandoffState state) {
  return name_of(kStates, state);
}
std::optional<HandoffState> parse_handoff_state(std::string_view text) {
  return value_of(kStates, text);
}
std::string_view to_string(Priority priority) {
  return name_of(kPriorities, priority);
}
std::optional<Priority> parse_priority(std::string_view text) {
  return value_of(kPriorities, text);
}
std::string_view to_string(HandoffTimerKind kind) {
  return name_of(kTimerKinds, kind);
}
std::optional<HandoffTimerKind> parse_handoff_timer_kind(std::string_view text) {
  return value_of(kTimerKinds, text);
}
std::string_view to_string(WorkflowState state) {
  return name_of(kWorkflowStates, state);
}

std::string handoff_label(std::int64_t number) {
  return "H-" + std::to_string(number);
}

std::optional<std::int64_t> parse_handoff_label(std::string_view text) {
  if (text.starts_with('#')) text.remove_prefix(1);
  if (text.starts_with('H') || text.starts_with('h')) {
    text.remove_prefix(1);
    if (text.starts_with('-')) text.remove_prefix(1);
  }
  if (text.empty() || text.size() > 12) return std::nullopt;
  std::int64_t number = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (error != std::errc() || end != text.data() + text.size() || number <= 0) return std::nullopt;
  return number;
}

}  // namespace baton
