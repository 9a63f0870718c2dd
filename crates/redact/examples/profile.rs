//! Redacts a corpus once with each of the benchmark's option sets and prints a digest of every
//! output, for profiling under `valgrind --tool=callgrind` (whose instruction counts, unlike
//! wall-clock time, repeat exactly) and for checking that a speed-up changed no output: the digest
//! must stay the same.
//!
//! By default the corpus is the benchmark's ~1 MB of generated evaluation records (dense with
//! identifiers). `--corpus FILE` reads a JSON Lines file of `{"text": ...}` records instead, such
//! as the checker's realistic corpus (`cargo run -p recordwell-check --example gen_corpus -- --out
//! FILE`, which `bench/redact.sh` also uses).
//!
//! `cargo build --release -p recordwell-redact --example profile`, then
//! `valgrind --tool=callgrind target/release/examples/profile [--corpus FILE] [--dump FILE]`.
//! `--dump FILE` writes every output in full, to find what changed when the digest does.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::io::Write;

use recordwell_redact::{Options, redact};

#[path = "../eval/generator.rs"]
#[allow(dead_code)]
mod generator;

fn main() {
    let arg = |name: &str| std::env::args().skip_while(|a| a != name).nth(1);
    let mut dump =
        arg("--dump").map(|p| std::io::BufWriter::new(std::fs::File::create(p).expect("create the dump file")));
    let texts: Vec<String> = match arg("--corpus") {
        Some(path) => read_jsonl(&path),
        None => generator::generate_bytes(1 << 20, 2026).into_iter().map(|r| r.text).collect(),
    };
    let option_sets = [Options::default(), Options { all_dates: true, mask: true, ..Options::default() }];
    let mut digest = DefaultHasher::new();
    for options in &option_sets {
        for text in &texts {
            let out = redact(text, options);
            out.text.hash(&mut digest);
            for e in &out.entities {
                (e.kind, e.start, e.end, &e.text, &e.replacement, e.role).hash(&mut digest);
            }
            if let Some(d) = dump.as_mut() {
                writeln!(d, "{}\n{:?}", out.text, out.entities).expect("write the dump");
            }
        }
    }
    println!("{} records, digest {:016x}", texts.len(), digest.finish());
}

/// The `text` of every line of a JSON Lines file.
fn read_jsonl(path: &str) -> Vec<String> {
    let all = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("read {path}: {e}"));
    all.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap_or_else(|e| panic!("{path}: {e}"));
            v["text"].as_str().unwrap_or_else(|| panic!("{path}: a line without \"text\"")).to_string()
        })
        .collect()
}
