//! Grouping near-duplicates, and the groups as the list shows them.
//!
//! Candidates are found by banding (locality-sensitive hashing): the
//! signature is cut into [`BANDS`] bands of [`ROWS`] values, and two
//! articles are compared only when they agree on a whole band (an article
//! pair at similarity 0.5 is compared with probability 0.64, at 0.7 with
//! 0.99, at 0.2 with 0.03). Compared pairs at least [`THRESHOLD`] similar
//! are joined, and so are their groups (single linkage).

use crate::union_find::UnionFind;
use std::collections::BTreeMap;

use rayon::prelude::*;

use super::THRESHOLD;
use super::signature::{HASHES, Signature};

/// Bands of the signature, and values per band.
pub const BANDS: usize = 16;
pub const ROWS: usize = HASHES / BANDS;

/// At most this many earlier articles of a bucket are compared with each
/// article that falls in it: a bucket of hundreds (a template text) cannot
/// make grouping quadratic, and the group still forms through its links.
const BUCKET_COMPARES: usize = 8;

/// The near-duplicate groups of a list of articles, by list position.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Groups {
    /// Each article's group leader: the group's first article in list
    /// order (the article itself when it is alone).
    leader: Vec<u32>,
    /// The members of each group of two or more, by leader, in list order.
    members: BTreeMap<u32, Vec<u32>>,
}

impl Groups {
    /// Every one of `len` articles alone.
    pub fn alone(len: usize) -> Groups {
        Groups { leader: (0..len as u32).collect(), members: BTreeMap::new() }
    }

    /// Groups from each article's leader (an out-of-range leader, or one
    /// after the article, is taken as the article alone).
    pub fn from_leaders(mut leader: Vec<u32>) -> Groups {
        let mut members: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
        for i in 0..leader.len() {
            let l = leader[i];
            if l as usize >= leader.len() || l as usize > i || leader[l as usize] != l {
                leader[i] = i as u32;
            } else if l as usize != i {
                members.entry(l).or_insert_with(|| vec![l]).push(i as u32);
            }
        }
        Groups { leader, members }
    }

    /// How many articles.
    pub fn len(&self) -> usize {
        self.leader.len()
    }

    pub fn is_empty(&self) -> bool {
        self.leader.is_empty()
    }

    /// The first article (in list order) of the article's group: the
    /// article itself when it is alone or first.
    pub fn leader(&self, article: usize) -> usize {
        self.leader.get(article).map_or(article, |&l| l as usize)
    }

    /// The articles of the article's group, in list order (just the
    /// article when it is alone).
    pub fn members(&self, article: usize) -> Vec<usize> {
        match self.members.get(&(self.leader(article) as u32)) {
            Some(m) => m.iter().map(|&i| i as usize).collect(),
            None => vec![article],
        }
    }

    /// How many other articles are in the article's group (the "+N similar").
    pub fn similar(&self, article: usize) -> usize {
        self.members.get(&(self.leader(article) as u32)).map_or(0, |m| m.len() - 1)
    }

    /// The groups of two or more articles, each in list order, by their
    /// first article.
    pub fn groups(&self) -> impl Iterator<Item = &[u32]> {
        self.members.values().map(Vec::as_slice)
    }

    /// How many groups of two or more there are.
    pub fn count(&self) -> usize {
        self.members.len()
    }
}

fn band_key(sig: &Signature, band: usize) -> u64 {
    let mut key = band as u64;
    for &v in &sig.0[band * ROWS..(band + 1) * ROWS] {
        key = (key << 16) ^ u64::from(v) ^ (key >> 48);
    }
    xxhash_rust::xxh3::xxh3_64(&key.to_le_bytes())
}

