// A small organisation for tests: two departments, every role, both languages, two time zones.
#pragma once

#include <catch2/catch.hpp>

#include "bot/core/config/load.hpp"

namespace baton::test {

inline constexpr const char* kTeamYaml = R"(company: Test Shop
timezone: Europe/Paris
locale: en
members:
  - key: ada
    name: Ada Admin
    role: admin
  - key: marc
    name: Marc Manager
    title: {en: Head of logistics, fr: Responsable logistique}
    role: manager
    locale: fr
  - key: dana
    name: Dana Director
    title: {en: E-commerce director, fr: Directrice e-commerce}
    role: manager
  - key: sam
    name: Sam Staff
    timezone: America/Montreal
    ids: {slack: U0SAMSTAFF}
  - key: lea
    name: Léa Équipe
    locale: fr
departments:
  - key: logistics
    name: {en: Logistics, fr: Logistique}
    referent: marc
    members: [marc, sam]
    responsibilities:
      - {en: stock and restocking, fr: stock et réassort}
    channels: {slack: C0LOGISTIC, console: "#logistics"}
  - key: customer-service
    name: {en: Customer service, fr: Service client}
    referent: lea
    members: [lea, ada]
)";

inline Config team_config() {
  ConfigResult result = parse_config(kTeamYaml, "/tmp/team.yaml",
                                     [](const std::string&) -> std::optional<std::string> { return {}; });
  if (!result.errors.empty()) FAIL(format_diagnostics("team.yaml", result.errors));
  return std::move(*result.config);
}

}  // namespace baton::test
