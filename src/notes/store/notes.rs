//! Adding, editing, trashing and listing notes.

use super::{COLUMNS, Store, StoreError, note_from_row};
use crate::notes::clock::now_ms;
use crate::notes::model::{Anchor, Filter, NewNote, Note, Target, normalize_tag, parse_tags};

impl Store {
    /// Adds a note; returns it as stored (version 1). On `Ok` it is on disk.
    pub fn add(&self, new: NewNote) -> Result<Note, StoreError> {
        let article = new.article.trim().to_string();
        if article.is_empty() {
            return Err(StoreError::Invalid("a note needs an article id".to_string()));
        }
        if new.text.trim().is_empty() {
            return Err(StoreError::Invalid("the note is empty: write something".to_string()));
        }
        let (kind, entity, entity_kind, anchor) = match &new.target {
            Target::Article => ("article", None, None, None),
            Target::Entity(e) => {
                let name = e.name.trim();
                if name.is_empty() {
                    return Err(StoreError::Invalid("an entity note needs the entity's name".to_string()));
                }
                ("entity", Some(name.to_string()), e.kind.map(|k| k.as_str()), None)
            }
            Target::Passage(a) => {
                if a.start > a.end {
                    return Err(StoreError::Invalid(format!("bad passage range {}..{}", a.start, a.end)));
                }
                ("passage", None, None, Some(a))
            }
        };
        let to_i64 =
            |v: usize| i64::try_from(v).map_err(|_| StoreError::Invalid(format!("offset {v} too large")));
        let start = anchor.map(|a| to_i64(a.start)).transpose()?;
        let end = anchor.map(|a| to_i64(a.end)).transpose()?;
        let tags = parse_tags(&new.text).join(" ");
        let now = now_ms();
        self.write(|tx| {
            tx.execute(
                "INSERT INTO notes (article, kind, entity, quote, prefix, suffix, pos_start, pos_end, text, \
                 tags, created, updated, version, entity_kind) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11, 1, ?12)",
                rusqlite::params![
                    article,
                    kind,
                    entity,
                    anchor.map(|a| &a.quote),
                    anchor.map(|a| &a.prefix),
                    anchor.map(|a| &a.suffix),
                    start,
                    end,
                    new.text,
                    tags,
                    now,
                    entity_kind
                ],
            )
            .map_err(|e| self.sql(e))?;
            let id = tx.last_insert_rowid();
            self.fetch(tx, id)?.ok_or(StoreError::NotFound(id))
        })
    }

    /// Replaces a note's text, if it is still at `expected_version` (the
    /// version the editor started from); otherwise nothing is written and
    /// [`StoreError::Conflict`] carries the note as it is now. A note in the
    /// trash can be edited too (it stays there): a save is never refused
    /// because another process deleted the note meanwhile.
    pub fn update(&self, id: i64, expected_version: i64, text: &str) -> Result<Note, StoreError> {
        let tags = parse_tags(text).join(" ");
        let now = now_ms();
        self.write(|tx| {
            let current = self.fetch(tx, id)?.ok_or(StoreError::NotFound(id))?;
            if current.version != expected_version {
                return Err(StoreError::Conflict { current: Box::new(current) });
            }
            tx.execute(
                "UPDATE notes SET text = ?1, tags = ?2, updated = max(?3, updated), version = version + 1 \
                 WHERE id = ?4",
                rusqlite::params![text, tags, now, id],
            )
            .map_err(|e| self.sql(e))?;
            self.fetch(tx, id)?.ok_or(StoreError::NotFound(id))
        })
    }

