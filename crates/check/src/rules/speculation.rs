//! `speculation`: a hunch written as if it were established ("my gut feeling is...").
//!
//! Not flagged when the sentence, or the one after it, frames the hunch as a hypothesis: what
//! would confirm or rule it out, how it will be checked (`hypothesis-cues`). Entries tagged
//! `owned` ("I believe", "I think that") are owned opinions and are also accepted when the
//! sentence gives a reason ("because", "as I saw").

use super::word_list::{emit_hit, in_quoted_speech};
use super::{Ctx, Findings};
use crate::catalogue::Category;
use crate::lexicon::List;

pub(crate) fn check(cx: &Ctx<'_>, out: &mut Findings<'_>) {
    let doc = cx.doc;
    for hit in doc.hits_of(List::Speculation) {
        if in_quoted_speech(doc.text, hit.span.start) {
            continue;
        }
        let Some(si) = doc.sentence_at(hit.span.start) else { continue };
        let framed = |i: usize| doc.sentences.get(i).is_some_and(|s| doc.sentence_has(s, List::HypothesisCues));
        if framed(si) || framed(si + 1) {
            continue;
        }
        if doc.entry(hit).tag.as_deref() == Some("owned") && gives_reason(cx, si) {
            continue;
        }
        emit_hit(cx, out, hit, Category::Speculation, |w| {
            format!("\"{w}\" records a hunch as if it were known; say what it rests on and how it will be tested")
        });
    }
}

/// Whether a sentence gives a reason for its opinion.
fn gives_reason(cx: &Ctx<'_>, si: usize) -> bool {
    let s = &cx.doc.sentences[si];
    if cx.doc.sentence_has(s, List::EvidenceCues) {
        return true;
    }
    cx.doc.sentence_words(s).iter().any(|w| {
        let word = cx.doc.slice(*w);
        word.eq_ignore_ascii_case("because") || word.eq_ignore_ascii_case("since")
    })
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{flags, matched};
    use crate::{Category, RecordType};

    const C: Category = Category::Speculation;

    #[test]
    fn flags_hunches() {
        let text = "My gut feeling is that Dad is drinking again. I suspect Mum knew. \
                    It seems likely that Sam was left alone. Something is not right in this family.";
        assert_eq!(
            matched(text, RecordType::Detailed, C),
            ["gut feeling", "I suspect", "It seems likely that", "Something is not right"]
        );
    }

    #[test]
    fn a_hypothesis_is_not_speculation() {
        assert!(!flags(
            "My working hypothesis, from a gut feeling, is that Dad is drinking; a hair strand test would confirm it.",
            RecordType::Detailed,
            C
        ));
        assert!(!flags(
            "I suspect Sam is caring for Mum at night. To test this, I will ask the school about his tiredness.",
            RecordType::Detailed,
            C
        ));
    }

    #[test]
    fn owned_opinion_with_a_reason_is_fine() {
        assert!(flags("I believe Dad is drinking again.", RecordType::Detailed, C));
        assert!(!flags("I believe Dad is drinking again because I smelt alcohol at 9am.", RecordType::Detailed, C));
    }

    #[test]
    fn quoted_speech_is_not_flagged() {
        assert!(!flags("Mum said, \"I have a feeling he is lying.\"", RecordType::Detailed, C));
    }
}
