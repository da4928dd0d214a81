//! Session ids: which running rroom wrote a draft.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::time::{SystemTime, UNIX_EPOCH};

/// A new id for this session: process id, time and a random part (std's
/// randomly seeded hasher), e.g. `4242-19a8f3c2b1e-9f1c2d3e4a5b6c7d`.
/// Unique across processes and across restarts of the same pid.
pub fn new_session_id() -> String {
    let nanos = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos());
    let mut hasher = RandomState::new().build_hasher();
    hasher.write_u128(nanos);
    hasher.write_u32(std::process::id());
    format!("{}-{:x}-{:016x}", std::process::id(), nanos / 1_000_000, hasher.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn session_ids_differ_within_one_process() {
        let a = new_session_id();
        let b = new_session_id();
        assert_ne!(a, b);
        assert!(a.starts_with(&format!("{}-", std::process::id())), "{a}");
    }
}
