//! The index's tables. The index is a cache: a file of another schema
//! version is not migrated but rebuilt.

/// Bumped whenever the tables, or what the extractor stores in them, change.
pub const SCHEMA_VERSION: i64 = 5;

/// The tables, created in one transaction on a new file.
///
/// - `meta`: the corpus roots, the last update, counts.
/// - `files`: one row per corpus file: its root (position in the corpus
///   paths) and path below it, its place in load order, what was seen of it
///   (size, mtime, hash of the bytes indexed), and for JSONL read line by
///   line how many bytes and lines are indexed (an appended file resumes
///   there).
/// - `articles`: the catalog: where each article is (file, line, byte range
///   of a JSONL line), its metadata, its list position (`pos`, NULL for a
///   copy of an earlier article) and its entities ([`super::codec`]);
///   `published_at` is the instant its `published` names (Unix seconds,
///   UTC; NULL when unknown or unreadable), indexed with the other sort
///   keys for [`super::catalog_query`]. The indexes on `pos` and `aid`
///   hold each other, so the ids of many positions (a watch's matches) and
///   the positions of many ids (the articles read) are read from an index
///   alone.
/// - `fts`: full text of titles and bodies, contentless (the text is read
///   back from the source files), BM25-ranked.
/// - `near`: near-duplicates ([`super::groups`]): the MinHash signature of
///   each article long enough to have one, and its group (the `articles`
///   id of the group's first article; NULL when alone). Its rows go with
///   their article (trigger).
/// - `stale`: listed articles replaced or removed by an update in
///   progress: they stay listed until it completes (so an update stopped
///   half-way, by a full disk or a kill, leaves the last complete list).
/// - `sentences`: where each article's sentences start (by article row
///   id), so that mentions are numbered by sentence without the text.
/// - `entity`, `postings`, `cooccur`, `members`, `entity_names`: the
///   corpus-wide entity table, derived from the articles' entities with the analyst's
///   corrections applied (see [`super::entity_table`]).
pub const SCHEMA: &str = "
CREATE TABLE meta(key TEXT PRIMARY KEY, value) WITHOUT ROWID;
CREATE TABLE files(
    id INTEGER PRIMARY KEY,
    root INTEGER NOT NULL,
    rel BLOB NOT NULL,
    ord INTEGER NOT NULL,
    format INTEGER NOT NULL,
    section TEXT,
    size INTEGER NOT NULL,
    mtime INTEGER NOT NULL,
    hash INTEGER NOT NULL,
    line_mode INTEGER NOT NULL,
    lines INTEGER NOT NULL,
    notes TEXT,
    UNIQUE(root, rel)
);
CREATE TABLE articles(
    id INTEGER PRIMARY KEY,
    file INTEGER NOT NULL,
    line INTEGER,
    offset INTEGER,
    len INTEGER,
    aid TEXT NOT NULL,
    title TEXT NOT NULL,
    source TEXT,
    dateline TEXT,
    url TEXT,
    published TEXT,
    published_at INTEGER,
    words INTEGER NOT NULL,
    pos INTEGER,
    entities BLOB NOT NULL
);
CREATE INDEX articles_file ON articles(file, line);
CREATE INDEX articles_aid ON articles(aid, pos);
CREATE INDEX articles_pos ON articles(pos, aid);
CREATE INDEX articles_by_date ON articles(published_at DESC, pos) WHERE pos IS NOT NULL;
CREATE INDEX articles_by_title ON articles(title COLLATE NOCASE, pos) WHERE pos IS NOT NULL;
CREATE INDEX articles_by_source ON articles(source IS NULL, source COLLATE NOCASE, pos) WHERE pos IS NOT NULL;
CREATE INDEX articles_by_words ON articles(words DESC, pos) WHERE pos IS NOT NULL;
CREATE VIRTUAL TABLE fts USING fts5(
    title, body, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2'
);
CREATE TABLE near(article INTEGER PRIMARY KEY, sig BLOB NOT NULL, grp INTEGER);
CREATE TRIGGER near_gone AFTER DELETE ON articles BEGIN DELETE FROM near WHERE article = old.id; END;
CREATE TABLE sentences(id INTEGER PRIMARY KEY, triggers BLOB NOT NULL);
CREATE TABLE stale(id INTEGER PRIMARY KEY);
CREATE TABLE entity(
    id INTEGER PRIMARY KEY,
    kind INTEGER NOT NULL,
    name TEXT NOT NULL,
    aliases TEXT NOT NULL,
    keys TEXT NOT NULL,
    articles INTEGER NOT NULL,
    mentions INTEGER NOT NULL
);
CREATE TABLE postings(entity INTEGER PRIMARY KEY, articles BLOB NOT NULL);
CREATE TABLE cooccur(entity INTEGER PRIMARY KEY, others BLOB NOT NULL);
CREATE TABLE members(pos INTEGER PRIMARY KEY, members BLOB NOT NULL);
CREATE TABLE entity_names(id INTEGER PRIMARY KEY, names BLOB NOT NULL);
";
