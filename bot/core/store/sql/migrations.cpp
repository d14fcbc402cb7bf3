#include "bot/core/store/sql/migrations.hpp"

#include <array>

namespace baton::sql {
namespace {

constexpr std::array kMigrations{
    Migration{1, "member settings",
              R"sql(
CREATE TABLE member_settings (
  member_key TEXT PRIMARY KEY,
  locale     TEXT CHECK (locale IN ('en', 'fr')),
  updated_at TEXT NOT NULL
) STRICT;
)sql"},
    // Times compared by queries are milliseconds since the Unix epoch (UTC).
    Migration{2, "inbound events and outbox",
              R"sql(
CREATE TABLE inbound_events (
  source         TEXT NOT NULL,
  event_id       TEXT NOT NULL,
  payload        TEXT NOT NULL,
  received_at_ms INTEGER NOT NULL,
  handled_at_ms  INTEGER,
  PRIMARY KEY (source, event_id)
) STRICT;
CREATE INDEX inbound_events_unhandled ON inbound_events (source, received_at_ms) WHERE handled_at_ms IS NULL;

CREATE TABLE outbox (
  id                  INTEGER PRIMARY KEY,
  key                 TEXT NOT NULL UNIQUE,
  platform            TEXT NOT NULL,
  lane                TEXT NOT NULL,
  destination         TEXT NOT NULL,
  message             TEXT NOT NULL,
  state               TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'failed')),
  attempts            INTEGER NOT NULL DEFAULT 0,
  created_at_ms       INTEGER NOT NULL,
  next_attempt_ms     INTEGER NOT NULL,
  last_error          TEXT,
  finished_at_ms      INTEGER,
  platform_message_id TEXT
) STRICT;
CREATE INDEX outbox_pending_lanes ON outbox (lane, id) WHERE state = 'pending';
CREATE INDEX outbox_by_state ON outbox (state, id);
)sql"},
    Migration{3, "conversation references and unreachable members",
              R"sql(
CREATE TABLE conversations (
  platform        TEXT NOT NULL,
  key             TEXT NOT NULL,
  conversation_id TEXT NOT NULL,
  service_url     TEXT NOT NULL,
  tenant_id       TEXT NOT NULL,
  user_id         TEXT NOT NULL,
  updated_at_ms   INTEGER NOT NULL,
  PRIMARY KEY (platform, key)
) STRICT;
CREATE INDEX conversations_latest ON conversations (platform, updated_at_ms);

CREATE TABLE unreachable_members (
  platform   TEXT NOT NULL,
  member_key TEXT NOT NULL,
  reason     TEXT NOT NULL,
  since_ms   INTEGER NOT NULL,
  PRIMARY KEY (platform, member_key)
) STRICT;
)sql"},
    Migration{4, "rituals",
              R"sql(
CREATE TABLE occurrences (
  key         TEXT PRIMARY KEY,
  ritual      TEXT NOT NULL,
  step        TEXT NOT NULL,
  day         TEXT NOT NULL,
  member      TEXT NOT NULL,
  due_ms      INTEGER NOT NULL,
  outcome     TEXT NOT NULL CHECK (outcome IN ('sent', 'skipped', 'missed')),
  reason      TEXT NOT NULL,
  recorded_ms INTEGER NOT NULL
) STRICT;
CREATE INDEX occurrences_by_day ON occurrences (ritual, day, due_ms);
CREATE INDEX occurrences_all_by_day ON occurrences (day, due_ms);

CREATE TABLE scheduler_marks (
  name  TEXT PRIMARY KEY,
  at_ms INTEGER NOT NULL
) STRICT;

CREATE TABLE standup_answers (
  ritual      TEXT NOT NULL,
  day         TEXT NOT NULL,
  member      TEXT NOT NULL,
  answers     TEXT NOT NULL,
  answered_ms INTEGER NOT NULL,
  platform    TEXT NOT NULL,
  PRIMARY KEY (ritual, day, member)
) STRICT;

CREATE TABLE standup_drafts (
  member     TEXT PRIMARY KEY,
  ritual     TEXT NOT NULL,
  day        TEXT NOT NULL,
  answers    TEXT NOT NULL,
  updated_ms INTEGER NOT NULL
) STRICT;

CREATE TABLE days_off (
  member     TEXT NOT NULL,
  first_day  TEXT NOT NULL,
  last_day   TEXT NOT NULL,
  created_ms INTEGER NOT NULL,
  PRIMARY KEY (member, first_day)
) STRICT;

CREATE TABLE ritual_skips (
  ritual    TEXT NOT NULL,
  day       TEXT NOT NULL,
  by_member TEXT NOT NULL,
  at_ms     INTEGER NOT NULL,
  PRIMARY KEY (ritual, day)
) STRICT;

CREATE TABLE ritual_pauses (
  ritual    TEXT PRIMARY KEY,
  by_member TEXT NOT NULL,
  at_ms     INTEGER NOT NULL
) STRICT;

CREATE TABLE retro_items (
  id         INTEGER PRIMARY KEY,
  ritual     TEXT NOT NULL,
  day        TEXT NOT NULL,
  member     TEXT NOT NULL,
  kind       TEXT NOT NULL CHECK (kind IN ('went_well', 'to_improve', 'action')),
  text       TEXT NOT NULL,
  owner      TEXT NOT NULL,
  due_day    TEXT NOT NULL,
  done_ms    INTEGER,
  created_ms INTEGER NOT NULL
) STRICT;
CREATE INDEX retro_items_by_day ON retro_items (ritual, day);
CREATE INDEX retro_open_actions ON retro_items (ritual, id) WHERE kind = 'action' AND done_ms IS NULL;
)sql"},
    Migration{5, "handoffs",
              R"sql(
CREATE TABLE workflow_runs (
  id          INTEGER PRIMARY KEY,
  workflow    TEXT NOT NULL,
  title       TEXT NOT NULL,
  started_by  TEXT NOT NULL,
  started_ms  INTEGER NOT NULL,
  stage       INTEGER NOT NULL,
  state       TEXT NOT NULL CHECK (state IN ('running', 'done', 'stopped')),
  closed_ms   INTEGER,
  note        TEXT NOT NULL
) STRICT;

CREATE TABLE handoffs (
  number          INTEGER PRIMARY KEY AUTOINCREMENT,
  from_department TEXT NOT NULL,
  to_department   TEXT NOT NULL,
  title           TEXT NOT NULL,
  requester       TEXT NOT NULL,
  assignee        TEXT NOT NULL,
  priority        TEXT NOT NULL CHECK (priority IN ('low', 'normal', 'high')),
  state           TEXT NOT NULL CHECK (state IN ('open', 'accepted', 'done', 'rejected', 'cancelled')),
  platform        TEXT NOT NULL,
  created_ms      INTEGER NOT NULL,
  accept_by_ms    INTEGER NOT NULL,
  due_ms          INTEGER NOT NULL,
  due_given       INTEGER NOT NULL,
  accepted_ms     INTEGER,
  closed_ms       INTEGER,
  close_note      TEXT NOT NULL,
  context         TEXT NOT NULL,
  workflow_run    INTEGER REFERENCES workflow_runs (id),
  stage           INTEGER NOT NULL,
  step            TEXT NOT NULL,
  version         INTEGER NOT NULL
) STRICT;
CREATE INDEX handoffs_to ON handoffs (to_department, state);
CREATE INDEX handoffs_from ON handoffs (from_department, state);
CREATE INDEX handoffs_created ON handoffs (created_ms);
CREATE INDEX handoffs_of_run ON handoffs (workflow_run) WHERE workflow_run IS NOT NULL;

CREATE TABLE handoff_events (
  id       INTEGER PRIMARY KEY,
  handoff  INTEGER NOT NULL REFERENCES handoffs (number),
  key      TEXT NOT NULL UNIQUE,
  action   TEXT NOT NULL,
  by       TEXT NOT NULL,
  platform TEXT NOT NULL,
  at_ms    INTEGER NOT NULL,
  note     TEXT NOT NULL
) STRICT;
CREATE INDEX handoff_events_of ON handoff_events (handoff, id);

CREATE TABLE handoff_posts (
  handoff     INTEGER NOT NULL REFERENCES handoffs (number),
  outbox_key  TEXT NOT NULL,
  platform    TEXT NOT NULL,
  destination TEXT NOT NULL,
  PRIMARY KEY (handoff, outbox_key)
) STRICT;

CREATE TABLE handoff_timers (
  id       INTEGER PRIMARY KEY,
  handoff  INTEGER NOT NULL REFERENCES handoffs (number),
  kind     TEXT NOT NULL,
  at_ms    INTEGER NOT NULL,
  fired_ms INTEGER
) STRICT;
CREATE INDEX handoff_timers_due ON handoff_timers (at_ms) WHERE fired_ms IS NULL;
CREATE INDEX handoff_timers_of ON handoff_timers (handoff);
)sql"},
    // Days are YYYY-MM-DD text, which sorts as dates do.
    Migration{6, "kpi points, alerts and silences",
              R"sql(
CREATE TABLE kpi_points (
  kpi         TEXT NOT NULL,
  day         TEXT NOT NULL,
  value       REAL NOT NULL,
  source      TEXT NOT NULL,
  recorded_ms INTEGER NOT NULL,
  PRIMARY KEY (kpi, day)
) STRICT, WITHOUT ROWID;

CREATE TABLE kpi_point_history (
  id                 INTEGER PRIMARY KEY,
  kpi                TEXT NOT NULL,
  day                TEXT NOT NULL,
  value              REAL NOT NULL,
  source             TEXT NOT NULL,
  recorded_ms        INTEGER NOT NULL,
  replaced_by        REAL NOT NULL,
  replaced_by_source TEXT NOT NULL,
  replaced_ms        INTEGER NOT NULL
) STRICT;
CREATE INDEX kpi_point_history_of ON kpi_point_history (kpi, day, id);
CREATE INDEX kpi_points_recorded ON kpi_points (recorded_ms);

CREATE TABLE alerts (
  rule            TEXT PRIMARY KEY,
  state           TEXT NOT NULL CHECK (state IN ('inactive', 'pending', 'firing', 'resolved')),
  active_since_ms INTEGER,
  fired_ms        INTEGER,
  value           REAL,
  notified_ms     INTEGER,
  notice_due      INTEGER NOT NULL,
  handoff         INTEGER REFERENCES handoffs (number),
  evaluated_ms    INTEGER NOT NULL
) STRICT;

CREATE TABLE alert_events (
  key   TEXT PRIMARY KEY,
  rule  TEXT NOT NULL,
  state TEXT NOT NULL,
  value REAL,
  at_ms INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX alert_events_at ON alert_events (at_ms);

CREATE TABLE alert_notices (
  outbox_key  TEXT PRIMARY KEY,
  department  TEXT NOT NULL,
  platform    TEXT NOT NULL,
  destination TEXT NOT NULL,
  at_ms       INTEGER NOT NULL
) STRICT;
CREATE TABLE alert_notice_rules (
  outbox_key TEXT NOT NULL REFERENCES alert_notices (outbox_key),
  rule       TEXT NOT NULL,
  PRIMARY KEY (rule, outbox_key)
) STRICT, WITHOUT ROWID;

CREATE TABLE silences (
  id         INTEGER PRIMARY KEY,
  rule       TEXT NOT NULL,
  starts_ms  INTEGER NOT NULL,
  ends_ms    INTEGER NOT NULL,
  by         TEXT NOT NULL,
  reason     TEXT NOT NULL,
  ended_ms   INTEGER
) STRICT;
CREATE INDEX silences_by_end ON silences (ends_ms);
)sql"},
    Migration{7, "claims for several instances",
              R"sql(
-- The instance sending a lane's head holds it until claim_until_ms; after that another may.
ALTER TABLE outbox ADD COLUMN claimed_by TEXT;
ALTER TABLE outbox ADD COLUMN claim_until_ms INTEGER;

-- Work one instance at a time does: holding the Slack Socket Mode connection.
CREATE TABLE leases (
  name     TEXT PRIMARY KEY,
  holder   TEXT NOT NULL,
  until_ms INTEGER NOT NULL
) STRICT;

-- Work instances take turns at: updating a row here makes another instance's transaction doing the same
-- wait for this one's commit, then see what it wrote (SQLite's write transactions already take turns).
CREATE TABLE turns (
  name  TEXT PRIMARY KEY,
  taken INTEGER NOT NULL
) STRICT;
INSERT INTO turns (name, taken) VALUES ('alerts', 0);
)sql"},
    Migration{8, "kpi point revisions",
              R"sql(
-- Each write of KPI points takes the next revision, writers one after the other (their row in turns), so
-- that "the points changed since revision N" misses none, whatever the instances' clocks say.
ALTER TABLE kpi_points ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
CREATE INDEX kpi_points_by_revision ON kpi_points (revision);
INSERT INTO turns (name, taken) VALUES ('kpi_points', 0);
)sql"},
    Migration{9, "outbox indexes for lane heads",
              R"sql(
-- Lane heads are found on outbox_pending_lanes; an index on (state, id) beside it drew SQLite's planner
-- into reading every pending message for each lane, which grew with the backlog. Partial indexes serve
-- what it served: the oldest pending messages, counting failed ones, and pruning sent ones.
DROP INDEX outbox_by_state;
CREATE INDEX outbox_pending ON outbox (id) WHERE state = 'pending';
CREATE INDEX outbox_failed ON outbox (id) WHERE state = 'failed';
CREATE INDEX outbox_sent ON outbox (finished_at_ms) WHERE state = 'sent';
)sql"},
    Migration{10, "outbox deliveries in doubt",
              R"sql(
-- 1 once a claim on the message was taken over before it ended (its sender died or hung mid-delivery):
-- the message may be on the platform already, and the platform is asked before it is sent again.
ALTER TABLE outbox ADD COLUMN in_doubt INTEGER NOT NULL DEFAULT 0;
)sql"},
    Migration{11, "event retries and pending commands",
              R"sql(
-- How many times an event was handled again after its first handling failed; past a few, it is given up.
ALTER TABLE inbound_events ADD COLUMN retries INTEGER NOT NULL DEFAULT 0;
ALTER TABLE inbound_events ADD COLUMN given_up_at_ms INTEGER;
DROP INDEX inbound_events_unhandled;
CREATE INDEX inbound_events_unhandled ON inbound_events (source, received_at_ms)
  WHERE handled_at_ms IS NULL AND given_up_at_ms IS NULL;

-- A command acknowledged before its answer, until the answer is in the outbox. claimed_at_ms is when it
-- was received, then when it was last claimed by an instance telling its author it did not complete.
CREATE TABLE pending_commands (
  key            TEXT PRIMARY KEY,
  platform       TEXT NOT NULL,
  user_id        TEXT NOT NULL,
  member         TEXT NOT NULL,
  channel        TEXT NOT NULL,
  text           TEXT NOT NULL,
  reply_to       TEXT NOT NULL,
  received_at_ms INTEGER NOT NULL,
  claimed_at_ms  INTEGER NOT NULL
) STRICT;
CREATE INDEX pending_commands_by_claim ON pending_commands (platform, claimed_at_ms);
)sql"},
};

constexpr bool numbered_in_order() {
  for (std::size_t i = 0; i < kMigrations.size(); ++i) {
    if (kMigrations[i].version != static_cast<int>(i) + 1) return false;
  }
  return true;
}
static_assert(numbered_in_order(), "migrations are numbered 1, 2, 3... in order");

}  // namespace

std::span<const Migration> migrations() {
  return kMigrations;
}

}  // namespace baton::sql
