//! `hidden-agency`: a passive that hides who decided or did something ("a decision was made",
//! "it was agreed", "the case was closed", "Amy was removed").
//!
//! For each hit of the `agent-participles` list, the rule looks back at the word before it
//! (skipping one adverb such as "not", "then" or "formally"): it must be a form of "be" ("was",
//! "were", "be", "been", "being"; "is" and "are" only for the `any-tense` entries such as "it is
//! agreed", so states like "Amy is placed with her aunt" pass). Then it looks along the rest of
//! the sentence for "by" naming an agent; "by 4 July", "by phone" or "by the end of the week" do
//! not name one. Adjectives after "be" ("I was pleased", "Mum was tired") are not on the list, so
//! they never match.

use super::{Ctx, Findings};
use crate::catalogue::Category;
use crate::lexicon::List;
use crate::text::{Span, leading_date};

pub(crate) fn check(cx: &Ctx<'_>, out: &mut Findings<'_>) {
    let doc = cx.doc;
    let text = doc.text;
    for sentence in &doc.sentences {
        for hit in doc.sentence_hits(sentence, List::AgentParticiples) {
            let entry = doc.entry(hit);
            let any_tense = entry.tag.as_deref() == Some("any-tense");
            let Some(be) = be_before(text, sentence.span.start, hit.span.start, any_tense) else { continue };
            let words = doc.sentence_words(sentence);
            let after = words.partition_point(|w| w.start < hit.span.end);
            if names_agent(text, &words[after..]) {
                continue;
            }
            let span = Span::new(be.start, hit.span.end);
            let phrase = doc.slice(span);
            // The entry's note says what is hidden: "say who decided, and why" → "decided".
            let note = entry.note.as_deref().unwrap_or("say who did it");
            let what = note.strip_prefix("say who ").map_or("did it", |w| w.split(',').next().unwrap_or(w));
            let message = format!(
                "\"{phrase}\" does not say who {what}: the family and colleagues cannot tell whom to ask or challenge"
            );
            let suggestion = match what {
                "decided" => "name who decided, and why: \"the team manager, Ms X, decided … because …\"",
                "held this view" => {
                    "name whose view it was, and why: \"the health visitor, Ms X, and I think … because …\""
                }
                "gave the advice" => "name who advised or recommended it: \"Dr Y advised Ms Z to …\"",
                _ => "name who did it: \"the duty social worker, Mr Y, …\"",
            };
            let detail = slug(doc.slice(hit.span));
            out.emit(Category::HiddenAgency, &detail, span, message, Some(suggestion.to_string()));
        }
    }
}

/// The participle as an id suffix: "stepped down" → "stepped-down".
fn slug(word: &str) -> String {
    word.split_whitespace().map(str::to_ascii_lowercase).collect::<Vec<_>>().join("-")
}

/// The form of "be" just before `at` (over one adverb), if there is one.
fn be_before(text: &str, floor: usize, at: usize, any_tense: bool) -> Option<Span> {
    let mut word = prev_word(text, floor, at)?;
    if is_adverb(word.of(text)) {
        word = prev_word(text, floor, word.start)?;
    }
    let w = word.of(text);
    let past = ["was", "were", "be", "been", "being"].iter().any(|b| w.eq_ignore_ascii_case(b));
    let present = ["is", "are", "it's", "'s"].iter().any(|b| w.eq_ignore_ascii_case(b));
    (past || (any_tense && present)).then_some(word)
}

/// The ASCII word ending just before `at` (over spaces), not before `floor`.
fn prev_word(text: &str, floor: usize, at: usize) -> Option<Span> {
    let b = text.as_bytes();
    let mut end = at;
    while end > floor && matches!(b[end - 1], b' ' | b'\t' | b'\n' | b'\r') {
        end -= 1;
    }
    let mut start = end;
    while start > floor && (b[start - 1].is_ascii_alphabetic() || b[start - 1] == b'\'') {
        start -= 1;
    }
    (start < end).then(|| Span::new(start, end))
}

fn is_adverb(w: &str) -> bool {
    const WORDS: [&str; 13] =
        ["not", "then", "also", "later", "never", "already", "just", "now", "again", "soon", "since", "all", "both"];
    (w.len() > 4 && w.ends_with("ly")) || WORDS.iter().any(|x| w.eq_ignore_ascii_case(x))
}

