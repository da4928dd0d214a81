//! The schema of the notes store and its migrations.

use rusqlite::{Connection, Transaction, TransactionBehavior};

/// Schema migrations, in order: migration `i` takes the schema from version
/// `i` to `i + 1` (the version is SQLite's `PRAGMA user_version`).
/// Never edit a released migration; append a new one.
pub(crate) const MIGRATIONS: &[&str] = &[
    // 1: notes and drafts.
    "CREATE TABLE notes (
        id        INTEGER PRIMARY KEY AUTOINCREMENT,
        article   TEXT    NOT NULL,
        kind      TEXT    NOT NULL CHECK (kind IN ('article', 'passage', 'entity')),
        entity    TEXT,
        quote     TEXT,
        prefix    TEXT,
        suffix    TEXT,
        pos_start INTEGER,
        pos_end   INTEGER,
        text      TEXT    NOT NULL,
        tags      TEXT    NOT NULL DEFAULT '',
        created   INTEGER NOT NULL,
        updated   INTEGER NOT NULL,
        version   INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
        deleted   INTEGER,
        CHECK ((kind = 'passage') = (quote IS NOT NULL AND pos_start IS NOT NULL AND pos_end IS NOT NULL)),
        CHECK ((kind = 'entity') = (entity IS NOT NULL))
    );
    CREATE INDEX notes_by_article ON notes (article, updated);
    CREATE INDEX notes_by_updated ON notes (updated);
    CREATE TABLE drafts (
        key   TEXT    PRIMARY KEY NOT NULL,
        text  TEXT    NOT NULL,
        saved INTEGER NOT NULL
    );",
    // 2: the analyst's corrections to the entity extractor, in the order made.
    "CREATE TABLE corrections (
        id      INTEGER PRIMARY KEY AUTOINCREMENT,
        kind    TEXT    NOT NULL CHECK (kind IN ('merge', 'split', 'hide')),
        subject TEXT    NOT NULL CHECK (length(subject) > 0),
        target  TEXT,
        created INTEGER NOT NULL,
        CHECK ((kind = 'hide') = (target IS NULL))
    );",
    // 3: drafts per session, so two sessions never overwrite each other's;
    // drafts from before belong to the session '' (restored like any other).
    "CREATE TABLE drafts_by_session (
        key     TEXT    NOT NULL,
        session TEXT    NOT NULL DEFAULT '',
        text    TEXT    NOT NULL,
        saved   INTEGER NOT NULL,
        PRIMARY KEY (key, session)
    );
    INSERT INTO drafts_by_session (key, session, text, saved) SELECT key, '', text, saved FROM drafts;
    DROP TABLE drafts;
    ALTER TABLE drafts_by_session RENAME TO drafts;",
    // 4: the kind of the entity an entity note is on (NULL for older notes).
    "ALTER TABLE notes ADD COLUMN entity_kind TEXT CHECK (entity_kind IN ('person', 'org', 'place'));",
    // 5: the analyst's reading state, by article id (it survives re-indexing
    // and moves): when each was read and flagged (unix ms); and where they
    // left off in each corpus.
    "CREATE TABLE reading (
        article TEXT    PRIMARY KEY NOT NULL CHECK (length(article) > 0),
        read    INTEGER,
        flagged INTEGER
    ) WITHOUT ROWID;
    CREATE INDEX reading_read ON reading (read) WHERE read IS NOT NULL;
    CREATE INDEX reading_flagged ON reading (flagged) WHERE flagged IS NOT NULL;
    CREATE TABLE left_off (
        corpus  TEXT    PRIMARY KEY NOT NULL,
        article TEXT,
        scroll  INTEGER NOT NULL DEFAULT 0 CHECK (scroll >= 0),
        pane    TEXT,
        filter  TEXT,
        sort    TEXT,
        saved   INTEGER NOT NULL
    ) WITHOUT ROWID;",
    // 6: watchlists: named queries, an entity or words in the text
    // (`crate::watch`). `key` is the name folded, so one name is one watch;
    // `seen` holds the ids of the articles matched when last looked at
    // (8 bytes each), so that later arrivals count as new.
    "CREATE TABLE watches (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        name        TEXT    NOT NULL CHECK (length(name) > 0),
        key         TEXT    NOT NULL UNIQUE,
        kind        TEXT    NOT NULL CHECK (kind IN ('entity', 'text')),
        query       TEXT    NOT NULL CHECK (length(query) > 0),
        entity      TEXT,
        entity_kind TEXT    CHECK (entity_kind IN ('person', 'org', 'place')),
        aliases     TEXT,
        created     INTEGER NOT NULL,
        looked      INTEGER,
        seen        BLOB    NOT NULL DEFAULT x'',
        CHECK ((kind = 'entity') = (entity IS NOT NULL AND entity_kind IS NOT NULL))
    );",
];

/// The schema version this rroom writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Applies the migrations the database lacks, in one immediate transaction.
/// Returns the version the database is at.
pub(super) fn migrate(conn: &Connection, migrations: &[&str]) -> rusqlite::Result<i64> {
    let latest = migrations.len() as i64;
    let tx = Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
    let version: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if version < 0 || version >= latest {
        return Ok(version);
    }
    for (i, sql) in migrations.iter().enumerate().skip(version as usize) {
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", i as i64 + 1)?;
    }
    tx.commit()?;
    Ok(latest)
}
