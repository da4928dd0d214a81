#![no_main]
//! `cargo +nightly fuzz run anchoring`: see `fuzz/README.md`.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| rroom_fuzz::anchoring(data));
