//! Batch mode shared by every subcommand: `--jsonl FILE|-`.
//!
//! Each input line is one JSON object holding a record in `"text"`; each output line is one JSON
//! result, in input order. Lines are read in chunks (at most [`CHUNK_LINES`] lines or
//! [`CHUNK_BYTES`] bytes), each chunk is processed on all cores with rayon, and its results are
//! written in order before the next chunk is read, so memory stays flat however long the input
//! and a consumer downstream sees results as they are made.
//!
//! A line that cannot be processed yields `{"line": n, "id": … if known, "error": "…"}` and the
//! run carries on. Blank lines are skipped. Error messages never quote the line's contents: the
//! text is a record about a family, and errors end up in logs.
//!
//! Exit code: 1 if any result failed (a finding at or above the fail level, for `check`) or any
//! line could not be processed; 2 if the input cannot be opened, a read fails, or there were lines
//! but none could be processed; 0 otherwise.

use rayon::prelude::*;
use serde::Serialize;
use serde_json::{Map, Value};
use std::borrow::Cow;
use std::io::{self, BufRead, BufReader, IsTerminal, Write};

use crate::Outcome;
use crate::input::{Source, io_message};

/// The most lines processed at once.
pub const CHUNK_LINES: usize = 512;
/// The most bytes of input held at once (a chunk ends early once it holds this much).
pub const CHUNK_BYTES: usize = 32 * 1024 * 1024;

/// What became of one line: its JSON result and how it went.
pub struct LineResult {
    /// One JSON object, without the newline.
    pub json: String,
    /// How it went.
    pub status: Status,
}

/// How one line went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Processed, nothing to fail on.
    Passed,
    /// Processed, with something that fails the run (a finding at or above the fail level).
    Failed,
    /// Could not be processed.
    Error,
}

/// The key naming a result: the input's `id` (echoed back, `null` if absent) and its line number.
#[derive(Serialize)]
pub struct IdKey<'a> {
    /// The input's `id`, any JSON value.
    pub id: &'a Value,
    /// 1-based line number in the input.
    pub line: usize,
}

#[derive(Serialize)]
struct LineError<'a> {
    line: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a Value>,
    error: String,
}

/// The error result for line `line`. `message` must not quote the record.
pub fn error(line: usize, id: Option<&Value>, message: String) -> LineResult {
    let json = serde_json::to_string(&LineError { line, id, error: message })
        .unwrap_or_else(|_| format!("{{\"line\":{line},\"error\":\"could not describe the error\"}}"));
    LineResult { json, status: Status::Error }
}

/// A result serialised as one line, or an error result if it cannot be.
pub fn result_line(line: usize, id: Option<&Value>, view: &impl Serialize, status: Status) -> LineResult {
    match serde_json::to_string(view) {
        Ok(json) => LineResult { json, status },
        Err(e) => error(line, id, format!("line {line}: could not write the result: {e}")),
    }
}

/// One parsed input line: its `id` (`null` if absent) and the rest of the object.
pub struct Parsed {
    /// The line number.
    pub line: usize,
    /// The `id`, removed from `fields`.
    pub id: Value,
    /// Every other field.
    pub fields: Map<String, Value>,
}

impl Parsed {
    /// The id if the line gave one, for error results.
    pub fn known_id(&self) -> Option<&Value> {
        (!self.id.is_null()).then_some(&self.id)
    }

    /// The record in `"text"`; an error result if it is missing or not a string. `shape` shows
    /// what a good line looks like.
    pub fn text(&self, shape: &str) -> Result<&str, LineResult> {
        let n = self.line;
        match self.fields.get("text") {
            Some(Value::String(s)) => Ok(s),
            Some(_) => {
                Err(error(n, self.known_id(), format!("line {n}: \"text\" must be a string holding the record")))
            }
            None => Err(error(n, self.known_id(), format!("line {n} has no \"text\" field; {shape}"))),
        }
    }
}

