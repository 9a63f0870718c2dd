//! Consistent labels: the same person, place or number gets the same replacement throughout a
//! document, and people's labels say their role where the text does ("Child A", "Mother").

use std::borrow::Cow;

use crate::entity::{Entity, EntityKind, Role};
use crate::merge::Merged;
use crate::options::{Labels, Options};

use crate::fast_hash::FastMap as HashMap;
use std::collections::hash_map::Entry;

/// Turns merged candidates into entities with their replacements.
pub(crate) fn assign(text: &str, candidates: Vec<Merged<'_>>, options: &Options) -> Vec<Entity> {
    let candidates = births_everywhere(candidates);
    let mut book = LabelBook::with_capacity(if options.mask { 0 } else { candidates.len() });
    // A person's role may only be stated at a later mention ("Amy ... her daughter Amy"): take the
    // first role any mention gives, for every mention.
    let mut roles: HashMap<&str, Role> = HashMap::default();
    for c in candidates.iter().filter(|c| c.kind == EntityKind::Person) {
        if let Some(role) = c.role {
            roles.entry(c.key.as_ref()).or_insert(role);
        }
    }
    let mut out = Vec::with_capacity(candidates.len());
    for c in &candidates {
        let original = &text[c.start..c.end];
        let role = if c.kind == EntityKind::Person { roles.get(c.key.as_ref()).copied().or(c.role) } else { None };
        let replacement = if options.mask { mask(original) } else { book.label(c, role, original, &options.labels) };
        out.push(Entity { kind: c.kind, start: c.start, end: c.end, text: original.to_string(), replacement, role });
    }
    out
}

/// A date that is a date of birth somewhere in the record is one everywhere: an ordinary date
/// ("date:…") with the same date as a date of birth ("dob:…") takes the birth key, so the same
/// text is never labelled two ways.
fn births_everywhere(mut candidates: Vec<Merged<'_>>) -> Vec<Merged<'_>> {
    let is_date = |c: &Merged, prefix: &str| c.kind == EntityKind::Date && c.key.starts_with(prefix);
    if !candidates.iter().any(|c| is_date(c, "date:")) || !candidates.iter().any(|c| is_date(c, "dob:")) {
        return candidates;
    }
    let births: crate::fast_hash::FastSet<String> =
        candidates.iter().filter(|c| is_date(c, "dob:")).map(|c| c.key["dob:".len()..].to_string()).collect();
    for c in candidates.iter_mut().filter(|c| c.kind == EntityKind::Date) {
        if let Some(date) = c.key.strip_prefix("date:")
            && births.contains(date)
        {
            c.key = Cow::Owned(format!("dob:{date}"));
        }
    }
    candidates
}

/// Replaces every character except line breaks with █, keeping the length in characters.
///
/// Mask mode hides every identifier this way, so it must cost less than finding them: an
/// identifier without a line break (nearly all) is one █ per byte that starts a character,
/// written by `repeat`; the rest go character by character. Neither path re-checks the UTF-8.
fn mask(original: &str) -> String {
    let (mut starts, mut breaks) = (0, false);
    for &b in original.as_bytes() {
        starts += usize::from(b & 0xC0 != 0x80);
        breaks |= b == b'\n' || b == b'\r';
    }
    if !breaks {
        return "█".repeat(starts);
    }
    let mut out = String::with_capacity(original.len() * "█".len());
    for c in original.chars() {
        out.push(if c == '\n' || c == '\r' { c } else { '█' });
    }
    out
}

/// The labels handed out so far, by label template and identity key, borrowing both.
#[derive(Default)]
struct LabelBook<'a> {
    /// Every label given, once; the tables below hold indices into it.
    names: Vec<String>,
    /// (template, key) → label already given.
    given: HashMap<(&'a str, &'a str), usize>,
    /// (template, exact original text) → label already given: the same text always reads the
    /// same, even where two detections keyed it differently.
    by_text: HashMap<(&'a str, &'a str), usize>,
    /// template → how many different identities have used it (a handful of templates: a list).
    used: Vec<(&'a str, usize)>,
}

impl<'a> LabelBook<'a> {
    /// A book with room for `n` labels, so that its tables rarely grow.
    fn with_capacity(n: usize) -> LabelBook<'a> {
        LabelBook {
            names: Vec::with_capacity(n),
            given: HashMap::with_capacity_and_hasher(n, Default::default()),
            by_text: HashMap::with_capacity_and_hasher(n, Default::default()),
            used: Vec::new(),
        }
    }

    fn label(&mut self, c: &'a Merged<'_>, role: Option<Role>, original: &'a str, labels: &'a Labels) -> String {
        let template = template(c, role, original, labels);
        let key: &'a str = c.key.as_ref();
        // One lookup by key: a known identity reads as before; otherwise the same text may
        // already have a label, or the identity takes the template's next one.
        let at = match self.given.entry((template, key)) {
            Entry::Occupied(known) => *known.get(),
            Entry::Vacant(slot) => {
                let at = match self.by_text.get(&(template, original)) {
                    Some(&at) => at,
                    None => {
                        let n = match self.used.iter_mut().find(|(t, _)| *t == template) {
                            Some((_, n)) => n,
                            None => {
                                self.used.push((template, 0));
                                &mut self.used.last_mut().expect("just pushed").1
                            }
                        };
                        *n += 1;
                        self.names.push(fill(template, *n, is_person_template(c.kind)));
                        self.names.len() - 1
                    }
                };
                *slot.insert(at)
            }
        };
        self.by_text.entry((template, original)).or_insert(at);
        self.names[at].clone()
    }
}

