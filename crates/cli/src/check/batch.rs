//! Batch mode: `recordwell check --jsonl FILE|-`.
//!
//! Each input line is one JSON object `{"id": …, "type": …, "text": …}`; each output line is one
//! JSON result, in input order. Lines are read in chunks (at most [`CHUNK_LINES`] lines or
//! [`CHUNK_BYTES`] bytes), each chunk is checked on all cores with rayon, and its results are
//! written in order before the next chunk is read, so memory stays flat however long the input
//! and a consumer downstream sees results as they are made.
//!
//! A line that cannot be checked yields `{"line": n, "id": … if known, "error": "…"}` and the run
//! carries on. Blank lines are skipped. Exit code: 1 if any result has a finding at or above the
//! fail level or any line could not be checked; 2 if the input cannot be opened, a read fails, or
//! there were lines but none could be checked; 0 otherwise.

use rayon::prelude::*;
use recordwell_check::{Config, RecordType, Severity};
use serde::Serialize;
use serde_json::Value;
use std::borrow::Cow;
use std::io::{self, BufRead, BufReader, IsTerminal, Write};

use super::input::{Source, io_message};
use super::output_json::ReportView;
use crate::Outcome;

/// The most lines checked at once.
pub const CHUNK_LINES: usize = 512;
/// The most bytes of input held at once (a chunk ends early once it holds this much).
pub const CHUNK_BYTES: usize = 32 * 1024 * 1024;

/// Settings for a batch run.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// The record type for lines without a `type`.
    pub record_type: RecordType,
    /// Findings at or above this severity make the run fail.
    pub fail_level: Severity,
    /// Replace invalid UTF-8 instead of rejecting the line.
    pub lossy: bool,
}

/// What became of one line.
struct LineResult {
    json: String,
    status: Status,
}

#[derive(PartialEq, Eq)]
enum Status {
    Passed,
    Failed,
    Error,
}

/// Runs a batch over `source`, writing JSON Lines to `out`.
pub fn run(out: &mut impl Write, source: &Source, config: &Config, opts: &Options) -> io::Result<Outcome> {
    let name = source.display_name();
    let (mut reader, size): (Box<dyn BufRead>, Option<u64>) = match source {
        Source::Stdin => (Box::new(BufReader::with_capacity(1 << 20, io::stdin().lock())), None),
        Source::File(path) => {
            let opened = std::fs::metadata(path).and_then(|meta| {
                if meta.is_dir() {
                    Err(io::Error::new(io::ErrorKind::IsADirectory, "is a directory"))
                } else {
                    std::fs::File::open(path).map(|f| (f, meta.len()))
                }
            });
            match opened {
                Ok((file, len)) => (Box::new(BufReader::with_capacity(1 << 20, file)), Some(len)),
                Err(e) if e.kind() == io::ErrorKind::IsADirectory => {
                    crate::say!("recordwell: error: {name}: is a directory; give a JSON Lines file");
                    return Ok(Outcome::Trouble);
                }
                Err(e) => {
                    crate::say!("recordwell: error: {name}: {}", io_message(&e));
                    return Ok(Outcome::Trouble);
                }
            }
        }
    };
    let progress = progress_bar(size);

    let mut outcome = Outcome::Clean;
    let mut line_no = 0usize;
    let mut bytes_read = 0u64;
    let mut checked = 0usize;
    let mut errored = 0usize;
    let mut chunk: Vec<(usize, Vec<u8>)> = Vec::with_capacity(CHUNK_LINES);
    let mut done = false;
    while !done {
        chunk.clear();
        let mut chunk_bytes = 0;
        while chunk.len() < CHUNK_LINES && chunk_bytes < CHUNK_BYTES {
            let mut buf = Vec::new();
            match reader.read_until(b'\n', &mut buf) {
                Ok(0) => {
                    done = true;
                    break;
                }
                Ok(n) => {
                    line_no += 1;
                    bytes_read += n as u64;
                    chunk_bytes += n;
                    if !buf.iter().all(u8::is_ascii_whitespace) {
                        chunk.push((line_no, buf));
                    }
                }
                Err(e) => {
                    crate::say!("recordwell: error: {name}: cannot read after line {line_no}: {e}");
                    outcome.absorb(Outcome::Trouble);
                    done = true;
                    break;
                }
            }
        }
        let results: Vec<LineResult> = chunk.par_iter().map(|(n, bytes)| check_line(*n, bytes, config, opts)).collect();
        for r in &results {
            match r.status {
                Status::Passed => checked += 1,
                Status::Failed => {
                    checked += 1;
                    outcome.absorb(Outcome::Findings);
                }
                Status::Error => {
                    errored += 1;
                    outcome.absorb(Outcome::Findings);
                }
            }
            out.write_all(r.json.as_bytes())?;
            out.write_all(b"\n")?;
        }
        out.flush()?;
        if let Some(bar) = &progress {
            bar.set_position(if size.is_some() { bytes_read } else { line_no as u64 });
            bar.set_message(format!("{checked} ok, {errored} bad"));
        }
    }
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    if errored > 0 && checked == 0 {
        crate::say!("recordwell: error: {name}: no line could be checked; see the \"error\" of each result");
        outcome.absorb(Outcome::Trouble);
    } else if errored > 0 {
        crate::say!("recordwell: {name}: {errored} line(s) could not be checked; see their \"error\" results");
    }
    Ok(outcome)
}

