//! Disjoint sets over `0..n`, with path halving; the smaller element of a
//! set leads it (so a group's leader is its first member). Entity aliases
//! and near-duplicate articles are grouped with it.

pub struct UnionFind(Vec<u32>);

impl UnionFind {
    /// `n` singletons.
    pub fn new(n: usize) -> UnionFind {
        UnionFind((0..n as u32).collect())
    }

    /// Adds singletons up to `n` elements.
    pub fn grow(&mut self, n: usize) {
        while self.0.len() < n {
            self.0.push(self.0.len() as u32);
        }
    }

    /// The leader of `x`'s set.
    pub fn find(&mut self, mut x: u32) -> u32 {
        while self.0[x as usize] != x {
            let p = self.0[x as usize];
            self.0[x as usize] = self.0[p as usize];
            x = p;
        }
        x
    }

    /// Joins the sets of `a` and `b`.
    pub fn union(&mut self, a: u32, b: u32) {
        let (a, b) = (self.find(a), self.find(b));
        if a != b {
            self.0[a.max(b) as usize] = a.min(b);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::UnionFind;

    #[test]
    fn the_smallest_member_leads() {
        let mut uf = UnionFind::new(5);
        uf.union(4, 2);
        uf.union(2, 3);
        uf.union(0, 1);
        assert_eq!([0, 1, 2, 3, 4].map(|x| uf.find(x)), [0, 0, 2, 2, 2]);
    }
}
