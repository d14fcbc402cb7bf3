// The limits are Slack's Block Kit reference (blocks, block elements, composition objects, surfaces).
#include "tests/support/block_kit_rules.hpp"

#include <set>

#include "bot/core/text/utf8.hpp"

namespace baton::test {
namespace {

using nlohmann::json;

class Checker {
 public:
  std::vector<std::string> problems;

  void fail(const std::string& where, const std::string& what) {
    problems.push_back("[ERROR] " + what + " [json-pointer:" + where + "]");
  }

  // A string of `min` to `max` characters; absent is fine unless `required`.
  void text_field(const json& parent, const std::string& key, const std::string& where, std::size_t max,
                  bool required, std::size_t min = 1) {
    const auto it = parent.find(key);
    if (it == parent.end()) {
      if (required) fail(where, "missing required field: " + key);
      return;
    }
    if (!it->is_string()) {
      fail(where + "/" + key, "must be a string");
      return;
    }
    const std::string& value = it->get_ref<const std::string&>();
    if (!is_valid_utf8(value)) fail(where + "/" + key, "must be valid UTF-8");
    const std::size_t length = count_utf16_units(value);
    if (length > max) fail(where + "/" + key, "must be less than " + std::to_string(max + 1) + " characters");
    if (length < min) fail(where + "/" + key, "must be more than " + std::to_string(min - 1) + " characters");
  }

  // A text object: {"type":"plain_text"|"mrkdwn","text":...}, of at most `max` characters.
  void text_object(const json& object, const std::string& where, std::size_t max, bool plain_only) {
    if (!object.is_object()) {
      fail(where, "must be a text object");
      return;
    }
    const std::string type = object.value("type", std::string());
    if (type != "plain_text" && !(type == "mrkdwn" && !plain_only)) {
      fail(where + "/type", plain_only ? "must be plain_text" : "must be plain_text or mrkdwn");
    }
    text_field(object, "text", where, max, true);
    if (object.contains("emoji") && (type != "plain_text" || !object["emoji"].is_boolean()))
      fail(where + "/emoji", "emoji is a boolean of plain_text only");
    if (object.contains("verbatim") && (type != "mrkdwn" || !object["verbatim"].is_boolean()))
      fail(where + "/verbatim", "verbatim is a boolean of mrkdwn only");
  }

  void array_size(const json& parent, const std::string& key, const std::string& where, std::size_t min,
                  std::size_t max) {
    const auto it = parent.find(key);
    if (it == parent.end() || !it->is_array()) {
      fail(where, "missing required field: " + key);
      return;
    }
    if (it->size() < min) fail(where + "/" + key, "must provide at least " + std::to_string(min) + " items");
    if (it->size() > max)
      fail(where + "/" + key, "must provide no more than " + std::to_string(max) + " items");
  }

  void button(const json& element, const std::string& where) {
    text_object(element.value("text", json()), where + "/text", 75, true);
    text_field(element, "action_id", where, 255, false);
    text_field(element, "value", where, 2000, false);
    text_field(element, "url", where, 3000, false);
    if (element.contains("style")) {
      const std::string style = element.value("style", std::string());
      if (style != "primary" && style != "danger") fail(where + "/style", "must be primary or danger");
    }
  }

  void select(const json& element, const std::string& where) {
    array_size(element, "options", where, 1, 100);
    for (std::size_t i = 0; i < element.value("options", json::array()).size(); ++i) {
      const json& option = element["options"][i];
      const std::string at = where + "/options/" + std::to_string(i);
      text_object(option.value("text", json()), at + "/text", 75, true);
      text_field(option, "value", at, 150, true);
    }
    if (element.contains("initial_option")) {
      bool listed = false;
      for (const json& option : element["options"])
        listed = listed || option == element["initial_option"];
      if (!listed) fail(where + "/initial_option", "must be one of the options");
    }
  }

  void element(const json& element, const std::string& where) {
    const std::string type = element.value("type", std::string());
    if (type == "button") {
      button(element, where);
    } else if (type == "static_select") {
      text_field(element, "action_id", where, 255, false);
      select(element, where);
    } else if (type == "plain_text_input") {
      text_field(element, "action_id", where, 255, false);
      const json max = element.value("max_length", json());
      if (!max.is_null() && (!max.is_number_integer() || max.get<long>() < 1 || max.get<long>() > 3000))
        fail(where + "/max_length", "must be between 1 and 3000");
      if (element.contains("initial_value") && max.is_number_integer())
        text_field(element, "initial_value", where, max.get<std::size_t>(), false, 0);
    } else {
      fail(where + "/type", "unknown element type " + type);
    }
  }

