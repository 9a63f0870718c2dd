//! `no-strengths`: a case summary or assessment that records only deficits.
//!
//! Strengths are present when any sentence has a `strength-cues` phrase ("strengths", "going
//! well", "is good at", "warm", "managed to", "protective factor") that is not negated. A cue is
//! negated by a negative word ("no", "not", "never", "without", "lack", "n't") among the three
//! words before it in the same clause ("no strengths", "is not going well"), or by "none", "not"
//! or "no" just after it ("Strengths: none identified").

use super::{Ctx, Findings, whole_record_span};
use crate::catalogue::Category;
use crate::document::Document;
use crate::lexicon::{Hit, List};

const NEGATORS: &[&str] = &[
    "no", "not", "never", "without", "lack", "lacks", "lacking", "nothing", "none", "nor", "neither", "hardly",
    "little", "few",
];
/// Words that start a new clause, where a negation stops reaching.
const CLAUSE_BREAKS: &[&str] = &["but", "although", "though", "however", "and", "yet", "while", "whereas"];

pub(crate) fn check(cx: &Ctx<'_>, out: &mut Findings<'_>) {
    let doc = cx.doc;
    if doc.hits_of(List::StrengthCues).any(|h| !negated(doc, h)) {
        return;
    }
    out.emit(
        Category::NoStrengths,
        "",
        whole_record_span(doc),
        "the record lists worries but no strengths or what is going well",
        Some(
            "add the strengths you see in the child and family: what is going well, what they manage, who helps them"
                .into(),
        ),
    );
}

fn negated(doc: &Document<'_>, hit: &Hit) -> bool {
    let text = doc.text;
    let Some(si) = doc.sentence_at(hit.span.start) else { return false };
    let sentence = &doc.sentences[si];
    let words = doc.sentence_words(sentence);
    // Only words wholly before the hit: a hit may start inside a hyphenated word ("no-strengths").
    let at = words.partition_point(|w| w.end <= hit.span.start);
    let mut prev_end = hit.span.start;
    for w in words[..at].iter().rev().take(3) {
        let gap = &text[w.end..prev_end];
        if gap.contains([',', ';', ':', '(', ')']) {
            break;
        }
        let word = w.of(text);
        if CLAUSE_BREAKS.iter().any(|b| word.eq_ignore_ascii_case(b)) {
            break;
        }
        if NEGATORS.iter().any(|n| word.eq_ignore_ascii_case(n))
            || word.ends_with("n't")
            || word.ends_with("n\u{2019}t")
        {
            return true;
        }
        prev_end = w.start;
    }
    let after = words.partition_point(|w| w.start < hit.span.end);
    words[after..].iter().take(2).any(|w| {
        let word = w.of(text);
        ["none", "not", "no"].iter().any(|n| word.eq_ignore_ascii_case(n))
    })
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::flags;
    use crate::{Category, RecordType};

    fn flagged(text: &str) -> bool {
        flags(text, RecordType::Assessment, Category::NoStrengths)
    }

    #[test]
    fn deficits_only_are_flagged() {
        assert!(flagged("Amy misses school. The flat is damp. Mum drinks most evenings."));
    }

    #[test]
    fn negated_strengths_do_not_count() {
        assert!(flagged("There are no strengths in this family. School is not going well."));
        assert!(flagged("Strengths: none identified. Mum doesn't seem warm towards Amy."));
    }

    #[test]
    fn a_cue_inside_a_hyphenated_word_does_not_panic() {
        // Found by the fuzzer: the hit starts after the hyphen, inside the word "òno-strengths".
        for t in [RecordType::CaseSummary, RecordType::Assessment] {
            let _ = crate::check("\0òno-strengths", t, crate::Config::shared_default());
        }
    }

    #[test]
    fn real_strengths_pass() {
        assert!(!flagged("Amy misses school. She is good at drawing."));
        assert!(!flagged("Mum is warm with the baby and has kept every appointment."));
        assert!(!flagged("Amy did not go to school on Monday, but she enjoys her swimming club."));
    }

    #[test]
    fn good_fixtures_pass() {
        assert!(!flags(
            include_str!("../../tests/fixtures/good/assessment.txt"),
            RecordType::Assessment,
            Category::NoStrengths
        ));
        assert!(!flags(
            include_str!("../../tests/fixtures/good/case-summary.txt"),
            RecordType::CaseSummary,
            Category::NoStrengths
        ));
    }
}
