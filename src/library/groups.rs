//! Near-duplicate groups in the index ([`crate::dedup`]): each article's
//! signature is stored when it is indexed (table `near`), and the update's
//! last pass groups the listed articles again, so an article added joins
//! its group and one removed leaves it (a group it held together splits)
//! in the same transaction that puts the list in order. Only rows whose
//! group changed are written.

use std::collections::HashMap;

use rusqlite::{Connection, Transaction, params};

use crate::dedup::{self, Groups, Signature};

/// Stores an article's signature (none for an article too short to have one).
pub(super) fn insert(tx: &Transaction, article: i64, sig: Option<&[u8]>) -> rusqlite::Result<()> {
    if let Some(sig) = sig {
        tx.prepare_cached("INSERT OR REPLACE INTO near(article, sig) VALUES (?1, ?2)")?
            .execute(params![article, sig])?;
    }
    Ok(())
}

/// Groups the listed articles again (their list positions set) and stores
/// each article's group: the `articles` id of its first article, or NULL
/// when it is alone.
pub(super) fn regroup(tx: &Transaction) -> rusqlite::Result<()> {
    let len: i64 = tx.query_row("SELECT count(*) FROM articles WHERE pos IS NOT NULL", [], |r| r.get(0))?;
    let len = usize::try_from(len).unwrap_or(0);
    // (position, articles id, stored group) of every listed article with a signature.
    let mut rows: Vec<(usize, i64, Option<i64>)> = Vec::new();
    let mut sigs: Vec<(usize, Signature)> = Vec::new();
    {
        let mut stmt = tx.prepare(
            "SELECT a.pos, a.id, n.sig, n.grp FROM near n JOIN articles a ON a.id = n.article
             WHERE a.pos IS NOT NULL",
        )?;
        let mut q = stmt.query([])?;
        while let Some(r) = q.next()? {
            let Ok(pos) = usize::try_from(r.get::<_, i64>(0)?) else { continue };
            let id: i64 = r.get(1)?;
            let grp: Option<i64> = r.get(3)?;
            // A damaged signature counts as none: the article stays alone.
            if let Some(sig) = Signature::from_bytes(&r.get::<_, Vec<u8>>(2)?) {
                sigs.push((pos, sig));
            }
            rows.push((pos, id, grp));
        }
    }
    let groups = dedup::group(len, &sigs);
    let id_at: HashMap<usize, i64> = rows.iter().map(|&(pos, id, _)| (pos, id)).collect();
    let mut stmt = tx.prepare_cached("UPDATE near SET grp = ?2 WHERE article = ?1")?;
    for &(pos, id, old) in &rows {
        let new = if groups.similar(pos) > 0 { id_at.get(&groups.leader(pos)).copied() } else { None };
        if new != old {
            stmt.execute(params![id, new])?;
        }
    }
    // Copies of earlier articles are not listed, so in no group.
    tx.execute(
        "UPDATE near SET grp = NULL WHERE grp IS NOT NULL
         AND article IN (SELECT id FROM articles WHERE pos IS NULL)",
        [],
    )?;
    Ok(())
}

/// The groups of the `len` listed articles, as the last update stored them.
pub(super) fn read(conn: &Connection, len: usize) -> rusqlite::Result<Groups> {
    let mut leader: Vec<u32> = (0..len as u32).collect();
    let mut stmt = conn.prepare(
        "SELECT a.pos, l.pos FROM near n JOIN articles a ON a.id = n.article JOIN articles l ON l.id = n.grp
         WHERE a.pos IS NOT NULL AND l.pos IS NOT NULL",
    )?;
    let mut q = stmt.query([])?;
    while let Some(r) = q.next()? {
        let (pos, lead): (i64, i64) = (r.get(0)?, r.get(1)?);
        if let (Ok(pos), Ok(lead)) = (usize::try_from(pos), u32::try_from(lead))
            && pos < len
        {
            leader[pos] = lead;
        }
    }
    // `from_leaders` refuses anything inconsistent (a damaged index).
    Ok(Groups::from_leaders(leader))
}
