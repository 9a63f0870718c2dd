//! `judgemental-language`: words from the `judgemental` list.

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
    use crate::rules::testing::matched;
    use crate::{Category, RecordType};

    #[test]
    fn flags_non_compliant_in_any_spelling() {
        let text = "Mum was non-compliant. Dad was Non Compliant too.";
        assert_eq!(
            matched(text, RecordType::Detailed, Category::JudgementalLanguage),
            ["non-compliant", "Non Compliant"]
        );
    }
}
