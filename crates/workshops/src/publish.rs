//! Whether a text is safe to publish outside the series (the emerging-learning update): it
//! names no one, and no service so small that naming it identifies the people in it.
//!
//! Three things are looked for: the participants' own names (full, and each part of three letters
//! or more, as whole words), which must come out; the services with fewer than
//! [`crate::MIN_GROUP`] people, which must come out too; and anything else the de-identification
//! engine takes for a person's name, which the editor must look at and may confirm is not one
//! (the engine errs on the side of caution: a capitalised word at the start of a line can look
//! like a surname). Each problem gives its place in the text, for the editor to show.

use serde::Serialize;

/// Something that must come out before publishing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Problem {
    /// A participant's name: must come out.
    Name {
        /// The words found.
        text: String,
        /// Byte offsets.
        start: usize,
        /// End.
        end: usize,
    },
    /// Something the de-identification engine takes for a name: look, and take it out unless
    /// it is not one.
    PossibleName {
        /// The words found.
        text: String,
        /// Byte offsets.
        start: usize,
        /// End.
        end: usize,
    },
    /// A service too small to be named: must come out.
    SmallService {
        /// The service's name as found.
        text: String,
        /// Byte offsets.
        start: usize,
        /// End.
        end: usize,
    },
}

impl Problem {
    /// Where it is.
    pub fn span(&self) -> (usize, usize) {
        match self {
            Problem::Name { start, end, .. }
            | Problem::PossibleName { start, end, .. }
            | Problem::SmallService { start, end, .. } => (*start, *end),
        }
    }

    /// Whether the editor may confirm it and publish anyway.
    pub fn may_confirm(&self) -> bool {
        matches!(self, Problem::PossibleName { .. })
    }

    /// What to say about it.
    pub fn message(&self) -> String {
        match self {
            Problem::Name { text, .. } => format!("“{text}” is a participant's name: take it out"),
            Problem::PossibleName { text, .. } => {
                format!("“{text}” may be someone's name: take it out, or confirm that it is not one")
            }
            Problem::SmallService { text, .. } => format!(
                "“{text}” has fewer than {} people in the series, so naming it identifies them: say “other services”",
                crate::MIN_GROUP
            ),
        }
    }
}

/// The problems in `text`, in text order: `names` are the participants' names, `small_services`
/// the services too small to name.
pub fn problems(text: &str, names: &[&str], small_services: &[String]) -> Vec<Problem> {
    let mut found = vec![];
    let lower = text.to_lowercase();
    // Lower-casing can change lengths outside ASCII; offsets are then found in the text itself.
    let same_offsets = lower.len() == text.len();
    let mut words: Vec<String> = vec![];
    for name in names {
        let name = name.trim();
        if name.is_empty() {
            continue;
        }
        words.push(name.to_lowercase());
        words.extend(name.split_whitespace().filter(|w| w.chars().count() >= 3).map(str::to_lowercase));
    }
    for word in &words {
        for (start, end) in whole_words(if same_offsets { &lower } else { text }, word, !same_offsets) {
            found.push(Problem::Name { text: text[start..end].to_owned(), start, end });
        }
    }
    for service in small_services.iter().map(|s| s.trim().to_lowercase()).filter(|s| !s.is_empty()) {
        for (start, end) in whole_words(if same_offsets { &lower } else { text }, &service, !same_offsets) {
            found.push(Problem::SmallService { text: text[start..end].to_owned(), start, end });
        }
    }
    let options = recordwell_redact::Options::default();
    for e in recordwell_redact::detect(text, &options) {
        if e.kind == recordwell_redact::EntityKind::Person {
            found.push(Problem::PossibleName { text: e.text.clone(), start: e.start, end: e.end });
        }
    }
    found.sort_by_key(|p| (p.span().0, std::cmp::Reverse(p.span().1)));
    // One problem per place: a full name found both ways, or inside a longer find, is said once.
    let mut kept: Vec<Problem> = vec![];
    for p in found {
        if kept.last().is_none_or(|k| p.span().0 >= k.span().1) {
            kept.push(p);
        }
    }
    kept
}

/// Where `needle` occurs in `haystack` as whole words (not inside a longer word).
fn whole_words(haystack: &str, needle: &str, ignore_case: bool) -> Vec<(usize, usize)> {
    let mut out = vec![];
    if needle.is_empty() {
        return out;
    }
    let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
    let mut from = 0;
    while from < haystack.len() {
        let at = if ignore_case {
            find_ignoring_case(&haystack[from..], needle)
        } else {
            haystack[from..].find(needle).map(|i| (i, needle.len()))
        };
        let Some((i, len)) = at else { break };
        let (start, end) = (from + i, from + i + len);
        if boundary(haystack[..start].chars().next_back()) && boundary(haystack[end..].chars().next()) {
            out.push((start, end));
        }
        from = start + haystack[start..].chars().next().map_or(1, char::len_utf8);
    }
    out
}

/// The first place `needle` (lower case) occurs in `hay` ignoring case: (offset, length in `hay`).
fn find_ignoring_case(hay: &str, needle: &str) -> Option<(usize, usize)> {
    let n = needle.chars().count();
    hay.char_indices().find_map(|(i, _)| {
        let mut it = hay[i..].char_indices();
        let mut matched = 0;
        let mut end = 0;
        for expect in needle.chars() {
            let (j, c) = it.next()?;
            if !c.to_lowercase().eq(expect.to_lowercase()) {
                return None;
            }
            matched += 1;
            end = j + c.len_utf8();
        }
        (matched == n).then_some((i, end))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(found: &[Problem]) -> Vec<(&'static str, &str)> {
        found
            .iter()
            .map(|p| match p {
                Problem::Name { text, .. } => ("name", text.as_str()),
                Problem::PossibleName { text, .. } => ("possible", text.as_str()),
                Problem::SmallService { text, .. } => ("service", text.as_str()),
            })
            .collect()
    }

    #[test]
    fn participants_names_and_small_services_are_found_as_whole_words() {
        let text = "Practitioners valued protected time. Morag said the justice team wants templates; \
                    Morgan's point about chronologies was shared.";
        let found = problems(text, &["Morag Lindsay"], &["Justice".to_owned()]);
        // "Morgan" is no participant, but the engine knows a name when it sees one.
        assert_eq!(kinds(&found), vec![("name", "Morag"), ("service", "justice"), ("possible", "Morgan")]);
        assert!(!found[0].may_confirm() && !found[1].may_confirm() && found[2].may_confirm());
        let (start, end) = found[0].span();
        assert_eq!(&text[start..end], "Morag");
        assert!(found[1].message().contains("other services"));
    }

    #[test]
    fn a_general_update_passes() {
        let text = "Across services, practitioners found that writing with the person, not about them, \
                    changed how records read. Among the assets: time in supervision to read records.";
        assert!(problems(text, &["Morag Lindsay", "Ali Khan"], &["Justice".to_owned()]).is_empty());
    }

    #[test]
    fn names_the_engine_recognises_are_found_even_if_not_a_participant() {
        let found = problems("Feedback from Mrs Jane Robertson was positive.", &[], &[]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(matches!(&found[0], Problem::PossibleName { text, .. } if text.contains("Robertson")));
    }

    #[test]
    fn case_and_letters_beyond_ascii() {
        let found = problems("ÉILIDH spoke; Éilidh agreed.", &["Éilidh Ross"], &[]);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(problems("Alpha", &["Al Bo"], &[]).is_empty(), "two-letter parts are not searched alone");
        assert!(problems("", &["Ali Khan"], &[]).is_empty());
    }
}
