// Handoffs on Slack, end to end: the real binary on loopback, a slash command asks Logistics, a member
// accepts with the card's button, a manager finishes by typing; the channel's card follows each state.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "bot/core/http/form.hpp"
#include "tests/support/slack_binary.hpp"

using namespace baton;
using nlohmann::json;
using test::command_form;
using test::FakeSlack;
using test::SlackBaton;

namespace {

std::string click_form(const FakeSlack& slack, const std::string& user, const std::string& action,
                       const std::string& message_ts, const std::string& hook) {
  const json payload{
      {"type", "block_actions"},
      {"user", {{"id", user}}},
      {"channel", {{"id", "C0LOGISTIC"}}},
      {"container", {{"type", "message"}, {"message_ts", message_ts}, {"channel_id", "C0LOGISTIC"}}},
      {"response_url", slack.response_url(hook)},
      {"trigger_id", "1234.5678"},
      {"actions",
       {{{"action_id", action}, {"value", "H-1"}, {"type", "button"}, {"action_ts", "1700000002." + hook}}}}};
  return form_encode({{"payload", payload.dump()}});
}

bool has_buttons(const json& blocks) {
  for (const json& block : blocks) {
    if (block.value("type", "") == "actions") return true;
  }
  return false;
}

std::string all_text(const json& arguments) {
  return arguments.dump();
}

}  // namespace

TEST_CASE("Slack: a handoff asked, accepted with its button, finished by command, its card follows",
          "[binary][slack][handoffs]") {
  FakeSlack slack;
  SlackBaton baton(slack);

  const auto asked = baton.command(
      command_form(slack, R"(handoff logistics "Restock SKU-123" due:+2d prio:high)", "U0ADAADMIN"));
  REQUIRE(asked.status == 200);
  CHECK(json::parse(asked.body)["text"].get<std::string>().find("H-1 sent to Logistics") !=
        std::string::npos);

  // The card in the channel, and the referent's direct message.
  REQUIRE(slack.wait_for("chat.postMessage", 2));
  const auto posts = slack.calls("chat.postMessage");
  const auto card = std::find_if(posts.begin(), posts.end(), [](const auto& c) {
    return c.arguments.value("channel", "") == "C0LOGISTIC";
  });
  REQUIRE(card != posts.end());
  CHECK(has_buttons(card->arguments["blocks"]));
  CHECK(all_text(card->arguments).find("handoff.accept") != std::string::npos);
  CHECK(slack.texts_in("DU0MARCMANA").size() == 1);  // Marc, the referent, in French
  CHECK(all_text(posts.back().arguments).find("Ada Admin") != std::string::npos);
  // The ts the fake gave the card (it numbers its answers in order) is what later updates must name.
  const auto card_index = static_cast<std::size_t>(card - posts.begin());
  const std::string posted_ts = card_index == 0 ? "1700000001.000100" : "1700000002.000100";

  // Sam, in Logistics, clicks Accept on the card.
  REQUIRE(baton.interaction(click_form(slack, "U0SAMSTAFF", "handoff.accept", posted_ts, "a1")).status ==
          200);
  REQUIRE(slack.wait_for("response_url", 1));
  CHECK(all_text(slack.calls("response_url").at(0).arguments).find("Prise en charge par Sam Staff") !=
        std::string::npos);  // the channel's card is in its referent's language
  REQUIRE(slack.wait_for("chat.update", 1));
  const auto first_update = slack.calls("chat.update").at(0).arguments;
  CHECK(first_update["channel"] == "C0LOGISTIC");
  CHECK(first_update["ts"] == posted_ts);
  CHECK(has_buttons(first_update["blocks"]));  // Done and Reject remain
  // Ada hears it was taken.
  REQUIRE(slack.wait_for("chat.postMessage", 3));
  CHECK(slack.texts_in("DU0ADAADMIN").size() == 1);

  // Sam clicks Accept again (a stale card elsewhere): told, alone, who has it; nothing changes.
  REQUIRE(baton.interaction(click_form(slack, "U0SAMSTAFF", "handoff.accept", posted_ts, "a2")).status ==
          200);
  REQUIRE(slack.wait_for("chat.postEphemeral", 1));
  CHECK(all_text(slack.calls("chat.postEphemeral").at(0).arguments).find("already accepted") !=
        std::string::npos);

  // Marc, a manager, finishes it by typing: the card loses its buttons.
  const auto done = baton.command(command_form(slack, "handoff done H-1 200 units in stock", "U0MARCMANA"));
  REQUIRE(done.status == 200);
  REQUIRE(slack.wait_for("chat.update", 2));
  const auto last_update = slack.calls("chat.update").back().arguments;
  CHECK(last_update["ts"] == posted_ts);
  CHECK_FALSE(has_buttons(last_update["blocks"]));
  CHECK(all_text(last_update).find("Terminée par Marc Manager") != std::string::npos);
  REQUIRE(slack.wait_for("chat.postMessage", 4));
  CHECK(slack.texts_in("DU0ADAADMIN").size() == 2);
}

