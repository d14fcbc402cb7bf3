// The command layer as each kind of caller meets it: roles, languages, typos, strangers, a broken store.
#include <catch2/catch.hpp>

#include "bot/core/config/live_config.hpp"
#include "tests/support/flatten.hpp"
#include "tests/support/schema.hpp"
#include "tests/support/test_bot.hpp"

using namespace baton;

using test::Bot;

TEST_CASE("help lists what the caller's role may run", "[commands][help]") {
  Bot bot;
  const std::string staff = bot.text("sam", "help");
  CHECK_THAT(staff, Catch::Contains("/baton team <department>"));
  CHECK_THAT(staff, Catch::Contains("/baton whoami"));
  CHECK_THAT(staff, Catch::Contains("/baton language en|fr"));
  CHECK_THAT(staff, !Catch::Contains("/baton status"));
  // Managers may skip and pause rituals; admins see the status too. The footer says so.
  CHECK_THAT(staff, Catch::Contains(
                        "You are Sam Staff, team member. Managers and admins have a few more commands."));
  CHECK_THAT(bot.text("dana", "help"),
             Catch::Contains("You are Dana Director, manager. Admins have a few more"));
  const std::string admin = bot.text("ada", "help");
  CHECK_THAT(admin, Catch::Contains("/baton status"));
  CHECK_THAT(admin, Catch::Contains("You are Ada Admin, admin.") && !Catch::Contains("more commands"));
  CHECK(bot.text("sam", "") == staff);  // /baton alone is help
  CHECK(bot.text("sam", "aide") == staff);
}

TEST_CASE("people not in the map are told whom to ask, and only help is open to them", "[commands][guests]") {
  Bot bot;
  const std::string help = bot.text("U0STRANGER", "help", Platform::slack);
  CHECK_THAT(help, Catch::Contains("not in the team map") && Catch::Contains("Ada Admin"));
  CHECK_THAT(help, !Catch::Contains("/baton team"));
  const std::string team = bot.text("U0STRANGER", "team", Platform::slack);
  CHECK_THAT(team, Catch::Contains("not in baton's team map yet") && Catch::Contains("Ada Admin"));
  CHECK_THAT(team, !Catch::Contains("Logistics"));
}

TEST_CASE("a caller is recognised by their id on their platform", "[commands]") {
  Bot bot;
  CHECK_THAT(bot.text("U0SAMSTAFF", "whoami", Platform::slack), Catch::Contains("Sam Staff"));
  // Teams commands are typed by mentioning the bot.
  CHECK_THAT(bot.text("29:someone", "help", Platform::teams), Catch::Contains("@baton help"));
}

TEST_CASE("the team map shows departments, referents, members and the caller's channel", "[commands][team]") {
  Bot bot;
  const std::string en = bot.text("sam", "team");
  CHECK_THAT(en, Catch::StartsWith("Team map — Test Shop\n"));
  CHECK_THAT(en, Catch::Contains("Management: Dana Director (E-commerce director)"));
  CHECK_THAT(en,
             Catch::Contains(
                 "Logistics\nReferent: Marc Manager\nMembers: Marc Manager, Sam Staff\nChannel: #logistics"));
  CHECK_THAT(en, Catch::Contains("Responsible for: stock and restocking"));
  CHECK_THAT(en, Catch::Contains("Departments: 2 · People: 5"));
  // On Slack, the channel is the Slack one.
  const Reply slack = bot.say("U0SAMSTAFF", "team", Platform::slack);
  CHECK_THAT(test::flatten(slack.message), Catch::Contains("Channel: #C0LOGISTIC"));
  CHECK(slack.visibility == Visibility::ephemeral);
}

TEST_CASE("the team map is in the reader's language", "[commands][team][i18n]") {
  Bot bot;
  const std::string fr = bot.text("marc", "team");
  CHECK_THAT(fr, Catch::StartsWith("Organisation — Test Shop\n"));
  CHECK_THAT(fr, Catch::Contains("Logistique\nRéférent: Marc Manager"));
  CHECK_THAT(fr, Catch::Contains("Missions: stock et réassort"));
  CHECK_THAT(fr, Catch::Contains("Services : 2 · Personnes : 5"));
  CHECK(bot.say("marc", "team").message.locale == Locale::fr);
}

