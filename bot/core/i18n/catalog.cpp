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
    {Msg::title_too_long,
     "A handoff's title is {limit} characters at most; this one has {length}. Shorten it.",
     "Le titre d'une demande fait au plus {limit} caractères ; celui-ci en a {length}. Raccourcissez-le."},
    {Msg::note_too_long, "A note is {limit} characters at most; this one has {length}. Shorten it.",
     "Une note fait au plus {limit} caractères ; celle-ci en a {length}. Raccourcissez-la."},
    {Msg::retro_item_too_long,
     "A retrospective item is {limit} characters at most; this one has {length}. Shorten it.",
     "Un point de rétrospective fait au plus {limit} caractères ; celui-ci en a {length}. Raccourcissez-le."},
    {Msg::run_title_too_long, "A workflow run's title is {limit} characters at most; this one has {length}.",
     "Le titre d'un parcours fait au plus {limit} caractères ; celui-ci en a {length}."},
    {Msg::answer_too_long, "An answer is {limit} characters at most; this one has {length}. Shorten it.",
     "Une réponse fait au plus {limit} caractères ; celle-ci en a {length}. Raccourcissez-la."},
    {Msg::answer_cut,
     "Your answer was longer than {limit} characters: it was kept up to there, ending in “…”.",
     "Votre réponse dépassait {limit} caractères : elle a été gardée jusque-là, terminée par « … »."},
    {Msg::slow_down,
     "You are sending commands faster than baton takes them from one person ({limit}). Try again in "
     "{wait} s.",
     "Vous envoyez des commandes plus vite que baton n'en prend d'une même personne ({limit}). Réessayez "
     "dans {wait} s."},
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
    {Msg::command_interrupted,
     "baton could not finish `{command}` (typed {when}): it was interrupted, by a restart perhaps. It may "
     "not "
     "have been done: check, then type it again if it is still needed.",
     "baton n'a pas pu terminer `{command}` (tapée {when}) : elle a été interrompue, peut-être par un "
     "redémarrage. Elle n'a peut-être pas été faite : vérifiez, puis retapez-la si besoin."},
    {Msg::message_given_up,
     "baton could not read your last message, even after trying again. Please send it again.",
     "baton n'a pas pu lire votre dernier message, même en réessayant. Merci de le renvoyer."},
    {Msg::member_unreachable,
     "*{name}* cannot be reached on {platform}, so baton's messages to them are not delivered ({reason}). "
     "Ask them to add the baton app there, or to unblock it.",
     "*{name}* n'est pas joignable sur {platform} : les messages de baton ne lui parviennent pas ({reason}). "
     "Demandez-lui d'y ajouter l'application baton, ou de la débloquer."},
    {Msg::standup_intro,
     "Good morning {name}! Time for the *{ritual}*. Reply here, one message a question, or type `{prefix} "
     "standup` to answer all at once.",
     "Bonjour {name} ! C'est l'heure du point *{ritual}*. Répondez ici, un message par question, ou tapez "
     "`{prefix} standup` pour tout remplir d'un coup."},
    {Msg::standup_question, "*{number}/{total}* {question}", "*{number}/{total}* {question}"},
    {Msg::standup_q_yesterday, "What did you do yesterday?", "Qu'avez-vous fait hier ?"},
    {Msg::standup_q_today, "What will you do today?", "Que ferez-vous aujourd'hui ?"},
    {Msg::standup_q_blockers, "Is anything blocking you?", "Quelque chose vous bloque-t-il ?"},
    {Msg::standup_reminder, "Reminder: the *{ritual}* report goes out at {time}. Reply here to take part.",
     "Rappel : le compte rendu du point *{ritual}* part à {time}. Répondez ici pour y participer."},
    {Msg::standup_recorded, "Thanks {name}, your answers to the *{ritual}* are recorded.",
     "Merci {name}, vos réponses au point *{ritual}* sont enregistrées."},
    {Msg::standup_recorded_late,
     "Thanks {name}, recorded. The *{ritual}* report has gone out already, so your answers count as late.",
     "Merci {name}, c'est enregistré. Le compte rendu du point *{ritual}* est déjà parti : vos réponses "
     "comptent comme tardives."},
    {Msg::standup_cancelled, "Stopped; nothing was recorded. Type `{prefix} standup` to start again.",
     "Arrêté ; rien n'a été enregistré. Tapez `{prefix} standup` pour recommencer."},
    {Msg::standup_none, "You have no stand-up to answer today.",
     "Vous n'avez pas de point à remplir aujourd'hui."},
    {Msg::standup_started, "*{ritual}*, {day}. Send `cancel` to stop.",
     "*{ritual}*, {day}. Envoyez `annuler` pour arrêter."},
    {Msg::standup_pick,
     "You take part in several stand-ups today: {rituals}. Type `{prefix} standup <ritual>`.",
     "Vous participez à plusieurs points aujourd'hui : {rituals}. Tapez `{prefix} standup <rituel>`."},
    {Msg::standup_answer_empty, "Write an answer, or - if there is nothing to say.",
     "Écrivez une réponse, ou - s'il n'y a rien à dire."},
    {Msg::standup_report_counts, "{answered} of {total} answered.", "{answered} sur {total} ont répondu."},
    {Msg::standup_blockers, "Blockers", "Points bloquants"},
    {Msg::standup_hand_off, "Hand off {name}'s blocker", "Transmettre le blocage de {name}"},
    {Msg::blocker_dialog_title, "Hand off a blocker", "Transmettre un blocage"},
    {Msg::blocker_dialog_submit, "Send", "Envoyer"},
    {Msg::blocker_field_department, "To which department", "À quel service"},
    {Msg::blocker_field_title, "What is asked", "Ce qui est demandé"},
    {Msg::blocker_field_due, "Due (optional)", "Échéance (facultative)"},
    {Msg::blocker_due_hint, "For example fri 17:00, +2d or 2026-12-04. Empty: the department's usual time.",
     "Par exemple ven 17h, +2j ou demain 10h. Vide : le délai habituel du service."},
    {Msg::blocker_aside,
     "To hand off {name}'s blocker, type `{prefix} handoff <department> \"{title}\"` (departments: "
     "{departments}).",
     "Pour transmettre le blocage de {name}, tapez `{prefix} handoff <service> \"{title}\"` (services : "
     "{departments})."},
    {Msg::blocker_gone, "{name} has no blocker in that stand-up any more.",
     "{name} n'a plus de point bloquant dans ce stand-up."},
    {Msg::blocker_no_department, "There is no other department to hand this blocker to.",
     "Il n'y a pas d'autre service à qui transmettre ce blocage."},
    {Msg::blocker_note, "A blocker in {name}'s stand-up ({ritual}, {day})",
     "Un point bloquant du stand-up de {name} ({ritual}, {day})"},
    {Msg::blocker_title_empty, "Say what is asked.", "Dites ce qui est demandé."},
    {Msg::blocker_pick_department, "Pick a department.", "Choisissez un service."},
    {Msg::standup_no_answer, "No answer: {names}", "Sans réponse : {names}"},
    {Msg::standup_off, "Off: {names}", "Absents : {names}"},
    {Msg::standup_nobody, "Nobody has answered.", "Personne n'a répondu."},
    {Msg::standup_late, "late", "en retard"},
    {Msg::standup_stats_header, "Stand-up participation, last {weeks} weeks",
     "Participation aux points, {weeks} dernières semaines"},
    {Msg::standup_stats_member, "{name}: {on_time} on time, {late} late, {missed} missed",
     "{name} : {on_time} à l'heure, {late} en retard, {missed} manqués"},
    {Msg::standup_stats_ritual, "*{ritual}*: {percent}% answered ({answered} of {prompted})",
     "*{ritual}* : {percent} % de réponses ({answered} sur {prompted})"},
    {Msg::standup_stats_none, "No stand-up prompts in that time.", "Aucun point sur cette période."},
    {Msg::standup_stats_weeks, "Stats cover 1 to 52 weeks; you asked for {weeks}.",
     "Les statistiques couvrent de 1 à 52 semaines ; vous en avez demandé {weeks}."},
    {Msg::cmd_standup, "Answer today's stand-up", "Répondre au point du jour"},
    {Msg::cmd_standup_stats, "Stand-up participation: on time, late, missed",
     "Participation aux points : à l'heure, en retard, manqués"},
    {Msg::cmd_rituals, "What is scheduled, and when it comes next", "Ce qui est prévu, et quand"},
    {Msg::cmd_ritual, "Skip a day of a ritual, pause or resume it",
     "Sauter un jour d'un rituel, le suspendre ou le reprendre"},
    {Msg::rituals_header, "Rituals", "Rituels"},
    {Msg::rituals_line, "*{ritual}* ({kind}), {schedule}: next {next}",
     "*{ritual}* ({kind}), {schedule} : prochaine fois {next}"},
    {Msg::rituals_paused_line, "*{ritual}* ({kind}), {schedule}: paused",
     "*{ritual}* ({kind}), {schedule} : suspendu"},
    {Msg::schedule_every_day, "every day", "tous les jours"},
    {Msg::schedule_weekdays, "weekdays", "en semaine"},
    {Msg::schedule_weekends, "weekends", "le week-end"},
    {Msg::schedule_every, "every {days}", "tous les {days}"},
    {Msg::schedule_every_weeks, "every {weeks} weeks on {days}", "toutes les {weeks} semaines, {days}"},
    {Msg::schedule_week_of_month, "the {which} {days} of the month", "le {which} {days} du mois"},
    {Msg::schedule_first, "first", "premier"},
    {Msg::schedule_second, "second", "deuxième"},
    {Msg::schedule_third, "third", "troisième"},
    {Msg::schedule_fourth, "fourth", "quatrième"},
    {Msg::schedule_last, "last", "dernier"},
    {Msg::schedule_days_of_month, "on day {days} of the month", "le {days} du mois"},
    {Msg::schedule_in_months, "in {months}", "en {months}"},
    {Msg::schedule_either, "{a} or {b}", "{a} ou {b}"},
    {Msg::schedule_at, "at {times}", "à {times}"},
    {Msg::schedule_every_minutes, "every {minutes} minutes from {first} to {last}",
     "toutes les {minutes} minutes de {first} à {last}"},
    {Msg::schedule_from, ", from {day}", ", à partir du {day}"},
    {Msg::rituals_none,
     "No rituals are set up yet; an admin adds them in the `rituals` section of the config.",
     "Aucun rituel n'est encore prévu ; un administrateur les ajoute dans la section `rituals` de la "
     "configuration."},
    {Msg::rituals_times_in, "Times are in your time zone, {zone}.",
     "Les heures sont dans votre fuseau, {zone}."},
    {Msg::ritual_skipped, "*{ritual}* will not happen on {day}.", "*{ritual}* n'aura pas lieu le {day}."},
    {Msg::ritual_already_skipped, "*{ritual}* was already set not to happen on {day}.",
     "*{ritual}* était déjà annulé le {day}."},
    {Msg::ritual_paused, "*{ritual}* is paused: nothing is sent until `{prefix} ritual resume {key}`.",
     "*{ritual}* est suspendu : rien n'est envoyé jusqu'à `{prefix} ritual resume {key}`."},
    {Msg::ritual_already_paused, "*{ritual}* was already paused.", "*{ritual}* était déjà suspendu."},
    {Msg::ritual_resumed, "*{ritual}* runs again.", "*{ritual}* reprend."},
    {Msg::ritual_not_paused, "*{ritual}* was not paused.", "*{ritual}* n'était pas suspendu."},
    {Msg::unknown_ritual, "There is no ritual \"{typed}\". Rituals: {list}.",
     "Il n'y a pas de rituel « {typed} ». Rituels : {list}."},
    {Msg::ritual_usage,
     "Type `{prefix} ritual skip <ritual> [date]`, `{prefix} ritual pause <ritual>` or `{prefix} ritual "
     "resume <ritual>`.",
     "Tapez `{prefix} ritual skip <rituel> [date]`, `{prefix} ritual pause <rituel>` ou `{prefix} ritual "
     "resume <rituel>`."},
    {Msg::bad_day, "\"{typed}\" is not a date: write it as 2026-12-24, yesterday, today or tomorrow.",
     "« {typed} » n'est pas une date : écrivez-la 2026-12-24, hier, aujourd'hui ou demain."},
    {Msg::kind_standup, "stand-up", "point quotidien"},
    {Msg::kind_review, "review", "revue"},
    {Msg::kind_retrospective, "retrospective", "rétrospective"},
    {Msg::kind_reminder, "reminder", "rappel"},
    {Msg::kind_digest, "digest", "synthèse"},
    {Msg::kind_kpi_snapshot, "KPI snapshot", "point KPI"},
    {Msg::cmd_off, "Days off: no prompts, shown as off in reports",
     "Absences : pas de sollicitations, indiqué absent dans les comptes rendus"},
    {Msg::off_set, "Noted: you are off from {first} to {last}. No stand-up prompts then.",
     "C'est noté : vous êtes absent du {first} au {last}. Pas de sollicitation pendant ce temps."},
    {Msg::off_set_day, "Noted: you are off on {day}. No stand-up prompt that day.",
     "C'est noté : vous êtes absent le {day}. Pas de sollicitation ce jour-là."},
    {Msg::off_list, "Your days off: {periods}.", "Vos absences : {periods}."},
    {Msg::off_none, "You have no days off planned. Type `{prefix} off 2026-12-24 2026-12-31` to add some.",
     "Vous n'avez pas d'absence prévue. Tapez `{prefix} off 2026-12-24 2026-12-31` pour en ajouter."},
    {Msg::off_cancelled, "Cancelled: {count} period(s) of days off.",
     "Annulé : {count} période(s) d'absence."},
    {Msg::off_usage,
     "Type `{prefix} off <from> [<to>]` with dates like 2026-12-24, `{prefix} off` to list them, or "
     "`{prefix} off cancel [<from> <to>]`.",
     "Tapez `{prefix} off <du> [<au>]` avec des dates comme 2026-12-24, `{prefix} off` pour les lister, ou "
     "`{prefix} off cancel [<du> <au>]`."},
    {Msg::off_backwards, "The last day {last} comes before the first {first}.",
     "Le dernier jour {last} précède le premier {first}."},
    {Msg::off_too_long, "Days off are set at most 366 days at a time.",
     "Une absence dure au plus 366 jours."},
    {Msg::off_in_past, "{last} is already past.", "Le {last} est déjà passé."},
    {Msg::ritual_time_for, "Time for the *{ritual}*.", "C'est l'heure : *{ritual}*."},
    {Msg::agenda, "Agenda", "Ordre du jour"},
    {Msg::retro_how,
     "Add your items: `{prefix} retro well <text>`, `{prefix} retro improve <text>`, `{prefix} retro action "
     "<text> [@owner] [due:2026-12-04]`.",
     "Ajoutez vos points : `{prefix} retro bien <texte>`, `{prefix} retro ameliorer <texte>`, `{prefix} "
     "retro action <texte> [@responsable] [pour:2026-12-04]`."},
    {Msg::retro_open_actions, "Open actions", "Actions en cours"},
    {Msg::retro_action_line, "#{id} {text} ({owner}{due})", "#{id} {text} ({owner}{due})"},
    {Msg::retro_due, ", due {day}", ", pour le {day}"},
    {Msg::retro_no_actions, "No open actions.", "Aucune action en cours."},
    {Msg::retro_went_well, "Went well", "Ce qui a bien marché"},
    {Msg::retro_to_improve, "To improve", "À améliorer"},
    {Msg::retro_action, "Action", "Action"},
    {Msg::retro_added, "Added to the *{ritual}* of {day}: {kind}, “{text}”.",
     "Ajouté à *{ritual}* du {day} : {kind}, « {text} »."},
    {Msg::retro_closed, "Action #{id} is done.", "L'action #{id} est terminée."},
    {Msg::retro_not_found, "There is no open action #{id}.", "Il n'y a pas d'action en cours #{id}."},
    {Msg::retro_none, "You take part in no retrospective.", "Vous ne participez à aucune rétrospective."},
    {Msg::unknown_member, "No member is called {name}.", "Aucun membre ne s'appelle {name}."},
    {Msg::retro_usage,
     "Type `{prefix} retro well|improve|action <text>`, `{prefix} retro actions`, or `{prefix} retro done "
     "<number>`.",
     "Tapez `{prefix} retro bien|ameliorer|action <texte>`, `{prefix} retro actions`, ou `{prefix} retro "
     "done <numéro>`."},
    {Msg::retro_items_header, "Items raised", "Points soulevés"},
    {Msg::cmd_retro, "Add a retrospective item; list or close actions",
     "Ajouter un point de rétrospective ; lister ou clore les actions"},
    {Msg::digest_week, "Week of {day}", "Semaine du {day}"},
    {Msg::digest_participation, "Stand-up participation", "Participation aux points"},
    {Msg::digest_no_standups, "No stand-ups last week.", "Aucun point la semaine dernière."},
    {Msg::handoff_priority_low, "low", "basse"},
    {Msg::handoff_priority_normal, "normal", "normale"},
    {Msg::handoff_priority_high, "*high*", "*haute*"},
    {Msg::handoff_button_accept, "Accept", "Accepter"},
    {Msg::handoff_button_done, "Done", "Terminé"},
    {Msg::handoff_button_reject, "Reject", "Refuser"},
    {Msg::handoff_state_open, "Open, waiting for someone to accept it",
     "Ouverte, en attente d'une prise en charge"},
    {Msg::handoff_state_open_for, "Open, asked of {who}", "Ouverte, demandée à {who}"},
    {Msg::handoff_state_accepted, "Accepted by {who}", "Prise en charge par {who}"},
    {Msg::handoff_state_done, "Done by {who}", "Terminée par {who}"},
    {Msg::handoff_state_rejected, "Rejected by {who}: {note}", "Refusée par {who} : {note}"},
    {Msg::handoff_state_cancelled, "Cancelled by {who}: {note}", "Annulée par {who} : {note}"},
    {Msg::handoff_field_from, "From", "De"},
    {Msg::handoff_field_to, "To", "Pour"},
    {Msg::handoff_field_due, "Due", "Échéance"},
    {Msg::handoff_field_priority, "Priority", "Priorité"},
    {Msg::handoff_field_state, "Status", "État"},
    {Msg::handoff_accept_by, "To be accepted by {when}. Or type `{prefix} handoff accept {label}`.",
     "À prendre en charge avant {when}. Ou tapez `{prefix} handoff accept {label}`."},
    {Msg::handoff_in_workflow, "Workflow {run}, step {step}", "Workflow {run}, étape {step}"},
    {Msg::handoff_history, "*History*", "*Historique*"},
    {Msg::handoff_line_due, "due {due}", "échéance {due}"},
    {Msg::handoff_overdue, "*overdue*", "*en retard*"},
    {Msg::handoff_did_create, "asked for it", "l'a demandée"},
    {Msg::handoff_did_accept, "accepted it", "l'a prise en charge"},
    {Msg::handoff_did_done, "marked it done", "l'a terminée"},
    {Msg::handoff_did_reject, "rejected it", "l'a refusée"},
    {Msg::handoff_did_cancel, "cancelled it", "l'a annulée"},
    {Msg::handoff_did_edit, "changed it", "l'a modifiée"},
    {Msg::handoff_did_accept_breach, "told the referent: not accepted in time",
     "a prévenu le référent : pas prise en charge à temps"},
    {Msg::handoff_did_accept_managers, "told the managers: still not accepted",
     "a prévenu les managers : toujours pas prise en charge"},
    {Msg::handoff_did_due_reminder, "reminded of the due time", "a rappelé l'échéance"},
    {Msg::handoff_did_due_breach, "told the referent: past due", "a prévenu le référent : échéance dépassée"},
    {Msg::handoff_did_due_managers, "told the managers: still not done",
     "a prévenu les managers : toujours pas terminée"},
    {Msg::handoff_notice_new, "{who} ({from}) asks {department} for something:",
     "{who} ({from}) demande quelque chose à {department} :"},
    {Msg::handoff_notice_new_for_you,
     "{who} ({from}) asks you for something:", "{who} ({from}) vous demande quelque chose :"},
    {Msg::handoff_notice_accepted, "*{label}* {title}: accepted by {who}.",
     "*{label}* {title} : prise en charge par {who}."},
    {Msg::handoff_notice_done, "*{label}* {title}: done by {who}. {note}",
     "*{label}* {title} : terminée par {who}. {note}"},
    {Msg::handoff_notice_rejected, "*{label}* {title}: rejected by {who}: {note}",
     "*{label}* {title} : refusée par {who} : {note}"},
    {Msg::handoff_notice_cancelled, "*{label}* {title}: cancelled by {who}: {note}",
     "*{label}* {title} : annulée par {who} : {note}"},
    {Msg::handoff_notice_accept_breach,
     "*{label}* was due to be accepted by {accept_by} and nobody has taken it yet.",
     "*{label}* devait être prise en charge avant {accept_by} et personne ne l'a encore prise."},
    {Msg::handoff_notice_accept_managers,
     "Escalation: *{label}* for {department} has still not been accepted (target {accept_by}).",
     "Escalade : *{label}* pour {department} n'est toujours pas prise en charge (objectif {accept_by})."},
    {Msg::handoff_notice_due_reminder, "Reminder: *{label}* is due {due}.",
     "Rappel : *{label}* arrive à échéance {due}."},
    {Msg::handoff_notice_due_breach, "*{label}* was due {due} and is not done.",
     "*{label}* était attendue pour {due} et n'est pas terminée."},
    {Msg::handoff_notice_due_managers,
     "Escalation: *{label}* for {department} is past due ({due}) and still not done.",
     "Escalade : *{label}* pour {department} a dépassé son échéance ({due}) et n'est toujours pas terminée."},
    {Msg::workflow_notice_stopped, "Your workflow stopped at *{label}* {title}: {who} said {note}",
     "Votre workflow s'est arrêté à *{label}* {title} : {who} a indiqué {note}"},
    {Msg::workflow_notice_done, "Workflow {who} is complete: the last step, *{label}*, is done.",
     "Le workflow {who} est terminé : la dernière étape, *{label}*, est faite."},
    {Msg::handoff_verb_accept, "accept", "prendre en charge"},
    {Msg::handoff_verb_done, "mark as done", "terminer"},
    {Msg::handoff_verb_reject, "reject", "refuser"},
    {Msg::handoff_verb_cancel, "cancel", "annuler"},
    {Msg::handoff_verb_edit, "change", "modifier"},
    {Msg::handoff_who_requester, "{name}, who asked for it,", "{name}, qui l'a demandée,"},
    {Msg::handoff_who_department, "members of {department} ({names})",
     "les membres de {department} ({names})"},
    {Msg::handoff_refused, "Only {people} or a manager ({managers}) can {verb} {label}.",
     "Seuls {people} ou un manager ({managers}) peuvent {verb} {label}."},
    {Msg::handoff_not_found, "There is no handoff {label}. Type `{prefix} handoffs` to see yours.",
     "Il n'y a pas de demande {label}. Tapez `{prefix} handoffs` pour voir les vôtres."},
    {Msg::handoff_already_yours, "You have already accepted {label}.",
     "Vous avez déjà pris en charge {label}."},
    {Msg::handoff_taken, "{label} was taken first by {who}.",
     "{label} a déjà été prise en charge par {who}."},
    {Msg::handoff_closed, "{label} is closed: {state}.", "{label} est close : {state}."},
    {Msg::handoff_needs_reason, "Say why: type `{prefix} handoff {verb} {label} <reason>`.",
     "Dites pourquoi : tapez `{prefix} handoff {verb} {label} <raison>`."},
    {Msg::handoff_reason_title_reject, "Reject {label}", "Refuser {label}"},
    {Msg::handoff_reason_title_cancel, "Cancel {label}", "Annuler {label}"},
    {Msg::handoff_reason_submit_reject, "Reject", "Refuser"},
    {Msg::handoff_reason_submit_cancel, "Cancel the handoff", "Annuler la demande"},
    {Msg::handoff_reason_field, "Why?", "Pourquoi ?"},
    {Msg::handoff_reason_hint, "Told to the requester and kept in the handoff's history.",
     "Transmis au demandeur et gardé dans l'historique de la demande."},
    {Msg::handoff_reason_empty, "Say why, in a few words.", "Dites pourquoi, en quelques mots."},
    {Msg::handoff_unknown_department_suggest,
     "There is no department \"{typed}\". Did you mean *{suggestion}*?",
     "Il n'y a pas de service « {typed} ». Vouliez-vous dire *{suggestion}* ?"},
    {Msg::handoff_unknown_department, "There is no department \"{typed}\". Departments: {departments}.",
     "Il n'y a pas de service « {typed} ». Services : {departments}."},
    {Msg::handoff_usage,
     "Type `{prefix} handoff <department> <what you need> [due:<when>] [to:@member] [prio:low|normal|high]`, "
     "for example `{prefix} handoff logistics \"Restock SKU-123\" due:fri`.",
     "Tapez `{prefix} handoff <service> <ce dont vous avez besoin> [due:<quand>] [to:@membre] "
     "[prio:low|normal|high]`, par exemple `{prefix} handoff logistique \"Réassort SKU-123\" due:ven`."},
    {Msg::handoff_assignee_outside,
     "{name} is not in {department}: a handoff goes to someone in the department it asks.",
     "{name} ne fait pas partie de {department} : une demande va à quelqu'un du service sollicité."},
    {Msg::handoff_created,
     "*{label}* sent to {department}. Due {due}; to be accepted by {accept_by}. You will hear when someone "
     "takes it.",
     "*{label}* envoyée à {department}. Échéance {due} ; prise en charge attendue avant {accept_by}. Vous "
     "serez prévenu dès que quelqu'un la prend."},
    {Msg::handoff_acted, "*{label}*: {state}.", "*{label}* : {state}."},
    {Msg::handoff_edit_usage,
     "Type `{prefix} handoff edit H-12` then what changes: a new title, `due:<when>`, `to:@member` or "
     "`prio:high`.",
     "Tapez `{prefix} handoff edit H-12` puis ce qui change : un nouveau titre, `due:<quand>`, `to:@membre` "
     "ou `prio:high`."},
    {Msg::handoffs_usage,
     "Type `{prefix} handoffs`, `{prefix} handoffs overdue`, `{prefix} handoffs waiting-on-us` or `{prefix} "
     "handoffs <department>`.",
     "Tapez `{prefix} handoffs`, `{prefix} handoffs overdue`, `{prefix} handoffs waiting-on-us` ou `{prefix} "
     "handoffs <service>`."},
    {Msg::handoffs_mine, "Your open handoffs", "Vos demandes en cours"},
    {Msg::handoffs_overdue, "Overdue handoffs", "Demandes en retard"},
    {Msg::handoffs_waiting, "Waiting on {department}", "En attente chez {department}"},
    {Msg::handoffs_no_department, "You are in no department, so nothing waits on you as a team.",
     "Vous ne faites partie d'aucun service : rien n'attend votre équipe."},
    {Msg::handoffs_department, "Open handoffs for {department}", "Demandes en cours pour {department}"},
    {Msg::handoffs_none, "None.", "Aucune."},
    {Msg::handoffs_more, "Only the first {count} are shown.", "Seules les {count} premières sont affichées."},
    {Msg::handoffs_footer, "Details: `{prefix} handoff show {label}`.",
     "Détails : `{prefix} handoff show {label}`."},
    {Msg::handoff_due_past, "\"{typed}\" is already past: give a time to come.",
     "« {typed} » est déjà passé : donnez un moment à venir."},
    {Msg::handoff_due_too_far, "\"{typed}\" is more than two years away; check the year.",
     "« {typed} » est à plus de deux ans ; vérifiez l'année."},
    {Msg::handoff_bad_due,
     "baton cannot read the due time \"{typed}\". Write for example `due:2026-11-27`, `due:fri`, `due:\"fri "
     "17:00\"`, `due:+2d`, `due:tomorrow` or `due:17:00`.",
     "baton ne comprend pas l'échéance « {typed} ». Écrivez par exemple `due:2026-11-27`, `due:ven`, "
     "`due:\"ven 17h\"`, `due:+2j`, `due:demain` ou `due:17h`."},
    {Msg::handoff_bad_priority, "Priority \"{typed}\" is not one baton knows: use low, normal or high.",
     "La priorité « {typed} » n'existe pas : utilisez low, normal ou high (basse, normale, haute)."},
    {Msg::cmd_handoff, "Ask another department for something, with a due time",
     "Demander quelque chose à un autre service, avec une échéance"},
    {Msg::cmd_handoff_act, "See, accept, finish, reject or cancel a handoff",
     "Voir, prendre en charge, terminer, refuser ou annuler une demande"},
    {Msg::cmd_handoff_edit, "Change a handoff's title, due time, assignee or priority",
     "Modifier le titre, l'échéance, la personne ou la priorité d'une demande"},
    {Msg::cmd_handoffs, "List handoffs: yours, a department's, overdue ones, those waiting on your team",
     "Lister les demandes : les vôtres, celles d'un service, en retard, en attente chez vous"},
    {Msg::workflow_list_header, "Workflows", "Workflows"},
    {Msg::workflow_none_configured,
     "No workflow is configured. An admin adds them under workflows: in the config.",
     "Aucun workflow n'est configuré. Un admin les ajoute dans la section `workflows` de la configuration."},
    {Msg::workflow_runs_header, "*Under way*", "*En cours*"},
    {Msg::workflow_usage,
     "Type `{prefix} workflow start <workflow> <title>` or `{prefix} workflow status W-3`.",
     "Tapez `{prefix} workflow start <workflow> <titre>` ou `{prefix} workflow status W-3`."},
    {Msg::workflow_run_not_found,
     "There is no workflow run {label}. Type `{prefix} workflow` to see those under way.",
     "Il n'y a pas de workflow {label}. Tapez `{prefix} workflow` pour voir ceux en cours."},
    {Msg::workflow_state_running, "{workflow}, started by {who}: step {stage} of {stages}.",
     "{workflow}, lancé par {who} : étape {stage} sur {stages}."},
    {Msg::workflow_state_done, "{workflow}, started by {who}: complete.",
     "{workflow}, lancé par {who} : terminé."},
    {Msg::workflow_state_stopped, "{workflow}, started by {who}: stopped ({note}).",
     "{workflow}, lancé par {who} : arrêté ({note})."},
    {Msg::workflow_held_by, "Held by {holders}.", "En attente chez {holders}."},
    {Msg::workflow_unknown, "There is no workflow \"{typed}\". Workflows: {workflows}.",
     "Il n'y a pas de workflow « {typed} ». Workflows : {workflows}."},
    {Msg::workflow_started,
     "*{label}* {workflow} started: {opened}. Follow it with `{prefix} workflow status {label}`.",
     "*{label}* {workflow} lancé : {opened}. Suivez-le avec `{prefix} workflow status {label}`."},
    {Msg::cmd_workflow, "Start a workflow across departments, or see where one stands",
     "Lancer un workflow entre services, ou voir où il en est"},
    {Msg::handoff_stats_header, "Handoffs to {department}, last {weeks} weeks",
     "Demandes à {department}, {weeks} dernières semaines"},
    {Msg::handoff_stats_week, "Week of {week}: {opened} asked, {closed} closed, {overdue} overdue",
     "Semaine du {week} : {opened} reçues, {closed} closes, {overdue} en retard"},
    {Msg::handoff_stats_accept, "accepted in {duration}", "prises en charge en {duration}"},
    {Msg::handoff_stats_close, "done in {duration}", "terminées en {duration}"},
    {Msg::handoff_stats_sla, "SLA met {percent}%", "SLA tenu à {percent} %"},
    {Msg::handoff_stats_footer,
     "Times are medians, in working hours. The SLA counts handoffs done or due that week: accepted and done "
     "in time.",
     "Les durées sont des médianes, en heures ouvrées. Le SLA porte sur les demandes terminées ou échues "
     "dans la semaine : prises en charge et terminées à temps."},
    {Msg::handoff_stats_weeks, "Give a number of weeks from 1 to {max}.",
     "Indiquez un nombre de semaines entre 1 et {max}."},
    {Msg::cmd_handoffs_stats, "Handoff figures per department and week: asked, closed, overdue, times, SLA",
     "Chiffres des demandes par service et par semaine : reçues, closes, en retard, délais, SLA"},
    {Msg::handoff_earlier_steps, "*Earlier steps:*\n{context}", "*Étapes précédentes :*\n{context}"},
    {Msg::alert_summary_default, "{kpi}: {value}", "{kpi} : {value}"},
    {Msg::alert_summary_default_target, "{kpi}: {value} (target {target})",
     "{kpi} : {value} (objectif {target})"},
    {Msg::value_missing, "no value", "pas de valeur"},
    {Msg::alert_header, "Alerts for {department}", "Alertes pour {department}"},
    {Msg::alert_firing_since, "firing since {when}", "en cours depuis {when}"},
    {Msg::alert_still_firing, "still firing since {when}", "toujours en cours depuis {when}"},
    {Msg::alert_resolved, "resolved {when}", "résolue {when}"},
    {Msg::alert_resolved_now, "resolved {when}, {value} now", "résolue {when}, {value} maintenant"},
    {Msg::severity_info, "Info", "Info"},
    {Msg::severity_warning, "Warning", "Attention"},
    {Msg::severity_critical, "Critical", "Critique"},
    {Msg::alert_handoff_opened, "handoff {label} opened", "demande {label} ouverte"},
    {Msg::alert_footer, "To mute an alert for a while: `{command}`",
     "Pour mettre une alerte en sourdine : `{command}`"},
    {Msg::alert_handoff_note, "Opened by alert {rule} ({severity}): {summary}",
     "Ouverte par l'alerte {rule} ({severity}) : {summary}"},
    {Msg::alert_handoff_resolved, "Alert {rule} resolved, {value} now (it said: {summary})",
     "Alerte {rule} résolue, {value} maintenant (elle disait : {summary})"},
    {Msg::cmd_kpi, "Your department's KPIs, or one KPI by day, week or month",
     "Les KPI de votre service, ou un KPI par jour, semaine ou mois"},
    {Msg::cmd_kpi_set, "Record a KPI's value, for today or another day",
     "Enregistrer la valeur d'un KPI, pour aujourd'hui ou un autre jour"},
    {Msg::kpi_none,
     "No KPI is followed for {department} yet: an admin declares them under kpis in the config.",
     "Aucun KPI n'est suivi pour {department} : un admin les déclare sous kpis dans la configuration."},
    {Msg::kpi_none_at_all, "No KPI is followed yet: an admin declares them under kpis in the config.",
     "Aucun KPI n'est encore suivi : un admin les déclare sous kpis dans la configuration."},
    {Msg::kpi_unknown, "There is no KPI \"{typed}\". KPIs: {kpis}.",
     "Il n'y a pas de KPI « {typed} ». KPI : {kpis}."},
    {Msg::kpi_unknown_suggest, "There is no KPI \"{typed}\". Did you mean *{suggestion}*?",
     "Il n'y a pas de KPI « {typed} ». Vouliez-vous dire *{suggestion}* ?"},
    {Msg::kpi_bad_period, "\"{typed}\" is not a period: day, week or month.",
     "« {typed} » n'est pas une période : jour, semaine ou mois."},
    {Msg::kpi_header, "KPIs — {period}", "KPI — {period}"},
    {Msg::kpi_period_day, "{day}", "{day}"},
    {Msg::kpi_period_week, "week of {day}", "semaine du {day}"},
    {Msg::kpi_period_month, "{month}", "{month}"},
    {Msg::kpi_to_date, "{period}, so far", "{period}, à ce jour"},
    {Msg::kpi_target, "target {target} ({attainment})", "objectif {target} ({attainment})"},
    {Msg::kpi_change, "{change} on the period before", "{change} sur la période précédente"},
    {Msg::kpi_no_value, "no value yet", "pas encore de valeur"},
    {Msg::kpi_set_usage,
     "Type `{prefix} kpi set <kpi> <value> [<day>]`, like `{prefix} kpi set revenue 12500 yesterday`.",
     "Tapez `{prefix} kpi set <kpi> <valeur> [<jour>]`, par exemple `{prefix} kpi set revenue 12500 hier`."},
    {Msg::kpi_set_refused, "Only members of {department} and managers may set {kpi}. Ask {people}.",
     "Seuls les membres de {department} et les managers peuvent saisir {kpi}. Demandez à {people}."},
    {Msg::kpi_set_builtin, "{kpi} is computed by baton from what it records; it cannot be set.",
     "{kpi} est calculé par baton à partir de ce qu'il enregistre ; il ne se saisit pas."},
    {Msg::kpi_set_bad_value,
     "\"{typed}\" is not a value for {kpi} ({unit}): write a number like 12500 or 12500.50.",
     "« {typed} » n'est pas une valeur pour {kpi} ({unit}) : écrivez un nombre comme 12500 ou 12500,50."},
    {Msg::kpi_set_future, "{day} has not begun yet: a KPI's value is for a day that has.",
     "{day} n'a pas encore commencé : la valeur d'un KPI porte sur un jour commencé."},
    {Msg::kpi_set_done, "Recorded: {kpi} for {day}, {value}.", "Enregistré : {kpi} pour {day}, {value}."},
    {Msg::kpi_set_replaced, "Recorded: {kpi} for {day}, {value} (it was {old}).",
     "Enregistré : {kpi} pour {day}, {value} (c'était {old})."},
    {Msg::cmd_silence, "Mute an alert for a while, or unmute it",
     "Mettre une alerte en sourdine, ou l'en sortir"},
    {Msg::cmd_silences, "The alerts muted now", "Les alertes en sourdine"},
    {Msg::silence_usage,
     "Type `{prefix} silence <rule> <duration> [<reason>]`, like `{prefix} silence revenue-below-target 4h "
     "stock count`, or `{prefix} silence <rule> off`.",
     "Tapez `{prefix} silence <règle> <durée> [<raison>]`, par exemple `{prefix} silence "
     "revenue-below-target 4h "
     "inventaire`, ou `{prefix} silence <règle> off`."},
    {Msg::silence_unknown_rule, "There is no rule \"{typed}\". Rules: {rules}.",
     "Il n'y a pas de règle « {typed} ». Règles : {rules}."},
    {Msg::silence_bad_duration, "\"{typed}\" is not a duration: write 30m, 4h or 2d (7 days at most).",
     "« {typed} » n'est pas une durée : écrivez 30m, 4h ou 2d (7 jours au plus)."},
    {Msg::silence_set, "Muted: {rule} says nothing until {until}.",
     "En sourdine : {rule} ne dit rien jusqu'à {until}."},
    {Msg::silence_lifted, "{rule} speaks again.", "{rule} parle de nouveau."},
    {Msg::silence_not_muted, "{rule} is not muted.", "{rule} n'est pas en sourdine."},
    {Msg::silences_none, "No alert is muted.", "Aucune alerte n'est en sourdine."},
    {Msg::silences_header, "Muted alerts", "Alertes en sourdine"},
    {Msg::silence_line, "{rule} until {until}, by {who}", "{rule} jusqu'à {until}, par {who}"},
    {Msg::digest_kpis, "KPIs of the week", "KPI de la semaine"},
    {Msg::digest_alerts, "Alerts", "Alertes"},
    {Msg::digest_no_alerts, "No alert last week.", "Aucune alerte la semaine dernière."},
    {Msg::digest_alert_firing, "still firing", "toujours en cours"},
    {Msg::digest_alert_pending, "pending", "en attente"},
    {Msg::digest_alert_resolved, "resolved", "résolue"},
    {Msg::digest_handoffs, "Handoffs asked of each department", "Demandes reçues par service"},
    {Msg::digest_handoff_line, "{department}: {opened} asked, {closed} closed, {overdue} overdue, SLA {sla}",
     "{department} : {opened} reçues, {closed} closes, {overdue} en retard, délais tenus {sla}"},
    {Msg::digest_blockers, "Blockers raised: {count}", "Blocages signalés : {count}"},
    {Msg::digest_more, "More: `{command}`", "Plus : `{command}`"},
    {Msg::blocks_not_shown, "… and {count} more parts, too long for one message.",
     "… et {count} autres parties, trop longues pour un seul message."},
    {Msg::alert_resolved_change, "Alert {rule} resolved.", "Alerte {rule} résolue."},
    {Msg::buttons_type_instead, "To do this from here, type:", "Pour le faire d'ici, tapez :"},
    {Msg::field_required, "Please fill this in.", "Merci de remplir ce champ."},
    {Msg::privacy_title, "Privacy: baton at {company}", "Confidentialité : baton chez {company}"},
    {Msg::privacy_what,
     "baton is the team-coordination bot {company} runs on its own servers for its staff, in Slack or "
     "Microsoft Teams: stand-ups, handoffs between departments and KPIs.",
     "baton est le bot de coordination d'équipe que {company} fait tourner sur ses propres serveurs pour ses "
     "équipes, dans Slack ou Microsoft Teams : points d'équipe, demandes entre services et indicateurs."},
    {Msg::privacy_keeps,
     "It keeps what it needs to work, in {company}'s own database: the team map (names, job titles, "
     "departments and chat ids), the language and time zone each person chose, days off, stand-up answers, "
     "handoffs and their history, KPI figures, and the messages it sends. It sends them nowhere but to the "
     "chat platform people use it in.",
     "Il garde ce dont il a besoin pour fonctionner, dans la base de données de {company} : l'organisation "
     "(noms, fonctions, services et identifiants de messagerie), la langue et le fuseau horaire choisis par "
     "chacun, les absences, les réponses aux points d'équipe, les demandes et leur historique, les "
     "indicateurs et les messages qu'il envoie. Il ne les transmet qu'à la messagerie où on l'utilise."},
    {Msg::privacy_contact, "To see, correct or remove what baton keeps about you, ask {contact}.",
     "Pour consulter, corriger ou effacer ce que baton garde sur vous, adressez-vous à {contact}."},
    {Msg::terms_title, "Terms of use: baton at {company}", "Conditions d'utilisation : baton chez {company}"},
    {Msg::terms_what,
     "baton is provided by {company} to its staff, to coordinate their work. It is not a public service.",
     "baton est mis à disposition par {company} pour ses équipes, pour coordonner leur travail. Ce n'est pas "
     "un service public."},
    {Msg::terms_rules,
     "Use it as you use {company}'s other work tools: their usual rules apply to what you write in it.",
     "Utilisez-le comme les autres outils de travail de {company} : leurs règles habituelles s'appliquent à "
     "ce "
     "que vous y écrivez."},
    {Msg::legal_contact, "Questions: {contact}.", "Questions : {contact}."},
    {Msg::legal_the_company, "your company", "votre entreprise"},
    {Msg::privacy_contact_admins,
     "To see, correct or remove what baton keeps about you, ask baton's administrators: {admins}.",
     "Pour consulter, corriger ou effacer ce que baton garde sur vous, adressez-vous aux administrateurs de "
     "baton : {admins}."},
    {Msg::legal_contact_admins, "Questions: baton's administrators, {admins}.",
     "Questions : les administrateurs de baton, {admins}."},
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
