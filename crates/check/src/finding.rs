//! A single finding and the vocabulary used to describe it.

use serde::Serialize;
use std::fmt;

use crate::catalogue::Category;

/// Whose eyes a finding is seen through: the two questions trainers ask in pair review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lens {
    /// Could a professional act on this record?
    Colleague,
    /// How does the record read to the person it is about?
    Family,
    /// Both readers are let down.
    Both,
}

impl Lens {
    /// True when this lens includes the colleague reader.
    pub fn colleague(self) -> bool {
        matches!(self, Lens::Colleague | Lens::Both)
    }

    /// True when this lens includes the family reader.
    pub fn family(self) -> bool {
        matches!(self, Lens::Family | Lens::Both)
    }

    /// The lens name as used in JSON and in the catalogue.
    pub fn as_str(self) -> &'static str {
        match self {
            Lens::Colleague => "colleague",
            Lens::Family => "family",
            Lens::Both => "both",
        }
    }
}

impl fmt::Display for Lens {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How much a finding matters. Ordered: `Info < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth a look; a well-written record may still draw these.
    Info,
    /// Should be changed before the record is final.
    Warning,
    /// Makes the record unsafe to act on or unfair to its subject.
    Error,
}

impl Severity {
    /// All severities, least serious first.
    pub const ALL: [Severity; 3] = [Severity::Info, Severity::Warning, Severity::Error];

    /// The name as used in JSON, configuration and text output.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// Parses `info`, `warning` (or `warn`) and `error`.
    pub fn parse(name: &str) -> Option<Severity> {
        match name {
            "info" => Some(Severity::Info),
            "warning" | "warn" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One thing the checker noticed, with where it is and what to do about it.
///
/// `start` and `end` are byte offsets into the checked text and always fall on
/// character boundaries. `line` and `column` are 1-based; the column counts
/// characters, not bytes, so editors can jump straight to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The most specific id, e.g. `jargon/placement`; starts with the category id.
    pub id: String,
    /// The catalogue id this finding belongs to.
    pub category: Category,
    /// Whose reading this finding affects.
    pub lens: Lens,
    /// How much it matters, after configuration.
    pub severity: Severity,
    /// What is wrong, in plain words.
    pub message: String,
    /// A better wording or next step, where one exists.
    pub suggestion: Option<String>,
    /// Byte offset of the first byte of the matched text.
    pub start: usize,
    /// Byte offset one past the last byte of the matched text.
    pub end: usize,
    /// 1-based line of `start`.
    pub line: usize,
    /// 1-based column of `start`, counted in characters.
    pub column: usize,
    /// The matched text itself.
    pub text: String,
}