    /// Re-attaches a passage note to another passage (one the user
    /// selected, or the fuzzy match they confirmed: capture a fresh
    /// [`Anchor`] there), if the note is still at `expected_version`
    /// (otherwise [`StoreError::Conflict`]). The version goes up, as for a
    /// text change; the text stays.
    pub fn reattach(&self, id: i64, expected_version: i64, anchor: Anchor) -> Result<Note, StoreError> {
        if anchor.start > anchor.end {
            return Err(StoreError::Invalid(format!("bad passage range {}..{}", anchor.start, anchor.end)));
        }
        let to_i64 =
            |v: usize| i64::try_from(v).map_err(|_| StoreError::Invalid(format!("offset {v} too large")));
        let (start, end) = (to_i64(anchor.start)?, to_i64(anchor.end)?);
        let now = now_ms();
        self.write(|tx| {
            let current = self.fetch(tx, id)?.ok_or(StoreError::NotFound(id))?;
            if current.version != expected_version {
                return Err(StoreError::Conflict { current: Box::new(current) });
            }
            if !matches!(current.target, Target::Passage(_)) {
                return Err(StoreError::Invalid(format!(
                    "note {id} is not on a passage; only passage notes can be re-attached"
                )));
            }
            tx.execute(
                "UPDATE notes SET quote = ?1, prefix = ?2, suffix = ?3, pos_start = ?4, pos_end = ?5, \
                 updated = max(?6, updated), version = version + 1 WHERE id = ?7",
                rusqlite::params![anchor.quote, anchor.prefix, anchor.suffix, start, end, now, id],
            )
            .map_err(|e| self.sql(e))?;
            self.fetch(tx, id)?.ok_or(StoreError::NotFound(id))
        })
    }

    /// Moves a note to the trash (it can be restored). Deleting a note that
    /// is already in the trash changes nothing.
    pub fn delete(&self, id: i64) -> Result<Note, StoreError> {
        let now = now_ms();
        self.write(|tx| {
            tx.execute(
                "UPDATE notes SET deleted = ?1 WHERE id = ?2 AND deleted IS NULL",
                rusqlite::params![now, id],
            )
            .map_err(|e| self.sql(e))?;
            self.fetch(tx, id)?.ok_or(StoreError::NotFound(id))
        })
    }

    /// Takes a note out of the trash.
    pub fn restore(&self, id: i64) -> Result<Note, StoreError> {
        self.write(|tx| {
            tx.execute("UPDATE notes SET deleted = NULL WHERE id = ?1", [id]).map_err(|e| self.sql(e))?;
            self.fetch(tx, id)?.ok_or(StoreError::NotFound(id))
        })
    }

    /// Deletes a note for good. Only notes in the trash can be purged.
    pub fn purge(&self, id: i64) -> Result<(), StoreError> {
        self.write(|tx| {
            let note = self.fetch(tx, id)?.ok_or(StoreError::NotFound(id))?;
            if note.deleted.is_none() {
                return Err(StoreError::NotInTrash(id));
            }
            tx.execute("DELETE FROM notes WHERE id = ?1", [id]).map_err(|e| self.sql(e))?;
            Ok(())
        })
    }

    /// One note, in the trash or not.
    pub fn get(&self, id: i64) -> Result<Option<Note>, StoreError> {
        self.fetch(&self.conn.borrow(), id)
    }

    /// The notes the filter selects, most recently updated first.
    pub fn list(&self, filter: &Filter) -> Result<Vec<Note>, StoreError> {
        let mut sql = format!("SELECT {COLUMNS} FROM notes WHERE 1 = 1");
        let mut params: Vec<String> = Vec::new();
        if let Some(article) = &filter.article {
            params.push(article.trim().to_string());
            sql.push_str(&format!(" AND article = ?{}", params.len()));
        }
        if let Some(tag) = &filter.tag {
            params.push(normalize_tag(tag));
            sql.push_str(&format!(" AND instr(' ' || tags || ' ', ' ' || ?{} || ' ') > 0", params.len()));
        }
        if filter.entity.is_some() {
            sql.push_str(" AND kind = 'entity'");
        }
        if filter.only_deleted {
            sql.push_str(" AND deleted IS NOT NULL");
        } else if !filter.include_deleted {
            sql.push_str(" AND deleted IS NULL");
        }
        sql.push_str(" ORDER BY updated DESC, id DESC");
        let run = || -> rusqlite::Result<Vec<Note>> {
            let conn = self.conn.borrow();
            let mut stmt = conn.prepare(&sql)?;
            let rows = stmt.query_map(rusqlite::params_from_iter(params.iter()), note_from_row)?;
            rows.collect()
        };
        let mut notes = run().map_err(|e| self.sql(e))?;
        if let Some(entity) = &filter.entity {
            let wanted = entity.trim().to_lowercase();
            notes.retain(|n| n.entity().is_some_and(|e| e.to_lowercase() == wanted));
        }
        Ok(notes)
    }
}
