//! Watchlists in the notes store ([`crate::watch`]): added, listed,
//! removed, and marked as looked at, each write one committed transaction.

use rusqlite::{OptionalExtension, Row, params};

use super::{Store, StoreError, conversion};
use crate::corpus::sanitize::sanitize_label;
use crate::entities::EntityKind;
use crate::watch::{Seen, Watch, WatchQuery, name_key};

const COLUMNS: &str = "id, name, kind, query, entity, entity_kind, aliases, created, looked, seen";

fn kind_code(k: EntityKind) -> &'static str {
    match k {
        EntityKind::Person => "person",
        EntityKind::Organization => "org",
        EntityKind::Place => "place",
    }
}

fn watch_from_row(row: &Row) -> rusqlite::Result<Watch> {
    let kind: String = row.get(2)?;
    let query: String = row.get(3)?;
    let query = match kind.as_str() {
        "text" => WatchQuery::Text { query },
        "entity" => {
            let entity_kind = match row.get::<_, Option<String>>(5)?.as_deref() {
                Some("person") => EntityKind::Person,
                Some("org") => EntityKind::Organization,
                Some("place") => EntityKind::Place,
                other => return Err(conversion(5, format!("bad entity kind {other:?}"))),
            };
            let aliases: Option<String> = row.get(6)?;
            WatchQuery::Entity {
                query,
                name: row.get::<_, Option<String>>(4)?.unwrap_or_default(),
                kind: entity_kind,
                aliases: aliases.and_then(|a| serde_json::from_str(&a).ok()).unwrap_or_default(),
            }
        }
        other => return Err(conversion(2, format!("unknown watch kind {other:?}"))),
    };
    Ok(Watch {
        id: row.get(0)?,
        name: row.get(1)?,
        query,
        created: row.get(7)?,
        looked: row.get(8)?,
        seen: Seen::from_bytes(&row.get::<_, Vec<u8>>(9)?),
    })
}

impl Store {
    /// Every watch, in the order they were added.
    pub fn watches(&self) -> Result<Vec<Watch>, StoreError> {
        let run = || -> rusqlite::Result<Vec<Watch>> {
            let conn = self.conn.borrow();
            let mut stmt = conn.prepare(&format!("SELECT {COLUMNS} FROM watches ORDER BY id"))?;
            let rows = stmt.query_map([], watch_from_row)?;
            rows.collect()
        };
        run().map_err(|e| self.sql(e))
    }

    /// The watch called `name` (any case), if there is one.
    pub fn watch(&self, name: &str) -> Result<Option<Watch>, StoreError> {
        let conn = self.conn.borrow();
        conn.query_row(
            &format!("SELECT {COLUMNS} FROM watches WHERE key = ?1"),
            [name_key(name)],
            watch_from_row,
        )
        .optional()
        .map_err(|e| self.sql(e))
    }

    /// Saves a new watch (its name checked by the caller with
    /// [`crate::watch::check_name`]), looked at `now` with the articles it
    /// matches then as `seen`; returns its id. A name already taken (in any
    /// case) is refused.
    pub fn add_watch(
        &self,
        name: &str,
        query: &WatchQuery,
        seen: &Seen,
        now: i64,
    ) -> Result<i64, StoreError> {
        let (kind, text, entity, entity_kind, aliases) = match query {
            WatchQuery::Text { query } => ("text", query.as_str(), None, None, None),
            WatchQuery::Entity { query, name, kind, aliases } => (
                "entity",
                query.as_str(),
                Some(name.as_str()),
                Some(kind_code(*kind)),
                serde_json::to_string(aliases).ok(),
            ),
        };
        if name.trim().is_empty() || text.trim().is_empty() {
            return Err(StoreError::Invalid("a watch needs a name and a query".to_string()));
        }
        self.write(|tx| {
            let taken: Option<String> = tx
                .query_row("SELECT name FROM watches WHERE key = ?1", [name_key(name)], |r| r.get(0))
                .optional()
                .map_err(|e| self.sql(e))?;
            if let Some(taken) = taken {
                return Err(StoreError::Invalid(format!(
                    "there is already a watch named '{}' (remove it first with `rroom watch rm`)",
                    sanitize_label(&taken)
                )));
            }
            tx.execute(
                "INSERT INTO watches (name, key, kind, query, entity, entity_kind, aliases, created, looked, seen)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?9)",
                params![name.trim(), name_key(name), kind, text, entity, entity_kind, aliases, now, seen.to_bytes()],
            )
            .map_err(|e| self.sql(e))?;
            Ok(tx.last_insert_rowid())
        })
    }

