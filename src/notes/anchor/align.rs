//! Approximate matching of a quote against a stretch of text: edit
//! distance with free ends in the window, and the traceback of where the
//! quote landed. Every call is given a window, so its cost is the quote's
//! length times the window's, never the body's.

/// Levenshtein similarity of two short strings, in 0..=1 (1 when both are empty).
pub(super) fn similarity(a: &[char], b: &[char]) -> f64 {
    let longest = a.len().max(b.len());
    if longest == 0 {
        return 1.0;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    1.0 - prev[b.len()] as f64 / longest as f64
}

/// Where the quote landed in a window, and how many edits fell inside it.
pub(super) struct Alignment {
    pub quote_edits: usize,
    pub start: usize,
    pub end: usize,
}

/// Aligns `prefix + quote + suffix` with the substring of `window` it is
/// fewest edits away from (edit distance with free ends in the window), then
/// traces back where the quote part landed. Aligning the context with the
/// quote puts the quote's edges where the context says they are, rather than
/// wherever a few substitutions happen to be cheapest.
pub(super) fn align(prefix: &[char], quote: &[char], suffix: &[char], window: &[char]) -> Option<Alignment> {
    const DIAG: u8 = 0;
    const UP: u8 = 1; // a pattern character missing from the window
    const LEFT: u8 = 2; // an extra window character
    if quote.is_empty() || window.is_empty() {
        return None;
    }
    let pattern: Vec<char> = prefix.iter().chain(quote).chain(suffix).copied().collect();
    let width = window.len() + 1;
    let mut trace = vec![DIAG; (pattern.len() + 1) * width];
    let mut prev: Vec<usize> = vec![0; width];
    let mut cur: Vec<usize> = vec![0; width];
    for (i, p) in pattern.iter().enumerate() {
        let row = (i + 1) * width;
        cur[0] = i + 1;
        trace[row] = UP;
        for (j, w) in window.iter().enumerate() {
            let diag = prev[j] + usize::from(p != w);
            let up = prev[j + 1] + 1;
            let left = cur[j] + 1;
            let (cost, step) = if diag <= up && diag <= left {
                (diag, DIAG)
            } else if up <= left {
                (up, UP)
            } else {
                (left, LEFT)
            };
            cur[j + 1] = cost;
            trace[row + j + 1] = step;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    let (mut j, _) = prev.iter().enumerate().min_by_key(|&(j, &c)| (c, j))?;
    let (qs, qe) = (prefix.len(), prefix.len() + quote.len());
    let mut i = pattern.len();
    let (mut start, mut end, mut quote_edits) = (None, None, 0);
    loop {
        // Window characters inserted at the quote's edges belong to the context.
        if i == qe {
            end = Some(j);
        }
        if i == qs && start.is_none() {
            start = Some(j);
        }
        if i == 0 {
            break;
        }
        let inside = i > qs && i <= qe;
        match trace[i * width + j] {
            DIAG => {
                quote_edits += usize::from(inside && pattern[i - 1] != window[j - 1]);
                i -= 1;
                j -= 1;
            }
            UP => {
                quote_edits += usize::from(inside);
                i -= 1;
            }
            _ => {
                quote_edits += usize::from(i > qs && i < qe);
                j -= 1;
            }
        }
    }
    Some(Alignment { quote_edits, start: start?, end: end? })
}

/// A body as characters, with the byte offset of each (and of its end).
pub(super) struct Chars {
    pub chars: Vec<char>,
    pub offsets: Vec<usize>,
}

impl Chars {
    pub fn new(body: &str) -> Chars {
        let mut chars = Vec::with_capacity(body.len());
        let mut offsets = Vec::with_capacity(body.len() + 1);
        for (i, c) in body.char_indices() {
            chars.push(c);
            offsets.push(i);
        }
        offsets.push(body.len());
        Chars { chars, offsets }
    }

    /// The character index of a byte offset (rounded down).
    pub fn index_of(&self, byte: usize) -> usize {
        match self.offsets.binary_search(&byte) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }
}
