//! `recordwell check`: read records, run the checker, report.

mod batch;
mod catalogue;
pub mod excerpt;
mod output_json;
mod output_text;

use recordwell_check::{Config, Level, RecordType, Report, Severity};
use std::borrow::Cow;
use std::io::{self, BufWriter, Write};

use crate::input::{self, Source};
use crate::style::Palette;
use crate::{CheckArgs, Format, Outcome};

/// Extra text for `recordwell check --help`.
pub const AFTER_HELP: &str = "\
Exit codes:
  0  no finding at or above --fail-level
  1  at least one finding at or above --fail-level (in --jsonl mode: or a line that could not be checked)
  2  usage error, unreadable input or configuration, or (in --jsonl mode) no line could be read at all

Text output is `file:line:col: level [rule-id] message`, the line with carets under the words
found, a suggestion where there is one, a summary per file (counts, colleague and family scores,
words, reading ease) and, for several files, a total. Standard input is shown as <stdin>.

Batch mode (--jsonl FILE or -): each input line is a JSON object {\"id\": ..., \"type\": ..., \"text\": ...}
(`type` is optional and defaults to --type; `id` is echoed back and may be any JSON value). Each
output line is {\"id\", \"line\", \"record_type\", \"findings\", \"metrics\", \"scores\"}, in input order.
A line that cannot be checked (bad JSON, no text, unknown type, invalid UTF-8) gives
{\"line\": n, \"id\": ... if known, \"error\": \"...\"} and the run carries on. Blank lines are skipped.
Lines are read in chunks and checked on all cores, so memory stays flat however long the input.

Personal data: with --training (the record is to be shared in training) every name, date of birth,
address, phone number, email address and identity number left in is reported as
`personal-data/<kind>`, suggesting the label `recordwell redact` would use. Without --training the
check is off, unless the configuration sets a level for `personal-data`.

Configuration (--config FILE) is TOML:
  [rules]     jargon = \"off\", \"jargon/placement\" = \"error\", personal-data = \"warning\"
  [settings]  long_sentence_words = 25
  [lists.jargon] remove = [\"respite\"]

A closed output pipe (for example `recordwell check big.txt | head`) ends the run quietly.";

/// Runs `recordwell check`.
pub fn run(args: &CheckArgs) -> io::Result<Outcome> {
    let mut config: Cow<'static, Config> = match &args.config {
        None => Cow::Borrowed(Config::shared_default()),
        Some(path) => match Config::from_path(path) {
            Ok(c) => Cow::Owned(c),
            Err(e) => {
                crate::say!("recordwell: error: {}: {e}", path.display());
                return Ok(Outcome::Trouble);
            }
        },
    };
    if args.training {
        switch_on_personal_data(config.to_mut());
    }
    let format = args.format.unwrap_or(Format::Text);
    let palette = Palette::for_stdout(args.color);
    let stdout = io::stdout();
    let mut out = BufWriter::with_capacity(64 * 1024, stdout.lock());

    if args.rules {
        catalogue::list(&mut out, palette, format)?;
        out.flush()?;
        return Ok(Outcome::Clean);
    }
    if let Some(id) = &args.explain {
        let outcome = catalogue::explain(&mut out, palette, format, id, &config)?;
        out.flush()?;
        return Ok(outcome);
    }
    if let Some(path) = &args.jsonl {
        if let Some(outcome) = crate::jsonl::reject_text_format("check", args.format) {
            return Ok(outcome);
        }
        let opts = batch::Options {
            record_type: args.record_type.into(),
            fail_level: args.fail_level.into(),
            lossy: args.lossy,
        };
        return batch::run(&mut out, &Source::from_arg(path), &config, &opts);
    }

    let sources = match input::sources(&args.paths, "check", "check") {
        Ok(s) => s,
        Err(outcome) => return Ok(outcome),
    };

    let record_type: RecordType = args.record_type.into();
    let fail_level: Severity = args.fail_level.into();
    let mut outcome = Outcome::Clean;
    let mut totals = Totals::default();
    let mut json_results = Vec::new();
    let show_total = sources.len() > 1;

    for source in &sources {
        let name = source.display_name();
        let text = match input::read(source, args.lossy) {
            Ok(record) => record.text,
            Err(e) => {
                e.report(args.color);
                outcome.absorb(Outcome::Trouble);
                totals.unreadable += 1;
                if format == Format::Json {
                    json_results.push(output_json::FileResult::Error { path: name, error: e.message });
                }
                continue;
            }
        };
        let report = recordwell_check::check(&text, record_type, &config);
        if report.findings.iter().any(|f| f.severity >= fail_level) {
            outcome.absorb(Outcome::Findings);
        }
        totals.add(&report);
        match format {
            Format::Text => {
                output_text::write_findings(&mut out, palette, &name, &text, &report)?;
                output_text::write_summary(&mut out, palette, &name, &report)?;
                out.flush()?;
            }
            Format::Json => json_results.push(output_json::FileResult::Checked { path: name, report }),
        }
    }
    match format {
        Format::Text if show_total => output_text::write_total(&mut out, palette, &totals)?,
        Format::Text => {}
        Format::Json => output_json::write_results(&mut out, &json_results)?,
    }
    out.flush()?;
    Ok(outcome)
}

/// `--training`: the `personal-data` check runs, at the level the configuration gives it or at
/// warning if it gives none (or switches it off: the flag is the more specific request).
fn switch_on_personal_data(config: &mut Config) {
    let id = recordwell_check::Category::PersonalData.id();
    if !matches!(config.configured_level(id), Some(Level::On(_))) {
        // The id is a catalogue id, so this cannot fail.
        let _ = config.set_level(id, Level::On(Severity::Warning));
    }
}

/// Running totals across every checked input, for the overall summary line.
#[derive(Debug, Default)]
pub struct Totals {
    /// Inputs checked.
    pub files: usize,
    /// Inputs that could not be read.
    pub unreadable: usize,
    /// Findings by severity (info, warning, error).
    pub counts: [usize; 3],
    /// Words checked.
    pub words: usize,
    /// Sum of colleague scores, for the average.
    pub colleague: u64,
    /// Sum of family scores, for the average.
    pub family: u64,
    /// Sum of reading ease × words, for the word-weighted average.
    pub ease_words: f64,
}

impl Totals {
    fn add(&mut self, report: &Report) {
        self.files += 1;
        for s in Severity::ALL {
            self.counts[s as usize] += report.count(s);
        }
        self.words += report.metrics.words;
        self.colleague += u64::from(report.scores.colleague);
        self.family += u64::from(report.scores.family);
        self.ease_words += report.metrics.flesch_reading_ease * report.metrics.words as f64;
    }
}