    /// Removes the watch called `name` (any case).
    pub fn remove_watch(&self, name: &str) -> Result<(), StoreError> {
        self.write(|tx| {
            let n = tx
                .execute("DELETE FROM watches WHERE key = ?1", [name_key(name)])
                .map_err(|e| self.sql(e))?;
            if n == 0 {
                return Err(no_watch(name));
            }
            Ok(())
        })
    }

    /// Records that the analyst looked at the watch's matches at `now`:
    /// `seen` are the articles it matched then (later ones count as new).
    pub fn mark_watch_looked(&self, id: i64, seen: &Seen, now: i64) -> Result<(), StoreError> {
        self.write(|tx| {
            let n = tx
                .execute(
                    "UPDATE watches SET looked = ?2, seen = ?3 WHERE id = ?1",
                    params![id, now, seen.to_bytes()],
                )
                .map_err(|e| self.sql(e))?;
            if n == 0 {
                return Err(StoreError::Invalid(format!("there is no watch {id}")));
            }
            Ok(())
        })
    }
}

/// The error for a name no watch has (the name shown sanitized).
pub fn no_watch(name: &str) -> StoreError {
    StoreError::Invalid(format!(
        "there is no watch named '{}' (`rroom watch list` shows them)",
        crate::text::truncate(&sanitize_label(name), 60)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::ArticleId;
    use crate::watch::id_key;

    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("data")).unwrap();
        (dir, store)
    }

    #[test]
    fn watches_are_added_listed_marked_and_removed() {
        let (_dir, store) = store();
        let seen = Seen::new(vec![id_key(&ArticleId("7ada25d68e4b".into()))]);
        let ttp = WatchQuery::Entity {
            query: "ttp".into(),
            name: "Tehrik-e-Taliban Pakistan".into(),
            kind: EntityKind::Organization,
            aliases: vec!["Tehrik-e-Taliban Pakistan".into(), "TTP".into()],
        };
        let id = store.add_watch("TTP", &ttp, &seen, 1_000).unwrap();
        let text = WatchQuery::Text { query: "\"border crossing\"".into() };
        store.add_watch("Border", &text, &Seen::default(), 2_000).unwrap();
        let all = store.watches().unwrap();
        assert_eq!(all.len(), 2);
        assert_eq!(all[0].name, "TTP");
        assert_eq!(all[0].query, ttp);
        assert_eq!(all[0].seen, seen);
        assert_eq!((all[0].created, all[0].looked), (1_000, Some(1_000)));
        assert_eq!(all[1].query, text);
        assert_eq!(store.watch("ttp").unwrap().map(|w| w.id), Some(id));

        store.mark_watch_looked(id, &Seen::default(), 5_000).unwrap();
        let w = store.watch("TTP").unwrap().unwrap();
        assert_eq!((w.looked, w.seen.len()), (Some(5_000), 0));

        store.remove_watch("tTp").unwrap();
        assert!(store.watch("TTP").unwrap().is_none());
        let err = store.remove_watch("TTP").unwrap_err();
        assert!(err.to_string().contains("no watch named 'TTP'"), "{err}");
        assert!(store.mark_watch_looked(id, &seen, 6_000).is_err());
    }

    #[test]
    fn one_name_is_one_watch_whatever_its_case() {
        let (_dir, store) = store();
        let q = WatchQuery::Text { query: "kabul".into() };
        store.add_watch("Kabul", &q, &Seen::default(), 1).unwrap();
        let err = store.add_watch(" KABUL ", &q, &Seen::default(), 2).unwrap_err();
        assert!(err.to_string().contains("already a watch named 'Kabul'"), "{err}");
        assert_eq!(store.watches().unwrap().len(), 1);
    }
}
