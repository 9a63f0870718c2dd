//! Redacts the benchmark's ~1 MB corpus once with each of the benchmark's option sets and prints a
//! digest of every output, for profiling under `valgrind --tool=callgrind` (whose instruction
//! counts, unlike wall-clock time, repeat exactly) and for checking that a speed-up changed no
//! output: the digest must stay the same.
//!
//! `cargo build --release -p recordwell-redact --example profile`, then
//! `valgrind --tool=callgrind target/release/examples/profile [--dump FILE]`.
//! `--dump FILE` writes every output in full, to find what changed when the digest does.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::io::Write;

use recordwell_redact::{Options, redact};

#[path = "../eval/generator.rs"]
#[allow(dead_code)]
mod generator;

fn main() {
    let dump_path = std::env::args().skip_while(|a| a != "--dump").nth(1);
    let mut dump = dump_path.map(|p| std::io::BufWriter::new(std::fs::File::create(p).expect("create the dump file")));
    let records = generator::generate_bytes(1 << 20, 2026);
    let option_sets = [Options::default(), Options { all_dates: true, mask: true, ..Options::default() }];
    let mut digest = DefaultHasher::new();
    for options in &option_sets {
        for r in &records {
            let out = redact(&r.text, options);
            out.text.hash(&mut digest);
            for e in &out.entities {
                (e.kind, e.start, e.end, &e.text, &e.replacement, e.role).hash(&mut digest);
            }
            if let Some(d) = dump.as_mut() {
                writeln!(d, "{}\n{:?}", out.text, out.entities).expect("write the dump");
            }
        }
    }
    println!("{} records, digest {:016x}", records.len(), digest.finish());
}
