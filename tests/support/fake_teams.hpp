// A local fake of the Microsoft services baton talks to for Teams, on loopback: the Bot Framework's
// OpenID metadata and signing keys, the token endpoint (client credentials), the connector (conversations
// and activities) and Workflows webhooks. It answers as Microsoft documents: 201/200 with ids, 202 for
// Workflows, 429 with Retry-After when throttling, 403 MessageWritesBlocked for someone who blocked
// the bot. It also signs activities as the Bot Framework does, for sending them to baton.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace baton::test {

// An RSA key that signs JWTs (RS256), as the Bot Framework's keys do.
class SigningKey {
 public:
  explicit SigningKey(std::string kid);
  ~SigningKey();
  SigningKey(const SigningKey&) = delete;
  SigningKey& operator=(const SigningKey&) = delete;

  const std::string& kid() const { return kid_; }
  nlohmann::json jwk(const std::vector<std::string>& endorsements) const;
  std::string sign(const nlohmann::json& claims) const;

 private:
  std::string kid_;
  void* pkey_;  // EVP_PKEY
};

class FakeTeams {
 public:
  struct Call {
    std::string method;  // HTTP method
    std::string path;
    nlohmann::json body;
  };

  FakeTeams(std::string app_id, std::string app_password);
  ~FakeTeams();
  FakeTeams(const FakeTeams&) = delete;
  FakeTeams& operator=(const FakeTeams&) = delete;

  std::string openid_url() const;   // .../openid/.well-known/openidconfiguration
  std::string token_url() const;    // .../oauth/token
  std::string service_url() const;  // .../connector
  std::string workflow_url(const std::string& name) const;
  // How many messages were refused for being over Teams' size (MessageSizeTooBig, 413).
  std::size_t too_large() const;

  // Claims of a valid token for an activity to baton at `service_url`, valid for an hour from `now`
  // (what baton's clock reads).
  nlohmann::json claims(std::chrono::system_clock::time_point now = std::chrono::system_clock::now()) const;
  // Signed with the published key (or `key` when given).
  std::string sign(const nlohmann::json& claims, const SigningKey* key = nullptr) const;
  // Publishes one more key (a rotation), endorsed for msteams.
  void publish(const SigningKey& key);

  // The next `count` requests under `path_prefix` are answered with `status` (Retry-After when given).
  void fail_next(const std::string& path_prefix, int count, int status,
                 std::optional<int> retry_after_seconds = std::nullopt);
  void block(const std::string& user_id);          // 403 MessageWritesBlocked on their conversation
  void not_installed(const std::string& user_id);  // 403 BotNotInConversationRoster when creating one

  std::vector<Call> calls(const std::string& path_prefix = "") const;
  bool wait_for(const std::string& path_prefix, std::size_t count,
                std::chrono::milliseconds limit = std::chrono::seconds(30)) const;
  int tokens_issued() const;
  int key_fetches() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace baton::test
