// The config checker's tools, shared by the files that read each part of the config (load.cpp,
// calendars.cpp, rituals.cpp): it collects every problem with its line instead of stopping at the first.
#pragma once

#include <algorithm>
#include <charconv>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "bot/core/config/config.hpp"
#include "bot/core/config/load.hpp"
#include "bot/core/config/units.hpp"
#include "bot/core/log/redact.hpp"
#include "bot/core/org/org_map.hpp"
#include "bot/core/text/suggest.hpp"
#include "bot/core/text/utf8.hpp"

namespace baton::config_detail {

namespace fs = std::filesystem;

inline constexpr std::uintmax_t kMaxSecretBytes = std::uintmax_t{64} * 1024;
inline constexpr std::size_t kMaxTextLength = 200;

inline std::string in_quotes(std::string_view text) {
  return "\"" + std::string(text) + "\"";
}

inline bool valid_key(std::string_view key) {
  if (key.empty() || key.size() > 32 || !(key[0] >= 'a' && key[0] <= 'z')) return false;
  return std::all_of(key.begin(), key.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
}

inline bool all_of_chars(std::string_view text, std::string_view allowed_extra) {
  return std::all_of(text.begin(), text.end(), [&](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           allowed_extra.find(c) != std::string_view::npos;
  });
}

// Slack ids are documented shapes: channels start with C or G, users with U or W, all upper-case.
inline bool valid_slack_channel(std::string_view id) {
  return id.size() >= 9 && (id[0] == 'C' || id[0] == 'G') && all_of_chars(id, "");
}
inline bool valid_slack_user(std::string_view id) {
  return id.size() >= 9 && (id[0] == 'U' || id[0] == 'W') && all_of_chars(id, "");
}

inline bool is_hex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// 6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f: Microsoft's app, tenant and user object ids.
inline bool valid_guid(std::string_view id) {
  if (id.size() != 36) return false;
  for (std::size_t i = 0; i < id.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? id[i] != '-' : !is_hex(id[i])) return false;
  }
  return true;
}

// Teams channel ids are thread ids: 19:<something>@thread.tacv2 (or @thread.skype in older teams).
inline bool valid_teams_channel(std::string_view id) {
  return id.size() > 3 && id.size() <= 200 && id.starts_with("19:") &&
         id.find("@thread.") != std::string_view::npos;
}

// A Teams user as the Bot Framework names them ("29:1a2b...") or their Microsoft Entra object id (a GUID).
inline bool valid_teams_user(std::string_view id) {
  return (id.size() > 3 && id.size() <= 200 && id.starts_with("29:")) || valid_guid(id);
}

inline std::string trim(std::string text) {
  const auto not_space = [](unsigned char c) { return !std::isspace(c); };
  text.erase(text.begin(), std::find_if(text.begin(), text.end(), not_space));
  text.erase(std::find_if(text.rbegin(), text.rend(), not_space).base(), text.end());
  return text;
}

class Checker {
 public:
  Checker(fs::path source, const Environment& env) : source_(std::move(source)), env_(env) {}

  std::vector<ConfigDiagnostic> errors;
  // What does not stop the config from being used but should be fixed (a secret file others can read).
  std::vector<ConfigDiagnostic> warnings;
  // Lines to add to marks: a list read a slice at a time has marks counted from its slice's first line.
  int line_shift = 0;

  // `mark` as a place in the file.
  YAML::Mark in_file(YAML::Mark mark) const {
    if (mark.line >= 0) mark.line += line_shift;
    return mark;
  }
  // A problem at `mark`, 1-based, its text redacted.
  ConfigDiagnostic diagnostic(const YAML::Mark& mark, const std::string& message,
                              const std::string& hint) const {
    const YAML::Mark at = in_file(mark);
    return {at.line + 1, at.column + 1, redact(message), redact(hint), {}};
  }

  void error(const YAML::Mark& mark, const std::string& message, const std::string& hint = {}) {
    errors.push_back(diagnostic(mark, message, hint));
  }
  void error(const YAML::Node& at, const std::string& message, const std::string& hint = {}) {
    error(at.Mark(), message, hint);
  }
  void warn(const YAML::Node& at, const std::string& message, const std::string& hint = {}) {
    warnings.push_back(diagnostic(at.Mark(), message, hint));
  }