/// A progress bar on standard error, only when standard error is a terminal.
fn progress_bar(size: Option<u64>) -> Option<indicatif::ProgressBar> {
    if !io::stderr().is_terminal() {
        return None;
    }
    let (bar, template) = match size {
        Some(len) => (
            indicatif::ProgressBar::new(len),
            "{spinner} {elapsed} {wide_bar} {bytes}/{total_bytes} {bytes_per_sec} {msg}",
        ),
        None => (indicatif::ProgressBar::new_spinner(), "{spinner} {elapsed} {pos} lines read, {msg}"),
    };
    if let Ok(style) = indicatif::ProgressStyle::with_template(template) {
        bar.set_style(style);
    }
    bar.enable_steady_tick(std::time::Duration::from_millis(120));
    Some(bar)
}

#[derive(Serialize)]
struct IdKey<'a> {
    id: &'a Value,
    line: usize,
}

#[derive(Serialize)]
struct LineError<'a> {
    line: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a Value>,
    error: String,
}

fn error(line: usize, id: Option<&Value>, message: String) -> LineResult {
    let json = serde_json::to_string(&LineError { line, id, error: message })
        .unwrap_or_else(|_| format!("{{\"line\":{line},\"error\":\"could not describe the error\"}}"));
    LineResult { json, status: Status::Error }
}

/// Parses and checks one input line.
fn check_line(n: usize, bytes: &[u8], config: &Config, opts: &Options) -> LineResult {
    const SHAPE: &str = r#"each line must be one JSON object like {"id": 1, "type": "contact", "text": "..."}"#;
    let text = match std::str::from_utf8(bytes) {
        Ok(s) => Cow::Borrowed(s),
        Err(_) if opts.lossy => String::from_utf8_lossy(bytes),
        Err(e) => {
            return error(
                n,
                None,
                format!(
                    "line {n} is not valid UTF-8 (first bad byte at byte offset {} of the line); save the file as \
                     UTF-8, or use --lossy to replace bad bytes",
                    e.valid_up_to()
                ),
            );
        }
    };
    let value: Value = match serde_json::from_str(&text) {
        Ok(v) => v,
        Err(e) => return error(n, None, format!("line {n} is not valid JSON ({e}); {SHAPE}")),
    };
    let Value::Object(mut obj) = value else {
        return error(n, None, format!("line {n} is JSON but not an object; {SHAPE}"));
    };
    let id = obj.remove("id").unwrap_or(Value::Null);
    let known_id = (!id.is_null()).then_some(&id);
    let record_type = match obj.get("type") {
        None | Some(Value::Null) => opts.record_type,
        Some(Value::String(s)) => match s.parse::<RecordType>() {
            Ok(t) => t,
            Err(e) => return error(n, known_id, format!("line {n}: {e}")),
        },
        Some(_) => {
            return error(
                n,
                known_id,
                format!("line {n}: \"type\" must be a string, one of: {}", RecordType::all_ids().join(", ")),
            );
        }
    };
    let text = match obj.get("text") {
        Some(Value::String(s)) => s,
        Some(_) => return error(n, known_id, format!("line {n}: \"text\" must be a string holding the record")),
        None => return error(n, known_id, format!("line {n} has no \"text\" field; {SHAPE}")),
    };
    let report = recordwell_check::check(text, record_type, config);
    let status =
        if report.findings.iter().any(|f| f.severity >= opts.fail_level) { Status::Failed } else { Status::Passed };
    match serde_json::to_string(&ReportView::new(IdKey { id: &id, line: n }, &report)) {
        Ok(json) => LineResult { json, status },
        Err(e) => error(n, known_id, format!("line {n}: could not write the result: {e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts() -> Options {
        Options { record_type: RecordType::Detailed, fail_level: Severity::Warning, lossy: false }
    }

    fn line(s: &[u8]) -> (Value, bool) {
        let r = check_line(7, s, Config::shared_default(), &opts());
        (serde_json::from_str(&r.json).unwrap(), r.status == Status::Error)
    }

    #[test]
    fn good_line_is_checked_with_its_id() {
        let (v, err) = line(br#"{"id": "a1", "type": "contact", "text": "Mum was non-compliant."}"#);
        assert!(!err);
        assert_eq!(v["id"], "a1");
        assert_eq!(v["line"], 7);
        assert_eq!(v["record_type"], "contact");
        assert!(v.get("path").is_none());
    }

    #[test]
    fn bad_lines_explain_themselves() {
        let (v, err) = line(b"{not json");
        assert!(err && v["error"].as_str().unwrap().contains("not valid JSON") && v.get("id").is_none());
        let (v, err) = line(br#"{"id": 3}"#);
        assert!(err && v["id"] == 3 && v["error"].as_str().unwrap().contains("\"text\""));
        let (v, err) = line(br#"{"id": 3, "type": "letter", "text": "x"}"#);
        assert!(err && v["error"].as_str().unwrap().contains("case-summary"));
        let (v, err) = line(b"{\"text\": \"a\xFFb\"}");
        assert!(err && v["error"].as_str().unwrap().contains("UTF-8"));
        let (_, err) = line(b"[1, 2]");
        assert!(err);
    }

    #[test]
    fn lossy_carries_on() {
        let o = Options { lossy: true, ..opts() };
        let r = check_line(1, b"{\"text\": \"a\xFFb\"}", Config::shared_default(), &o);
        assert!(r.status != Status::Error);
    }
}
