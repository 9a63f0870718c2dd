//! `opinion-as-fact`: an evaluative label ("the home was unsuitable") written as if it were a fact.
//!
//! Opinions are allowed and needed, but a reader must be able to tell them from facts: each one
//! needs an owner ("in my view", "the health visitor's view", "Ms X told me") and its evidence
//! (what was seen, "because …", "for example …"). A label is judged within its sentence:
//!
//! - owner: a hit from `owner-cues` anywhere in the sentence. A `reported` cue ("Ms X told me",
//!   "the health visitor's view", "Amy feels") attributes the view to someone else: the record
//!   reports it rather than asserts it, so the sentence is left alone;
//! - evidence: a hit from `evidence-cues` in the sentence (except the `not` entries, uses of "as"
//!   that give no reason), a colon or dash after the label introducing the detail ("the kitchen
//!   was dirty: …"), or a `lead` evidence cue opening the next sentence ("For example, …").
//!
//! What is missing decides the id: `no-owner-or-evidence` and `no-evidence` are warnings;
//! `no-owner` (the sentence gives its evidence, so a colleague can weigh it) is info. A label
//! inside quotation marks is someone's own words and is left alone, and so is a label that another
//! word-list rule (judgemental, labelling, euphemism) already reports at the same place.

use super::{Ctx, Findings};
use crate::catalogue::Category;
use crate::document::Sentence;
use crate::finding::Severity;
use crate::lexicon::List;
use crate::text::Span;

pub(crate) fn check(cx: &Ctx<'_>, out: &mut Findings<'_>) {
    let doc = cx.doc;
    for (si, sentence) in doc.sentences.iter().enumerate() {
        let mut labels = doc.sentence_hits(sentence, List::OpinionLabels).peekable();
        if labels.peek().is_none() {
            continue;
        }
        let mut owned = false;
        let mut reported = false;
        for h in doc.sentence_hits(sentence, List::OwnerCues) {
            owned = true;
            reported |= doc.entry(h).tag.as_deref() == Some("reported");
        }
        if reported {
            // Someone else's view, attributed: the record reports it rather than asserting it.
            continue;
        }
        let evidenced_here =
            doc.sentence_hits(sentence, List::EvidenceCues).any(|h| doc.entry(h).tag.as_deref() != Some("not"));
        let evidence_follows = doc.sentences.get(si + 1).is_some_and(|next| opens_with_evidence(cx, next));
        for hit in labels {
            if reported_elsewhere(cx, sentence, hit.span) || quoted(doc.text, sentence.span, hit.span) {
                continue;
            }
            let evidenced = evidenced_here || evidence_follows || detail_follows(doc.text, sentence.span, hit.span);
            if owned && evidenced {
                continue;
            }
            let label = doc.slice(hit.span);
            let (detail, severity, message) = match (owned, evidenced) {
                (false, false) => (
                    "no-owner-or-evidence",
                    Severity::Warning,
                    format!(
                        "\"{label}\" is written as a fact, with no owner and no evidence: whose view is it, and what \
                         was seen or heard?"
                    ),
                ),
                (true, false) => (
                    "no-evidence",
                    Severity::Warning,
                    format!(
                        "\"{label}\" is an owned opinion with no evidence: say what was seen or heard that led to it"
                    ),
                ),
                _ => (
                    "no-owner",
                    Severity::Info,
                    format!("\"{label}\" is an opinion written as a fact: say whose view it is"),
                ),
            };
            let entry = doc.entry(hit);
            let suggestion = match &entry.suggestion {
                Some(s) => format!("what was seen, and \"in my view … because …\"; {s}"),
                None => "what was seen, and \"in my view … because …\"".to_string(),
            };
            out.emit_with_severity(Category::OpinionAsFact, detail, severity, hit.span, message, Some(suggestion));
        }
    }
}

/// Whether the next sentence opens with an evidence cue such as "For example" or "I saw".
fn opens_with_evidence(cx: &Ctx<'_>, next: &Sentence) -> bool {
    let doc = cx.doc;
    let Some(first_word) = doc.sentence_words(next).first() else { return false };
    doc.sentence_hits(next, List::EvidenceCues)
        .next()
        .is_some_and(|h| h.span.start == first_word.start && doc.entry(h).tag.as_deref() == Some("lead"))
}