  // Checks that `node` is a map whose keys are all in `allowed`, each once. False when it is not a map.
  bool map(const YAML::Node& node, const std::string& what, const std::vector<std::string>& allowed,
           const std::vector<std::string>& literal_secrets = {}) {
    if (!node.IsMap()) {
      error(node, what + " must be a map of keys and values",
            "indent its keys under it, like \"key: value\"");
      return false;
    }
    std::set<std::string> seen;
    for (const auto& item : node) {
      const YAML::Node& key = item.first;
      if (!key.IsScalar()) {
        error(key, "a key in " + what + " is not a plain word");
        continue;
      }
      const std::string name = key.Scalar();
      if (!seen.insert(name).second) {
        error(key, "key " + in_quotes(name) + " appears twice in " + what, "keep one of them");
      } else if (std::find(literal_secrets.begin(), literal_secrets.end(), name) != literal_secrets.end()) {
        error(key, name + " cannot be written in the config file: secrets are never read from it",
              "set " + name + "_env: VARIABLE (an environment variable) or " + name +
                  "_file: /path/to/file (a file holding only the secret)");
      } else if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
        const auto suggestion = closest(name, allowed);
        error(key, "unknown key " + in_quotes(name) + " in " + what,
              suggestion ? "did you mean " + in_quotes(*suggestion) + "?"
                         : "keys allowed here: " + join(allowed));
      }
    }
    return true;
  }

  // The value of `key` as text, if present and a scalar.
  std::optional<std::string> text(const YAML::Node& parent, const std::string& key, const std::string& what,
                                  bool required = false, const std::string& hint = {}) {
    const YAML::Node node = parent[key];
    if (!node.IsDefined() || node.IsNull()) {
      if (required) {
        error(node.IsDefined() ? node : parent, what + " needs " + key, hint);
      }
      return std::nullopt;
    }
    if (!node.IsScalar()) {
      error(node, what + "." + key + " must be a single value, not a list or a map", hint);
      return std::nullopt;
    }
    std::string value = node.Scalar();
    if (const std::size_t length = count_characters(value); length > kMaxTextLength) {
      error(node, what + "." + key + " is " + std::to_string(length) + " characters long, " +
                      std::to_string(kMaxTextLength) + " at most");
      return std::nullopt;
    }
    if (required && trim(value).empty()) {
      error(node, what + "." + key + " is empty", hint);
      return std::nullopt;
    }
    return value;
  }

  // The key of a list entry: present, well formed, and not taken by an earlier entry (`lines` maps the
  // keys seen so far to their line). Returned even when refused, so later checks can name the entry.
  std::optional<std::string> unique_key(const YAML::Node& node, const std::string& what,
                                        const std::string& kind, const std::string& hint,
                                        std::map<std::string, int>& lines) {
    auto key = text(node, "key", what, true, hint);
    if (!key) return std::nullopt;
    if (!valid_key(*key)) {
      error(node["key"], what + ".key " + in_quotes(*key) + " is not a valid key",
            "use lower-case letters, digits, - and _, starting with a letter, 32 at most");
    } else if (const auto first = lines.find(*key); first != lines.end()) {
      error(node["key"], kind + " " + in_quotes(*key) + " is listed twice",
            "the first is at line " + std::to_string(first->second));
    } else {
      lines[*key] = in_file(node["key"].Mark()).line + 1;
    }
    return key;
  }

  std::optional<bool> boolean(const YAML::Node& parent, const std::string& key, const std::string& what) {
    const auto value = text(parent, key, what);
    if (!value) return std::nullopt;
    if (*value == "true") return true;
    if (*value == "false") return false;
    error(parent[key], what + "." + key + " must be true or false, not " + in_quotes(*value));
    return std::nullopt;
  }

