// The store's domain operations in SQL, the same on SQLite and PostgreSQL: members' settings, inbound
// events, the outbox, conversations and unreachable members here; rituals, handoffs, KPIs and alerts in
// the *_tables.cpp beside it.
#include "bot/core/store/sql/sql_store.hpp"

#include <algorithm>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "bot/core/clock/iso8601.hpp"
#include "bot/core/message/message_json.hpp"
#include "bot/core/store/sql/alert_statements.hpp"
#include "bot/core/store/sql/handoff_statements.hpp"
#include "bot/core/store/sql/kpi_statements.hpp"
#include "bot/core/store/sql/migrations.hpp"
#include "bot/core/store/sql/ritual_statements.hpp"
#include "bot/core/store/sql/statement.hpp"
#include "bot/core/store/sql/transfer.hpp"

namespace baton {

using sql::destination_from;
using sql::destination_json;
using sql::from_ms;
using sql::Statement;
using sql::to_ms;

namespace {

constexpr const char* kOutboxColumns =
    "id, key, platform, destination, message, state, attempts, created_at_ms, next_attempt_ms, last_error, "
    "finished_at_ms, platform_message_id, in_doubt";

// Each lane's head, its oldest pending message, found lane by lane on outbox_pending_lanes: the next lane
// is the least one after the last (a skip scan, which neither SQLite nor PostgreSQL does by itself), so
// the cost follows the number of lanes, not the messages waiting in them. A statement starting with this
// reads the heads' ids from `heads`; CROSS JOIN keeps SQLite from reading outbox first. `from` narrows
// the first lane read ("AND lane > ?4": the lanes after it), empty for every lane.
std::string lane_heads(std::string_view from = {}) {
  return "WITH RECURSIVE lanes(lane) AS ("
         "SELECT (SELECT min(lane) FROM outbox WHERE state = 'pending' " +
         std::string(from) +
         ") UNION ALL "
         "SELECT (SELECT min(n.lane) FROM outbox n WHERE n.state = 'pending' AND n.lane > lanes.lane) "
         "FROM lanes WHERE lanes.lane IS NOT NULL), "
         "heads(id) AS (SELECT (SELECT min(h.id) FROM outbox h WHERE h.lane = lanes.lane AND "
         "h.state = 'pending') FROM lanes WHERE lanes.lane IS NOT NULL) ";
}

OutboxState parse_state(const std::string& text) {
  if (text == "sent") return OutboxState::sent;
  if (text == "failed") return OutboxState::failed;
  return OutboxState::pending;
}

// Reads a row selected with kOutboxColumns.
OutboxItem outbox_row(const Statement& row) {
  OutboxItem item;
  item.id = row.integer(0);
  item.key = row.text(1);
  item.platform = parse_platform(row.text(2)).value_or(Platform::console);
  item.destination = destination_from(row.text(3));
  item.message = message_from_json(nlohmann::json::parse(row.text(4)));
  item.state = parse_state(row.text(5));
  item.attempts = static_cast<int>(row.integer(6));
  item.created_at = from_ms(row.integer(7));
  item.next_attempt_at = from_ms(row.integer(8));
  if (!row.is_null(9)) item.last_error = row.text(9);
  if (!row.is_null(10)) item.finished_at = from_ms(row.integer(10));
  if (!row.is_null(11)) item.platform_message_id = row.text(11);
  item.in_doubt = row.integer(12) != 0;
  return item;
}

}  // namespace

std::string_view to_string(OutboxState state) {
  switch (state) {
    case OutboxState::pending:
      return "pending";
    case OutboxState::sent:
      return "sent";
    case OutboxState::failed:
      return "failed";
  }
  return "pending";
}

struct SqlStore::Statements {
  explicit Statements(sql::Database& db)
      : member_locale(db, "SELECT locale FROM member_settings WHERE member_key = ?1"),
        set_member_locale(db,
                          "INSERT INTO member_settings (member_key, locale, updated_at) VALUES (?1, ?2, ?3) "
                          "ON CONFLICT (member_key) DO UPDATE SET locale = excluded.locale, "
                          "updated_at = excluded.updated_at"),
        accept_event(
            db,
            "INSERT INTO inbound_events (source, event_id, payload, received_at_ms) VALUES (?1, ?2, ?3, ?4) "
            "ON CONFLICT DO NOTHING"),
        unhandled_events(db,
                         "SELECT source, event_id, payload, received_at_ms, retries FROM inbound_events "
                         "WHERE source = ?1 AND handled_at_ms IS NULL AND given_up_at_ms IS NULL AND "
                         "received_at_ms <= ?2 ORDER BY received_at_ms LIMIT ?3"),
        // The received time is the claim: a second instance's update waits for the first's commit, then
        // finds the event received just now and leaves it.
        claim_event(db,
                    "UPDATE inbound_events SET received_at_ms = ?4, retries = retries + 1 WHERE source = ?1 "
                    "AND event_id = ?2 AND handled_at_ms IS NULL AND given_up_at_ms IS NULL AND "
                    "received_at_ms <= ?3"),
        give_up_event(db,
                      "UPDATE inbound_events SET given_up_at_ms = ?4 WHERE source = ?1 AND event_id = ?2 AND "
                      "handled_at_ms IS NULL AND given_up_at_ms IS NULL AND received_at_ms <= ?3"),
        save_pending_command(
            db,
            "INSERT INTO pending_commands (key, platform, user_id, member, channel, text, "
            "reply_to, received_at_ms, claimed_at_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
            "?8) ON CONFLICT (key) DO NOTHING"),
        forget_pending_command(db, "DELETE FROM pending_commands WHERE key = ?1"),
        pending_commands(db,
                         "SELECT key, platform, user_id, member, channel, text, reply_to, received_at_ms "
                         "FROM pending_commands WHERE platform = ?1 AND claimed_at_ms <= ?2 "
                         "ORDER BY claimed_at_ms LIMIT ?3"),
        claim_pending_command(db,
                              "UPDATE pending_commands SET claimed_at_ms = ?3 WHERE key = ?1 AND "
                              "claimed_at_ms <= ?2"),
        mark_event_handled(
            db, "UPDATE inbound_events SET handled_at_ms = ?3 WHERE source = ?1 AND event_id = ?2"),
        enqueue(
            db,
            "INSERT INTO outbox (key, platform, lane, destination, message, state, created_at_ms, "
            "next_attempt_ms) VALUES (?1, ?2, ?3, ?4, ?5, 'pending', ?6, ?7) ON CONFLICT (key) DO NOTHING"),
        // A lane's head (its oldest pending message) alone may go next: the lanes whose head is due.
        // The oldest pending messages first, in a window of ?4: when enough of them head their lanes
        // (a burst of direct messages, one to a lane), those are the oldest due heads, found without
        // reading every lane. A lane's older messages are older than the window's newest, so they are in
        // the window too: its first message there heads the lane, and no lookup per row is needed.
        due_lanes_in_window(
            db,
            "WITH w AS (SELECT o.id, o.lane FROM (SELECT id FROM outbox WHERE state = 'pending' "
            "ORDER BY id LIMIT ?4) x CROSS JOIN outbox o WHERE o.id = x.id), "
            "heads AS (SELECT min(id) AS id FROM w GROUP BY lane) "
            "SELECT o.lane FROM heads CROSS JOIN outbox o WHERE o.id = heads.id AND o.next_attempt_ms <= ?1 "
            "AND (o.claimed_by IS NULL OR o.claimed_by = ?3 OR o.claim_until_ms <= ?1) ORDER BY o.id LIMIT "
            "?2"),
        // Every lane in turn from the one after ?4, until ?2 due heads are found: it stops early, and
        // starting after the last lane served gives each lane its turn.
        due_lanes_in_turn(
            db, lane_heads("AND lane > ?4") +
                    "SELECT o.lane FROM heads CROSS JOIN outbox o WHERE o.id = heads.id AND "
                    "o.next_attempt_ms <= ?1 AND "
                    "(o.claimed_by IS NULL OR o.claimed_by = ?3 OR o.claim_until_ms <= ?1) LIMIT ?2"),
        lane_head(db, std::string("SELECT ") + kOutboxColumns +
                          " FROM outbox WHERE lane = ?1 AND state = 'pending' ORDER BY id LIMIT 1"),
        // The conditions are on the row itself: PostgreSQL checks them again on the row a concurrent
        // claim committed, so of two instances claiming one head, one gets it.
        // A claim found still standing was never ended by a result: its holder may have posted the
        // message before it died, so the message is in doubt from then on (until it is sent or failed).
        claim_lane_head(db, std::string("UPDATE outbox SET claimed_by = ?2, claim_until_ms = ?4, in_doubt = "
                                        "CASE WHEN claimed_by IS NULL THEN in_doubt ELSE 1 END WHERE id = "
                                        "(SELECT min(h.id) FROM outbox h WHERE h.lane = ?1 AND h.state = "
                                        "'pending') AND state = 'pending' AND next_attempt_ms <= ?3 AND "
                                        "(claimed_by IS NULL OR claimed_by = ?2 OR claim_until_ms <= ?3) "
                                        "RETURNING ") +
                                kOutboxColumns),
        next_due(db, lane_heads() +
                         "SELECT min(CASE WHEN o.claimed_by IS NOT NULL AND o.claimed_by <> ?1 AND "
                         "o.claim_until_ms > o.next_attempt_ms THEN o.claim_until_ms ELSE o.next_attempt_ms "
                         "END) FROM heads CROSS JOIN outbox o WHERE o.id = heads.id"),
        mark_sent(db,
                  "UPDATE outbox SET state = 'sent', attempts = attempts + 1, finished_at_ms = ?2, "
                  "platform_message_id = ?3, last_error = NULL, claimed_by = NULL, claim_until_ms = NULL "
                  "WHERE id = ?1"),
        mark_retry(db,
                   "UPDATE outbox SET attempts = attempts + 1, next_attempt_ms = ?2, last_error = ?3, "
                   "claimed_by = NULL, claim_until_ms = NULL WHERE id = ?1"),
        mark_failed(db,
                    "UPDATE outbox SET state = 'failed', attempts = attempts + 1, finished_at_ms = ?2, "
                    "last_error = ?3, claimed_by = NULL, claim_until_ms = NULL WHERE id = ?1"),
        // Within a lane, messages are stored oldest first: the oldest waiting is one of the heads.
        outbox_stats(
            db, lane_heads() +
                    "SELECT (SELECT count(*) FROM outbox WHERE state = 'pending'), "
                    "(SELECT count(*) FROM outbox WHERE state = 'failed'), "
                    "(SELECT min(o.created_at_ms) FROM heads CROSS JOIN outbox o WHERE o.id = heads.id)"),
        outbox_items(db, std::string("SELECT ") + kOutboxColumns +
                             " FROM outbox WHERE state = ?1 ORDER BY id LIMIT ?2"),
        prune_events(
            db,
            "DELETE FROM inbound_events WHERE (handled_at_ms IS NOT NULL OR given_up_at_ms IS NOT NULL) "
            "AND received_at_ms < ?1"),
        // A handoff's card stays: it is updated for as long as the handoff lives.
        prune_outbox(db,
                     "DELETE FROM outbox WHERE state = 'sent' AND finished_at_ms < ?1 AND "
                     "key NOT IN (SELECT outbox_key FROM handoff_posts)"),
        save_conversation(
            db,
            "INSERT INTO conversations (platform, key, conversation_id, service_url, tenant_id, "
            "user_id, updated_at_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
            "ON CONFLICT (platform, key) DO UPDATE SET conversation_id = excluded.conversation_id, "
            "service_url = excluded.service_url, tenant_id = excluded.tenant_id, "
            "user_id = excluded.user_id, updated_at_ms = excluded.updated_at_ms"),
        conversation(db,
                     "SELECT key, conversation_id, service_url, tenant_id, user_id, updated_at_ms "
                     "FROM conversations WHERE platform = ?1 AND key = ?2"),
        latest_conversation(db,
                            "SELECT key, conversation_id, service_url, tenant_id, user_id, updated_at_ms "
                            "FROM conversations WHERE platform = ?1 ORDER BY updated_at_ms DESC LIMIT 1"),
        set_unreachable(db,
                        "INSERT INTO unreachable_members (platform, member_key, reason, since_ms) "
                        "VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING"),
        unreachable(db, "SELECT reason FROM unreachable_members WHERE platform = ?1 AND member_key = ?2"),
        clear_unreachable(db, "DELETE FROM unreachable_members WHERE platform = ?1 AND member_key = ?2"),
        hold_lease(db,
                   "INSERT INTO leases (name, holder, until_ms) VALUES (?1, ?2, ?4) ON CONFLICT (name) DO "
                   "UPDATE SET holder = excluded.holder, until_ms = excluded.until_ms "
                   "WHERE leases.holder = excluded.holder OR leases.until_ms <= ?3"),
        release_lease(db, "DELETE FROM leases WHERE name = ?1 AND holder = ?2") {}
  Statement member_locale;
  Statement set_member_locale;
  Statement accept_event;
  Statement unhandled_events;
  Statement claim_event;
  Statement give_up_event;
  Statement save_pending_command;
  Statement forget_pending_command;
  Statement pending_commands;
  Statement claim_pending_command;
  Statement mark_event_handled;
  Statement enqueue;
  Statement due_lanes_in_window;
  Statement due_lanes_in_turn;
  Statement lane_head;
  Statement claim_lane_head;
  Statement next_due;
  Statement mark_sent;
  Statement mark_retry;
  Statement mark_failed;
  Statement outbox_stats;
  Statement outbox_items;
  Statement prune_events;
  Statement prune_outbox;
  Statement save_conversation;
  Statement conversation;
  Statement latest_conversation;
  Statement set_unreachable;
  Statement unreachable;
  Statement clear_unreachable;
  Statement hold_lease;
  Statement release_lease;
};

SqlStore::Statements& SqlStore::statements() {
  if (!statements_) throw StoreUnavailable("the store is closed, or not migrated");
  return *statements_;
}

SqlStore::SqlStore() = default;

int SqlStore::applied_version() {
  sql::Statement query(database(), "SELECT coalesce(max(version), 0) FROM schema_migrations");
  query.step();
  const auto version = static_cast<int>(query.integer(0));
  query.reset();
  return version;
}

StoreStatus SqlStore::status() {
  StoreStatus status;
  status.kind = std::string(kind());
  const auto all = sql::migrations();
  status.expected_version = all.empty() ? 0 : all.back().version;
  try {
    status.schema_version = applied_version();
    status.reachable = true;
    if (status.schema_version != status.expected_version) {
      status.detail = "schema version " + std::to_string(status.schema_version) + ", expected " +
                      std::to_string(status.expected_version);
    }
  } catch (const StoreUnavailable& e) {
    status.detail = e.what();
  }
  return status;
}

std::int64_t SqlStore::export_state(std::ostream& out) {
  // In one transaction: every table as of one moment, even if a baton writes meanwhile.
  return sql::in_transaction(database(), "exporting",
                             [&] { return sql::export_tables(database(), applied_version(), kind(), out); });
}

std::int64_t SqlStore::import_state(std::istream& in) {
  return sql::in_transaction(database(), "importing", [&] {
    const sql::ImportSummary summary = sql::import_tables(database(), applied_version(), in);
    renumber_after_import();
    return summary.rows;
  });
}

SqlStore::~SqlStore() = default;

void SqlStore::prepare_statements() {
  statements_ = std::make_unique<Statements>(database());
}

void SqlStore::release_statements() {
  statements_.reset();
  ritual_statements_.reset();
  handoff_statements_.reset();
  kpi_statements_.reset();
  alert_statements_.reset();
}

std::optional<Locale> SqlStore::member_locale(const std::string& member_key) {
  Statement& query = statements().member_locale;
  query.bind(1, member_key);
  std::optional<Locale> locale;
  if (query.step() && !query.is_null(0)) locale = parse_locale(query.text(0));
  query.reset();
  return locale;
}

namespace {
std::optional<ConversationRef> read_conversation(Statement& query, Platform platform) {
  std::optional<ConversationRef> out;
  if (query.step()) {
    out = ConversationRef{platform,
                          query.text(0),
                          query.text(1),
                          query.text(2),
                          query.text(3),
                          query.text(4),
                          from_ms(query.integer(5))};
  }
  query.reset();
  return out;
}
}  // namespace

void SqlStore::save_conversation(const ConversationRef& ref) {
  statements()
      .save_conversation.bind(1, std::string(to_string(ref.platform)))
      .bind(2, ref.key)
      .bind(3, ref.conversation_id)
      .bind(4, ref.service_url)
      .bind(5, ref.tenant_id)
      .bind(6, ref.user_id)
      .bind(7, to_ms(ref.updated_at))
      .run();
}

std::optional<ConversationRef> SqlStore::conversation(Platform platform, const std::string& key) {
  Statement& query = statements().conversation;
  query.bind(1, std::string(to_string(platform))).bind(2, key);
  return read_conversation(query, platform);
}

std::optional<ConversationRef> SqlStore::latest_conversation(Platform platform) {
  Statement& query = statements().latest_conversation;
  query.bind(1, std::string(to_string(platform)));
  return read_conversation(query, platform);
}

bool SqlStore::set_unreachable(Platform platform, const std::string& member_key, const std::string& reason,
                               SysTime at) {
  Statement& insert = statements().set_unreachable;
  insert.bind(1, std::string(to_string(platform)))
      .bind(2, member_key)
      .bind(3, reason)
      .bind(4, to_ms(at))
      .run();
  return insert.changes() == 1;
}

std::optional<std::string> SqlStore::unreachable(Platform platform, const std::string& member_key) {
  Statement& query = statements().unreachable;
  query.bind(1, std::string(to_string(platform))).bind(2, member_key);
  std::optional<std::string> out;
  if (query.step()) out = query.text(0);
  query.reset();
  return out;
}

void SqlStore::clear_unreachable(Platform platform, const std::string& member_key) {
  statements().clear_unreachable.bind(1, std::string(to_string(platform))).bind(2, member_key).run();
}

bool SqlStore::hold_lease(const std::string& name, const std::string& holder, SysTime now, SysTime until) {
  Statement& hold = statements().hold_lease;
  hold.bind(1, name).bind(2, holder).bind(3, to_ms(now)).bind(4, to_ms(until)).run();
  return hold.changes() == 1;
}

void SqlStore::release_lease(const std::string& name, const std::string& holder) {
  statements().release_lease.bind(1, name).bind(2, holder).run();
}

void SqlStore::set_member_locale(const std::string& member_key, Locale locale, SysTime at) {
  statements().set_member_locale.bind(1, member_key).bind(2, to_string(locale)).bind(3, iso8601(at)).run();
}

bool SqlStore::accept_event(const InboundEvent& event) {
  Statement& insert = statements().accept_event;
  insert.bind(1, event.source)
      .bind(2, event.id)
      .bind(3, event.payload)
      .bind(4, to_ms(event.received_at))
      .run();
  return insert.changes() == 1;
}

UnhandledEvents SqlStore::unhandled_events(const std::string& source, SysTime received_by, SysTime claim_at,
                                           int limit, const EventRetries& retries) {
  return sql::in_transaction(database(), "claiming unhandled events", [&] {
    Statement& query = statements().unhandled_events;
    query.bind(1, source).bind(2, to_ms(received_by)).bind(3, std::int64_t{limit});
    std::vector<InboundEvent> found;
    while (query.step()) {
      found.push_back({query.text(0), query.text(1), query.text(2), from_ms(query.integer(3)),
                       static_cast<int>(query.integer(4))});
    }
    query.reset();
    UnhandledEvents out;
    Statements& s = statements();
    for (InboundEvent& event : found) {
      if (event.retries >= retries.retries) {
        s.give_up_event.bind(1, source)
            .bind(2, event.id)
            .bind(3, to_ms(received_by))
            .bind(4, to_ms(claim_at))
            .run();
        if (s.give_up_event.changes() == 1) out.given_up.push_back(std::move(event));
        continue;
      }
      // The n-th retry holds the claim (2^(n-1) - 1) bases longer than the first: a backoff.
      const auto backoff = retries.base * ((std::int64_t{1} << event.retries) - 1);
      s.claim_event.bind(1, source)
          .bind(2, event.id)
          .bind(3, to_ms(received_by))
          .bind(4, to_ms(claim_at + backoff))
          .run();
      if (s.claim_event.changes() == 1) {
        ++event.retries;
        out.to_retry.push_back(std::move(event));
      }
    }
    return out;
  });
}

void SqlStore::save_pending_command(const PendingCommand& command) {
  statements()
      .save_pending_command.bind(1, command.key)
      .bind(2, std::string(to_string(command.platform)))
      .bind(3, command.user_id)
      .bind(4, command.member)
      .bind(5, command.channel)
      .bind(6, command.text)
      .bind(7, command.reply_to)
      .bind(8, to_ms(command.received_at))
      .run();
}

bool SqlStore::enqueue_answer(const OutboxItem& answer, const std::string& pending_key) {
  return sql::in_transaction(database(), "enqueuing a command's answer", [&] {
    const bool stored = enqueue(answer);
    statements().forget_pending_command.bind(1, pending_key).run();
    return stored;
  });
}

std::vector<PendingCommand> SqlStore::claim_pending_commands(Platform platform, SysTime received_by,
                                                             SysTime claim_at, int limit) {
  return sql::in_transaction(database(), "claiming pending commands", [&] {
    Statements& s = statements();
    s.pending_commands.bind(1, std::string(to_string(platform)))
        .bind(2, to_ms(received_by))
        .bind(3, std::int64_t{limit});
    std::vector<PendingCommand> found;
    Statement& row = s.pending_commands;
    while (row.step()) {
      found.push_back({row.text(0), platform, row.text(2), row.text(3), row.text(4), row.text(5), row.text(6),
                       from_ms(row.integer(7))});
    }
    s.pending_commands.reset();
    std::vector<PendingCommand> claimed;
    for (PendingCommand& command : found) {
      s.claim_pending_command.bind(1, command.key).bind(2, to_ms(received_by)).bind(3, to_ms(claim_at)).run();
      if (s.claim_pending_command.changes() == 1) claimed.push_back(std::move(command));
    }
    return claimed;
  });
}

void SqlStore::mark_event_handled(const std::string& source, const std::string& id, SysTime at) {
  statements().mark_event_handled.bind(1, source).bind(2, id).bind(3, to_ms(at)).run();
}

bool SqlStore::enqueue(const OutboxItem& item) {
  Statement& insert = statements().enqueue;
  // A message may be held back (quiet hours): it is due at next_attempt_at when that is later.
  insert.bind(1, item.key)
      .bind(2, to_string(item.platform))
      .bind(3, item.lane())
      .bind(4, destination_json(item.destination))
      .bind(5, to_json_text(item.message))
      .bind(6, to_ms(item.created_at))
      .bind(7, to_ms(std::max(item.created_at, item.next_attempt_at)))
      .run();
  return insert.changes() == 1;
}

std::vector<std::string> SqlStore::due_lanes(SysTime now, int limit, const std::string& holder) {
  // The oldest pending messages that head their lanes, first: with few messages, or one to a lane (a
  // burst of direct messages), they are all that is due, in the order they were queued.
  Statement& window = statements().due_lanes_in_window;
  window.bind(1, to_ms(now)).bind(2, std::int64_t{limit}).bind(3, holder).bind(4, std::int64_t{limit} * 2);
  std::vector<std::string> lanes;
  while (window.step())
    lanes.push_back(window.text(0));
  window.reset();
  // Long lanes fill the window: then the lanes are taken in turn, from where the last turn stopped and
  // round to the start, until enough heads are due. Its cost follows the lanes read, not the messages.
  Statement& in_turn = statements().due_lanes_in_turn;
  const bool from_start = lane_turn_.empty();
  for (const bool wrapped : {false, true}) {
    if (static_cast<int>(lanes.size()) >= limit) break;
    in_turn.bind(1, to_ms(now))
        .bind(2, std::int64_t{limit})
        .bind(3, holder)
        .bind(4, wrapped ? "" : lane_turn_);
    while (in_turn.step() && static_cast<int>(lanes.size()) < limit) {
      std::string lane = in_turn.text(0);
      if (std::find(lanes.begin(), lanes.end(), lane) != lanes.end()) continue;
      lane_turn_ = lane;
      lanes.push_back(std::move(lane));
    }
    in_turn.reset();
    if (from_start) break;  // the first pass read every lane: nothing to wrap round to
  }
  return lanes;
}

std::optional<OutboxItem> SqlStore::lane_head(const std::string& lane) {
  Statement& query = statements().lane_head;
  query.bind(1, lane);
  std::optional<OutboxItem> head;
  if (query.step()) head = outbox_row(query);
  query.reset();
  return head;
}

std::optional<OutboxItem> SqlStore::claim_lane_head(const std::string& lane, const std::string& holder,
                                                    SysTime now, SysTime until) {
  Statement& claim = statements().claim_lane_head;
  claim.bind(1, lane).bind(2, holder).bind(3, to_ms(now)).bind(4, to_ms(until));
  std::optional<OutboxItem> head;
  if (claim.step()) head = outbox_row(claim);
  claim.reset();
  return head;
}

std::optional<SysTime> SqlStore::next_due(const std::string& holder) {
  Statement& query = statements().next_due;
  query.bind(1, holder);
  std::optional<SysTime> due;
  if (query.step() && !query.is_null(0)) due = from_ms(query.integer(0));
  query.reset();
  return due;
}

void SqlStore::mark_sent(std::int64_t id, SysTime at, const std::optional<std::string>& platform_message_id) {
  Statement& update = statements().mark_sent;
  update.bind(1, id).bind(2, to_ms(at));
  if (platform_message_id) {
    update.bind(3, *platform_message_id);
  } else {
    update.bind_null(3);
  }
  update.run();
}

void SqlStore::mark_retry(std::int64_t id, SysTime next_attempt, const std::string& error) {
  statements().mark_retry.bind(1, id).bind(2, to_ms(next_attempt)).bind(3, error).run();
}

void SqlStore::mark_failed(std::int64_t id, SysTime at, const std::string& error) {
  statements().mark_failed.bind(1, id).bind(2, to_ms(at)).bind(3, error).run();
}

OutboxStats SqlStore::outbox_stats() {
  Statement& query = statements().outbox_stats;
  OutboxStats stats;
  if (query.step()) {
    stats.pending = query.integer(0);
    stats.failed = query.integer(1);
    if (!query.is_null(2)) stats.oldest_pending = from_ms(query.integer(2));
  }
  query.reset();
  return stats;
}

std::vector<OutboxItem> SqlStore::outbox_items(OutboxState state, int limit) {
  Statement& query = statements().outbox_items;
  query.bind(1, to_string(state)).bind(2, std::int64_t{limit});
  std::vector<OutboxItem> items;
  while (query.step())
    items.push_back(outbox_row(query));
  query.reset();
  return items;
}

int SqlStore::prune(SysTime before) {
  Statements& s = statements();
  return sql::in_transaction(database(), "cleaning up", [&] {
    s.prune_events.bind(1, to_ms(before)).run();
    int removed = s.prune_events.changes();
    s.prune_outbox.bind(1, to_ms(before)).run();
    removed += s.prune_outbox.changes();
    return removed;
  });
}

}  // namespace baton
