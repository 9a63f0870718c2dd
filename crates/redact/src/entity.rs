//! What the detectors find.

use serde::Serialize;
use std::fmt;

/// The kind of an identifier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EntityKind {
    /// A person's name, with or without a title.
    Person,
    /// A date: dates of birth always, other dates when [`crate::Options::all_dates`] is set.
    Date,
    /// A street address, flat, house name or whole address line.
    Address,
    /// A UK postcode.
    Postcode,
    /// A UK landline, mobile or international phone number.
    Phone,
    /// An email address.
    Email,
    /// An NHS number (ten digits with a mod-11 check digit).
    NhsNumber,
    /// A Scottish CHI number (DDMMYY plus four digits, mod-11 check digit).
    ChiNumber,
    /// A National Insurance number.
    NiNumber,
    /// A web address.
    Url,
    /// A school, nursery, GP practice or named service (when [`crate::Options::organisations`]).
    Organisation,
    /// A term from the organisation's own list (street names, estates, local schools).
    Custom,
}

impl EntityKind {
    /// Every kind.
    pub const ALL: [EntityKind; 12] = [
        EntityKind::Person,
        EntityKind::Date,
        EntityKind::Address,
        EntityKind::Postcode,
        EntityKind::Phone,
        EntityKind::Email,
        EntityKind::NhsNumber,
        EntityKind::ChiNumber,
        EntityKind::NiNumber,
        EntityKind::Url,
        EntityKind::Organisation,
        EntityKind::Custom,
    ];

    /// The kind's id, as used in JSON and reports.
    pub fn id(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Date => "date",
            EntityKind::Address => "address",
            EntityKind::Postcode => "postcode",
            EntityKind::Phone => "phone",
            EntityKind::Email => "email",
            EntityKind::NhsNumber => "nhs-number",
            EntityKind::ChiNumber => "chi-number",
            EntityKind::NiNumber => "ni-number",
            EntityKind::Url => "url",
            EntityKind::Organisation => "organisation",
            EntityKind::Custom => "custom",
        }
    }

    /// Looks a kind up by its id.
    pub fn from_id(id: &str) -> Option<EntityKind> {
        EntityKind::ALL.into_iter().find(|k| k.id() == id)
    }

    /// When two detections overlap, the higher priority wins the label (a postcode inside an
    /// address line is part of the address). Structured numbers are the most certain.
    pub(crate) fn priority(self) -> u8 {
        match self {
            EntityKind::Email | EntityKind::Url => 9,
            EntityKind::NhsNumber | EntityKind::ChiNumber | EntityKind::NiNumber => 8,
            EntityKind::Phone => 7,
            EntityKind::Address => 6,
            EntityKind::Postcode => 5,
            EntityKind::Date => 4,
            EntityKind::Custom => 3,
            EntityKind::Organisation => 2,
            EntityKind::Person => 1,
        }
    }
}

impl fmt::Display for EntityKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// What the text says a person is, so their label can say it too ("Mother", "Child A").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// A child or young person.
    Child,
    /// The child's mother.
    Mother,
    /// The child's father.
    Father,
    /// A grandparent.
    Grandparent,
    /// A professional (social worker, teacher, doctor, police officer).
    Professional,
    /// Any other adult.
    Adult,
}

/// One identifier found in the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entity {
    /// What it is.
    pub kind: EntityKind,
    /// First byte, in the original text.
    pub start: usize,
    /// One past the last byte, in the original text.
    pub end: usize,
    /// The original text (never log this: it is the personal data).
    pub text: String,
    /// What replaces it: a label such as "Child A" or "[postcode]", or █ in mask mode.
    pub replacement: String,
    /// For people, the role the text gives them, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
}

/// A detector's raw finding, before overlaps are merged and labels assigned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Candidate {
    pub kind: EntityKind,
    pub start: usize,
    pub end: usize,
    /// For people: who this is, normalised ("amy", "yusuf"), so every mention of the same person
    /// gets the same label. For other kinds: the normalised text (same address, same label).
    pub key: String,
    /// For people: the role the text gives them.
    pub role: Option<Role>,
}

impl Candidate {
    /// A candidate whose key is its own text, lowercased with spaces squeezed.
    pub(crate) fn plain(text: &str, kind: EntityKind, start: usize, end: usize) -> Candidate {
        Candidate { kind, start, end, key: normalise(&text[start..end]), role: None }
    }
}

/// Lowercase, with runs of whitespace and punctuation squeezed to one space.
pub(crate) fn normalise(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    if s.is_ascii() {
        // The same, byte by byte: for ASCII, letters and digits are the alphanumeric characters
        // and lower-casing is ASCII lower-casing.
        let mut gap = false;
        for &b in s.as_bytes() {
            if b.is_ascii_alphanumeric() {
                if gap && !out.is_empty() {
                    out.push(' ');
                }
                gap = false;
                out.push(char::from(b.to_ascii_lowercase()));
            } else {
                gap = true;
            }
        }
        return out;
    }
    normalise_chars(s, out)
}

/// [`normalise`] for any text, appending to `out`.
fn normalise_chars(s: &str, mut out: String) -> String {
    for word in s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_text_normalises_as_any_text_does() {
        let samples = [
            "",
            " ",
            "Flat 2, 14 Mossgiel Road, KA1 2AB",
            "  --Amy  Smith-- ",
            "O'Neill",
            "a.b.c",
            "X",
            "12/03/2015",
            "!!",
            "Mx. J. Smith-Jones (6)",
            "tab\there\nnewline",
            "[address] 2",
        ];
        for s in samples {
            assert_eq!(normalise(s), normalise_chars(s, String::new()), "{s:?}");
        }
        let all: String = (0u8..128).map(char::from).collect();
        assert_eq!(normalise(&all), normalise_chars(&all, String::new()));
        assert_eq!(normalise("Zoë  Łukasz"), "zoë łukasz");
    }
}
