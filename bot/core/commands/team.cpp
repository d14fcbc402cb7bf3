// `team` and `team <department>`: the role map every e-commerce team starts from, who leads what and
// whom to ask, in the reader's language.
#include "bot/core/commands/builtin.hpp"
#include "bot/core/text/suggest.hpp"

namespace baton {
namespace {

// Long member lists are cut so the overview stays readable; `team <department>` shows everyone.
constexpr std::size_t kMembersInOverview = 8;

std::string member_name(const OrgMap& org, const std::string& key) {
  const Member* m = org.member(key);
  return m != nullptr ? m->name : key;
}

std::string members_line(const OrgMap& org, const Department& d, Locale locale) {
  std::vector<std::string> names;
  for (std::size_t i = 0; i < d.members.size() && i < kMembersInOverview; ++i) {
    names.push_back(member_name(org, d.members[i]));
  }
  std::string line;
  for (const std::string& name : names)
    line += (line.empty() ? "" : ", ") + name;
  if (d.members.size() > kMembersInOverview) {
    line += " " + tr_plain(locale, Msg::team_more,
                           {{"count", std::to_string(d.members.size() - kMembersInOverview)}});
  }
  return line;
}

void add_channel_field(std::vector<Field>& fields, const Department& d, const Caller& caller) {
  const auto channel = d.channels.find(caller.platform);
  // A Teams channel known only by its department (a Workflows webhook, no id) has nothing to show.
  if (channel == d.channels.end() || is_department_channel(channel->second)) return;
  RichText value;
  value.append(channel->second, SpanStyle::channel);
  fields.push_back({tr_plain(caller.locale, Msg::label_channel), std::move(value)});
}

Reply overview(const Services& services, const Caller& caller) {
  const OrgMap& org = services.org;
  const Locale locale = caller.locale;
  Reply reply;
  Message& m = reply.message;
  m.header(org.company().empty() ? tr_plain(locale, Msg::team_header_no_company)
                                 : tr_plain(locale, Msg::team_header, {{"company", org.company()}}));

  // Managers who lead across departments (the director); department heads appear under their department.
  std::vector<std::string> managers;
  for (const Member& member : org.members()) {
    if (member.role != Role::manager || !org.departments_of(member.key).empty()) continue;
    const std::string& title = member.title.in(locale);
    managers.push_back(title.empty() ? member.name : member.name + " (" + title + ")");
  }
  if (!managers.empty()) {
    m.section(RichText()
                  .append(tr_plain(locale, Msg::label_management), SpanStyle::bold)
                  .append(locale == Locale::fr ? " : " : ": ")
                  .append(join_list(locale, managers)));
  }

  for (const Department& d : org.departments()) {
    m.divider();
    m.section(RichText().append(d.name.in(locale), SpanStyle::bold));
    std::vector<Field> fields;
    fields.push_back({tr_plain(locale, Msg::label_referent), member_name(org, d.referent)});
    fields.push_back({tr_plain(locale, Msg::label_members), members_line(org, d, locale)});
    add_channel_field(fields, d, caller);
    if (!d.responsibilities.empty()) {
      // " · " because a responsibility may itself hold commas ("data, tracking and dashboards").
      std::string joined;
      for (const LocalizedText& r : d.responsibilities)
        joined += (joined.empty() ? "" : " · ") + r.in(locale);
      fields.push_back({tr_plain(locale, Msg::label_responsibilities), joined});
    }
    m.fields(std::move(fields));
  }
  // One button per department: a click shows it in place of the map.
  std::vector<Button> buttons;
  for (const Department& d : org.departments())
    buttons.push_back({d.name.in(locale), "team.show", d.key, ButtonStyle::normal, "team " + d.key, {}});
  if (!buttons.empty()) m.actions(std::move(buttons));
  m.context(tr(locale, Msg::team_counts,
               {{"departments", std::to_string(org.departments().size())},
                {"people", std::to_string(org.members().size())},
                {"prefix", caller.prefix}}));
  return reply;
}

Reply one_department(const Services& services, const Caller& caller, const Department& d) {
  const OrgMap& org = services.org;
  const Locale locale = caller.locale;
  Reply reply;
  Message& m = reply.message;
  m.header(d.name.in(locale));

  std::vector<Field> fields;
  fields.push_back({tr_plain(locale, Msg::label_referent), member_name(org, d.referent)});
  add_channel_field(fields, d, caller);
  m.fields(std::move(fields));

  RichText people;
  people.append(tr_plain(locale, Msg::label_members), SpanStyle::bold);
  for (const std::string& key : d.members) {
    const Member* member = org.member(key);
    if (member == nullptr) continue;
    people.append("\n• " + member->name);
    if (!member->title.in(locale).empty()) people.append(" — " + member->title.in(locale));
    if (key == d.referent) people.append(" " + tr_plain(locale, Msg::referent_marker));
  }
  m.section(std::move(people));

  if (!d.responsibilities.empty()) {
    RichText duties;
    duties.append(tr_plain(locale, Msg::label_responsibilities), SpanStyle::bold);
    for (const LocalizedText& r : d.responsibilities)
      duties.append("\n• " + r.in(locale));
    m.section(std::move(duties));
  }
  return reply;
}

Reply unknown_department(const Services& services, const Caller& caller, const std::string& typed) {
  const Locale locale = caller.locale;
  std::vector<std::string> candidates;
  std::vector<std::string> keys;
  for (const Department& d : services.org.departments()) {
    keys.push_back(d.key);
    candidates.push_back(d.key);
    candidates.push_back(d.name.in(locale));
  }
  RichText answer = tr(locale, Msg::unknown_department, {{"typed", typed}});
  if (const auto suggestion = closest(typed, candidates)) {
    const Department* meant = services.org.department(*suggestion);
    answer.append(" ").append_rich(
        tr(locale, Msg::did_you_mean,
           {{"suggestion", caller.prefix + " team " + (meant ? meant->key : *suggestion)}}));
  }
  if (!keys.empty())
    answer.append(" ").append_rich(tr(locale, Msg::department_list, {{"list", join_list(locale, keys)}}));
  return error_reply(std::move(answer));
}

boost::asio::awaitable<Reply> run_team(Services& services, const Caller& caller,
                                       const std::vector<std::string>& args) {
  if (args.empty()) co_return overview(services, caller);
  // Department names can be several words ("customer service"), typed with or without quotes.
  std::string wanted;
  for (const std::string& arg : args)
    wanted += (wanted.empty() ? "" : " ") + arg;
  const Department* d = services.org.department(wanted);
  if (d == nullptr) co_return unknown_department(services, caller, wanted);
  co_return one_department(services, caller, *d);
}

}  // namespace

boost::asio::awaitable<ClickReply> click_team(Services& services, const Caller& caller, Click click) {
  ClickReply reply;
  if (click.action_id != "team.show") co_return reply;
  const Department* d = services.org.department(click.value);
  reply.replacement = d == nullptr ? unknown_department(services, caller, click.value).message
                                   : one_department(services, caller, *d).message;
  co_return reply;
}

CommandSpec team_command() {
  return {
      "team",
      {"equipe", "org"},
      Role::staff,
      {{"team", "team", Msg::cmd_team}, {"team <department>", "team <service>", Msg::cmd_team_department}},
      run_team,
      click_team,
      {}};
}

}  // namespace baton