TEST_CASE("one department, found by key or by name in either language", "[commands][team]") {
  Bot bot;
  const std::string by_key = bot.text("sam", "team logistics");
  CHECK_THAT(by_key, Catch::StartsWith("Logistics\n"));
  CHECK_THAT(by_key, Catch::Contains("• Marc Manager — Head of logistics (referent)"));
  CHECK_THAT(by_key, Catch::Contains("• Sam Staff"));
  CHECK_THAT(by_key, Catch::Contains("• stock and restocking"));
  CHECK(bot.text("sam", "team LOGISTIQUE") == by_key);
  CHECK_THAT(bot.text("sam", "team customer service"), Catch::StartsWith("Customer service\n"));
  CHECK_THAT(bot.text("sam", "team \"Customer Service\""), Catch::StartsWith("Customer service\n"));
}

TEST_CASE("an unknown department gets a suggestion and the list", "[commands][team]") {
  Bot bot;
  const std::string typo = bot.text("sam", "team logistcs");
  CHECK_THAT(typo, Catch::Contains("There is no department called “logistcs”."));
  CHECK_THAT(typo, Catch::Contains("Did you mean /baton team logistics?"));
  CHECK_THAT(typo, Catch::Contains("Departments: logistics and customer-service."));
  CHECK_THAT(bot.text("sam", "team zzz"), !Catch::Contains("Did you mean"));
  CHECK_THAT(bot.text("marc", "team logistik"), Catch::Contains("Aucun service ne s'appelle « logistik »."));
}

TEST_CASE("an unknown command gets a suggestion and the way to help", "[commands]") {
  Bot bot;
  const std::string typo = bot.text("sam", "tema");
  CHECK_THAT(typo, Catch::Contains("I don't know the command “tema”. Did you mean /baton team?"));
  CHECK_THAT(typo, Catch::Contains("Type /baton help"));
  CHECK_THAT(bot.text("sam", "deploy prod"), !Catch::Contains("Did you mean"));
  // A staff member is not pointed at an admin command they cannot run.
  CHECK_THAT(bot.text("sam", "statu"), !Catch::Contains("/baton status"));
  CHECK_THAT(bot.text("ada", "statu"), Catch::Contains("Did you mean /baton status?"));
}

TEST_CASE("typed text comes back as plain text, never as markup", "[commands][escaping]") {
  Bot bot;
  const Reply reply = bot.say("sam", "<!channel>*bold*");
  bool found = false;
  for (const Block& block : reply.message.blocks) {
    if (const auto* s = std::get_if<Section>(&block)) {
      for (const Span& span : s->text.spans) {
        if (span.text.find("<!channel>") != std::string::npos) {
          found = true;
          CHECK(span.style == SpanStyle::plain);
        }
      }
    }
  }
  CHECK(found);
}

TEST_CASE("whoami shows role, departments, local time and language", "[commands][whoami]") {
  Bot bot;  // the clock says 2026-11-23 08:00 UTC
  const std::string sam = bot.text("sam", "whoami");
  CHECK_THAT(sam, Catch::Contains("Sam Staff"));
  CHECK_THAT(sam, Catch::Contains("Role: team member"));
  CHECK_THAT(sam, Catch::Contains("Departments: Logistics"));
  CHECK_THAT(sam, Catch::Contains("Time zone: America/Montreal (it is 03:00 for you)"));
  CHECK_THAT(sam, Catch::Contains("Language: English"));
  const std::string marc = bot.text("marc", "whoami");
  CHECK_THAT(marc, Catch::Contains("Services: Logistique (référent)"));
  CHECK_THAT(marc, Catch::Contains("Fuseau horaire: Europe/Paris (il est 09:00 chez vous)"));
  CHECK_THAT(marc, Catch::Contains("Fonction: Responsable logistique"));
  CHECK_THAT(bot.text("dana", "whoami"), Catch::Contains("Departments: none yet"));
  CHECK_THAT(bot.text("sam", "whoami please"),
             Catch::Contains("/baton whoami takes nothing after it; you typed “please”."));
}

TEST_CASE("status is for admins, and says so to others naming who can", "[commands][status]") {
  Bot bot;
  CHECK_THAT(bot.text("sam", "status"), Catch::Contains("Only admins can use /baton status. Ask Ada Admin."));
  CHECK_THAT(bot.text("marc", "status"), Catch::Contains("Seuls les administrateurs"));
  const std::string status = bot.text("ada", "status");
  CHECK_THAT(status, Catch::Contains("Version: 9.9.9"));
  CHECK_THAT(status, Catch::Contains("Store: SQLite, schema version " + test::schema_version_text()));
  CHECK_THAT(status, Catch::Contains("Team: 2 departments, 5 people"));
  CHECK_THAT(status, Catch::Contains("Up since: 2026-11-23 09:00 CET"));
}

