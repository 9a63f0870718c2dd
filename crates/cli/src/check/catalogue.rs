//! `--rules` and `--explain`: the catalogue, so users can always ask "why am I seeing this?".

use recordwell_check::{CATALOGUE, Category, CategoryInfo, Config, Entry, List};
use serde::Serialize;
use std::io::{self, Write};

use crate::style::Palette;
use crate::{Format, Outcome, usage_error};

/// Width that explanations are wrapped to.
const WRAP: usize = 100;

/// Writes every rule: id, lens, default severity, title and why it matters.
pub fn list(out: &mut impl Write, p: Palette, format: Format) -> io::Result<()> {
    if format == Format::Json {
        #[derive(Serialize)]
        struct Doc<'a> {
            rules: &'a [CategoryInfo],
        }
        serde_json::to_writer_pretty(&mut *out, &Doc { rules: &CATALOGUE }).map_err(io::Error::from)?;
        return writeln!(out);
    }
    let id_width = CATALOGUE.iter().map(|c| c.id.len()).max().unwrap_or(0);
    for info in &CATALOGUE {
        let severity = if off_by_default(info) { "off" } else { info.severity.as_str() };
        writeln!(
            out,
            "{}  {:<9}  {}  {}",
            p.strong(&format_args!("{:<id_width$}", info.id)),
            info.lens.as_str(),
            p.severity(info.severity, &format_args!("{severity:<7}")),
            info.title
        )?;
        write!(out, "{}", wrap(info.why, WRAP, "    "))?;
        if off_by_default(info) {
            write!(out, "{}", wrap(&off_by_default_note(info), WRAP, "    "))?;
        }
    }
    writeln!(
        out,
        "\n{} rules. Ask about one with `recordwell check --explain ID`; switch rules off or re-level them \
         in a --config file.",
        CATALOGUE.len()
    )
}

/// Explains one rule id, accepting specific ids like `jargon/placement`. An unknown id is a
/// usage error listing the valid ids.
pub fn explain(out: &mut impl Write, p: Palette, format: Format, id: &str, config: &Config) -> io::Result<Outcome> {
    let Some(info) = recordwell_check::explain(id) else {
        return Ok(usage_error(
            "check",
            clap::error::ErrorKind::InvalidValue,
            format!(
                "unknown rule id `{id}`; valid ids are: {} (a specific id such as `jargon/placement` is accepted too)",
                Category::all_ids().join(", ")
            ),
        ));
    };
    let entry = id.split_once('/').and_then(|(category, detail)| find_entry(config, category, detail));
    if format == Format::Json {
        #[derive(Serialize)]
        struct Doc<'a> {
            id: &'a str,
            rule: &'a CategoryInfo,
            #[serde(skip_serializing_if = "Option::is_none")]
            entry: Option<&'a Entry>,
        }
        serde_json::to_writer_pretty(&mut *out, &Doc { id, rule: info, entry: entry.as_ref() })
            .map_err(io::Error::from)?;
        writeln!(out)?;
        return Ok(Outcome::Clean);
    }
    writeln!(out, "{} — {}", p.strong(&info.id), info.title)?;
    writeln!(out, "lens: {} · default severity: {}", info.lens, p.severity(info.severity, &info.severity))?;
    if off_by_default(info) {
        write!(out, "{}", wrap(&off_by_default_note(info), WRAP, ""))?;
    }
    writeln!(out, "catches: {}", info.catches)?;
    writeln!(out)?;
    write!(out, "{}", wrap(info.why, WRAP, ""))?;
    if let Some(example) = info.example {
        writeln!(out, "\nexample: {example}")?;
    }
    if let Some((_, detail)) = id.split_once('/') {
        writeln!(out)?;
        match &entry {
            Some(e) => {
                writeln!(out, "{}: matches {}", p.strong(&id), e.phrases.join(", "))?;
                if let Some(s) = &e.suggestion {
                    writeln!(out, "  {}", p.good(&format_args!("suggestion: {s}")))?;
                }
                if let Some(n) = &e.note {
                    write!(out, "{}", wrap(n, WRAP, "  "))?;
                }
            }
            None => writeln!(
                out,
                "`{detail}` is a specific finding of {}; its message explains it where it appears.",
                info.id
            )?,
        }
    }
    Ok(Outcome::Clean)
}

/// What `--rules` and `--explain` add about a check that runs only when switched on.
fn off_by_default_note(info: &CategoryInfo) -> String {
    format!(
        "Off unless switched on: `recordwell check --training` (the record is to be shared in training) turns it \
         on at {}; so does a level under [rules] in a --config file.",
        info.severity
    )
}

/// Whether a check is off until switched on (`personal-data`: a record on the case file is meant
/// to name the family).
fn off_by_default(info: &CategoryInfo) -> bool {
    info.id == recordwell_check::Category::PersonalData.id()
}

/// The word-list entry behind a specific id, when the category is a word list that has one.
fn find_entry(config: &Config, category: &str, detail: &str) -> Option<Entry> {
    let list = List::from_name(category)?;
    config.list_entries(list).into_iter().find(|e| e.slug() == detail)
}

/// Wraps `text` at `width` columns, each line starting with `indent` and ending with a newline.
fn wrap(text: &str, width: usize, indent: &str) -> String {
    let mut out = String::new();
    let mut line = String::from(indent);
    let mut empty = true;
    for word in text.split_whitespace() {
        if !empty && line.chars().count() + 1 + word.chars().count() > width {
            out.push_str(&line);
            out.push('\n');
            line = String::from(indent);
            empty = true;
        }
        if !empty {
            line.push(' ');
        }
        line.push_str(word);
        empty = false;
    }
    if !empty {
        out.push_str(&line);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_respects_width_and_indent() {
        let s = wrap("one two three four five six", 12, "  ");
        assert_eq!(s, "  one two\n  three four\n  five six\n");
        assert_eq!(wrap("", 10, "  "), "");
    }

    #[test]
    fn specific_jargon_id_finds_its_entry() {
        let e = find_entry(Config::shared_default(), "jargon", "placement").unwrap();
        assert!(e.phrases.iter().any(|p| p == "placement"));
        assert!(find_entry(Config::shared_default(), "jargon", "no-such-word").is_none());
    }
}
