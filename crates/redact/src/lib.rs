//! # recordwell-redact
//!
//! De-identifies social-work records so that real examples can be shared in training safely,
//! while the record stays readable enough to learn from ("Mother told Child A that …").
//!
//! ```
//! use recordwell_redact::{redact, Options};
//!
//! let out = redact("Mum emailed from k.fenwick@example.org on Monday.", &Options::default());
//! assert_eq!(out.text, "Mum emailed from [email] on Monday.");
//! ```
//!
//! Recall comes first: getting this wrong is a data breach about a child. Every detector errs
//! towards hiding; over-redaction is measured (see `examples/evaluate.rs`) and kept low, but a
//! missed identifier is the worse failure.
//!
//! This crate is pure: text in, entities and redacted text out. No I/O, no threads.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod detect;
mod entity;
mod merge;
mod options;
mod pseudonym;

pub use entity::{Entity, EntityKind, Role};
pub use options::{Labels, Options, OptionsError};

/// A redacted record: the new text and what was taken out of the original.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Redacted {
    /// The text with every entity replaced by its label (or by █ in mask mode).
    pub text: String,
    /// What was found, in order, with byte offsets into the *original* text.
    pub entities: Vec<Entity>,
}

/// Finds the identifiers in `text`, sorted by start, not overlapping, each with the replacement
/// [`redact`] would use.
pub fn detect(text: &str, options: &Options) -> Vec<Entity> {
    let candidates = detect::all(text, options);
    let merged = merge::merge(candidates);
    pseudonym::assign(text, merged, options)
}

/// Replaces every identifier in `text` with its label.
pub fn redact(text: &str, options: &Options) -> Redacted {
    let entities = detect(text, options);
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for e in &entities {
        out.push_str(&text[at..e.start]);
        out.push_str(&e.replacement);
        at = e.end;
    }
    out.push_str(&text[at..]);
    Redacted { text: out, entities }
}
