//! `unsourced`: information reported without saying who it came from ("it was reported that").
//!
//! Not flagged when the same sentence names a source: a telling verb ("told me", "said"), a
//! phrase such as "according to" or "reported by", or a person or role ("the school", "Dr",
//! "the health visitor"), from the `source-cues` list. A cue inside the phrase itself ("said" in
//! "it was said") does not count.

use super::word_list::{emit_hit, in_quoted_speech, sentence_has_other};
use super::{Ctx, Findings};
use crate::catalogue::Category;
use crate::lexicon::List;

pub(crate) fn check(cx: &Ctx<'_>, out: &mut Findings<'_>) {
    for hit in cx.doc.hits_of(List::Unsourced) {
        if in_quoted_speech(cx.doc.text, hit.span.start) {
            continue;
        }
        let Some(si) = cx.doc.sentence_at(hit.span.start) else { continue };
        if sentence_has_other(cx, si, List::SourceCues, hit.span) {
            continue;
        }
        emit_hit(cx, out, hit, Category::Unsourced, |w| {
            format!("\"{w}\" does not say who gave this information; name the source and when")
        });
    }
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
    fn the_phrase_is_not_its_own_source() {
        assert!(flags("It was said that Dad had left.", RecordType::Detailed, C));
        assert!(flags("It was shared at the meeting that Mum is drinking.", RecordType::Detailed, C));
    }

    #[test]
    fn quoted_speech_is_not_flagged() {
        assert!(!flags("Mum said, \"Apparently I am a bad mother.\"", RecordType::Detailed, C));
    }
}
