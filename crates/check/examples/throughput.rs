//! Measures the checking engine: MB/s on a ~1 MiB corpus on one thread and on all cores, and the
//! median latency of checking a 2,000-word record of each type.
//!
//! Build in release: `bench/throughput.sh` or
//! `cargo run --release -p recordwell-check --example throughput -- [--bytes N] [--seconds S]`.

use std::time::{Duration, Instant};

use rayon::prelude::*;
use recordwell_check::{Config, check};

#[path = "../benches/support/corpus.rs"]
mod corpus;

fn main() {
    let mut bytes = 1usize << 20;
    let mut seconds = 2.0f64;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let value = args.next().unwrap_or_else(|| panic!("{arg} needs a value"));
        match arg.as_str() {
            "--bytes" => bytes = value.parse().expect("--bytes takes a number"),
            "--seconds" => seconds = value.parse().expect("--seconds takes a number"),
            other => panic!("unknown argument {other}; use --bytes N or --seconds S"),
        }
    }
    let budget = Duration::from_secs_f64(seconds);
    let config = Config::shared_default();
    let records = corpus::corpus(42, bytes);
    let total: usize = records.iter().map(|r| r.text.len()).sum();
    let words: usize = records.iter().map(|r| r.text.split_whitespace().count()).sum();
    println!("corpus: {} records, {} bytes, {} words (seed 42)", records.len(), total, words);

    // Warm up: compiles the shared lexicon and touches every record once.
    let findings: usize = records.iter().map(|r| check(&r.text, r.record_type, config).findings.len()).sum();
    println!("findings in corpus: {findings}");

    let single = rate(total, budget, || {
        for r in &records {
            std::hint::black_box(check(&r.text, r.record_type, config));
        }
    });
    println!("single thread: {:.1} MB/s", single);

    let threads = rayon::current_num_threads();
    let multi = rate(total, budget, || {
        records.par_iter().for_each(|r| {
            std::hint::black_box(check(&r.text, r.record_type, config));
        });
    });
    println!("all cores ({threads} threads): {:.1} MB/s", multi);

    println!("2,000-word record latency (median):");
    for (record_type, text) in corpus::long_records() {
        let mut samples = Vec::new();
        let start = Instant::now();
        while samples.len() < 25 || (start.elapsed() < budget / 4 && samples.len() < 5000) {
            let t = Instant::now();
            std::hint::black_box(check(&text, record_type, config));
            samples.push(t.elapsed());
        }
        samples.sort();
        let median = samples[samples.len() / 2];
        println!(
            "  {:<13} {:>6} words {:>9.1} µs  ({} runs)",
            record_type.id(),
            text.split_whitespace().count(),
            median.as_secs_f64() * 1e6,
            samples.len()
        );
    }
}

/// Runs `pass` (one pass over `bytes` bytes) repeatedly for about `budget`; returns MB/s (10^6 bytes).
fn rate(bytes: usize, budget: Duration, mut pass: impl FnMut()) -> f64 {
    let start = Instant::now();
    let mut passes = 0u32;
    while passes < 3 || start.elapsed() < budget {
        pass();
        passes += 1;
    }
    bytes as f64 * f64::from(passes) / start.elapsed().as_secs_f64() / 1e6
}
