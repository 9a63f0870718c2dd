//! Terminal colours: one palette, switched on or off once per run.
//!
//! Colour is decided by `--color`: `always` and `never` are obeyed; `auto` (the default) colours
//! only when the stream is a terminal and `NO_COLOR` is not set (`CLICOLOR_FORCE` forces it on),
//! following anstream's rules. Text from the record is never written with raw control
//! characters (see `excerpt`), so colour codes are the only escapes we emit.

use anstyle::{AnsiColor, Style};
use std::fmt;

use crate::ColorWhen;

/// The styles used in text output. When colour is off every style is plain.
#[derive(Debug, Clone, Copy)]
pub struct Palette {
    enabled: bool,
}

/// A piece of text with a style, displayed with the escape codes only when colour is on.
pub struct Painted<'a, T: fmt::Display> {
    style: Style,
    enabled: bool,
    value: &'a T,
}

impl<T: fmt::Display> fmt::Display for Painted<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.enabled {
            write!(f, "{}{}{:#}", self.style, self.value, self.style)
        } else {
            write!(f, "{}", self.value)
        }
    }
}

impl Palette {
    /// A palette for standard output under the given `--color` choice.
    pub fn for_stdout(when: ColorWhen) -> Palette {
        let enabled = match when {
            ColorWhen::Always => true,
            ColorWhen::Never => false,
            ColorWhen::Auto => anstream::AutoStream::choice(&std::io::stdout()) != anstream::ColorChoice::Never,
        };
        Palette { enabled }
    }

    /// A palette for standard error under the given `--color` choice.
    pub fn for_stderr(when: ColorWhen) -> Palette {
        let enabled = match when {
            ColorWhen::Always => true,
            ColorWhen::Never => false,
            ColorWhen::Auto => anstream::AutoStream::choice(&std::io::stderr()) != anstream::ColorChoice::Never,
        };
        Palette { enabled }
    }

    /// A palette that never colours.
    #[cfg(test)]
    pub fn plain() -> Palette {
        Palette { enabled: false }
    }

    fn paint<T: fmt::Display>(self, style: Style, value: &T) -> Painted<'_, T> {
        Painted { style, enabled: self.enabled, value }
    }

    /// A severity name or caret in the severity's colour.
    pub fn severity<T: fmt::Display>(self, severity: recordwell_check::Severity, value: &T) -> Painted<'_, T> {
        let colour = match severity {
            recordwell_check::Severity::Error => AnsiColor::Red,
            recordwell_check::Severity::Warning => AnsiColor::Yellow,
            recordwell_check::Severity::Info => AnsiColor::Cyan,
        };
        self.paint(Style::new().bold().fg_color(Some(colour.into())), value)
    }

    /// File names, headings.
    pub fn strong<T: fmt::Display>(self, value: &T) -> Painted<'_, T> {
        self.paint(Style::new().bold(), value)
    }

    /// Gutters and other scaffolding.
    pub fn dim<T: fmt::Display>(self, value: &T) -> Painted<'_, T> {
        self.paint(Style::new().fg_color(Some(AnsiColor::Blue.into())).bold(), value)
    }

    /// Suggestions and good news.
    pub fn good<T: fmt::Display>(self, value: &T) -> Painted<'_, T> {
        self.paint(Style::new().fg_color(Some(AnsiColor::Green.into())).bold(), value)
    }

    /// Errors about the run itself.
    pub fn bad<T: fmt::Display>(self, value: &T) -> Painted<'_, T> {
        self.paint(Style::new().fg_color(Some(AnsiColor::Red.into())).bold(), value)
    }
}

/// Text shown on one line of a terminal: any newline or control character becomes a space, so
/// text from a record can neither break the layout nor inject terminal escapes.
pub fn one_line(s: &str) -> String {
    s.chars().map(|c| if c.is_control() { ' ' } else { c }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_palette_writes_no_escapes() {
        let p = Palette::plain();
        assert_eq!(p.strong(&"x").to_string(), "x");
        assert_eq!(p.severity(recordwell_check::Severity::Error, &"error").to_string(), "error");
    }

    #[test]
    fn coloured_palette_wraps_in_escapes() {
        let p = Palette { enabled: true };
        let s = p.severity(recordwell_check::Severity::Error, &"error").to_string();
        assert!(s.starts_with('\u{1b}') && s.contains("error") && s.ends_with('m'));
    }
}
