#include "bot/core/commands/command_layer.hpp"

#include <random>

#include "bot/core/commands/builtin.hpp"
#include "bot/core/config/live_config.hpp"
#include "bot/core/handoffs/cards.hpp"
#include "bot/core/log/redact.hpp"
#include "bot/core/text/fold.hpp"
#include "bot/core/text/suggest.hpp"
#include "bot/core/text/utf8.hpp"
#include "bot/core/text/words.hpp"

namespace baton {
namespace {

// A short reference a user can quote to an admin, who finds the same one in the log.
std::string new_reference() {
  thread_local std::mt19937 random{std::random_device{}()};
  static constexpr char kAlphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  std::string out = "E-";
  for (int i = 0; i < 6; ++i)
    out += kAlphabet[random() % (sizeof kAlphabet - 1)];
  return out;
}

}  // namespace

CommandLayer::CommandLayer(Services& services) : services_(services), commands_(builtin_commands()) {}

const CommandSpec* CommandLayer::find(std::string_view word) const {
  const std::string wanted = fold(word);
  for (const CommandSpec& spec : commands_) {
    if (spec.name == wanted) return &spec;
    for (const std::string& alias : spec.aliases) {
      if (alias == wanted) return &spec;
    }
  }
  return nullptr;
}

boost::asio::awaitable<Caller> CommandLayer::identify(Platform platform, const std::string& user_id,
                                                      const std::string& channel) {
  Caller caller;
  caller.platform = platform;
  caller.user_id = user_id;
  caller.channel = channel;
  caller.prefix = std::string(command_prefix(platform));
  caller.member = services_.org.member_on(platform, user_id);
  if (caller.member == nullptr) co_return caller;
  caller.zone = services_.profiles.settings_of(*caller.member).zone;
  bool choice_known = false;
  std::tie(caller.locale, choice_known) = known_locale_of(*caller.member);
  if (choice_known) co_return caller;
  try {
    // Named before the co_await: g++ 12 double-frees a capturing lambda written inside one.
    const auto read_locale = [key = caller.member->key](Store& store) { return store.member_locale(key); };
    const auto stored = co_await services_.store.read(read_locale);
    if (services_.languages) services_.languages->read(caller.member->key, stored);
    if (stored) caller.locale = *stored;
  } catch (const std::exception& e) {
    // The language from config is a fine answer when the store is down; the command itself will say
    // if it needs the store.
    services_.log.warn("member language unavailable, using the one in config",
                       {{"member", caller.member->key}, {"error", e.what()}});
  }
  co_return caller;
}

std::pair<Locale, bool> CommandLayer::known_locale_of(const Member& member) const {
  const Locale from_profile = services_.profiles.settings_of(member).locale;
  if (services_.languages == nullptr) return {from_profile, false};
  const auto known = services_.languages->find(member.key);
  if (!known) return {from_profile, false};
  return {known->value_or(from_profile), true};
}

Locale CommandLayer::locale_known(Platform platform, const std::string& user_id) const {
  const Member* member = services_.org.member_on(platform, user_id);
  return member != nullptr ? known_locale_of(*member).first : Locale::en;
}

Message CommandLayer::interrupted_notice(const PendingCommand& command) const {
  Reader reader;
  reader.locale = locale_known(command.platform, command.user_id);
  if (const Member* member = services_.org.member(command.member)) {
    reader.locale = known_locale_of(*member).first;
    reader.zone = services_.profiles.settings_of(*member).zone;
  }
  Message notice;
  notice.locale = reader.locale;
  const std::string typed = trimmed(std::string(command_prefix(command.platform)) + " " + command.text);
  notice.section(tr(reader.locale, Msg::command_interrupted,
                    {{"command", typed}, {"when", when_text(command.received_at, reader)}}));
  return notice;
}

Message CommandLayer::given_up_notice(Platform platform, const std::string& user_id) const {
  Message notice;
  notice.locale = locale_known(platform, user_id);
  notice.section(tr(*notice.locale, Msg::message_given_up));
  return notice;
}

std::optional<RichText> CommandLayer::refusal(const Caller& caller, const CommandSpec& spec) const {
  if (!spec.min_role) return std::nullopt;
  const Locale locale = caller.locale;
  if (caller.member == nullptr) {
    return tr(locale, Msg::not_in_map, {{"admins", people_who_can(services_.org, Role::admin, locale)}});
  }
  if (role_at_least(caller.member->role, *spec.min_role)) return std::nullopt;
  const bool admin_only = *spec.min_role == Role::admin;
  return tr(locale, admin_only ? Msg::not_allowed_admin : Msg::not_allowed_manager,
            {{"command", caller.prefix + " " + spec.name},
             {"who", people_who_can(services_.org, *spec.min_role, locale)}});
}

boost::asio::awaitable<ClickReply> CommandLayer::click(Click click) {
  make_valid_utf8(click.action_id);
  make_valid_utf8(click.value);
  const Caller caller = co_await identify(click.platform, click.user_id, click.channel);
  const auto dot = click.action_id.find('.');
  const CommandSpec* spec = dot == std::string::npos ? nullptr : find(click.action_id.substr(0, dot));
  ClickReply answer;
  answer.replacement.emplace().locale = caller.locale;
  if (spec == nullptr || !spec->on_click) {
    services_.log.warn("click on an unknown action", {{"action_id", click.action_id}});
    answer.replacement->section(tr(caller.locale, Msg::unknown_action));
    co_return answer;
  }
  if (auto refused = refusal(caller, *spec)) {
    answer.replacement->section(std::move(*refused));
    co_return answer;
  }
  std::string failure;
  try {
    ClickReply reply = co_await spec->on_click(services_, caller, click);
    for (std::optional<Message>* message : {&reply.replacement, &reply.aside}) {
      if (*message && !(*message)->locale) (*message)->locale = caller.locale;
    }
    co_return reply;
  } catch (const std::exception& e) {
    failure = e.what();
  }
  const std::string reference = new_reference();
  services_.log.error("click failed",
                      {{"action_id", click.action_id}, {"reference", reference}, {"error", failure}});
  answer.replacement->section(tr(caller.locale, Msg::internal_error, {{"reference", reference}}));
  co_return answer;
}

boost::asio::awaitable<DialogOutcome> CommandLayer::submit(DialogSubmission submission) {
  make_valid_utf8(submission.dialog_id);
  make_valid_utf8(submission.context);
  for (auto& [field, value] : submission.values) {  // typed into a dialog: as for a command's text
    make_valid_utf8(value);
    value = redact_secrets(std::move(value));
  }
  const Caller caller = co_await identify(submission.platform, submission.user_id, "");
  const auto dot = submission.dialog_id.find('.');
  const CommandSpec* spec = dot == std::string::npos ? nullptr : find(submission.dialog_id.substr(0, dot));
  // Errors go on the first field, where the person sees them.
  const std::string first_field = submission.values.empty() ? "" : submission.values.begin()->first;
  DialogOutcome outcome;
  if (spec == nullptr || !spec->on_submit) {
    services_.log.warn("submission of an unknown dialog", {{"dialog_id", submission.dialog_id}});
    outcome.errors[first_field] = tr_plain(caller.locale, Msg::unknown_action);
    co_return outcome;
  }
  if (auto refused = refusal(caller, *spec)) {
    outcome.errors[first_field] = refused->plain();
    co_return outcome;
  }
  std::string failure;
  try {
    outcome = co_await spec->on_submit(services_, caller, submission);
    if (outcome.confirmation && !outcome.confirmation->locale) outcome.confirmation->locale = caller.locale;
    co_return outcome;
  } catch (const std::exception& e) {
    failure = e.what();
  }
  const std::string reference = new_reference();
  services_.log.error("dialog failed",
                      {{"dialog_id", submission.dialog_id}, {"reference", reference}, {"error", failure}});
  outcome.errors[first_field] = tr_plain(caller.locale, Msg::internal_error, {{"reference", reference}});
  co_return outcome;
}

boost::asio::awaitable<Reply> CommandLayer::handle(Inbound inbound) {
  // Every adapter hands over valid UTF-8 (JSON parsers refuse anything else, forms and the console
  // replace it); this is the core's own guarantee, whatever the adapter, and costs one scan.
  make_valid_utf8(inbound.text);
  // A configured secret pasted into a command goes no further: not echoed in an error, not stored in a
  // handoff's title, not posted to a channel.
  inbound.text = redact_secrets(std::move(inbound.text));
  const Caller caller = co_await identify(inbound.platform, inbound.user_id, inbound.channel);
  Reply reply;
  if (auto slow_down = over_rate(caller)) {
    reply = std::move(*slow_down);
  } else if (auto too_long = over_length(caller.locale, Msg::too_long, inbound.text, kMaxCommandLength)) {
    reply = error_reply(std::move(*too_long));
  } else {
    reply = co_await run(caller, inbound.text, inbound.direct);
  }
  if (!reply.message.locale) reply.message.locale = caller.locale;
  co_return reply;
}

std::optional<Reply> CommandLayer::over_rate(const Caller& caller) {
  // The console is the operator's own terminal; tests of the command layer alone run without a config.
  if (caller.platform == Platform::console || services_.config == nullptr) return std::nullopt;
  const RateLimit limit = services_.config->get()->rate_limits.commands;
  // Members by their key, whichever platform they type on; others by the platform's id for them.
  const std::string key = caller.member != nullptr
                              ? "member:" + caller.member->key
                              : std::string(to_string(caller.platform)) + ":" + caller.user_id;
  const auto wait = rate_.take(key, services_.clock.monotonic(), limit);
  if (!wait) return std::nullopt;
  const auto seconds = std::chrono::ceil<std::chrono::seconds>(*wait).count();
  services_.log.info(
      "command over the rate limit",
      {{"caller", key}, {"limit", to_string(limit)}, {"retry_after_s", std::int64_t{seconds}}});
  return error_reply(
      tr(caller.locale, Msg::slow_down, {{"limit", to_string(limit)}, {"wait", std::to_string(seconds)}}));
}

boost::asio::awaitable<Reply> CommandLayer::run(const Caller& caller, const std::string& text, bool direct) {
  const Locale locale = caller.locale;
  std::vector<std::string> words = split_words(text);
  if (words.empty()) words.emplace_back("help");

  if (direct && caller.member != nullptr) {
    // An open stand-up takes what the member writes as their next answer.
    if (auto answer = co_await standup_conversation(services_, caller, text)) co_return std::move(*answer);
  }
  const CommandSpec* spec = find(words.front());
  if (spec == nullptr) {
    if (direct) co_return error_reply(tr(locale, Msg::dm_not_understood));
    RichText answer = tr(locale, Msg::unknown_command, {{"typed", words.front()}});
    std::vector<std::string> known;
    for (const CommandSpec& candidate : commands_) {
      if (candidate.min_role &&
          (caller.member == nullptr || !role_at_least(caller.member->role, *candidate.min_role))) {
        continue;
      }
      known.push_back(candidate.name);
      known.insert(known.end(), candidate.aliases.begin(), candidate.aliases.end());
    }
    if (const auto suggestion = closest(words.front(), known)) {
      const CommandSpec* meant = find(*suggestion);
      answer.append(" ").append_rich(
          tr(locale, Msg::did_you_mean, {{"suggestion", caller.prefix + " " + meant->name}}));
    }
    answer.append(" ").append_rich(tr(locale, Msg::see_help, {{"prefix", caller.prefix}}));
    co_return error_reply(answer);
  }

  const std::vector<std::string> args(words.begin() + 1, words.end());
  if (auto refused = refusal(caller, *spec)) co_return error_reply(std::move(*refused));

  std::string failure;
  try {
    co_return co_await spec->run(services_, caller, args);
  } catch (const std::exception& e) {
    failure = e.what();
  }
  const std::string reference = new_reference();
  services_.log.error("command failed", {{"command", spec->name},
                                         {"platform", to_string(caller.platform)},
                                         {"reference", reference},
                                         {"error", failure}});
  co_return error_reply(tr(locale, Msg::internal_error, {{"reference", reference}}));
}

}  // namespace baton
