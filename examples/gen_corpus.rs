//! Writes a synthetic JSONL corpus for benchmarks and load tests:
//!
//!     cargo run --release --example gen_corpus -- 100000 /tmp/big.jsonl [paragraphs]

use std::io::{BufWriter, Write};

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let count: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(100_000);
    let path = args.next().unwrap_or_else(|| "synthetic.jsonl".into());
    let paragraphs: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(3);
    let mut out = BufWriter::new(std::fs::File::create(&path)?);
    for line in rroom::corpus::synth::jsonl(count, paragraphs, 42) {
        writeln!(out, "{line}")?;
    }
    out.flush()?;
    eprintln!("wrote {count} articles to {path}");
    Ok(())
}
