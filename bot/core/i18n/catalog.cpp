// English and French side by side, so a sentence is never changed in one language and forgotten in the
// other. The French is written for French readers: "service" for a department, a space before ":" and "?".
#include "bot/core/i18n/catalog.hpp"

#include <array>

namespace baton {
namespace {

struct Entry {
  Msg id;
  std::string_view en;
  std::string_view fr;
};

constexpr std::array<Entry, static_cast<std::size_t>(Msg::count_)> kCatalog{{
    {Msg::help_header, "What baton can do for you", "Ce que baton peut faire pour vous"},
    {Msg::help_intro, "Type `{prefix}` followed by one of these commands:",
     "Tapez `{prefix}` suivi de l'une de ces commandes :"},
    {Msg::help_guest,
     "You are not in the team map yet, so only these commands are open to you. Ask an admin to add you: "
     "{admins}.",
     "Vous ne figurez pas encore dans l'organisation : seules ces commandes vous sont ouvertes. Demandez à "
     "un "
     "administrateur de vous ajouter : {admins}."},
    {Msg::help_footer, "You are {name}, {role}.", "Vous êtes {name}, {role}."},
    {Msg::help_more_for_managers, "Managers and admins have a few more commands.",
     "Les managers et les administrateurs disposent de quelques commandes de plus."},
    {Msg::help_more_for_admins, "Admins have a few more commands.",
     "Les administrateurs disposent de quelques commandes de plus."},
    {Msg::cmd_help, "List the commands you can use", "Lister les commandes à votre disposition"},
    {Msg::cmd_whoami, "What baton knows about you: role, departments, time zone, language",
     "Ce que baton sait de vous : rôle, services, fuseau horaire, langue"},
    {Msg::cmd_team, "The team map: departments, referents and members",
     "L'organisation : services, référents et membres"},
    {Msg::cmd_team_department, "One department: its people and what it is responsible for",
     "Un service : son équipe et ses missions"},
    {Msg::cmd_language, "Choose the language baton speaks to you",
     "Choisir la langue dans laquelle baton vous parle"},
    {Msg::cmd_status, "Health of this baton: version, uptime, store, platforms",
     "État de ce baton : version, disponibilité, base de données, plateformes"},

    {Msg::role_staff, "team member", "membre de l'équipe"},
    {Msg::role_manager, "manager", "manager"},
    {Msg::role_admin, "admin", "administrateur"},
    {Msg::language_en, "English", "anglais"},
    {Msg::language_fr, "French", "français"},

    {Msg::team_header, "Team map — {company}", "Organisation — {company}"},
    {Msg::team_header_no_company, "Team map", "Organisation"},
    {Msg::team_counts,
     "Departments: {departments} · People: {people} · `{prefix} team <department>` for details",
     "Services : {departments} · Personnes : {people} · `{prefix} team <service>` pour le détail"},
    {Msg::label_referent, "Referent", "Référent"},
    {Msg::label_members, "Members", "Membres"},
    {Msg::label_responsibilities, "Responsible for", "Missions"},
    {Msg::label_channel, "Channel", "Canal"},
    {Msg::label_management, "Management", "Direction"},
    {Msg::referent_marker, "(referent)", "(référent)"},
    {Msg::team_more, "and {count} more", "et {count} autres"},

    {Msg::whoami_header, "What baton knows about you", "Ce que baton sait de vous"},
    {Msg::label_role, "Role", "Rôle"},
    {Msg::label_title, "Title", "Fonction"},
    {Msg::label_departments, "Departments", "Services"},
    {Msg::label_time_zone, "Time zone", "Fuseau horaire"},
    {Msg::label_language, "Language", "Langue"},
    {Msg::whoami_local_time, "{zone} (it is {time} for you)", "{zone} (il est {time} chez vous)"},
    {Msg::whoami_no_department, "none yet", "aucun pour l'instant"},
    {Msg::whoami_referent_of, "{department} (referent)", "{department} (référent)"},
    {Msg::whoami_language_hint, "To change: `{prefix} language en` or `{prefix} language fr`",
     "Pour changer : `{prefix} language fr` ou `{prefix} language en`"},

    {Msg::language_set, "Noted: from now on I speak English with you.",
     "C'est noté : désormais, je vous parle en français."},
    {Msg::language_same, "I already speak English with you.", "Je vous parle déjà en français."},
    {Msg::language_current,
     "I speak {language} with you. To change, type `{prefix} language en` or `{prefix} language fr`.",
     "Je vous parle en {language}. Pour changer, tapez `{prefix} language fr` ou `{prefix} language en`."},
    {Msg::language_unknown,
     "I don't speak “{typed}”. I speak English (en) and French (fr): type `{prefix} language fr`, for "
     "instance.",
     "Je ne parle pas « {typed} ». Je parle anglais (en) et français (fr) : tapez `{prefix} language en`, "
     "par "
     "exemple."},

    {Msg::language_dialog_title, "Your language", "Votre langue"},
    {Msg::language_choose_one, "Choose English or French.", "Choisissez le français ou l'anglais."},
    {Msg::dialog_save, "Save", "Enregistrer"},
    {Msg::status_header, "baton status", "État de baton"},
    {Msg::label_version, "Version", "Version"},
    {Msg::label_up_since, "Up since", "En service depuis"},
    {Msg::label_store, "Store", "Base de données"},
    {Msg::label_platforms, "Platforms", "Plateformes"},
    {Msg::label_team, "Team", "Organisation"},
    {Msg::status_store_ok, "{kind}, schema version {version}", "{kind}, schéma version {version}"},
    {Msg::status_store_down, "unreachable: {detail}", "injoignable : {detail}"},
    {Msg::status_team, "{departments} departments, {people} people",
     "{departments} services, {people} personnes"},

    {Msg::unknown_command, "I don't know the command “{typed}”.",
     "Je ne connais pas la commande « {typed} »."},
    {Msg::did_you_mean, "Did you mean `{suggestion}`?", "Vouliez-vous dire `{suggestion}` ?"},
    {Msg::see_help, "Type `{prefix} help` to see what you can do.",
     "Tapez `{prefix} help` pour voir ce que vous pouvez faire."},
    {Msg::unknown_department, "There is no department called “{typed}”.",
     "Aucun service ne s'appelle « {typed} »."},
    {Msg::department_list, "Departments: {list}.", "Services : {list}."},
    {Msg::not_allowed_manager, "Only managers and admins can use `{command}`. {who} can help you.",
     "Seuls les managers et les administrateurs peuvent utiliser `{command}`. {who} peut vous aider."},
    {Msg::not_allowed_admin, "Only admins can use `{command}`. Ask {who}.",
     "Seuls les administrateurs peuvent utiliser `{command}`. Adressez-vous à {who}."},
    {Msg::not_in_map,
     "You are not in baton's team map yet, so I can't tell who you are or which department you belong to. "
     "Ask an admin to add you: {admins}.",
     "Vous ne figurez pas encore dans l'organisation de baton : je ne sais donc pas qui vous êtes ni à quel "
     "service vous appartenez. Demandez à un administrateur de vous ajouter : {admins}."},
    {Msg::no_admin_named, "the person who installed baton", "la personne qui a installé baton"},
    {Msg::takes_no_arguments, "`{command}` takes nothing after it; you typed “{extra}”.",
     "`{command}` ne prend rien après lui ; vous avez tapé « {extra} »."},
    {Msg::too_long, "That is too long for a command: {length} characters, {limit} at most.",
     "C'est trop long pour une commande : {length} caractères, {limit} au maximum."},
    {Msg::internal_error,
     "Sorry, something went wrong on my side and nothing was changed. Please try again in a minute; if it "
     "keeps "
     "happening, tell an admin (reference {reference}).",
     "Désolé, un problème est survenu de mon côté et rien n'a été modifié. Réessayez dans une minute ; si "
     "cela "
     "persiste, prévenez un administrateur (référence {reference})."},
    {Msg::dm_not_understood, "I didn't catch that. Send `help` to see what I can do.",
     "Je n'ai pas compris. Envoyez `help` pour voir ce que je sais faire."},
    {Msg::unknown_action, "This button no longer does anything; type `/baton help` to see what you can do.",
     "Ce bouton ne fait plus rien ; tapez `/baton help` pour voir ce que vous pouvez faire."},
    {Msg::working_on_it, "Working on it…", "Je m'en occupe…"},
    {Msg::member_unreachable,
     "*{name}* cannot be reached on {platform}, so baton's messages to them are not delivered ({reason}). "
     "Ask them to add the baton app there, or to unblock it.",
     "*{name}* n'est pas joignable sur {platform} : les messages de baton ne lui parviennent pas ({reason}). "
     "Demandez-lui d'y ajouter l'application baton, ou de la débloquer."},
    {Msg::blocks_not_shown, "… and {count} more parts, too long for one message.",
     "… et {count} autres parties, trop longues pour un seul message."},
    {Msg::buttons_type_instead, "To do this from here, type:", "Pour le faire d'ici, tapez :"},
}};

constexpr bool catalog_in_order() {
  for (std::size_t i = 0; i < kCatalog.size(); ++i) {
    if (static_cast<std::size_t>(kCatalog[i].id) != i || kCatalog[i].en.empty() || kCatalog[i].fr.empty()) {
      return false;
    }
  }
  return true;
}
static_assert(catalog_in_order(), "every Msg needs its entry in kCatalog, in the order of the enum");

const std::string* find_arg(std::initializer_list<Arg> args, std::string_view name) {
  for (const Arg& arg : args) {
    if (arg.name == name) return &arg.value;
  }
  return nullptr;
}

}  // namespace

std::string_view template_of(Locale locale, Msg id) {
  const Entry& entry = kCatalog.at(static_cast<std::size_t>(id));
  return locale == Locale::fr ? entry.fr : entry.en;
}

RichText tr(Locale locale, Msg id, std::initializer_list<Arg> args) {
  const std::string_view text = template_of(locale, id);
  RichText out;
  SpanStyle style = SpanStyle::plain;
  std::string pending;
  auto flush = [&] {
    out.append(std::move(pending), style);
    pending.clear();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '`' && style != SpanStyle::bold) {
      flush();
      style = style == SpanStyle::code ? SpanStyle::plain : SpanStyle::code;
    } else if (c == '*' && style != SpanStyle::code) {
      flush();
      style = style == SpanStyle::bold ? SpanStyle::plain : SpanStyle::bold;
    } else if (c == '{') {
      const std::size_t close = text.find('}', i);
      const std::string_view name = text.substr(i + 1, close - i - 1);
      if (const std::string* value = find_arg(args, name)) pending += *value;
      i = close;
    } else {
      pending += c;
    }
  }
  flush();
  return out;
}

std::string tr_plain(Locale locale, Msg id, std::initializer_list<Arg> args) {
  return tr(locale, id, args).plain();
}

std::string join_list(Locale locale, const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += (i + 1 == items.size()) ? (locale == Locale::fr ? " et " : " and ") : ", ";
    out += items[i];
  }
  return out;
}

}  // namespace baton