  void whole_number(const YAML::Node& parent, const std::string& key, const std::string& what, int& out,
                    int min, int max) {
    const auto value = text(parent, key, what);
    if (!value) return;
    int n = 0;
    const auto [end, ec] = std::from_chars(value->data(), value->data() + value->size(), n);
    if (ec != std::errc{} || end != value->data() + value->size() || n < min || n > max) {
      error(parent[key], what + "." + key + " must be a whole number from " + std::to_string(min) + " to " +
                             std::to_string(max));
    } else {
      out = n;
    }
  }

  void duration(const YAML::Node& parent, const std::string& key, const std::string& what,
                std::chrono::milliseconds& out, std::chrono::milliseconds min,
                std::chrono::milliseconds max) {
    const auto value = text(parent, key, what);
    if (!value) return;
    const auto parsed = parse_duration(*value);
    if (!parsed) {
      error(parent[key], what + "." + key + " is not a duration: " + in_quotes(*value),
            "write a number and a unit: 500ms, 10s, 2m or 1h");
    } else if (*parsed < min || *parsed > max) {
      error(parent[key], what + "." + key + " must be between " + show(min) + " and " + show(max));
    } else {
      out = *parsed;
    }
  }

  // A locale-dependent text: a single string, or {en: ..., fr: ...}.
  std::optional<LocalizedText> localized(const YAML::Node& node, const std::string& what) {
    if (node.IsScalar()) {
      if (count_characters(node.Scalar()) > kMaxTextLength) {
        error(node, what + " is longer than " + std::to_string(kMaxTextLength) + " characters");
        return std::nullopt;
      }
      return LocalizedText{node.Scalar(), node.Scalar()};
    }
    if (node.IsMap()) {
      if (!map(node, what, {"en", "fr"})) return std::nullopt;
      LocalizedText out;
      out.en = text(node, "en", what).value_or("");
      out.fr = text(node, "fr", what).value_or("");
      if (out.en.empty() && out.fr.empty()) {
        error(node, what + " has neither en nor fr");
        return std::nullopt;
      }
      return out;
    }
    error(node, what + " must be a text, or a map with en and fr texts",
          "for example: name: {en: Customer service, fr: Service client}");
    return std::nullopt;
  }

  // Whether `<key>_env` names a variable that is set, or `<key>_file` a file that exists.
  bool secret_available(const YAML::Node& parent, const std::string& key) {
    if (const YAML::Node env = parent[key + "_env"]; env.IsDefined() && env.IsScalar()) {
      const auto value = env_(env.Scalar());
      return value && !value->empty();
    }
    if (const YAML::Node file = parent[key + "_file"]; file.IsDefined() && file.IsScalar()) {
      std::error_code ec;
      return std::filesystem::exists(resolve(file.Scalar()), ec);
    }
    return false;
  }

