//! The corpus-wide entity table in the index: every corpus entity (name,
//! kind, aliases, article and mention counts), the articles of each
//! (`postings`), the entities that appear with each (`cooccur`) and the
//! corpus entity of each entity of each article (`members`), and the keys
//! a lookup ranks, in one blob (`entity_names`, [`names`]), so that
//! `lookup` reads only what it prints.
//!
//! It is derived: from the articles' stored entities, with the analyst's
//! corrections applied, grouped exactly as [`CorpusIndex::from_entities`]
//! groups them in memory (so the answers are the same). It is made again,
//! whole, when the list changed (an update clears [`FRESH_KEY`]; an update
//! that left the list's rows as they were is recognised by their hash, see
//! [`list`]) or the corrections did (the key holds a fingerprint of those
//! it was made with), in one transaction: a failure leaves the previous
//! table.

#[cfg(test)]
mod identity;
mod list;
pub mod names;

use rayon::prelude::*;
use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior, params};

use super::codec::{self, Reader, put};
use super::cooccur::{self, BothIn, Cooccurrence, Members};
use crate::entities::index::{ArticleSurfaces, LeanEntities, StoredGroup};
use crate::entities::sentences::sentence_number;
use crate::entities::{CorpusIndex, Corrections, Entity, EntityKind};

/// The meta key holding the fingerprint of the table's format and the
/// corrections it was made with; absent when it is to be made again.
pub const FRESH_KEY: &str = "entity_table";

type Result<T> = rusqlite::Result<T>;

/// Bumped when what the table holds changes: a table of another format is
/// made again (the rest of the index is kept).
const FORMAT: u32 = 4;

/// The table of [`names`] (made here for an index of an earlier format).
const NAMES_TABLE: &str =
    "CREATE TABLE IF NOT EXISTS entity_names(id INTEGER PRIMARY KEY, names BLOB NOT NULL)";

fn fingerprint(corrections: &Corrections) -> i64 {
    let text = format!("{FORMAT}:{}", serde_json::to_string(corrections.list()).unwrap_or_default());
    xxhash_rust::xxh3::xxh3_64(text.as_bytes()) as i64
}

fn kind_code(k: EntityKind) -> i64 {
    match k {
        EntityKind::Person => 0,
        EntityKind::Organization => 1,
        EntityKind::Place => 2,
    }
}

fn kind_of(code: i64) -> EntityKind {
    match code {
        0 => EntityKind::Person,
        1 => EntityKind::Organization,
        _ => EntityKind::Place,
    }
}

/// Is the table, not fresh since an update, still that of the list and
/// of these corrections ([`list`])? Then it is marked fresh again.
pub fn still_made(conn: &Connection, corrections: &Corrections) -> Result<bool> {
    list::still_made(conn, fingerprint(corrections))
}

/// Is the table made, for these corrections?
pub fn is_fresh(conn: &Connection, corrections: &Corrections) -> Result<bool> {
    let v: Option<i64> =
        conn.query_row("SELECT value FROM meta WHERE key = ?1", [FRESH_KEY], |r| r.get(0)).optional()?;
    Ok(v == Some(fingerprint(corrections)))
}

/// The sentences each entity of an article is mentioned in (sorted, once
/// each), in one vector: per entity, how many, then their numbers.
#[derive(Debug, Default)]
struct Sentences(Vec<u32>);

impl Sentences {
    /// Each entity's sentences, in order.
    fn lists(&self) -> impl Iterator<Item = &[u32]> {
        let mut at = 0;
        std::iter::from_fn(move || {
            let n = *self.0.get(at)? as usize;
            let list = self.0.get(at + 1..at + 1 + n)?;
            at += 1 + n;
            Some(list)
        })
    }

