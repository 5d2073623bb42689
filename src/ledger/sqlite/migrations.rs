//! The SQLite schema: versioned migrations, by `PRAGMA user_version`.
//! Append only: a released migration is never edited; a new one is added at
//! the end (and [`crate::ledger::SCHEMA_VERSION`] raised with it).

pub(super) const MIGRATIONS: &[&str] = &[
    // 1: the audit trail, the policy in force, ledger facts.
    r#"
    CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    ) STRICT;
    CREATE TABLE audit_log (
        seq       INTEGER PRIMARY KEY,
        at        TEXT NOT NULL,
        operator  TEXT NOT NULL,
        action    TEXT NOT NULL,
        customer  TEXT,
        reason    TEXT,
        details   TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash      TEXT NOT NULL
    ) STRICT;
    CREATE INDEX audit_log_customer ON audit_log (customer, seq) WHERE customer IS NOT NULL;
    CREATE INDEX audit_log_at ON audit_log (at);
    CREATE TABLE policy (
        id         INTEGER PRIMARY KEY CHECK (id = 1),
        body       TEXT NOT NULL,
        updated_at TEXT NOT NULL
    ) STRICT;
    "#,
    // 2: the customer master, credentials and locks.
    r#"
    CREATE TABLE customer (
        code         TEXT PRIMARY KEY NOT NULL,
        name         TEXT NOT NULL,
        birth_date   TEXT NOT NULL,
        phone        TEXT,
        mobile_phone TEXT,
        email_pc     TEXT,
        email_mobile TEXT,
        locked_at    TEXT,
        lock_reason  TEXT,
        locked_by    TEXT,
        created_at   TEXT NOT NULL,
        updated_at   TEXT NOT NULL
    ) STRICT;
    CREATE INDEX customer_locked ON customer (locked_at) WHERE locked_at IS NOT NULL;
    CREATE TABLE credential (
        customer TEXT NOT NULL REFERENCES customer (code),
        kind     TEXT NOT NULL CHECK (kind IN ('login', 'execution')),
        hash     TEXT NOT NULL,
        format   TEXT NOT NULL,
        state    TEXT NOT NULL CHECK (state IN ('initial', 'set')),
        set_at   TEXT NOT NULL,
        failures INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (customer, kind)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX credential_state ON credential (kind, state, customer);
    "#,
    // 3: notice subscriptions, the outbox, the last login environment.
    r#"
    CREATE TABLE subscription (
        customer   TEXT NOT NULL REFERENCES customer (code),
        type       TEXT NOT NULL,
        enabled    INTEGER NOT NULL CHECK (enabled IN (0, 1)),
        dest       TEXT NOT NULL CHECK (dest IN ('pc', 'mobile', 'both')),
        updated_at TEXT NOT NULL,
        PRIMARY KEY (customer, type)
    ) STRICT, WITHOUT ROWID;
    CREATE TABLE outbox (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        type        TEXT NOT NULL,
        customer    TEXT NOT NULL REFERENCES customer (code),
        to_addr     TEXT NOT NULL,
        subject     TEXT NOT NULL,
        body        TEXT NOT NULL,
        created_at  TEXT NOT NULL,
        status      TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent')),
        exported_at TEXT,
        sent_at     TEXT
    ) STRICT;
    CREATE INDEX outbox_status ON outbox (status, id);
    CREATE TABLE login_env (
        customer   TEXT PRIMARY KEY NOT NULL REFERENCES customer (code),
        device     TEXT,
        user_agent TEXT,
        ip         TEXT,
        seen_at    TEXT NOT NULL
    ) STRICT, WITHOUT ROWID;
    "#,
    // 4: password history, bulk issuance runs, verification attempts.
    r#"
    ALTER TABLE credential ADD COLUMN issue_run INTEGER;
    CREATE TABLE password_history (
        customer   TEXT NOT NULL REFERENCES customer (code),
        kind       TEXT NOT NULL,
        hash       TEXT NOT NULL,
        retired_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX password_history_customer ON password_history (customer, kind, retired_at);
    CREATE TABLE issue_run (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        out_path    TEXT NOT NULL,
        deadline    TEXT NOT NULL,
        started_at  TEXT NOT NULL,
        finished_at TEXT,
        status      TEXT NOT NULL CHECK (status IN ('running', 'done'))
    ) STRICT;
    CREATE INDEX issue_run_running ON issue_run (out_path) WHERE status = 'running';
    CREATE TABLE attempt (
        id       INTEGER PRIMARY KEY,
        customer TEXT NOT NULL REFERENCES customer (code),
        kind     TEXT NOT NULL,
        at       TEXT NOT NULL,
        ok       INTEGER NOT NULL,
        source   TEXT
    ) STRICT;
    CREATE INDEX attempt_customer ON attempt (customer, id);
    "#,
    // 5: weak-credential audit runs.
    r#"
    CREATE TABLE audit_run (
        id              INTEGER PRIMARY KEY AUTOINCREMENT,
        started_at      TEXT NOT NULL,
        finished_at     TEXT NOT NULL,
        guess           INTEGER NOT NULL,
        customers       INTEGER NOT NULL,
        guesses         INTEGER NOT NULL,
        cycle_complete  INTEGER NOT NULL,
        budget_exceeded INTEGER NOT NULL,
        summary         TEXT NOT NULL
    ) STRICT;
    "#,
    // 6: where a stored password came from: the core system's import, or
    // acctsec itself (set, issued, upgraded). An import never overwrites the
    // latter with the legacy system's (older, weaker) hash.
    r#"
    ALTER TABLE credential ADD COLUMN origin TEXT NOT NULL DEFAULT 'import'
        CHECK (origin IN ('import', 'acctsec'));
    UPDATE credential SET origin = 'acctsec' WHERE kind = 'execution';
    "#,
    // 7: locked customers in code order straight from a partial index
    // (`customer list --locked` on a million customers).
    r#"
    DROP INDEX customer_locked;
    CREATE INDEX customer_locked ON customer (code) WHERE locked_at IS NOT NULL;
    "#,
    // 8: the ledger's identity, a random id (SQLite's generator is seeded
    // from the OS). It names the temporary files of issue runs, so that a
    // run never resumes a file another ledger (or a stale run) left beside
    // its output.
    r#"
    INSERT OR IGNORE INTO meta (key, value) VALUES ('ledger.id', lower(hex(randomblob(16))));
    "#,
    // 9: seals of the audit trail: Ed25519 signatures over a head, made with
    // a key kept outside the ledger (`log seal`, checked by `log verify`).
    r#"
    CREATE TABLE seal (
        id        INTEGER PRIMARY KEY,
        seq       INTEGER NOT NULL,
        head      TEXT NOT NULL,
        sealed_at TEXT NOT NULL,
        key       TEXT NOT NULL,
        signature TEXT NOT NULL
    ) STRICT;
    CREATE INDEX seal_seq ON seal (seq);
    "#,
    // 10: guessable passwords the audit found, kept while the credential
    // keeps the hash the guess matched (a tag of it, never the hash), so
    // that every run reports them, not only the run whose slice found them.
    r#"
    CREATE TABLE guessable (
        customer TEXT NOT NULL REFERENCES customer (code),
        kind     TEXT NOT NULL CHECK (kind IN ('login', 'execution')),
        hash_tag TEXT NOT NULL,
        source   TEXT NOT NULL,
        found_at TEXT NOT NULL,
        run      INTEGER NOT NULL REFERENCES audit_run (id),
        PRIMARY KEY (customer, kind)
    ) STRICT, WITHOUT ROWID;
    "#,
    // 11: password history with a key of its own (it had only SQLite's
    // rowid), which orders it (newest last) and names the rows to trim, on
    // every backend.
    r#"
    CREATE TABLE password_history_new (
        id         INTEGER PRIMARY KEY,
        customer   TEXT NOT NULL REFERENCES customer (code),
        kind       TEXT NOT NULL,
        hash       TEXT NOT NULL,
        retired_at TEXT NOT NULL
    ) STRICT;
    INSERT INTO password_history_new (id, customer, kind, hash, retired_at)
        SELECT rowid, customer, kind, hash, retired_at FROM password_history;
    DROP TABLE password_history;
    ALTER TABLE password_history_new RENAME TO password_history;
    CREATE INDEX password_history_customer ON password_history (customer, kind, retired_at);
    "#,
    // 12: one-time auth codes sent by email (`authcode issue` / `verify`):
    // an Argon2id hash while live (NULL once over), at most one live code
    // per customer and purpose; the outbox rows that carry a code point at
    // it, and their body is replaced by `redacted_body` once the code is
    // over or the mail is sent.
    r#"
    CREATE TABLE authcode (
        id            INTEGER PRIMARY KEY,
        customer      TEXT NOT NULL REFERENCES customer (code),
        purpose       TEXT NOT NULL CHECK (purpose IN ('withdrawal', 'view')),
        hash          TEXT,
        state         TEXT NOT NULL
            CHECK (state IN ('live', 'used', 'replaced', 'exhausted', 'expired')),
        tries         INTEGER NOT NULL DEFAULT 0,
        issued_at     TEXT NOT NULL,
        expires_at    TEXT NOT NULL,
        ended_at      TEXT,
        redacted_body TEXT NOT NULL
    ) STRICT;
    CREATE UNIQUE INDEX authcode_live ON authcode (customer, purpose) WHERE state = 'live';
    CREATE INDEX authcode_issued ON authcode (customer, purpose, issued_at);
    ALTER TABLE outbox ADD COLUMN authcode INTEGER REFERENCES authcode (id);
    CREATE INDEX outbox_authcode ON outbox (authcode) WHERE authcode IS NOT NULL;
    "#,
    // 13: who really acted, and four-eyes approval. Every entry records the
    // authenticated identity of the process (the OS user; on PostgreSQL the
    // session user) beside the free `operator` label; `format` 2 entries
    // hash it (format 1 entries, written before, keep their hash). A
    // request holds what an action needing a second person's approval will
    // do (never a secret) until it is approved, rejected or expires.
    r#"
    ALTER TABLE audit_log ADD COLUMN format INTEGER NOT NULL DEFAULT 1;
    ALTER TABLE audit_log ADD COLUMN identity TEXT;
    CREATE INDEX audit_log_identity ON audit_log (identity, seq) WHERE identity IS NOT NULL;
    CREATE TABLE request (
        id                INTEGER PRIMARY KEY,
        action            TEXT NOT NULL,
        customer          TEXT,
        params            TEXT NOT NULL,
        preview           TEXT NOT NULL,
        reason            TEXT,
        requested_by      TEXT NOT NULL,
        operator          TEXT NOT NULL,
        requested_at      TEXT NOT NULL,
        expires_at        TEXT NOT NULL,
        status            TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
        decided_by        TEXT,
        decided_operator  TEXT,
        decided_at        TEXT,
        decision_reason   TEXT
    ) STRICT;
    CREATE INDEX request_status ON request (status, id);
    "#,
    // 14: mail delivery through the relay (`notify send`): a `failed`
    // status (the CHECK changes, so the table is rebuilt, its AUTOINCREMENT
    // sequence kept), the attempts and the next one's time, the claim of the
    // `notify send` run delivering a notice (its token and how long it
    // holds), and the relay's last reply.
    r#"
    CREATE TABLE outbox_new (
        id              INTEGER PRIMARY KEY AUTOINCREMENT,
        type            TEXT NOT NULL,
        customer        TEXT NOT NULL REFERENCES customer (code),
        to_addr         TEXT NOT NULL,
        subject         TEXT NOT NULL,
        body            TEXT NOT NULL,
        created_at      TEXT NOT NULL,
        status          TEXT NOT NULL DEFAULT 'pending'
            CHECK (status IN ('pending', 'sent', 'failed')),
        exported_at     TEXT,
        sent_at         TEXT,
        authcode        INTEGER REFERENCES authcode (id),
        attempts        INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT,
        claimed_by      TEXT,
        claimed_until   TEXT,
        reply           TEXT,
        failed_at       TEXT
    ) STRICT;
    INSERT INTO outbox_new (id, type, customer, to_addr, subject, body, created_at, status,
                            exported_at, sent_at, authcode)
        SELECT id, type, customer, to_addr, subject, body, created_at, status,
               exported_at, sent_at, authcode FROM outbox;
    UPDATE sqlite_sequence SET seq = max(seq, coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'outbox'), 0))
        WHERE name = 'outbox_new';
    DROP TABLE outbox;
    ALTER TABLE outbox_new RENAME TO outbox;
    CREATE INDEX outbox_status ON outbox (status, id);
    CREATE INDEX outbox_authcode ON outbox (authcode) WHERE authcode IS NOT NULL;
    "#,
    // 15: a bulk import writes one entry per round of rows, naming its
    // customers in the details (`customer::batch`): `log --customer` finds
    // them through this index beside the customer one.
    r#"
    CREATE INDEX audit_log_import ON audit_log (seq) WHERE action = 'customer.import.batch';
    "#,
    // 16: an `expired` status: the notice of an auth code that expired, was
    // used or was ended before its mail went out is never sent (the CHECK
    // changes, so the table is rebuilt as in 14, its sequence kept); an
    // index by type for `notify send`'s question whether a more urgent
    // notice is due.
    r#"
    CREATE TABLE outbox_new (
        id              INTEGER PRIMARY KEY AUTOINCREMENT,
        type            TEXT NOT NULL,
        customer        TEXT NOT NULL REFERENCES customer (code),
        to_addr         TEXT NOT NULL,
        subject         TEXT NOT NULL,
        body            TEXT NOT NULL,
        created_at      TEXT NOT NULL,
        status          TEXT NOT NULL DEFAULT 'pending'
            CHECK (status IN ('pending', 'sent', 'failed', 'expired')),
        exported_at     TEXT,
        sent_at         TEXT,
        authcode        INTEGER REFERENCES authcode (id),
        attempts        INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT,
        claimed_by      TEXT,
        claimed_until   TEXT,
        reply           TEXT,
        failed_at       TEXT
    ) STRICT;
    INSERT INTO outbox_new (id, type, customer, to_addr, subject, body, created_at, status,
                            exported_at, sent_at, authcode, attempts, next_attempt_at,
                            claimed_by, claimed_until, reply, failed_at)
        SELECT id, type, customer, to_addr, subject, body, created_at, status,
               exported_at, sent_at, authcode, attempts, next_attempt_at,
               claimed_by, claimed_until, reply, failed_at FROM outbox;
    UPDATE sqlite_sequence SET seq = max(seq, coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'outbox'), 0))
        WHERE name = 'outbox_new';
    DROP TABLE outbox;
    ALTER TABLE outbox_new RENAME TO outbox;
    CREATE INDEX outbox_status ON outbox (status, id);
    CREATE INDEX outbox_authcode ON outbox (authcode) WHERE authcode IS NOT NULL;
    CREATE INDEX outbox_status_type ON outbox (status, type);
    "#,
    // 17: known login environments (N2): up to 20 per customer, each a
    // device (the hash of its token), a browser family and OS, and a
    // network, with when it was first and last used. The one-row-per-
    // customer `login_env` it replaces is converted and dropped by the
    // data step that follows this migration (`ledger::environments`): its
    // user agents and addresses are reduced in Rust, not SQL.
    r#"
    CREATE TABLE login_environment (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        customer    TEXT NOT NULL REFERENCES customer (code),
        device_hash TEXT,
        browser     TEXT,
        os          TEXT,
        network     TEXT,
        device      TEXT,
        first_seen  TEXT NOT NULL,
        last_seen   TEXT NOT NULL
    ) STRICT;
    CREATE INDEX login_environment_customer ON login_environment (customer, last_seen);
    "#,
    // 18: a customer's auth codes for one purpose, locked after the day's
    // cap of codes or wrong tries until staff clear it (`authcode unlock`);
    // the row stays, cleared, so that the day's count starts again there.
    r#"
    CREATE TABLE authcode_lock (
        customer  TEXT NOT NULL REFERENCES customer (code),
        purpose   TEXT NOT NULL CHECK (purpose IN ('withdrawal', 'view')),
        locked_at TEXT NOT NULL,
        cause     TEXT NOT NULL CHECK (cause IN ('issues', 'wrong_tries')),
        count     INTEGER NOT NULL,
        cleared_at TEXT,
        PRIMARY KEY (customer, purpose)
    ) STRICT;
    "#,
    // 19: the guessing audit across hosts. A cycle of guessing is carved,
    // as workers claim it, into chunks of (customers x candidate range)
    // held under a lease; a run records its worker, its cycle and its
    // chunks (`audit history` shows each worker's share).
    r#"
    CREATE TABLE guess_cycle (
        id            INTEGER PRIMARY KEY AUTOINCREMENT,
        started_at    TEXT NOT NULL,
        candidates    INTEGER NOT NULL,
        stage         INTEGER NOT NULL DEFAULT 0,
        frontier      TEXT NOT NULL DEFAULT '',
        completed_at  TEXT,
        completed_by  TEXT
    ) STRICT;
    CREATE TABLE guess_chunk (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        cycle       INTEGER NOT NULL REFERENCES guess_cycle (id),
        stage       INTEGER NOT NULL,
        after_code  TEXT NOT NULL,
        last_code   TEXT NOT NULL,
        within      TEXT,
        state       TEXT NOT NULL CHECK (state IN ('open', 'claimed', 'done')),
        worker      TEXT,
        lease_until TEXT,
        claims      INTEGER NOT NULL DEFAULT 0,
        credentials INTEGER NOT NULL DEFAULT 0,
        guesses     INTEGER NOT NULL DEFAULT 0,
        hits        INTEGER NOT NULL DEFAULT 0,
        run         INTEGER REFERENCES audit_run (id),
        finished_at TEXT
    ) STRICT;
    CREATE INDEX guess_chunk_pool ON guess_chunk (cycle, state, stage, after_code);
    ALTER TABLE audit_run ADD COLUMN worker TEXT;
    ALTER TABLE audit_run ADD COLUMN cycle INTEGER REFERENCES guess_cycle (id);
    ALTER TABLE audit_run ADD COLUMN chunks INTEGER NOT NULL DEFAULT 0;
    "#,
    // 20: on PostgreSQL the server appends the trail (its migration 20);
    // a SQLite ledger is one file its writers can rewrite, and keeps its
    // trail as before (README, "Several staff users on one host").
    "-- nothing changes in a SQLite ledger",
];

