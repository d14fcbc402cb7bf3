// `whoami`: what baton knows about the caller, so people can check their role, zone and language.
#include <date/tz.h>

#include "bot/core/commands/builtin.hpp"

namespace baton {

namespace {

boost::asio::awaitable<Reply> run_whoami(Services& services, const Caller& caller,
                                         const std::vector<std::string>& args) {
  if (auto refusal = refuse_arguments(caller, "whoami", args)) co_return *refusal;
  const Locale locale = caller.locale;
  const Member& me = *caller.member;
  Reply reply;
  reply.message.header(tr_plain(locale, Msg::whoami_header));
  reply.message.section(RichText().append(me.name, SpanStyle::bold));

  std::vector<Field> fields;
  fields.push_back({tr_plain(locale, Msg::label_role), tr(locale, role_message(me.role))});
  if (!me.title.in(locale).empty())
    fields.push_back({tr_plain(locale, Msg::label_title), me.title.in(locale)});

  std::vector<std::string> departments;
  for (const Department* d : services.org.departments_of(me.key)) {
    departments.push_back(d->referent == me.key ? tr_plain(locale, Msg::whoami_referent_of,
                                                           {{"department", d->name.in(locale)}})
                                                : d->name.in(locale));
  }
  fields.push_back({tr_plain(locale, Msg::label_departments),
                    departments.empty() ? tr(locale, Msg::whoami_no_department)
                                        : RichText(join_list(locale, departments))});

  const date::time_zone* zone = caller.zone;
  const auto local = date::make_zoned(zone, std::chrono::floor<std::chrono::minutes>(services.clock.now()));
  fields.push_back({tr_plain(locale, Msg::label_time_zone),
                    tr(locale, Msg::whoami_local_time,
                       {{"zone", std::string(zone->name())}, {"time", date::format("%H:%M", local)}})});
  fields.push_back({tr_plain(locale, Msg::label_language),
                    tr(locale, locale == Locale::fr ? Msg::language_fr : Msg::language_en)});
  reply.message.fields(std::move(fields));
  reply.message.context(tr(locale, Msg::whoami_language_hint, {{"prefix", caller.prefix}}));
  co_return reply;
}

}  // namespace

CommandSpec whoami_command() {
  return {
      "whoami", {"moi", "quisuisje"}, Role::staff, {{"whoami", "whoami", Msg::cmd_whoami}}, run_whoami, {},
      {}};
}

}  // namespace baton
