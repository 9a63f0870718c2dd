//! `--report`: what was removed, by kind, each original beside its replacement, so the
//! practitioner can confirm nothing was missed or wrongly hidden before sharing.
//!
//! The report contains the personal data by design. It is shown to the practitioner who owns the
//! record and must never be shared with the redacted text.
//!
//! ```text
//! visit.txt: 4 identifiers removed (6 mentions); check each before sharing:
//!   2 people
//!     Amy Smith / Amy → Child A (3 mentions)
//!     Karen Smith → Mother (1 mention)
//!   1 email address
//!     k.fenwick@example.org → [email] (1 mention)
//! ```

use recordwell_redact::{Entity, EntityKind};
use serde::Serialize;
use std::collections::HashMap;
use std::io::{self, Write};

use crate::style::{Palette, one_line};

/// Everything removed of one kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KindSummary {
    /// The kind.
    pub kind: EntityKind,
    /// How many times an identifier of this kind was replaced.
    pub mentions: usize,
    /// One item per replacement (per person, place or number), in order of first mention.
    pub items: Vec<Item>,
}

/// One identity: its replacement and every way the record wrote it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Item {
    /// What replaced it.
    pub replacement: String,
    /// The distinct original texts, in order of first mention.
    pub originals: Vec<String>,
    /// How many times it was replaced.
    pub mentions: usize,
}

/// Summarises `entities` by kind (in catalogue order) and identity. Identities are told apart by
/// their replacement; in mask mode, where every replacement is █, by their original text.
pub fn summarise(entities: &[Entity], mask: bool) -> Vec<KindSummary> {
    let mut kinds: Vec<KindSummary> = Vec::new();
    let mut items: HashMap<(EntityKind, &str), usize> = HashMap::new();
    for e in entities {
        let k = match kinds.iter().position(|s| s.kind == e.kind) {
            Some(k) => k,
            None => {
                kinds.push(KindSummary { kind: e.kind, mentions: 0, items: Vec::new() });
                kinds.len() - 1
            }
        };
        let summary = &mut kinds[k];
        summary.mentions += 1;
        let identity = if mask { e.text.as_str() } else { e.replacement.as_str() };
        let i = *items.entry((e.kind, identity)).or_insert_with(|| {
            summary.items.push(Item { replacement: e.replacement.clone(), originals: Vec::new(), mentions: 0 });
            summary.items.len() - 1
        });
        let item = &mut summary.items[i];
        item.mentions += 1;
        if !item.originals.contains(&e.text) {
            item.originals.push(e.text.clone());
        }
    }
    kinds.sort_by_key(|s| s.kind);
    kinds
}

/// Writes the report for one record, for a person to read.
pub fn write_text(out: &mut impl Write, p: Palette, name: &str, kinds: &[KindSummary]) -> io::Result<()> {
    let identities: usize = kinds.iter().map(|k| k.items.len()).sum();
    let mentions: usize = kinds.iter().map(|k| k.mentions).sum();
    if identities == 0 {
        return writeln!(
            out,
            "{}: nothing found to remove. Read it through anyway: no tool finds everything.",
            p.strong(&name)
        );
    }
    writeln!(
        out,
        "{}: {} removed ({}); check each before sharing:",
        p.strong(&name),
        plural(identities, "identifier", "identifiers"),
        plural(mentions, "mention", "mentions")
    )?;
    for k in kinds {
        let (one, many) = noun(k.kind);
        writeln!(out, "  {}", p.strong(&plural(k.items.len(), one, many)))?;
        for item in &k.items {
            let originals: Vec<String> = item.originals.iter().map(|o| squeeze(&one_line(o))).collect();
            writeln!(
                out,
                "    {} → {} ({})",
                originals.join(" / "),
                p.good(&one_line(&item.replacement)),
                plural(item.mentions, "mention", "mentions")
            )?;
        }
    }
    writeln!(out, "This report contains the personal data: keep it to yourself. Read the redacted record through too.")
}

/// Runs of spaces become one (an address written over several lines reads as one line).
fn squeeze(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 { format!("1 {one}") } else { format!("{n} {many}") }
}

/// Singular and plural names of each kind, for the report.
fn noun(kind: EntityKind) -> (&'static str, &'static str) {
    match kind {
        EntityKind::Person => ("person", "people"),
        EntityKind::Date => ("date", "dates"),
        EntityKind::Address => ("address", "addresses"),
        EntityKind::Postcode => ("postcode", "postcodes"),
        EntityKind::Phone => ("phone number", "phone numbers"),
        EntityKind::Email => ("email address", "email addresses"),
        EntityKind::NhsNumber => ("NHS number", "NHS numbers"),
        EntityKind::ChiNumber => ("CHI number", "CHI numbers"),
        EntityKind::NiNumber => ("National Insurance number", "National Insurance numbers"),
        EntityKind::Url => ("web address", "web addresses"),
        EntityKind::Organisation => ("organisation", "organisations"),
        EntityKind::Custom => ("local term", "local terms"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entity(kind: EntityKind, text: &str, replacement: &str) -> Entity {
        Entity { kind, start: 0, end: text.len(), text: text.into(), replacement: replacement.into(), role: None }
    }

    fn sample() -> Vec<Entity> {
        vec![
            entity(EntityKind::Person, "Amy Smith", "Child A"),
            entity(EntityKind::Email, "a@example.org", "[email]"),
            entity(EntityKind::Person, "Amy", "Child A"),
            entity(EntityKind::Person, "Karen", "Mother"),
            entity(EntityKind::Person, "Amy", "Child A"),
        ]
    }

    #[test]
    fn groups_by_kind_then_identity() {
        let kinds = summarise(&sample(), false);
        assert_eq!(kinds.iter().map(|k| k.kind).collect::<Vec<_>>(), [EntityKind::Person, EntityKind::Email]);
        let people = &kinds[0];
        assert_eq!(people.mentions, 4);
        assert_eq!(people.items.len(), 2);
        assert_eq!(people.items[0].originals, ["Amy Smith", "Amy"]);
        assert_eq!(people.items[0].mentions, 3);
    }

    #[test]
    fn mask_mode_tells_identities_apart_by_their_text() {
        let masked: Vec<Entity> = sample().into_iter().map(|e| Entity { replacement: "█".into(), ..e }).collect();
        let kinds = summarise(&masked, true);
        assert_eq!(kinds[0].items.len(), 3);
    }

    #[test]
    fn text_names_counts_and_pairs() {
        let mut buf = Vec::new();
        write_text(&mut buf, Palette::plain(), "a.txt", &summarise(&sample(), false)).unwrap();
        let s = String::from_utf8(buf).unwrap();
        assert!(s.starts_with("a.txt: 3 identifiers removed (5 mentions)"), "{s}");
        assert!(s.contains("  2 people\n    Amy Smith / Amy → Child A (3 mentions)\n"), "{s}");
        assert!(s.contains("  1 email address\n    a@example.org → [email] (1 mention)\n"), "{s}");
        let mut buf = Vec::new();
        write_text(&mut buf, Palette::plain(), "b.txt", &[]).unwrap();
        assert!(String::from_utf8(buf).unwrap().contains("nothing found"));
    }

    #[test]
    fn originals_over_several_lines_read_as_one() {
        let e = [entity(EntityKind::Address, "14 Mill Lane\n\tAyr", "[address]")];
        let mut buf = Vec::new();
        write_text(&mut buf, Palette::plain(), "a", &summarise(&e, false)).unwrap();
        assert!(String::from_utf8(buf).unwrap().contains("14 Mill Lane Ayr → [address]"));
    }
}
