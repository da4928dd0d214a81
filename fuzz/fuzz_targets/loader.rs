#![no_main]
//! `cargo +nightly fuzz run loader`: see `fuzz/README.md`.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| rroom_fuzz::loader(data));
