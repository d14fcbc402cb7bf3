// A message as plain text, for assertions that read what a person would read.
#pragma once

#include <string>
#include <variant>

#include "bot/core/message/message.hpp"

namespace baton::test {

inline std::string flatten(const Message& message) {
  std::string out;
  for (const Block& block : message.blocks) {
    if (const auto* h = std::get_if<Header>(&block)) out += h->text + "\n";
    if (const auto* s = std::get_if<Section>(&block)) out += s->text.plain() + "\n";
    if (const auto* c = std::get_if<Context>(&block)) out += c->text.plain() + "\n";
    if (const auto* f = std::get_if<Fields>(&block)) {
      for (const Field& field : f->fields)
        out += field.label + ": " + field.value.plain() + "\n";
    }
    if (const auto* a = std::get_if<Actions>(&block)) {
      for (const Button& b : a->buttons)
        out += "[" + b.label + "]";
      out += "\n";
    }
  }
  return out;
}

}  // namespace baton::test