  // A secret named by `<key>_env` or `<key>_file`; `needed` when its platform is enabled.
  Secret secret(const YAML::Node& parent, const std::string& key, const std::string& what, bool needed) {
    const auto env_name = text(parent, key + "_env", what);
    const auto file_name = text(parent, key + "_file", what);
    if (env_name && file_name) {
      error(parent[key + "_file"],
            what + " names " + key + " twice, by " + key + "_env and by " + key + "_file",
            "keep one of them");
      return {};
    }
    if (!needed) return {};
    if (!env_name && !file_name) {
      error(parent, what + " needs " + key + "_env or " + key + "_file",
            "the secret is read from an environment variable or a file, never from this file");
      return {};
    }
    if (env_name) {
      const auto value = env_(*env_name);
      if (!value || value->empty()) {
        error(parent[key + "_env"],
              "environment variable " + *env_name + " (for " + what + "." + key + ") is not set or is empty",
              "export " + *env_name + "=... before starting baton, or use " + key + "_file");
        return {};
      }
      Secret secret(*value);
      secret.set_origin("env " + *env_name);
      return secret;
    }
    const fs::path path = resolve(*file_name);
    std::error_code ec;
    const auto size = fs::file_size(path, ec);
    if (ec) {
      error(parent[key + "_file"],
            "cannot read " + path.string() + " (for " + what + "." + key + "): " + ec.message(),
            "create the file with the secret alone in it, readable by the user baton runs as");
      return {};
    }
    if (size > kMaxSecretBytes) {
      error(parent[key + "_file"], path.string() + " is " + std::to_string(size) +
                                       " bytes; a secret file holds " + "only the secret (64 KiB at most)");
      return {};
    }
    std::ifstream in(path, std::ios::binary);
    std::string value((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    value = trim(std::move(value));
    if (!in.good() && !in.eof()) {
      error(parent[key + "_file"], "cannot read " + path.string());
      return {};
    }
    if (value.empty()) {
      error(parent[key + "_file"], path.string() + " is empty", "put the secret in it, on one line");
      return {};
    }
    warn_if_shared(parent[key + "_file"], path, what + "." + key);
    Secret secret(value);
    secret.set_origin("file " + path.string());
    return secret;
  }

  // A secret file that its group or others may read or write: anyone on the machine with that access
  // can act as baton. Only a warning, since an operator may have reasons (a group of admins).
  void warn_if_shared(const YAML::Node& at, const fs::path& path, const std::string& what) {
    std::error_code ec;
    const fs::perms perms = fs::status(path, ec).permissions();
    const fs::perms shared = perms & (fs::perms::group_all | fs::perms::others_all);
    if (ec || shared == fs::perms::none) return;
    const auto bits = static_cast<unsigned>(perms & fs::perms::all);
    std::string mode = "0";  // as chmod and ls -n write it: 0640
    for (const unsigned shift : {6U, 3U, 0U})
      mode += static_cast<char>('0' + ((bits >> shift) & 7U));
    warn(at,
         "the secret file " + path.string() + " (for " + what + ") has permissions " + mode +
             ": users other than its owner may " +
             ((shared & (fs::perms::group_read | fs::perms::others_read)) != fs::perms::none ? "read"
                                                                                             : "change") +
             " it",
         "chmod 600 " + path.string() + " (the user baton runs as should own it)");
  }

  fs::path resolve(const std::string& path) const {
    fs::path p(path);
    if (p.is_absolute()) return p;
    return source_.parent_path() / p;
  }

  static std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items)
      out += (out.empty() ? "" : ", ") + item;
    return out;
  }

  static std::string show(std::chrono::milliseconds d) {
    if (d.count() % 60'000 == 0) return std::to_string(d.count() / 60'000) + "m";
    if (d.count() % 1000 == 0) return std::to_string(d.count() / 1000) + "s";
    return std::to_string(d.count()) + "ms";
  }

 private:
  fs::path source_;
  const Environment& env_;
};

}  // namespace baton::config_detail

namespace baton::config_detail {

// Readers for the parts of the config that live in their own files.
std::vector<BusinessCalendar> read_calendars(Checker& c, const YAML::Node& list, const date::time_zone* zone);
std::optional<QuietHours> read_quiet_hours(Checker& c, const YAML::Node& node, const std::string& what);
std::vector<Ritual> read_rituals(Checker& c, const YAML::Node& list, const std::vector<Member>& members,
                                 const std::vector<Department>& departments, const Config& config);
// A list of member keys, each in members.
std::vector<std::string> read_participants(Checker& c, const YAML::Node& list, const std::string& what,
                                           const std::vector<Member>& members);
// handoffs.sla and each department's sla.
void read_handoff_section(Checker& c, const YAML::Node& root, const std::vector<Member>& members,
                          const std::vector<Department>& departments, Config& config);
std::vector<Workflow> read_workflows(Checker& c, const YAML::Node& list,
                                     const std::vector<Department>& departments);
std::vector<KpiDefinition> read_kpis(Checker& c, const YAML::Node& list,
                                     const std::vector<Department>& departments);
std::vector<KpiApiToken> read_kpi_api(Checker& c, const YAML::Node& node,
                                      const std::vector<KpiDefinition>& kpis);
// The alerts section; returns the rules file it names, resolved against the config's folder.
std::optional<fs::path> read_alerts(Checker& c, const YAML::Node& node, AlertsConfig& out);

}  // namespace baton::config_detail
