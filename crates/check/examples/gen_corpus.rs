//! Writes a corpus of fictional records as JSON Lines (`{"id","type","text"}`), one record a line,
//! for the command line's batch mode.
//!
//! `cargo run -p recordwell-check --example gen_corpus -- [--bytes N] [--seed S] [--out FILE]`
//! (defaults: 1 MiB, seed 42, standard output).

use std::io::{self, BufWriter, Write};

use serde::Serialize;

#[path = "../benches/support/corpus.rs"]
mod corpus;

fn main() -> io::Result<()> {
    let mut bytes = 1usize << 20;
    let mut seed = 42u64;
    let mut out: Option<String> = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().unwrap_or_else(|| usage(&format!("{arg} needs a value")));
        match arg.as_str() {
            "--bytes" => bytes = value().parse().unwrap_or_else(|_| usage("--bytes takes a number")),
            "--seed" => seed = value().parse().unwrap_or_else(|_| usage("--seed takes a number")),
            "--out" => out = Some(value()),
            "-h" | "--help" => usage(""),
            other => usage(&format!("unknown argument {other}")),
        }
    }
    let records = corpus::corpus(seed, bytes);
    let sink: Box<dyn Write> = match &out {
        Some(path) => Box::new(std::fs::File::create(path)?),
        None => Box::new(io::stdout().lock()),
    };
    let mut w = BufWriter::new(sink);
    for r in &records {
        let line = Line { id: &r.id, record_type: r.record_type.id(), text: &r.text };
        serde_json::to_writer(&mut w, &line)?;
        w.write_all(b"\n")?;
    }
    w.flush()?;
    if let Some(path) = out {
        eprintln!("wrote {} records to {path}", records.len());
    }
    Ok(())
}

/// One JSONL line, fields in the order the batch mode documents.
#[derive(Serialize)]
struct Line<'a> {
    id: &'a str,
    #[serde(rename = "type")]
    record_type: &'a str,
    text: &'a str,
}

fn usage(problem: &str) -> ! {
    if !problem.is_empty() {
        eprintln!("gen_corpus: {problem}");
    }
    eprintln!("usage: gen_corpus [--bytes N] [--seed S] [--out FILE]");
    std::process::exit(if problem.is_empty() { 0 } else { 2 })
}
