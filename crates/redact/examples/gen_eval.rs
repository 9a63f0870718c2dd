//! Prints the generated, labelled evaluation records (see `eval/generator.rs`), as text or as JSON
//! with their labels, or writes one file per record (a seed corpus for the fuzzer).
//!
//! `cargo run -p recordwell-redact --example gen_eval -- [--records N | --bytes N] [--seed S] [--json] [--dir DIR]`

#[path = "../eval/generator.rs"]
#[allow(dead_code)]
mod generator;

fn main() {
    if let Err(e) = run() {
        eprintln!("error: {e}\nusage: gen_eval [--records N | --bytes N] [--seed S] [--json] [--dir DIR]");
        std::process::exit(2);
    }
}

fn run() -> Result<(), String> {
    let (mut records, mut bytes, mut seed, mut json, mut dir) = (Some(10usize), None, 2026u64, false, None);
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || args.next().ok_or(format!("{a} needs a value"));
        match a.as_str() {
            "--records" => records = Some(value()?.parse().map_err(|e| format!("--records: {e}"))?),
            "--bytes" => bytes = Some(value()?.parse().map_err(|e| format!("--bytes: {e}"))?),
            "--seed" => seed = value()?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--dir" => dir = Some(std::path::PathBuf::from(value()?)),
            "--json" => json = true,
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    let set = match bytes {
        Some(b) => generator::generate_bytes(b, seed),
        None => generator::generate(records.unwrap_or(10), seed),
    };
    if let Some(dir) = dir {
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        for (i, r) in set.iter().enumerate() {
            let path = dir.join(format!("record-{i:05}.txt"));
            std::fs::write(&path, &r.text).map_err(|e| format!("{}: {e}", path.display()))?;
        }
        return Ok(());
    }
    for r in &set {
        if json {
            let labels: Vec<_> = r
                .gold
                .iter()
                .map(|g| serde_json::json!({"kind": g.kind.id(), "start": g.start, "end": g.end, "text": &r.text[g.start..g.end]}))
                .collect();
            let soft: Vec<_> = r.soft.iter().map(|&(s, e)| serde_json::json!([s, e])).collect();
            let line =
                serde_json::json!({"record_type": r.record_type, "text": &r.text, "labels": labels, "soft": soft});
            println!("{line}");
        } else {
            println!("=== {} ===\n{}", r.record_type, r.text);
        }
    }
    Ok(())
}