    /// (corpus entity, sentence) pairs of the article, its entities being
    /// of the corpus entities `groups`: sorted, once each ([`Members::pairs`]).
    fn pairs(&self, groups: &[u32]) -> Vec<(u32, u32)> {
        let mut v: Vec<(u32, u32)> =
            groups.iter().zip(self.lists()).flat_map(|(&g, s)| s.iter().map(move |&s| (g, s))).collect();
        v.sort_unstable();
        v.dedup();
        v.shrink_to_fit();
        v
    }
}

/// One article's stored entities, corrections applied, and the sentences
/// each is mentioned in.
fn article_entities(
    blob: &[u8],
    triggers: Option<&[u8]>,
    corrections: &Corrections,
) -> (Vec<Entity>, Sentences) {
    let entities = corrections.apply(codec::decode(blob).unwrap_or_default());
    let triggers = triggers.and_then(codec::decode_positions).unwrap_or_default();
    let mut flat = Vec::with_capacity(entities.iter().map(|e| e.mentions.len() + 1).sum());
    let mut s: Vec<u32> = Vec::new();
    for e in &entities {
        s.clear();
        s.extend(e.mentions.iter().map(|r| sentence_number(&triggers, r.start) as u32));
        if s.is_empty() {
            // Named only in the headline, as [`super::cooccur::Members::of`] counts it.
            s.push(super::cooccur::HEADLINE);
        }
        s.sort_unstable();
        s.dedup();
        flat.push(s.len() as u32);
        flat.extend_from_slice(&s);
    }
    flat.shrink_to_fit();
    (entities, Sentences(flat))
}

/// The postings of every corpus entity ([`codec::encode_postings`]): its
/// articles in list order, each with its mentions and the sentences that
/// mention it, made in one pass over the articles' `pairs`; `counts[g]`
/// lists entity `g`'s (article, mentions) by article.
fn all_postings(counts: &[Vec<(usize, usize)>], pairs: &[Vec<(u32, u32)>]) -> Vec<Vec<u8>> {
    let mut next = vec![0usize; counts.len()];
    let mut writers: Vec<codec::PostingsWriter> = (0..counts.len()).map(|_| Default::default()).collect();
    for (a, pairs) in pairs.iter().enumerate() {
        let mut at = 0;
        while at < pairs.len() {
            let g = pairs[at].0 as usize;
            let end = at + pairs[at..].partition_point(|p| p.0 as usize == g);
            if let (Some(&(article, count)), Some(i), Some(w)) =
                (counts.get(g).and_then(|c| c.get(next[g])), next.get_mut(g), writers.get_mut(g))
                && article == a
            {
                *i += 1;
                w.push(a, count, pairs[at..end].iter().map(|p| p.1));
            }
            at = end;
        }
    }
    writers.into_iter().map(codec::PostingsWriter::finish).collect()
}

/// One article's (corpus entity, sentence) pairs, sorted, once each.
type Pairs = Vec<(u32, u32)>;

/// How many articles' stored entities are read and decoded at a time.
const CHUNK: usize = 4_096;

/// The listed articles' entities (corrections applied), as grouping
/// needs them ([`LeanEntities`]), and the sentences of each entity of
/// each, in list order, read a chunk at a time: the stored blobs and the
/// decoded entities of a chunk are dropped once they are added.
fn read_entities(
    tx: &Connection,
    corrections: &Corrections,
    hash: &mut list::ListHash,
) -> Result<(LeanEntities, Vec<Sentences>)> {
    let mut stmt = tx.prepare(list::ROWS)?;
    let mut rows = stmt.query([])?;
    let (mut lean, mut sentences) = (LeanEntities::default(), Vec::new());
    let mut chunk: Vec<(Vec<u8>, Option<Vec<u8>>)> = Vec::with_capacity(CHUNK);
    loop {
        let row = rows.next()?;
        if let Some(r) = row {
            let (blob, triggers): (Vec<u8>, Option<Vec<u8>>) = (r.get(0)?, r.get(1)?);
            hash.add(&blob, triggers.as_deref());
            chunk.push((blob, triggers));
        }
        if chunk.len() == CHUNK || (row.is_none() && !chunk.is_empty()) {
            // Made compact where decoded: the entities are freed by the
            // thread that allocated them (far cheaper for the allocator).
            let decoded: Vec<(ArticleSurfaces, Sentences)> = chunk
                .par_iter()
                .map(|(blob, triggers)| {
                    let (entities, s) = article_entities(blob, triggers.as_deref(), corrections);
                    (ArticleSurfaces::of(&entities), s)
                })
                .collect();
            chunk.clear();
            for (article, s) in decoded {
                lean.push(&article);
                sentences.push(s);
            }
        }
        if row.is_none() {
            break;
        }
    }
    Ok((lean, sentences))
}

