//! Criterion benchmark of `redact` over ~1 MB of generated records (throughput in bytes).
//!
//! `cargo bench -p recordwell-redact --bench redact` (or `bench/redact.sh`).

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use recordwell_redact::{Options, redact};

#[path = "../eval/generator.rs"]
#[allow(dead_code)]
mod generator;

fn corpus_throughput(c: &mut Criterion) {
    let records = generator::generate_bytes(1 << 20, 2026);
    let bytes: usize = records.iter().map(|r| r.text.len()).sum();
    let mut group = c.benchmark_group("redact_1mb");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(20);
    for (name, options) in [
        ("default", Options::default()),
        ("all_dates_mask", Options { all_dates: true, mask: true, ..Options::default() }),
    ] {
        group.bench_function(name, |b| {
            b.iter(|| {
                let mut entities = 0;
                for r in &records {
                    entities += redact(black_box(&r.text), &options).entities.len();
                }
                entities
            })
        });
    }
    group.finish();
}

criterion_group!(benches, corpus_throughput);
criterion_main!(benches);
