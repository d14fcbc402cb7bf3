// The message catalog: every sentence baton says, in English and French, chosen by the reader's locale.
// Templates may use *bold* and `code`, and {name} placeholders whose values are inserted as plain text,
// so nothing a user typed can turn into markup.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

#include "bot/core/i18n/locale.hpp"
#include "bot/core/message/message.hpp"

namespace baton {

// One id per sentence. Add the id here and its text in catalog.cpp, in the same order.
enum class Msg : std::uint16_t {
  // help
  help_header,
  help_intro,
  help_guest,
  help_footer,
  help_more_for_managers,
  help_more_for_admins,
  cmd_help,
  cmd_whoami,
  cmd_team,
  cmd_team_department,
  cmd_language,
  cmd_status,
  // roles and languages
  role_staff,
  role_manager,
  role_admin,
  language_en,
  language_fr,
  // team map
  team_header,
  team_header_no_company,
  team_counts,
  label_referent,
  label_members,
  label_responsibilities,
  label_channel,
  label_management,
  referent_marker,
  team_more,
  // whoami
  whoami_header,
  label_role,
  label_title,
  label_departments,
  label_time_zone,
  label_language,
  whoami_local_time,
  whoami_no_department,
  whoami_referent_of,
  whoami_language_hint,
  // language
  language_set,
  language_same,
  language_current,
  language_unknown,
  language_dialog_title,
  language_choose_one,
  dialog_save,
  // status
  status_header,
  label_version,
  label_up_since,
  label_store,
  label_platforms,
  label_team,
  status_store_ok,
  status_store_down,
  status_team,
  // errors and refusals
  unknown_command,
  did_you_mean,
  see_help,
  unknown_department,
  department_list,
  not_allowed_manager,
  not_allowed_admin,
  not_in_map,
  no_admin_named,
  takes_no_arguments,
  too_long,
  internal_error,
  dm_not_understood,
  unknown_action,
  working_on_it,
  member_unreachable,
  // rituals
  standup_intro,
  standup_question,
  standup_q_yesterday,
  standup_q_today,
  standup_q_blockers,
  standup_reminder,
  standup_recorded,
  standup_recorded_late,
  standup_cancelled,
  standup_none,
  standup_started,
  standup_pick,
  standup_answer_empty,
  standup_report_counts,
  standup_blockers,
  standup_no_answer,
  standup_off,
  standup_nobody,
  standup_late,
  standup_stats_header,
  standup_stats_member,
  standup_stats_ritual,
  standup_stats_none,
  standup_stats_weeks,
  cmd_standup,
  cmd_standup_stats,
  cmd_rituals,
  cmd_ritual,
  rituals_header,
  rituals_line,
  rituals_paused_line,
  rituals_none,
  rituals_times_in,
  ritual_skipped,
  ritual_already_skipped,
  ritual_paused,
  ritual_already_paused,
  ritual_resumed,
  ritual_not_paused,
  unknown_ritual,
  ritual_usage,
  bad_day,
  kind_standup,
  kind_review,
  kind_retrospective,
  kind_reminder,
  kind_digest,
  cmd_off,
  off_set,
  off_set_day,
  off_list,
  off_none,
  off_cancelled,
  off_usage,
  off_backwards,
  off_too_long,
  off_in_past,
  ritual_time_for,
  agenda,
  retro_how,
  retro_open_actions,
  retro_action_line,
  retro_due,
  retro_no_actions,
  retro_went_well,
  retro_to_improve,
  retro_action,
  retro_added,
  retro_closed,
  retro_not_found,
  retro_none,
  unknown_member,
  retro_usage,
  retro_items_header,
  cmd_retro,
  digest_week,
  digest_participation,
  digest_no_standups,
  // rendering
  blocks_not_shown,
  buttons_type_instead,
  count_  // not a message: the number of messages
};

struct Arg {
  std::string_view name;
  std::string value;
};

// The template for a message in a locale, as written in the catalog.
std::string_view template_of(Locale locale, Msg id);
// The message with its markup parsed and placeholders filled in.
RichText tr(Locale locale, Msg id, std::initializer_list<Arg> args = {});
// The same, without styling: for headers, button labels and field labels.
std::string tr_plain(Locale locale, Msg id, std::initializer_list<Arg> args = {});

// "a, b and c" / "a, b et c".
std::string join_list(Locale locale, const std::vector<std::string>& items);

}  // namespace baton
