//! `judgemental-language`: words from the `judgemental` list.
//!
//! "Difficult" is listed only in phrases said of a person ("difficult mother", "being
//! difficult"), so "it is difficult to know" is not flagged.

use super::word_list::check_list;
use super::{Ctx, Findings};
use crate::catalogue::Category;
use crate::lexicon::List;

pub(crate) fn check(cx: &Ctx<'_>, out: &mut Findings<'_>) {
    check_list(cx, out, List::Judgemental, Category::JudgementalLanguage, |w| {
        format!("\"{w}\" passes judgement without saying what happened")
    });
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{findings, flags, matched};
    use crate::{Category, RecordType};

    const C: Category = Category::JudgementalLanguage;

    #[test]
    fn flags_non_compliant_in_any_spelling() {
        let text = "Mum was non-compliant. Dad was Non Compliant too.";
        assert_eq!(matched(text, RecordType::Detailed, C), ["non-compliant", "Non Compliant"]);
    }

    #[test]
    fn flags_common_judgements_with_suggestions() {
        let text = "Ms Jones refused to engage and was aggressive. Sam is attention-seeking and manipulative.";
        assert_eq!(
            matched(text, RecordType::Contact, C),
            ["refused to engage", "aggressive", "attention-seeking", "manipulative"]
        );
        assert!(findings(text, RecordType::Contact, C).iter().all(|f| f.suggestion.is_some()));
    }

    #[test]
    fn difficult_only_of_a_person() {
        assert!(flags("Mr Smith was a difficult father to work with.", RecordType::Contact, C));
        assert!(flags("Mum was being difficult again.", RecordType::Contact, C));
        assert!(!flags("It is difficult for Sam to get to school by bus.", RecordType::Contact, C));
        assert!(!flags("Sam said maths is very difficult.", RecordType::Contact, C));
    }

    #[test]
    fn quoted_speech_is_the_speakers() {
        assert!(!flags("Dad told me, \"The school says he is naughty.\"", RecordType::Contact, C));
    }

    #[test]
    fn plain_description_is_not_flagged() {
        let text = "Ms Jones did not answer the door on 4 May. Sam shouted and threw a cup at the wall.";
        assert!(!flags(text, RecordType::Contact, C));
    }
}