/// The groups of `len` articles, given the signatures of those that have
/// one, by list position (positions at or past `len` are ignored).
pub fn group(len: usize, signatures: &[(usize, Signature)]) -> Groups {
    let sigs: Vec<&(usize, Signature)> = signatures.iter().filter(|(i, _)| *i < len).collect();
    // Pairs sharing a band, checked, from every band in parallel.
    let pairs: Vec<(u32, u32)> = (0..BANDS)
        .into_par_iter()
        .flat_map_iter(|band| {
            let mut keys: Vec<(u64, u32, usize)> =
                sigs.iter().enumerate().map(|(k, (i, s))| (band_key(s, band), *i as u32, k)).collect();
            keys.sort_unstable();
            let mut found = Vec::new();
            let mut start = 0;
            while start < keys.len() {
                let mut end = start + 1;
                while end < keys.len() && keys[end].0 == keys[start].0 {
                    end += 1;
                }
                for j in start + 1..end {
                    for k in j.saturating_sub(BUCKET_COMPARES).max(start)..j {
                        let (a, b) = (&sigs[keys[j].2].1, &sigs[keys[k].2].1);
                        if a.similarity(b) >= THRESHOLD {
                            found.push((keys[k].1, keys[j].1));
                        }
                    }
                }
                start = end;
            }
            found
        })
        .collect();
    let mut uf = UnionFind::new(len);
    for (a, b) in pairs {
        uf.union(a, b);
    }
    let leader: Vec<u32> = (0..len as u32).map(|i| uf.find(i)).collect();
    Groups::from_leaders(leader)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(seed: usize, words: usize) -> String {
        // Distinct words per seed: unrelated texts share no shingle.
        (0..words).map(|i| format!("w{seed}x{}", (i * 7919 + seed) % 1000)).collect::<Vec<_>>().join(" ")
    }

    fn sig(t: &str) -> Signature {
        Signature::of_text(t).expect("long enough")
    }

    #[test]
    fn copies_and_edits_group_unrelated_and_short_texts_do_not() {
        let a = text(1, 200);
        let mut edited: Vec<&str> = a.split(' ').collect();
        edited[100] = "changed";
        edited.insert(150, "inserted");
        let edited = edited.join(" ");
        let sigs = vec![
            (0, sig(&a)),
            (1, sig(&text(2, 200))),
            (2, sig(&edited)),
            (3, sig(&a)),
            // 4 is short: no signature.
            (5, sig(&text(3, 200))),
        ];
        let g = group(6, &sigs);
        assert_eq!(g.members(0), vec![0, 2, 3]);
        assert_eq!(g.members(3), vec![0, 2, 3]);
        assert_eq!(g.leader(2), 0);
        assert_eq!(g.similar(0), 2);
        assert_eq!(g.members(1), vec![1]);
        assert_eq!(g.leader(4), 4);
        assert_eq!(g.similar(4), 0);
        assert_eq!(g.members(5), vec![5]);
        assert_eq!(g.count(), 1);
        assert_eq!(g.groups().collect::<Vec<_>>(), vec![&[0u32, 2, 3][..]]);
    }

    #[test]
    fn the_first_in_list_order_leads_whatever_the_input_order() {
        let a = text(7, 120);
        let sigs = vec![(9, sig(&a)), (4, sig(&a)), (6, sig(&a))];
        let g = group(10, &sigs);
        assert_eq!(g.leader(9), 4);
        assert_eq!(g.members(6), vec![4, 6, 9]);
        // Positions past the list are ignored.
        let g = group(5, &sigs);
        assert_eq!(g.members(4), vec![4]);
    }

    #[test]
    fn a_big_bucket_still_forms_one_group() {
        let a = text(11, 100);
        let sigs: Vec<(usize, Signature)> = (0..50).map(|i| (i, sig(&a))).collect();
        let g = group(50, &sigs);
        assert_eq!(g.count(), 1);
        assert_eq!(g.similar(49), 49);
    }

    #[test]
    fn leaders_that_make_no_sense_are_taken_as_alone() {
        let g = Groups::from_leaders(vec![0, 0, 7, 1, 5, 5]);
        assert_eq!(g.members(0), vec![0, 1]);
        assert_eq!(g.leader(2), 2, "out of range");
        assert_eq!(g.leader(3), 3, "a leader that is not its own leader");
        assert_eq!(g.leader(4), 4, "a leader after the article");
        assert_eq!(g.members(5), vec![5]);
        assert_eq!(Groups::alone(3).count(), 0);
        assert_eq!(Groups::alone(3).members(2), vec![2]);
    }
}
