//! The detectors: one file per kind of identifier, each with its own tests.
//!
//! Every detector appends [`Candidate`]s; overlaps are merged afterwards, so detectors need not
//! know about each other. Each must be linear in the length of the text and never panic.

use crate::entity::Candidate;
use crate::options::Options;

mod address;
mod custom;
mod date;
mod email;
mod nhs_chi;
mod ni_number;
mod organisation;
mod person;
mod phone;
mod postcode;
mod url;

/// Runs every detector that the options switch on.
pub(crate) fn all(text: &str, options: &Options) -> Vec<Candidate> {
    let mut out = Vec::new();
    email::find(text, &mut out);
    url::find(text, &mut out);
    // The number detectors jump from digit to digit: the digits are found once for all four.
    let digits = crate::chars::DigitRuns::new(text.as_bytes());
    phone::find(text, &digits, &mut out);
    postcode::find_with(text, &digits, &mut out);
    nhs_chi::find(text, &digits, &mut out);
    ni_number::find(text, &digits, &mut out);
    date::find(text, options.all_dates, &mut out);
    address::find(text, &mut out);
    // Organisations are read from the people detector's words: one pass splits the text for both.
    person::find(text, &mut out, |words, out| {
        if options.organisations {
            organisation::find(text, words, out);
        }
    });
    let mut custom = Vec::new();
    custom::find(text, &options.custom_terms, &out, &mut custom);
    out.append(&mut custom);
    out
}