/// Whether another word-list rule already reports this place (so it is not reported twice).
fn reported_elsewhere(cx: &Ctx<'_>, sentence: &Sentence, span: Span) -> bool {
    cx.doc.hits[sentence.hits.clone()].iter().any(|h| {
        matches!(h.list, List::Judgemental | List::Labelling | List::Euphemism)
            && h.span.start < span.end
            && span.start < h.span.end
    })
}

/// Whether the label sits inside quotation marks within its sentence: a person's own words.
fn quoted(text: &str, sentence: Span, label: Span) -> bool {
    let before = &text[sentence.start..label.start];
    let straight = before.bytes().filter(|&b| b == b'"').count();
    let open = before.matches('\u{201C}').count();
    let close = before.matches('\u{201D}').count();
    straight % 2 == 1 || open > close
}

/// Whether a colon or dash right after the label introduces the detail ("dirty: there were …").
fn detail_follows(text: &str, sentence: Span, label: Span) -> bool {
    let rest = text[label.end..sentence.end].trim_start();
    rest.starts_with(':') || rest.starts_with(" - ") || rest.starts_with("- ") || rest.starts_with('\u{2013}')
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::findings;
    use crate::{Category, RecordType, Severity};

    fn ids(text: &str) -> Vec<String> {
        findings(text, RecordType::Detailed, Category::OpinionAsFact).into_iter().map(|f| f.id).collect()
    }

    #[test]
    fn bare_label_has_neither_owner_nor_evidence() {
        let f = findings("The home was unsuitable.", RecordType::Detailed, Category::OpinionAsFact);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].id, "opinion-as-fact/no-owner-or-evidence");
        assert_eq!(f[0].text, "unsuitable");
        assert_eq!(f[0].severity, Severity::Warning);
        assert!(f[0].message.contains("no owner and no evidence"));
        assert!(f[0].suggestion.as_deref().unwrap().contains("in my view"));
        assert_eq!(
            ids("Home conditions were poor and the kitchen was chaotic."),
            ["opinion-as-fact/no-owner-or-evidence", "opinion-as-fact/no-owner-or-evidence"]
        );
    }

    #[test]
    fn owned_without_evidence() {
        assert_eq!(ids("In my view the home is unsafe for a baby."), ["opinion-as-fact/no-evidence"]);
        assert_eq!(ids("I think the care is not good enough."), ["opinion-as-fact/no-evidence"]);
    }

    #[test]
    fn evidenced_without_owner_is_info() {
        let f = findings(
            "The kitchen was dirty because there were nappies on the floor.",
            RecordType::Detailed,
            Category::OpinionAsFact,
        );
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].id, "opinion-as-fact/no-owner");
        assert_eq!(f[0].severity, Severity::Info);
        assert_eq!(ids("The kitchen was dirty: nappies lay on the floor."), ["opinion-as-fact/no-owner"]);
        assert_eq!(ids("The home was messy. For example, clothes covered the stairs."), ["opinion-as-fact/no-owner"]);
    }

    #[test]
    fn owned_and_evidenced_is_fine() {
        for text in [
            "In my view the home is unsafe for Amy because the stair gate is broken.",
            "I think the relationship is volatile, as I saw them shout at each other twice.",
            "I consider the care good enough. I saw Mum change and feed Amy gently.",
            "The health visitor's view is that the home is unsuitable, for example there is no cot.",
        ] {
            assert!(ids(text).is_empty(), "{text}: {:?}", ids(text));
        }
    }

    #[test]
    fn as_usual_is_not_a_reason() {
        assert_eq!(ids("I think the home was chaotic as usual."), ["opinion-as-fact/no-evidence"]);
    }

    #[test]
    fn reported_views_are_attributed() {
        assert!(ids("The health visitor's view is that the care is not good enough.").is_empty());
        assert!(ids("Amy feels unsafe when Dad shouts.").is_empty());
        assert!(ids("Ms Lane told me the flat was dirty.").is_empty());
    }

    #[test]
    fn quoted_words_and_plain_description_are_left_alone() {
        assert!(ids("Then, \"the flat is a mess\" came out of nowhere.").is_empty());
        assert!(ids("The kitchen was clean and there was food in the fridge.").is_empty());
        assert!(ids("Amy played with her cat.").is_empty());
    }
}