// Every backend has one migration per schema version.
const _: () = assert!(MIGRATIONS.len() as i64 == crate::ledger::SCHEMA_VERSION);

#[cfg(test)]
mod tests {
    use super::MIGRATIONS;

    /// Migration 14 rebuilds the outbox: its rows, their ids and the
    /// AUTOINCREMENT sequence survive, and `failed` becomes a status.
    #[test]
    fn the_outbox_rebuild_keeps_rows_ids_and_the_sequence() {
        let db = rusqlite::Connection::open_in_memory().unwrap();
        for sql in &MIGRATIONS[..13] {
            db.execute_batch(sql).unwrap();
        }
        db.execute_batch(
            "INSERT INTO customer (code, name, birth_date, created_at, updated_at)
               VALUES ('1000100', 'x', '1990-01-01', 't', 't');
             INSERT INTO outbox (id, type, customer, to_addr, subject, body, created_at, status, exported_at, sent_at)
               VALUES (3, 'login', '1000100', 'a@example.jp', 's', 'b', 't', 'sent', 'e', 'u'),
                      (9, 'login', '1000100', 'a@example.jp', 's2', 'b2', 't', 'pending', NULL, NULL);
             DELETE FROM outbox WHERE id = 9;",
        )
        .unwrap();
        db.execute_batch(MIGRATIONS[13]).unwrap();
        let row: (i64, String, String, i64) = db
            .query_row(
                "SELECT id, status, sent_at, attempts FROM outbox",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .unwrap();
        assert_eq!(row, (3, "sent".into(), "u".into(), 0));
        // A deleted id is never given again.
        db.execute_batch(
            "INSERT INTO outbox (type, customer, to_addr, subject, body, created_at, status)
               VALUES ('login', '1000100', 'a@example.jp', 's', 'b', 't', 'failed')",
        )
        .unwrap();
        let id: i64 = db
            .query_row("SELECT max(id) FROM outbox", [], |r| r.get(0))
            .unwrap();
        assert_eq!(id, 10);
        assert!(
            db.execute_batch(
                "INSERT INTO outbox (type, customer, to_addr, subject, body, created_at, status)
                   VALUES ('login', '1000100', 'a', 's', 'b', 't', 'lost')"
            )
            .is_err()
        );
    }

    /// Migration 16 rebuilds the outbox again: every column of every row,
    /// the ids and the sequence survive, and `expired` becomes a status.
    #[test]
    fn the_expired_status_rebuild_keeps_every_column() {
        let db = rusqlite::Connection::open_in_memory().unwrap();
        for sql in &MIGRATIONS[..15] {
            db.execute_batch(sql).unwrap();
        }
        db.execute_batch(
            "INSERT INTO customer (code, name, birth_date, created_at, updated_at)
               VALUES ('1000100', 'x', '1990-01-01', 't', 't');
             INSERT INTO outbox (id, type, customer, to_addr, subject, body, created_at, status,
                                 exported_at, sent_at, attempts, next_attempt_at, claimed_by,
                                 claimed_until, reply, failed_at)
               VALUES (4, 'login', '1000100', 'a@example.jp', 's', 'b', 't', 'failed',
                       NULL, NULL, 3, 'n', 'run', 'u', '550 no', 'f'),
                      (7, 'login', '1000100', 'a@example.jp', 's', 'b', 't', 'pending',
                       NULL, NULL, 0, NULL, NULL, NULL, NULL, NULL);
             DELETE FROM outbox WHERE id = 7;",
        )
        .unwrap();
        db.execute_batch(MIGRATIONS[15]).unwrap();
        let row: Vec<Option<String>> = db
            .query_row(
                "SELECT id, status, attempts, next_attempt_at, claimed_by, claimed_until, reply, failed_at
                 FROM outbox",
                [],
                |r| (0..8).map(|i| r.get::<_, rusqlite::types::Value>(i)).collect::<Result<Vec<_>, _>>(),
            )
            .unwrap()
            .into_iter()
            .map(|v| match v {
                rusqlite::types::Value::Text(t) => Some(t),
                rusqlite::types::Value::Integer(n) => Some(n.to_string()),
                _ => None,
            })
            .collect();
        let want = ["4", "failed", "3", "n", "run", "u", "550 no", "f"];
        assert_eq!(row, want.map(|s| Some(s.to_string())).to_vec());
        db.execute_batch(
            "INSERT INTO outbox (type, customer, to_addr, subject, body, created_at, status)
               VALUES ('login', '1000100', 'a@example.jp', 's', 'b', 't', 'expired')",
        )
        .unwrap();
        let id: i64 = db
            .query_row("SELECT max(id) FROM outbox", [], |r| r.get(0))
            .unwrap();
        assert_eq!(id, 8, "a deleted id is never given again");
        assert!(
            db.execute_batch(
                "INSERT INTO outbox (type, customer, to_addr, subject, body, created_at, status)
                   VALUES ('login', '1000100', 'a', 's', 'b', 't', 'stale')"
            )
            .is_err()
        );
    }
}
