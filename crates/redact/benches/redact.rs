//! Criterion benchmark of `redact` (throughput in bytes), over two corpora:
//!
//! - `redact_1mb`: ~1 MB of the generated evaluation records, dense with identifiers (about 20
//!   in every kilobyte);
//! - `redact_realistic`: the checker's realistic corpus (`crates/check/examples/gen_corpus.rs`,
//!   ~1 MiB of fictional records of every type), read from the JSON Lines file named by the
//!   `REDACT_REALISTIC_CORPUS` environment variable. `bench/redact.sh` writes that file and sets
//!   the variable; without it this group is skipped.
//!
//! `cargo bench -p recordwell-redact --bench redact` (or `bench/redact.sh`).

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use recordwell_redact::{Options, redact};

#[path = "../eval/generator.rs"]
#[allow(dead_code)]
mod generator;

/// The environment variable naming the realistic corpus (JSON Lines, one `{"text": ...}` a line).
const REALISTIC: &str = "REDACT_REALISTIC_CORPUS";

fn option_sets() -> [(&'static str, Options); 2] {
    [("default", Options::default()), ("all_dates_mask", Options { all_dates: true, mask: true, ..Options::default() })]
}

fn bench_texts(c: &mut Criterion, group_name: &str, texts: &[String]) {
    let bytes: usize = texts.iter().map(String::len).sum();
    let mut group = c.benchmark_group(group_name);
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(20);
    for (name, options) in option_sets() {
        group.bench_function(name, |b| {
            b.iter(|| {
                let mut entities = 0;
                for text in texts {
                    entities += redact(black_box(text), &options).entities.len();
                }
                entities
            })
        });
    }
    group.finish();
}

fn corpus_throughput(c: &mut Criterion) {
    let texts: Vec<String> = generator::generate_bytes(1 << 20, 2026).into_iter().map(|r| r.text).collect();
    bench_texts(c, "redact_1mb", &texts);
}

fn realistic_throughput(c: &mut Criterion) {
    let Some(path) = std::env::var_os(REALISTIC) else {
        eprintln!("{REALISTIC} is not set: skipping redact_realistic (bench/redact.sh sets it)");
        return;
    };
    let all = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    let texts: Vec<String> = all
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("a JSON line");
            v["text"].as_str().expect("a \"text\" field").to_string()
        })
        .collect();
    bench_texts(c, "redact_realistic", &texts);
}

criterion_group!(benches, corpus_throughput, realistic_throughput);
criterion_main!(benches);