TEST_CASE("a member's language choice is stored, then used for everything", "[commands][language]") {
  Bot bot;
  CHECK_THAT(bot.text("sam", "language"), Catch::Contains("I speak English with you."));
  const Reply changed = bot.say("sam", "language fr");
  CHECK_THAT(test::flatten(changed.message),
             Catch::Contains("C'est noté : désormais, je vous parle en français."));
  CHECK(changed.message.locale == Locale::fr);
  CHECK(bot.sqlite.member_locale("sam") == Locale::fr);
  CHECK_THAT(bot.text("sam", "team"), Catch::StartsWith("Organisation — Test Shop"));
  CHECK_THAT(bot.text("sam", "langue français"), Catch::Contains("Je vous parle déjà en français."));
  CHECK_THAT(bot.text("sam", "language english"), Catch::Contains("from now on I speak English"));
  CHECK_THAT(bot.text("sam", "language klingon"), Catch::Contains("I don't speak “klingon”."));
}

TEST_CASE("language choices kept in memory: read from the store once, then known without it",
          "[commands][language]") {
  Bot bot;
  LanguageChoices languages;
  bot.services.languages = &languages;
  bot.sqlite.set_member_locale("ada", Locale::fr, bot.clock.now());  // chosen in an earlier run

  // Reads and other calls alike: a read may run on the caller's thread (StoreExecutor::read).
  const auto calls = [&bot] { return bot.executor.counts().calls + bot.executor.counts().reads; };
  const auto before = calls();
  CHECK(bot.say("ada", "team").message.locale == Locale::fr);
  CHECK(calls() == before + 1);  // the store, asked once
  CHECK(bot.say("ada", "team").message.locale == Locale::fr);
  CHECK(calls() == before + 1);  // then known: the team map needs no store at all
  CHECK(languages.find("ada") == std::optional<std::optional<Locale>>(Locale::fr));

  // A member who never chose is remembered as such, and a choice replaces that at once.
  CHECK(bot.say("sam", "team").message.locale == Locale::en);
  const auto never_chose = languages.find("sam");
  REQUIRE(never_chose.has_value());       // known ...
  CHECK_FALSE(never_chose->has_value());  // ... as no choice
  CHECK_THAT(bot.text("sam", "language fr"), Catch::Contains("désormais, je vous parle en français"));
  CHECK(bot.sqlite.member_locale("sam") == Locale::fr);
  CHECK(bot.say("sam", "team").message.locale == Locale::fr);
  CHECK_THAT(bot.text("sam", "language en"), Catch::Contains("from now on I speak English"));
  CHECK(bot.say("sam", "team").message.locale == Locale::en);
}

TEST_CASE("a language read from the store never replaces a choice made meanwhile", "[commands][language]") {
  LanguageChoices languages;
  CHECK_FALSE(languages.find("sam"));
  languages.chosen("sam", Locale::fr);  // stored while an older read was on its way
  languages.read("sam", std::nullopt);  // that read's answer comes back
  CHECK(languages.find("sam") == std::optional<std::optional<Locale>>(Locale::fr));
  languages.chosen("sam", Locale::en);
  CHECK(languages.find("sam") == std::optional<std::optional<Locale>>(Locale::en));
}

TEST_CASE("when the store fails, a write says sorry with a reference and reads still work",
          "[commands][store]") {
  Bot bot(true);
  const std::string answer = bot.text("sam", "language fr");
  CHECK_THAT(answer, Catch::Contains("Sorry, something went wrong on my side and nothing was changed"));
  CHECK_THAT(answer, Catch::Contains("(reference E-"));
  CHECK_THAT(answer, !Catch::Contains("disk I/O error"));  // details stay in the log
  // The language falls back to the one in config, and the team map needs no store.
  CHECK_THAT(bot.text("marc", "team"), Catch::StartsWith("Organisation — Test Shop"));
  CHECK_THAT(bot.text("ada", "status"), Catch::Contains("Store: unreachable: disk I/O error"));
}

TEST_CASE("over-long commands are refused with the limit", "[commands][limits]") {
  Bot bot;
  const std::string answer = bot.text("sam", "team " + std::string(5000, 'x'));
  CHECK_THAT(answer, Catch::Contains("That is too long for a command: 5005 characters, 4000 at most."));
}

