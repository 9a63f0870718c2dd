//! Measures the redactor on a generated, labelled set of fictional records: recall per kind,
//! overall recall on direct identifiers, over-redaction of ordinary words, sample misses and
//! single-threaded throughput.
//!
//! `cargo run --release -p recordwell-redact --example evaluate -- [--records N] [--seed S] [--split all|dev|test]`
//!
//! Tune detectors on `--split dev` (half the sentence templates); quote figures from `--split test`
//! (the other half, unseen) with a seed you did not tune on.
//!
//! An identifier counts as found only if every letter and digit in it is hidden by some detected
//! entity (what is left showing is what leaks). Over-redaction is the share of ordinary words
//! (words outside every labelled identifier) that any detected entity touches.

use std::time::{Duration, Instant};

use recordwell_redact::{Options, detect, redact};

#[path = "../eval/generator.rs"]
#[allow(dead_code)]
mod generator;

use generator::{Kind, Record, Score, Split};

const SAMPLES: usize = 20;

fn main() {
    let (records, seed, split) = match parse_args() {
        Ok(v) => v,
        Err(e) => {
            eprintln!("error: {e}\nusage: evaluate [--records N] [--seed S] [--split all|dev|test]");
            std::process::exit(2);
        }
    };
    let set = generator::generate_split(records, seed, split.1);
    let options = Options::default();
    let eval = evaluate(&set, &options);
    print!("{}", eval.report(records, seed, &split.0));
    let mbps = throughput(&set, &options);
    println!("\nThroughput: {mbps:.1} MB/s single-threaded (redact, default options)");
}

fn parse_args() -> Result<(usize, u64, (String, Split)), String> {
    let (mut records, mut seed, mut split) = (500usize, 2026u64, ("all".to_string(), Split::All));
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let value = |args: &mut dyn Iterator<Item = String>| args.next().ok_or(format!("{a} needs a value"));
        match a.as_str() {
            "--records" => records = value(&mut args)?.parse().map_err(|e| format!("--records: {e}"))?,
            "--seed" => seed = value(&mut args)?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--split" => {
                let id = value(&mut args)?;
                let s = Split::from_id(&id).ok_or(format!("--split must be all, dev or test, not {id:?}"))?;
                split = (id, s);
            }
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    Ok((records, seed, split))
}

#[derive(Default)]
struct Evaluation {
    score: Score,
    misses: Vec<String>,
    overs: Vec<String>,
    bytes: usize,
}

fn evaluate(set: &[Record], options: &Options) -> Evaluation {
    let mut ev = Evaluation::default();
    for record in set {
        let text = &record.text;
        ev.bytes += text.len();
        let hidden: Vec<(usize, usize)> = detect(text, options).iter().map(|e| (e.start, e.end)).collect();
        let score = generator::score(record, &hidden);
        for g in score.misses.iter().take(SAMPLES.saturating_sub(ev.misses.len())) {
            ev.misses.push(format!(
                "{:<13} {:?} in {}",
                g.kind.id(),
                &text[g.start..g.end],
                context(text, g.start, g.end)
            ));
        }
        for &(s, e) in score.overs.iter().take(SAMPLES.saturating_sub(ev.overs.len())) {
            ev.overs.push(format!("{:?} in {}", &text[s..e], context(text, s, e)));
        }
        ev.score.add(&score);
    }
    ev
}

/// Up to 40 bytes either side, on one line, with the span in ⟦ ⟧.
fn context(text: &str, start: usize, end: usize) -> String {
    let mut a = start.saturating_sub(40);
    while !text.is_char_boundary(a) {
        a -= 1;
    }
    let mut b = (end + 40).min(text.len());
    while !text.is_char_boundary(b) {
        b += 1;
    }
    format!("…{}⟦{}⟧{}…", &text[a..start], &text[start..end], &text[end..b]).replace('\n', "⏎")
}

fn ratio(n: usize, d: usize) -> f64 {
    if d == 0 { 1.0 } else { n as f64 / d as f64 }
}

impl Evaluation {
    fn report(&self, records: usize, seed: u64, split: &str) -> String {
        use std::fmt::Write;
        let mut out = String::new();
        let _ = writeln!(
            out,
            "Redaction evaluation: {records} generated records, seed {seed}, split {split}, {} bytes\n",
            self.bytes
        );
        let _ = writeln!(out, "{:<15} {:>7} {:>7} {:>8}  target", "kind", "gold", "found", "recall");
        for (kind, (g, f)) in Kind::ALL.into_iter().zip(self.score.per_kind) {
            let target = if kind.is_direct() { ">= 0.970" } else { "(not direct)" };
            let _ = writeln!(out, "{:<15} {g:>7} {f:>7} {:>8.3}  {target}", kind.id(), ratio(f, g));
        }
        let (gold, found) = self.score.direct();
        let _ = writeln!(
            out,
            "\nOverall recall on direct identifiers: {:.4} ({found}/{gold}; target >= 0.99)",
            ratio(found, gold)
        );
        let _ = writeln!(
            out,
            "Over-redaction: {:.2}% of ordinary words ({}/{}; target < 3%)",
            100.0 * self.score.over as f64 / self.score.ordinary.max(1) as f64,
            self.score.over,
            self.score.ordinary
        );
        let _ = writeln!(out, "\nSample misses (up to {SAMPLES}):");
        for m in &self.misses {
            let _ = writeln!(out, "  {m}");
        }
        let _ = writeln!(out, "\nSample over-redactions (up to {SAMPLES}):");
        for o in &self.overs {
            let _ = writeln!(out, "  {o}");
        }
        out
    }
}

/// MB/s of `redact` over the set, repeated for at least a second.
fn throughput(set: &[Record], options: &Options) -> f64 {
    let bytes: usize = set.iter().map(|r| r.text.len()).sum();
    let started = Instant::now();
    let mut passes = 0u32;
    while passes == 0 || started.elapsed() < Duration::from_secs(1) {
        for r in set {
            std::hint::black_box(redact(std::hint::black_box(&r.text), options));
        }
        passes += 1;
    }
    (bytes as f64 * f64::from(passes)) / started.elapsed().as_secs_f64() / 1e6
}