/// Decodes and parses line `n` as a JSON object. With `lossy`, invalid UTF-8 is replaced rather
/// than rejected. Error messages name the line and the position, never its contents.
pub fn parse_line(n: usize, bytes: &[u8], lossy: bool, shape: &str) -> Result<Parsed, LineResult> {
    let text = match std::str::from_utf8(bytes) {
        Ok(s) => Cow::Borrowed(s),
        Err(_) if lossy => String::from_utf8_lossy(bytes),
        Err(e) => {
            return Err(error(
                n,
                None,
                format!(
                    "line {n} is not valid UTF-8 (first bad byte at byte offset {} of the line); save the file as \
                     UTF-8, or use --lossy to replace bad bytes",
                    e.valid_up_to()
                ),
            ));
        }
    };
    // serde_json's syntax errors give a reason and a position, never the text; we parse into a
    // `Value`, so there are no "invalid type: string …" messages that would quote a field.
    let value: Value = match serde_json::from_str(&text) {
        Ok(v) => v,
        Err(e) => return Err(error(n, None, format!("line {n} is not valid JSON ({e}); {shape}"))),
    };
    let Value::Object(mut fields) = value else {
        return Err(error(n, None, format!("line {n} is JSON but not an object; {shape}")));
    };
    let id = fields.remove("id").unwrap_or(Value::Null);
    Ok(Parsed { line: n, id, fields })
}

/// `--jsonl` with `--format text` is a usage error of `subcommand`: batch output is always JSON
/// Lines.
pub fn reject_text_format(subcommand: &str, format: Option<crate::Format>) -> Option<Outcome> {
    (format == Some(crate::Format::Text)).then(|| {
        crate::usage_error(
            subcommand,
            clap::error::ErrorKind::ArgumentConflict,
            "--jsonl always writes JSON Lines; drop --format text",
        )
    })
}

/// Runs a batch over `source`, writing one line per input line to `out`. `process` turns line
/// `n`'s bytes into its result; it runs on all cores. `verb` names what was done, for messages
/// ("checked", "redacted").
pub fn run<F>(out: &mut impl Write, source: &Source, verb: &str, process: F) -> io::Result<Outcome>
where
    F: Fn(usize, &[u8]) -> LineResult + Sync,
{
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
    let mut done_ok = 0usize;
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
        let results: Vec<LineResult> = chunk.par_iter().map(|(n, bytes)| process(*n, bytes)).collect();
        for r in &results {
            match r.status {
                Status::Passed => done_ok += 1,
                Status::Failed => {
                    done_ok += 1;
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
            bar.set_message(format!("{done_ok} ok, {errored} bad"));
        }
    }
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    if errored > 0 && done_ok == 0 {
        crate::say!("recordwell: error: {name}: no line could be {verb}; see the \"error\" of each result");
        outcome.absorb(Outcome::Trouble);
    } else if errored > 0 {
        crate::say!("recordwell: {name}: {errored} line(s) could not be {verb}; see their \"error\" results");
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

#[cfg(test)]
mod tests {
    use super::*;

    const SHAPE: &str = "shape";

    fn err_json(r: Result<Parsed, LineResult>) -> Value {
        let Err(r) = r else { panic!("expected an error") };
        assert_eq!(r.status, Status::Error);
        serde_json::from_str(&r.json).unwrap()
    }

    #[test]
    fn parses_objects_and_takes_the_id_out() {
        let p = parse_line(4, br#"{"id": "a", "text": "hello"}"#, false, SHAPE).ok().unwrap();
        assert_eq!(p.id, "a");
        assert_eq!(p.text(SHAPE).ok(), Some("hello"));
        assert!(!p.fields.contains_key("id"));
    }

    #[test]
    fn errors_never_quote_the_line() {
        let secret = "Amy Smith";
        for line in [
            format!("{{\"text\": \"{secret}"),
            format!("{{\"text\": {secret}}}"),
            format!("[\"{secret}\"]"),
            format!("{{\"id\": 1, \"text\": [\"{secret}\"]}}"),
        ] {
            let json = match parse_line(2, line.as_bytes(), false, SHAPE) {
                Ok(p) => p.text(SHAPE).map(|_| ()).err().map(|r| r.json).unwrap(),
                Err(r) => r.json,
            };
            assert!(!json.contains("Amy") && !json.contains("Smith"), "{json}");
            assert!(json.contains("line 2"), "{json}");
        }
    }

    #[test]
    fn invalid_utf8_is_an_error_unless_lossy() {
        let v = err_json(parse_line(1, b"{\"text\": \"a\xFFb\"}", false, SHAPE));
        assert!(v["error"].as_str().unwrap().contains("UTF-8"));
        assert!(parse_line(1, b"{\"text\": \"a\xFFb\"}", true, SHAPE).is_ok());
    }
}
