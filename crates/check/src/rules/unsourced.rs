//! `unsourced`: information reported without saying who it came from ("it was reported that").
//!
//! Not flagged when the same sentence names a source: a telling verb ("told me", "said"), a
//! phrase such as "according to" or "reported by", or a person or role ("the school", "Dr",
//! "the health visitor"), from the `source-cues` list. A cue inside the phrase itself ("said" in
//! "it was said") does not count, and a person or role counts only before the phrase: in "there
//! are concerns that Mr Smith..." Mr Smith is the subject, not the source.

use super::word_list::{emit_hit, in_quoted_speech};
use super::{Ctx, Findings};
use crate::catalogue::Category;
use crate::lexicon::{Hit, List};

pub(crate) fn check(cx: &Ctx<'_>, out: &mut Findings<'_>) {
    for hit in cx.doc.hits_of(List::Unsourced) {
        if in_quoted_speech(cx.doc.text, hit.span.start) {
            continue;
        }
        let Some(si) = cx.doc.sentence_at(hit.span.start) else { continue };
        if names_source(cx, si, hit) {
            continue;
        }
        emit_hit(cx, out, hit, Category::Unsourced, |w| {
            format!("\"{w}\" does not say who gave this information; name the source and when")
        });
    }
}

/// Whether the sentence names a source for `hit`: a source cue not inside the phrase itself and,
/// for people and roles (tag `before`), coming before it.
fn names_source(cx: &Ctx<'_>, si: usize, hit: &Hit) -> bool {
    cx.doc.sentence_hits(&cx.doc.sentences[si], List::SourceCues).any(|h| {
        !hit.span.contains(h.span) && (cx.doc.entry(h).tag.as_deref() != Some("before") || h.span.end <= hit.span.start)
    })
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{flags, matched};
    use crate::{Category, RecordType};

    const C: Category = Category::Unsourced;

    #[test]
    fn flags_unsourced_reports() {
        let text = "It was reported that Dad hit Sam. Dad allegedly drinks every day. \
                    There are concerns that Mum is not coping. It was felt that the home was unsafe.";
        assert_eq!(
            matched(text, RecordType::Detailed, C),
            ["It was reported that", "allegedly", "There are concerns", "It was felt"]
        );
    }

    #[test]
    fn a_named_source_is_enough() {
        assert!(!flags("It was reported by the school that Sam was hungry.", RecordType::Detailed, C));
        assert!(!flags("The health visitor said there are concerns about weight gain.", RecordType::Detailed, C));
        assert!(!flags("According to Dr Vale, concerns were raised about the bruise.", RecordType::Detailed, C));
        assert!(!flags("Ms Lane told me that Noah allegedly missed lessons.", RecordType::Detailed, C));
    }

    #[test]
    fn the_person_reported_on_is_not_the_source() {
        assert!(flags("There are concerns that Mr Smith is drinking.", RecordType::Detailed, C));
        assert!(!flags("The school: there are concerns about lateness.", RecordType::Detailed, C));
    }

    #[test]
    fn the_phrase_is_not_its_own_source() {
        assert!(flags("It was said that Dad had left.", RecordType::Detailed, C));
        assert!(flags("It was shared at the meeting that Mum is drinking.", RecordType::Detailed, C));
    }

    #[test]
    fn quoted_speech_is_not_flagged() {
        assert!(!flags("Mum said, \"Apparently I am a bad mother.\"", RecordType::Detailed, C));
    }
}
