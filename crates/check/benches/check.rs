//! Criterion benchmarks of the checking engine: a 2,000-word record of each type, and a 1 MiB
//! corpus of mixed records (throughput in bytes).
//!
//! `cargo bench -p recordwell-check --bench check`

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use recordwell_check::{Config, check};

#[path = "support/corpus.rs"]
mod corpus;

fn long_records(c: &mut Criterion) {
    let config = Config::shared_default();
    let mut group = c.benchmark_group("record_2000_words");
    for (record_type, text) in corpus::long_records() {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(record_type.id(), |b| b.iter(|| check(black_box(&text), record_type, config)));
    }
    group.finish();
}

fn corpus_throughput(c: &mut Criterion) {
    let config = Config::shared_default();
    let records = corpus::default_corpus();
    let bytes: usize = records.iter().map(|r| r.text.len()).sum();
    let mut group = c.benchmark_group("corpus_1mib");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(20);
    group.bench_function("single_thread", |b| {
        b.iter(|| {
            let mut findings = 0;
            for r in &records {
                findings += check(black_box(&r.text), r.record_type, config).findings.len();
            }
            findings
        })
    });
    group.finish();
}

criterion_group!(benches, long_records, corpus_throughput);
criterion_main!(benches);