/// Makes the table for `corrections` from the listed articles' entities,
/// in one transaction (the caller holds the write lock). Returns how many
/// corpus entities there are.
///
/// What is held at once is kept down: the articles' entities only a chunk
/// at a time, interned into [`LeanEntities`] (each distinct name and
/// surface once, a few bytes an occurrence) and grouped from that; each
/// article's sentences in one vector; its members made only to be
/// written; then only its (entity, sentence) pairs, from which the
/// postings and the co-occurrences are counted.
pub fn build(conn: &Connection, corrections: &Corrections) -> Result<usize> {
    let tx = Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
    let mut hash = list::ListHash::default();
    let (lean, sentences) = read_entities(&tx, corrections, &mut hash)?;
    let (group_of, records) = CorpusIndex::stored_from(lean);
    write(tx, corrections, hash, (group_of, records), sentences)
}

/// Writes the table made of the groups (see [`build`]) and commits.
fn write(
    tx: Transaction,
    corrections: &Corrections,
    hash: list::ListHash,
    (group_of, records): (Vec<Vec<u32>>, Vec<StoredGroup>),
    sentences: Vec<Sentences>,
) -> Result<usize> {
    tx.execute(NAMES_TABLE, [])?;
    tx.execute_batch(
        "DELETE FROM entity; DELETE FROM postings; DELETE FROM cooccur; DELETE FROM members;
         DELETE FROM entity_names;",
    )?;
    tx.execute(
        "INSERT INTO entity_names(id, names) VALUES (0, ?1)",
        [names::encode(records.iter().map(|(r, _)| r))],
    )?;
    {
        let mut ent = tx.prepare(
            "INSERT INTO entity(id, kind, name, aliases, keys, articles, mentions) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?;
        for (id, (record, articles)) in records.iter().enumerate() {
            ent.execute(params![
                id as i64,
                kind_code(record.kind),
                record.name,
                serde_json::to_string(&record.aliases).unwrap_or_default(),
                serde_json::to_string(&record.keys).unwrap_or_default(),
                articles.len() as i64,
                record.mentions as i64,
            ])?;
        }
    }
    let count = records.len();
    // From here on only each entity's articles, by article (the order of
    // the entity rows, most mentions first, is written).
    let mut by_article: Vec<Vec<(usize, usize)>> = records.into_iter().map(|(_, a)| a).collect();
    by_article.par_iter_mut().for_each(|a| a.sort_unstable());
    // Each article's members written, then only its pairs kept (made in
    // parallel, a chunk of articles at a time).
    let mut pairs: Vec<Pairs> = Vec::with_capacity(group_of.len());
    {
        let mut mem = tx.prepare("INSERT INTO members(pos, members) VALUES (?1, ?2)")?;
        let mut articles = group_of.into_iter().zip(sentences);
        loop {
            let chunk: Vec<(Vec<u32>, Sentences)> = articles.by_ref().take(CHUNK).collect();
            if chunk.is_empty() {
                break;
            }
            let made: Vec<(Vec<u8>, Pairs)> = chunk
                .into_par_iter()
                .map(|(groups, s)| {
                    let members =
                        Members(groups.iter().copied().zip(s.lists().map(<[u32]>::to_vec)).collect());
                    (members.encode(), s.pairs(&groups))
                })
                .collect();
            for (blob, p) in made {
                mem.execute(params![pairs.len() as i64, blob])?;
                pairs.push(p);
            }
        }
    }
    {
        let mut post = tx.prepare("INSERT INTO postings(entity, articles) VALUES (?1, ?2)")?;
        for (id, blob) in all_postings(&by_article, &pairs).into_iter().enumerate() {
            post.execute(params![id as i64, blob])?;
        }
    }
    let articles_of: Vec<&[(usize, usize)]> = by_article.iter().map(Vec::as_slice).collect();
    let top = cooccur::top_all(&articles_of, &pairs, cooccur::TOP);
    drop(pairs);
    {
        let mut co = tx.prepare("INSERT INTO cooccur(entity, others) VALUES (?1, ?2)")?;
        for (id, others) in top.iter().enumerate() {
            let mut blob = Vec::with_capacity(others.len() * 4);
            for &(o, a, s) in others {
                put(&mut blob, u64::from(o));
                put(&mut blob, a as u64);
                put(&mut blob, s as u64);
            }
            co.execute(params![id as i64, blob])?;
        }
    }
    tx.execute(
        "INSERT OR REPLACE INTO meta(key, value) VALUES (?1, ?2)",
        params![FRESH_KEY, fingerprint(corrections)],
    )?;
    list::note_made(&tx, fingerprint(corrections), hash.finish())?;
    tx.commit()?;
    Ok(count)
}

/// The name keys of every corpus entity, to rank for a lookup
/// ([`crate::entities::index::rank`]); empty when not stored.
pub fn names(conn: &Connection) -> Result<names::StoredNames> {
    let blob: Option<Vec<u8>> = conn
        .prepare_cached("SELECT names FROM entity_names WHERE id = 0")?
        .query_row([], |r| r.get(0))
        .optional()?;
    Ok(blob.and_then(|b| names::StoredNames::decode(&b)).unwrap_or_default())
}

/// The name and aliases of entity `id`, as a lookup shows it.
pub fn shown(conn: &Connection, id: usize) -> Result<Option<(String, Vec<String>)>> {
    conn.prepare_cached("SELECT name, aliases FROM entity WHERE id = ?1")?
        .query_row([id as i64], |r| {
            let aliases: String = r.get(1)?;
            Ok((r.get(0)?, serde_json::from_str(&aliases).unwrap_or_default()))
        })
        .optional()
}

/// How many corpus entities there are.
pub fn count(conn: &Connection) -> Result<usize> {
    conn.query_row("SELECT count(*) FROM entity", [], |r| r.get::<_, i64>(0)).map(|n| n.max(0) as usize)
}

/// The articles of entity `id`: (article, mentions), by article.
pub fn postings(conn: &Connection, id: usize) -> Result<Vec<(usize, usize)>> {
    let blob: Option<Vec<u8>> = conn
        .prepare_cached("SELECT articles FROM postings WHERE entity = ?1")?
        .query_row([id as i64], |r| r.get(0))
        .optional()?;
    Ok(blob.map(|b| codec::decode_postings(&b)).unwrap_or_default())
}

/// The articles that mention both `a` and `b`, with the sentences that
/// mention both, from their postings alone (in list order).
pub fn articles_with_both(conn: &Connection, a: usize, b: usize) -> Result<Vec<BothIn>> {
    let blob = |id: usize| -> Result<Vec<u8>> {
        Ok(conn
            .prepare_cached("SELECT articles FROM postings WHERE entity = ?1")?
            .query_row([id as i64], |r| r.get(0))
            .optional()?
            .unwrap_or_default())
    };
    let (ba, bb) = (blob(a)?, blob(b)?);
    // The shorter list read whole, the longer one streamed past it.
    let swapped = ba.len() > bb.len();
    let (small, big) = if swapped { (&bb, &ba) } else { (&ba, &bb) };
    let mut entries = Vec::new();
    let mut p = codec::Postings::new(small);
    let mut sentences = Vec::new();
    while let Some((article, count)) = p.next_entry(Some(&mut sentences)) {
        entries.push((article, count, std::mem::take(&mut sentences)));
    }
    let mut out = Vec::new();
    let mut p = codec::Postings::new(big);
    let mut at = 0;
    while at < entries.len() {
        let Some((article, count)) = p.next_entry(Some(&mut sentences)) else { break };
        while at < entries.len() && entries[at].0 < article {
            at += 1;
        }
        if let Some((_, small_count, small_sentences)) = entries.get(at).filter(|e| e.0 == article) {
            let shared = sentences.iter().filter(|s| small_sentences.binary_search(s).is_ok()).count();
            let counts = if swapped { (count, *small_count) } else { (*small_count, count) };
            out.push(BothIn { article, counts, sentences: shared });
        }
    }
    Ok(out)
}

/// The corpus entity and sentences of each entity of the article at `pos`.
pub fn members(conn: &Connection, pos: usize) -> Result<Members> {
    let blob: Option<Vec<u8>> = conn
        .prepare_cached("SELECT members FROM members WHERE pos = ?1")?
        .query_row([pos as i64], |r| r.get(0))
        .optional()?;
    Ok(blob.and_then(|b| Members::decode(&b)).unwrap_or_default())
}

/// The entities appearing with `id`, best first (at most `limit`).
pub fn cooccurring(conn: &Connection, id: usize, limit: usize) -> Result<Vec<Cooccurrence>> {
    let blob: Option<Vec<u8>> = conn
        .prepare_cached("SELECT others FROM cooccur WHERE entity = ?1")?
        .query_row([id as i64], |r| r.get(0))
        .optional()?;
    let mut triples = Vec::new();
    if let Some(blob) = blob {
        let mut r = Reader::new(&blob);
        while !r.done() && triples.len() < limit {
            let (Some(o), Some(a), Some(s)) = (r.num(), r.num(), r.num()) else { break };
            triples.push((o, a as usize, s as usize));
        }
    }
    let mut name = conn.prepare_cached("SELECT name, kind FROM entity WHERE id = ?1")?;
    let mut out = Vec::with_capacity(triples.len());
    for (o, articles, sentences) in triples {
        let Some((n, k)) =
            name.query_row([o as i64], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))).optional()?
        else {
            continue;
        };
        out.push(Cooccurrence { id: o as usize, name: n, kind: kind_of(k), articles, sentences });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_and_postings_in_one_pass_are_those_of_each_entity() {
        // Two articles; entities 0 and 1 each twice in article 0 (once as
        // two of its entities), entity 2 in both.
        let s0 = Sentences(vec![2, 0, 3, 1, 3, 1, 9, 1, HEADLINE_AT]);
        let s1 = Sentences(vec![1, 4]);
        const HEADLINE_AT: u32 = super::cooccur::HEADLINE;
        let lists: Vec<&[u32]> = s0.lists().collect();
        assert_eq!(lists, [&[0, 3][..], &[3], &[9], &[HEADLINE_AT]]);
        let groups0 = [0u32, 0, 1, 2];
        let groups1 = [2u32];
        assert_eq!(s0.pairs(&groups0), [(0, 0), (0, 3), (1, 9), (2, HEADLINE_AT)]);
        // By article, as the table's writer sorts them.
        let counts = [vec![(0, 3)], vec![(0, 1)], vec![(0, 1), (1, 4)]];
        let pairs = [s0.pairs(&groups0), s1.pairs(&groups1)];
        let got = all_postings(&counts, &pairs);
        assert_eq!(got[0], codec::encode_postings(&[(0, 3, vec![0, 3])]));
        assert_eq!(got[1], codec::encode_postings(&[(0, 1, vec![9])]));
        assert_eq!(got[2], codec::encode_postings(&[(0, 1, vec![HEADLINE_AT]), (1, 4, vec![4])]));
        assert!(Sentences(vec![5, 1]).lists().next().is_none(), "a damaged count ends the lists");
    }
}