  // action_ids must be unique within a block: what Slack names as "action_id already exists".
  void unique_action_ids(const json& elements, const std::string& where) {
    std::set<std::string> seen;
    for (std::size_t i = 0; i < elements.size(); ++i) {
      const std::string id = elements[i].value("action_id", std::string());
      if (!id.empty() && !seen.insert(id).second)
        fail(where + "/elements/" + std::to_string(i) + "/action_id", "action_id already exists: " + id);
    }
  }

  void block(const json& block, const std::string& where, bool in_modal) {
    if (!block.is_object()) {
      fail(where, "must be an object");
      return;
    }
    text_field(block, "block_id", where, 255, false);
    const std::string type = block.value("type", std::string());
    if (type == "section") {
      if (!block.contains("text") && !block.contains("fields")) fail(where, "must provide text or fields");
      if (block.contains("text")) text_object(block["text"], where + "/text", 3000, false);
      if (block.contains("fields")) {
        array_size(block, "fields", where, 1, 10);
        for (std::size_t i = 0; i < block["fields"].size(); ++i)
          text_object(block["fields"][i], where + "/fields/" + std::to_string(i), 2000, false);
      }
    } else if (type == "header") {
      text_object(block.value("text", json()), where + "/text", 150, true);
    } else if (type == "context") {
      array_size(block, "elements", where, 1, 10);
      for (std::size_t i = 0; i < block.value("elements", json::array()).size(); ++i)
        text_object(block["elements"][i], where + "/elements/" + std::to_string(i), 3000, false);
    } else if (type == "actions") {
      array_size(block, "elements", where, 1, 25);
      const json elements = block.value("elements", json::array());
      for (std::size_t i = 0; i < elements.size(); ++i)
        element(elements[i], where + "/elements/" + std::to_string(i));
      unique_action_ids(elements, where);
    } else if (type == "divider") {
    } else if (type == "input" && in_modal) {
      text_object(block.value("label", json()), where + "/label", 2000, true);
      if (block.contains("hint")) text_object(block["hint"], where + "/hint", 2000, true);
      if (!block.contains("element")) {
        fail(where, "missing required field: element");
      } else {
        element(block["element"], where + "/element");
      }
    } else {
      fail(where + "/type", "unknown block type " + type);
    }
  }

  void blocks(const json& list, const std::string& where, std::size_t max, bool in_modal) {
    if (!list.is_array()) {
      fail(where, "must be an array");
      return;
    }
    if (list.size() > max) fail(where, "must provide no more than " + std::to_string(max) + " items");
    std::set<std::string> block_ids;
    for (std::size_t i = 0; i < list.size(); ++i) {
      const std::string at = where + "/" + std::to_string(i);
      block(list[i], at, in_modal);
      const std::string id = list[i].is_object() ? list[i].value("block_id", std::string()) : "";
      if (!id.empty() && !block_ids.insert(id).second)
        fail(at + "/block_id", "block_id already exists: " + id);
    }
  }
};

}  // namespace

std::vector<std::string> message_blocks_problems(const json& blocks) {
  Checker check;
  check.blocks(blocks, "/blocks", 50, false);
  return check.problems;
}

std::vector<std::string> view_problems(const json& view) {
  Checker check;
  if (view.value("type", std::string()) != "modal") check.fail("/view/type", "must be modal");
  check.text_object(view.value("title", json()), "/view/title", 24, true);
  if (view.contains("submit")) check.text_object(view["submit"], "/view/submit", 24, true);
  if (view.contains("close")) check.text_object(view["close"], "/view/close", 24, true);
  check.text_field(view, "callback_id", "/view", 255, false);
  check.text_field(view, "private_metadata", "/view", 3000, false, 0);
  check.blocks(view.value("blocks", json()), "/view/blocks", 100, true);
  return check.problems;
}

std::vector<std::string> message_payload_problems(const json& payload) {
  Checker check;
  check.text_field(payload, "text", "", 40'000, false, 0);
  if (payload.contains("blocks")) {
    json blocks = payload["blocks"];
    if (blocks.is_string()) blocks = json::parse(blocks.get<std::string>(), nullptr, false);
    check.blocks(blocks, "/blocks", 50, false);
  } else if (!payload.contains("text")) {
    check.fail("", "missing required field: text or blocks");
  }
  return check.problems;
}

}  // namespace baton::test