TEST_CASE(
    "each member's commands are held to rate_limits.commands with a polite reply, the console's are not",
    "[commands][limits]") {
  Bot bot;
  Config limited = bot.config;
  limited.rate_limits.commands = RateLimit{2, std::chrono::minutes(1)};
  const LiveConfig live(std::make_shared<const Config>(std::move(limited)));
  bot.services.config = &live;
  CHECK_THAT(bot.text("U0SAMSTAFF", "whoami", Platform::slack),
             Catch::Contains("What baton knows about you"));
  CHECK_THAT(bot.text("U0SAMSTAFF", "help", Platform::slack), Catch::Contains("/baton whoami"));
  const Reply third = bot.say("U0SAMSTAFF", "whoami", Platform::slack);
  CHECK(
      test::flatten(third.message) ==
      "You are sending commands faster than baton takes them from one person (2/min). Try again in 30 s.\n");
  CHECK(third.visibility == Visibility::ephemeral);
  // Someone not in the map is counted apart, by the platform's id for them; the console not at all.
  CHECK_THAT(bot.text("U0STRANGER", "help", Platform::slack), Catch::Contains("help"));
  for (int i = 0; i < 5; ++i)
    CHECK_THAT(bot.text("sam", "whoami"), Catch::Contains("What baton knows about you"));
  // Half a minute later Sam has one more.
  bot.clock.advance(std::chrono::seconds(30));
  CHECK_THAT(bot.text("U0SAMSTAFF", "whoami", Platform::slack),
             Catch::Contains("What baton knows about you"));
  CHECK_THAT(bot.text("U0SAMSTAFF", "whoami", Platform::slack), Catch::Contains("faster than baton"));
}

TEST_CASE("every command and every button against every kind of caller: the role table decides",
          "[commands][permissions]") {
  Bot bot;
  // A stranger, staff, a department's referent (staff), a manager who is a referent, a manager in no
  // department, an admin; Léa and Marc read French.
  const std::vector<std::pair<std::string, std::optional<Role>>> callers = {
      {"nobody", std::nullopt}, {"sam", Role::staff},    {"lea", Role::staff},
      {"marc", Role::manager},  {"dana", Role::manager}, {"ada", Role::admin}};
  const auto refused = [](const std::string& answer) {
    for (const char* refusal : {"Only managers and admins can use", "Only admins can use",
                                "Seuls les managers et les administrateurs", "Seuls les administrateurs",
                                "not in baton's team map", "ne figurez pas encore"}) {
      if (answer.find(refusal) != std::string::npos) return true;
    }
    return false;
  };
  int gated = 0;
  for (const CommandSpec& spec : builtin_commands()) {
    if (spec.min_role) ++gated;
    for (const auto& [who, role] : callers) {
      const bool allowed = !spec.min_role || (role && role_at_least(*role, *spec.min_role));
      // A command open to all may still tell a stranger it does not know them: only refusals are checked.
      if (!role && allowed) continue;
      INFO(spec.name << " typed by " << who);
      CHECK(refused(bot.text(who, spec.name)) == !allowed);
      if (spec.on_click) {
        // A button of this command, clicked by someone who may not run it: a payload made up by hand
        // gets no further than a typed command would.
        Click click;
        click.user_id = who;
        click.channel = "#console";
        click.action_id = spec.name + ".any";
        click.value = "H-1";
        const ClickReply reply = test::run_sync(bot.io, bot.commands.click(click));
        const std::string shown = reply.replacement ? test::flatten(*reply.replacement) : "";
        INFO("a click on " << click.action_id);
        CHECK(refused(shown) == !allowed);
      }
    }
  }
  CHECK(gated >= 2);  // the table does gate something: managers' and admins' commands exist
}

TEST_CASE("direct messages run commands by their plain name, and say when they do not understand",
          "[commands][dm]") {
  Bot bot;
  CHECK_THAT(test::flatten(bot.direct("sam", "help").message), Catch::Contains("/baton whoami"));
  CHECK_THAT(test::flatten(bot.direct("sam", "good morning").message),
             Catch::Contains("I didn't catch that. Send help to see what I can do."));
  CHECK_THAT(test::flatten(bot.direct("marc", "bonjour").message), Catch::Contains("Je n'ai pas compris."));
}