fn is_person_template(kind: EntityKind) -> bool {
    kind == EntityKind::Person
}

/// Fills `{}` with a letter (people: A, B, … Z, AA, AB, …) or a number (places); a template
/// without `{}` gets " 2", " 3" … from its second identity on.
fn fill(template: &str, n: usize, letters: bool) -> String {
    if template.contains("{}") {
        let mark = if letters { letter(n) } else { n.to_string() };
        template.replacen("{}", &mark, 1)
    } else if n == 1 {
        template.to_string()
    } else {
        format!("{template} {n}")
    }
}

/// 1 → A, 26 → Z, 27 → AA.
fn letter(mut n: usize) -> String {
    let mut out = Vec::new();
    while n > 0 {
        n -= 1;
        out.push(b'A' + (n % 26) as u8);
        n /= 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

fn template<'l>(c: &Merged<'_>, role: Option<Role>, original: &str, labels: &'l Labels) -> &'l str {
    match c.kind {
        EntityKind::Person => match role {
            Some(Role::Child) => &labels.child,
            Some(Role::Mother) => &labels.mother,
            Some(Role::Father) => &labels.father,
            Some(Role::Grandparent) => &labels.grandparent,
            Some(Role::Professional) => &labels.professional,
            Some(Role::Adult) | None => &labels.adult,
        },
        EntityKind::Organisation => {
            let lower = original.to_lowercase();
            if lower.contains("nursery") {
                &labels.nursery
            } else if lower.contains("school") || lower.contains("academy") || lower.contains("college") {
                &labels.school
            } else if ["surgery", "medical", "practice", "health centre"].iter().any(|w| lower.contains(w)) {
                &labels.gp_practice
            } else {
                &labels.organisation
            }
        }
        EntityKind::Date if c.key.starts_with("dob:") => &labels.date_of_birth,
        EntityKind::Date => &labels.date,
        EntityKind::Address => &labels.address,
        EntityKind::Postcode => &labels.postcode,
        EntityKind::Phone => &labels.phone,
        EntityKind::Email => &labels.email,
        EntityKind::NhsNumber => &labels.nhs_number,
        EntityKind::ChiNumber => &labels.chi_number,
        EntityKind::NiNumber => &labels.ni_number,
        EntityKind::Url => &labels.url,
        EntityKind::Custom => &labels.custom,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entity::Candidate;

    fn merged(cands: &[Candidate]) -> Vec<Merged<'_>> {
        cands.iter().map(Merged::from).collect()
    }

    fn person(key: &str, start: usize, end: usize, role: Option<Role>) -> Candidate {
        Candidate { kind: EntityKind::Person, start, end, key: key.into(), role }
    }

    #[test]
    fn the_same_person_keeps_one_label_and_roles_spread_to_every_mention() {
        let text = "Amy met Bo. Amy is Bo's daughter.";
        let cands = vec![
            person("amy", 0, 3, None),
            person("bo", 8, 10, None),
            person("amy", 12, 15, Some(Role::Child)),
            person("bo", 19, 21, None),
        ];
        let e = assign(text, merged(&cands), &Options::default());
        let labels: Vec<&str> = e.iter().map(|e| e.replacement.as_str()).collect();
        assert_eq!(labels, ["Child A", "Adult A", "Child A", "Adult A"]);
    }

    #[test]
    fn a_date_of_birth_anywhere_is_one_everywhere() {
        let date =
            |key: &str, start| Candidate { kind: EntityKind::Date, start, end: start + 2, key: key.into(), role: None };
        let text = "12 x 12 y 13";
        let cands = vec![date("date:2016-05-04", 0), date("dob:2016-05-04", 5), date("date:2017-01-01", 10)];
        let e = assign(text, merged(&cands), &Options { all_dates: true, ..Options::default() });
        let labels: Vec<&str> = e.iter().map(|e| e.replacement.as_str()).collect();
        assert_eq!(labels, ["[date of birth]", "[date of birth]", "[date]"]);
    }

    #[test]
    fn letters_run_past_z() {
        assert_eq!(letter(1), "A");
        assert_eq!(letter(26), "Z");
        assert_eq!(letter(27), "AA");
    }

    #[test]
    fn fixed_labels_are_numbered_from_the_second_identity() {
        assert_eq!(fill("Mother", 1, true), "Mother");
        assert_eq!(fill("Mother", 2, true), "Mother 2");
        assert_eq!(fill("School {}", 2, false), "School 2");
    }

    #[test]
    fn mask_keeps_the_length_in_characters() {
        assert_eq!(mask("Zoë Ng"), "██████");
        assert_eq!(mask("Flat 2\r\nZoë"), "██████\r\n███");
        assert_eq!(mask(""), "");
    }
}