/// Whether the words just after the participle include "by" followed by someone ("by the team
/// manager", "by Ms Lane", "by me") rather than a time or a means ("by 4 July", "by phone").
/// Only the same clause counts, and only the next few words: in "a decision was made to continue
/// the placement, supplemented by respite" the "by" belongs to another verb.
fn names_agent(text: &str, words: &[Span]) -> bool {
    const REACH: usize = 6;
    let clause_end = words
        .windows(2)
        .position(|pair| text[pair[0].end..pair[1].start].contains([',', ';', ':', '(', ')']))
        .map_or(words.len(), |i| i + 1);
    let words = &words[..clause_end.min(REACH + 1)];
    const NOT_AGENTS: [&str; 26] = [
        "phone",
        "telephone",
        "email",
        "e-mail",
        "letter",
        "text",
        "post",
        "video",
        "then",
        "now",
        "tomorrow",
        "today",
        "tonight",
        "next",
        "end",
        "close",
        "start",
        "time",
        "midday",
        "noon",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "mistake",
    ];
    words.iter().enumerate().any(|(i, w)| {
        if !w.of(text).eq_ignore_ascii_case("by") {
            return false;
        }
        let Some(next) = words.get(i + 1) else { return false };
        let n = next.of(text);
        let key = if n.eq_ignore_ascii_case("the") { words.get(i + 2).map_or("", |s| s.of(text)) } else { n };
        let rest = &text[next.start..];
        !(n.starts_with(|c: char| c.is_ascii_digit())
            || NOT_AGENTS.iter().any(|x| key.eq_ignore_ascii_case(x))
            || leading_date(rest).is_some())
    })
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{findings, matched};
    use crate::{Category, RecordType};

    fn hidden(text: &str) -> Vec<String> {
        matched(text, RecordType::Detailed, Category::HiddenAgency)
    }

    #[test]
    fn flags_hidden_deciders_and_actors() {
        assert_eq!(hidden("A decision was made to end the plan."), ["was made"]);
        assert_eq!(hidden("It was agreed that Amy would stay with her aunt."), ["was agreed"]);
        assert_eq!(hidden("It was felt that Mum needed support."), ["was felt"]);
        assert_eq!(hidden("The case was closed in May."), ["was closed"]);
        assert_eq!(hidden("The referral was stepped down to early help."), ["was stepped down"]);
        assert_eq!(hidden("Amy was removed from the home."), ["was removed"]);
        assert_eq!(hidden("The case has been closed."), ["been closed"]);
        assert_eq!(hidden("The case will be closed by 30 June."), ["be closed"]);
        assert_eq!(hidden("A decision was made to continue the placement, supplemented by respite."), ["was made"]);
        assert_eq!(hidden("It was then agreed by phone that Amy would stay."), ["was then agreed"]);
        assert_eq!(hidden("It is recommended that Leo stays at home."), ["is recommended"]);
    }

    #[test]
    fn messages_ask_for_the_agent() {
        let f = findings("A decision was made.", RecordType::Detailed, Category::HiddenAgency);
        assert_eq!(f[0].id, "hidden-agency/made");
        assert!(f[0].message.contains("who decided"));
        assert!(f[0].suggestion.as_deref().unwrap().contains("decided"));
        let f = findings(
            "The referral was Stepped Down. Mum was advised to rest.",
            RecordType::Detailed,
            Category::HiddenAgency,
        );
        assert_eq!(f[0].id, "hidden-agency/stepped-down");
        assert!(f[0].message.contains("who did it"));
        assert_eq!(f[1].id, "hidden-agency/advised");
        assert!(f[1].message.contains("who gave the advice"));
    }

    #[test]
    fn leaves_named_agents_adjectives_and_active_voice_alone() {
        for text in [
            "The decision was made by the team manager, Ms Holt.",
            "The decision was made jointly by Ms Holt and me.",
            "Amy was removed from the home by the police under a protection order.",
            "I was pleased to see Amy. Mum was tired.",
            "Jane Holt decided that the plan will continue.",
            "Ms Lane agreed to both, starting on 10 April 2025.",
            "Outcome: safety plan agreed with Ms Marsh and Mr Marsh.",
            "Amy is placed with her aunt.",
            "Amy has made a cake.",
        ] {
            assert!(hidden(text).is_empty(), "{text}: {:?}", hidden(text));
        }
    }
}