TEST_CASE("the team map has a button per department, and a click shows it in its place",
          "[commands][click]") {
  Bot bot;
  const Reply map = bot.say("sam", "team");
  const Actions* actions = nullptr;
  for (const Block& block : map.message.blocks) {
    if (const auto* a = std::get_if<Actions>(&block)) actions = a;
  }
  REQUIRE(actions != nullptr);
  REQUIRE(actions->buttons.size() == 2);
  CHECK(actions->buttons[0].label == "Logistics");
  CHECK(actions->buttons[0].action_id == "team.show");
  CHECK(actions->buttons[0].value == "logistics");

  Click click;
  click.platform = Platform::console;
  click.user_id = "marc";
  click.action_id = "team.show";
  click.value = "logistics";
  const auto replaced = test::run_sync(bot.io, bot.commands.click(click)).replacement;
  REQUIRE(replaced);
  CHECK_THAT(test::flatten(*replaced), Catch::StartsWith("Logistique\n"));  // in the clicker's language
  CHECK(replaced->locale == Locale::fr);
}

TEST_CASE("clicks on unknown actions or by strangers are answered, not obeyed", "[commands][click]") {
  Bot bot;
  Click click;
  click.user_id = "sam";
  click.action_id = "launch.rocket";
  const auto unknown = test::run_sync(bot.io, bot.commands.click(click)).replacement;
  REQUIRE(unknown);
  CHECK_THAT(test::flatten(*unknown), Catch::Contains("This button no longer does anything"));

  click.action_id = "team.show";
  click.value = "logistics";
  click.platform = Platform::slack;
  click.user_id = "U0STRANGER";
  const auto stranger = test::run_sync(bot.io, bot.commands.click(click)).replacement;
  REQUIRE(stranger);
  CHECK_THAT(test::flatten(*stranger), Catch::Contains("not in baton's team map yet"));

  click.platform = Platform::console;
  click.user_id = "sam";
  click.value = "legal";
  const auto gone = test::run_sync(bot.io, bot.commands.click(click)).replacement;
  REQUIRE(gone);
  CHECK_THAT(test::flatten(*gone), Catch::Contains("There is no department called “legal”."));
}

TEST_CASE("language alone offers a picker, submitting it stores the choice", "[commands][dialog]") {
  Bot bot;
  const Reply reply = bot.say("sam", "language");
  REQUIRE(reply.dialog.has_value());
  CHECK(reply.dialog->id == "language.choose");
  CHECK(reply.dialog->title == "Your language");
  REQUIRE(reply.dialog->fields.size() == 1);
  CHECK(reply.dialog->fields[0].initial == "en");
  CHECK(reply.dialog->fields[0].choices.size() == 2);
  CHECK(reply.dialog->context == "#console");
  CHECK_THAT(test::flatten(reply.message),
             Catch::Contains("I speak English with you."));  // where no form can open

  DialogSubmission submission;
  submission.user_id = "sam";
  submission.dialog_id = "language.choose";
  submission.values = {{"language", "fr"}};
  const DialogOutcome accepted = test::run_sync(bot.io, bot.commands.submit(submission));
  CHECK(accepted.errors.empty());
  REQUIRE(accepted.confirmation);
  CHECK_THAT(test::flatten(*accepted.confirmation), Catch::Contains("désormais, je vous parle en français"));
  CHECK(bot.sqlite.member_locale("sam") == Locale::fr);
}

TEST_CASE("a dialog submitted with a wrong value, or by a stranger, gets errors on its field",
          "[commands][dialog]") {
  Bot bot;
  DialogSubmission submission;
  submission.user_id = "sam";
  submission.dialog_id = "language.choose";
  submission.values = {{"language", "de"}};
  const DialogOutcome wrong = test::run_sync(bot.io, bot.commands.submit(submission));
  CHECK(wrong.errors.at("language") == "Choose English or French.");
  CHECK_FALSE(wrong.confirmation);

  submission.platform = Platform::slack;
  submission.user_id = "U0STRANGER";
  submission.values = {{"language", "fr"}};
  const DialogOutcome stranger = test::run_sync(bot.io, bot.commands.submit(submission));
  CHECK_THAT(stranger.errors.at("language"), Catch::Contains("not in baton's team map"));

  submission.user_id = "U0SAMSTAFF";
  submission.dialog_id = "rocket.launch";
  const DialogOutcome unknown = test::run_sync(bot.io, bot.commands.submit(submission));
  CHECK_THAT(unknown.errors.at("language"), Catch::Contains("no longer does anything"));
}