TEST_CASE(
    "Slack: Reject pressed opens a modal asking why, submitted, the handoff is rejected and its card follows",
    "[binary][slack][handoffs][dialog]") {
  FakeSlack slack;
  SlackBaton baton(slack);
  REQUIRE(baton.command(command_form(slack, R"(handoff logistics "Restock SKU-9")", "U0ADAADMIN")).status ==
          200);
  REQUIRE(slack.wait_for("chat.postMessage", 2));
  const auto posts = slack.calls("chat.postMessage");
  const bool card_first = posts.at(0).arguments.value("channel", "") == "C0LOGISTIC";
  const std::string posted_ts = card_first ? "1700000001.000100" : "1700000002.000100";

  // Sam presses Reject: a modal opens on the click's trigger, and nothing else is said.
  REQUIRE(baton.interaction(click_form(slack, "U0SAMSTAFF", "handoff.reject", posted_ts, "r1")).status ==
          200);
  REQUIRE(slack.wait_for("views.open", 1));
  const json open = slack.calls("views.open").at(0).arguments;
  CHECK(open["trigger_id"] == "1234.5678");
  const json view = open["view"];
  CHECK(view["callback_id"] == "handoff.reason");
  CHECK(view["blocks"].at(0)["block_id"] == "reason");

  const auto submit = [&](const std::string& reason, const std::string& view_id) {
    const json payload{
        {"type", "view_submission"},
        {"user", {{"id", "U0SAMSTAFF"}}},
        {"view",
         {{"id", view_id},
          {"hash", "1.a"},
          {"callback_id", view["callback_id"]},
          {"private_metadata", view["private_metadata"]},
          {"state",
           {{"values", {{"reason", {{"value", {{"type", "plain_text_input"}, {"value", reason}}}}}}}}}}}};
    return baton.interaction(form_encode({{"payload", payload.dump()}}));
  };
  // No reason: the modal stays open with the error under the field.
  const auto empty = submit("   ", "V1");
  REQUIRE(empty.status == 200);
  CHECK(json::parse(empty.body)["response_action"] == "errors");
  CHECK(json::parse(empty.body)["errors"].contains("reason"));

  const auto rejected = submit("No stock until January", "V2");
  REQUIRE(rejected.status == 200);
  CHECK(rejected.body.empty());  // the modal closes
  // The card in the channel follows (in Marc's French), without buttons; Sam alone is told, in the channel.
  REQUIRE(slack.wait_for("chat.update", 1));
  const json update = slack.calls("chat.update").back().arguments;
  CHECK(update["ts"] == posted_ts);
  CHECK_FALSE(has_buttons(update["blocks"]));
  CHECK(all_text(update).find("No stock until January") != std::string::npos);
  REQUIRE(slack.wait_for("chat.postEphemeral", 1));
  const json told = slack.calls("chat.postEphemeral").at(0).arguments;
  CHECK(told["channel"] == "C0LOGISTIC");
  CHECK(told["user"] == "U0SAMSTAFF");
  CHECK(all_text(told).find("H-1") != std::string::npos);
  // Ada, who asked, hears why.
  REQUIRE(slack.wait_for("chat.postMessage", 3));
  CHECK(all_text(slack.calls("chat.postMessage").back().arguments).find("No stock until January") !=
        std::string::npos);
  CHECK(slack.calls("chat.postEphemeral").size() == 1);  // no "type this instead" beside the modal
}
