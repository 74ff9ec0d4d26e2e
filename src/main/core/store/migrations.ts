/** Schema history. Append only: never edit a shipped migration. */
export const MIGRATIONS: string[] = [
  /* 1: events, sessions, settings, world */ `
  CREATE TABLE events (
    seq        INTEGER PRIMARY KEY,
    id         TEXT NOT NULL UNIQUE,
    session_id TEXT NOT NULL,
    type       TEXT NOT NULL,
    ts         INTEGER NOT NULL,
    data       TEXT NOT NULL
  );
  CREATE INDEX events_by_session ON events(session_id, seq);
  CREATE INDEX events_by_ts ON events(ts);
  CREATE VIRTUAL TABLE events_fts USING fts5(body, tokenize = 'unicode61 remove_diacritics 2');

  CREATE TABLE sessions (
    id                TEXT PRIMARY KEY,
    name              TEXT NOT NULL,
    cwd               TEXT NOT NULL,
    kind              TEXT NOT NULL,
    backend           TEXT,
    claude_session_id TEXT,
    launched          INTEGER NOT NULL DEFAULT 0,
    permission_mode   TEXT NOT NULL,
    model             TEXT,
    args              TEXT NOT NULL DEFAULT '[]',
    worktree          TEXT,
    created_at        INTEGER NOT NULL,
    last_activity     INTEGER NOT NULL,
    zone_q            INTEGER,
    zone_r            INTEGER,
    ord               REAL NOT NULL,
    token             TEXT,
    usage             TEXT NOT NULL DEFAULT '{}',
    last_prompt       TEXT
  );
  CREATE TABLE session_aliases (
    agent_session_id TEXT PRIMARY KEY,
    session_id       TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE
  );
  CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE tiles (
    id TEXT PRIMARY KEY, text TEXT NOT NULL, q INTEGER NOT NULL, r INTEGER NOT NULL,
    color TEXT, created_at INTEGER NOT NULL
  );
  CREATE TABLE hexes (
    q INTEGER NOT NULL, r INTEGER NOT NULL, color TEXT NOT NULL, height INTEGER NOT NULL,
    PRIMARY KEY (q, r)
  );
  `,
  /* 2: deferred FTS indexing watermark (events up to this seq are in events_fts) */ `
  CREATE TABLE fts_progress (id INTEGER PRIMARY KEY CHECK (id = 1), seq INTEGER NOT NULL);
  INSERT INTO fts_progress (id, seq) SELECT 1, coalesce(max(seq), 0) FROM events;
  `,
  /* 3: usage per agent session, per day and per turn; session policies; prompt queue; attention */ `
  CREATE TABLE usage_agent_sessions (
    agent_session_id TEXT PRIMARY KEY,
    session_id       TEXT NOT NULL,
    cost_usd         REAL NOT NULL DEFAULT 0,
    cost_reported    INTEGER NOT NULL DEFAULT 0,
    input            INTEGER NOT NULL DEFAULT 0,
    output           INTEGER NOT NULL DEFAULT 0,
    cache_write      INTEGER NOT NULL DEFAULT 0,
    cache_read       INTEGER NOT NULL DEFAULT 0,
    updated_at       INTEGER NOT NULL
  );
  CREATE INDEX usage_agent_sessions_by_session ON usage_agent_sessions(session_id);
  CREATE TABLE usage_days (
    day         TEXT NOT NULL,
    session_id  TEXT NOT NULL,
    repo        TEXT NOT NULL,
    input       INTEGER NOT NULL DEFAULT 0,
    output      INTEGER NOT NULL DEFAULT 0,
    cache_write INTEGER NOT NULL DEFAULT 0,
    cache_read  INTEGER NOT NULL DEFAULT 0,
    cost_usd    REAL NOT NULL DEFAULT 0,
    PRIMARY KEY (day, session_id)
  );
  CREATE TABLE usage_turns (
    session_id     TEXT NOT NULL,
    started_at     INTEGER NOT NULL,
    ended_at       INTEGER,
    input          INTEGER NOT NULL DEFAULT 0,
    output         INTEGER NOT NULL DEFAULT 0,
    cache_write    INTEGER NOT NULL DEFAULT 0,
    cache_read     INTEGER NOT NULL DEFAULT 0,
    cost_usd       REAL NOT NULL DEFAULT 0,
    cost_estimated INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (session_id, started_at)
  );
  CREATE TABLE rate_windows (
    window       TEXT PRIMARY KEY,
    used_percent REAL NOT NULL,
    resets_at    INTEGER NOT NULL,
    observed_at  INTEGER NOT NULL
  );
  CREATE TABLE session_policies (
    session_id TEXT PRIMARY KEY,
    policy     TEXT NOT NULL
  );
  CREATE TABLE prompt_queue (
    id         TEXT PRIMARY KEY,
    session_id TEXT NOT NULL,
    text       TEXT NOT NULL,
    position   REAL NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE INDEX prompt_queue_by_session ON prompt_queue(session_id, position);
  CREATE TABLE attention_turns (
    session_id TEXT PRIMARY KEY,
    kind       TEXT NOT NULL,
    at         INTEGER NOT NULL,
    event_id   TEXT,
    detail     TEXT,
    seen_at    INTEGER NOT NULL DEFAULT 0
  );
  `,
  /* 4: replay checkpoints (replay/checkpoints.ts): folded fleet state after every event <= seq */ `
  CREATE TABLE replay_checkpoints (
    seq     INTEGER PRIMARY KEY,
    version TEXT NOT NULL,
    state   TEXT NOT NULL
  );
  `,
  /* 5: the timeline's per-minute index (replay/timeline/) and commits made during sessions (git/) */ `
  CREATE TABLE timeline_minutes (
    minute     INTEGER NOT NULL,
    session_id TEXT NOT NULL,
    kind       TEXT NOT NULL,
    station    TEXT NOT NULL DEFAULT '',
    count      INTEGER NOT NULL,
    first_ts   INTEGER NOT NULL,
    last_ts    INTEGER NOT NULL,
    PRIMARY KEY (minute, session_id, kind, station)
  ) WITHOUT ROWID;
  CREATE TABLE timeline_progress (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    seq     INTEGER NOT NULL,
    version TEXT NOT NULL
  );
  CREATE TABLE session_commits (
    session_id TEXT NOT NULL,
    hash       TEXT NOT NULL,
    subject    TEXT NOT NULL,
    ts         INTEGER NOT NULL,
    PRIMARY KEY (session_id, hash)
  );
  CREATE INDEX session_commits_by_ts ON session_commits(ts);
  `,
  /* 6: the remote host a session runs on (backend ssh; docs/remote-hosts.md) */ `
  ALTER TABLE sessions ADD COLUMN host_id TEXT;
  `,
  /* 7: the timeline index's ten-minute and hour levels (replay/timeline/timeline-index.ts) */ `
  CREATE TABLE timeline_tens (
    ten        INTEGER NOT NULL,
    session_id TEXT NOT NULL,
    kind       TEXT NOT NULL,
    station    TEXT NOT NULL DEFAULT '',
    count      INTEGER NOT NULL,
    first_ts   INTEGER NOT NULL,
    last_ts    INTEGER NOT NULL,
    PRIMARY KEY (ten, session_id, kind, station)
  ) WITHOUT ROWID;
  CREATE TABLE timeline_hours (
    hour       INTEGER NOT NULL,
    session_id TEXT NOT NULL,
    kind       TEXT NOT NULL,
    station    TEXT NOT NULL DEFAULT '',
    count      INTEGER NOT NULL,
    first_ts   INTEGER NOT NULL,
    last_ts    INTEGER NOT NULL,
    PRIMARY KEY (hour, session_id, kind, station)
  ) WITHOUT ROWID;
  `,
]
