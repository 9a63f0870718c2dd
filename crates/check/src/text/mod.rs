//! Text analysis: spans, words, sentences and syllables.
//!
//! Everything here works on byte offsets into the original text, always on character
//! boundaries, so findings can point straight back into what the practitioner wrote.

mod dates;
mod sentences;
mod syllables;
mod words;

pub use dates::{
    DateValue, dates, find_dates, find_times, has_date, has_time, leading_date, leading_date_value, parse_date,
};
pub use sentences::sentences;
pub use syllables::syllables;
pub use words::{WordIter, words};

use std::ops::Range;

/// A byte range of the checked text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`.
    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end);
        Span { start, end }
    }

    /// As a range, for slicing.
    pub fn range(self) -> Range<usize> {
        self.start..self.end
    }

    /// The text it covers.
    pub fn of(self, text: &str) -> &str {
        &text[self.start..self.end]
    }

    /// Whether `other` lies wholly inside this span.
    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// Length in bytes.
    pub fn len(self) -> usize {
        self.end - self.start
    }

    /// Whether the span is empty.
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }
}
