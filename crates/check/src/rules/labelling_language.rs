//! `labelling-language`: words from the `labelling` list.

use super::word_list::check_list;
use super::{Ctx, Findings};
use crate::catalogue::Category;
use crate::lexicon::List;

pub(crate) fn check(cx: &Ctx<'_>, out: &mut Findings<'_>) {
    check_list(cx, out, List::Labelling, Category::LabellingLanguage, |w| {
        format!("\"{w}\" defines a person by a condition or situation")
    });
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{flags, matched};
    use crate::{Category, RecordType};

    const C: Category = Category::LabellingLanguage;

    #[test]
    fn flags_labels() {
        let text = "He is an autistic boy who suffers from asthma. His mother is wheelchair-bound. \
                    He comes from a broken home.";
        assert_eq!(
            matched(text, RecordType::CaseSummary, C),
            ["an autistic", "suffers from", "wheelchair-bound", "broken home"]
        );
    }

    #[test]
    fn person_first_wording_is_not_flagged() {
        let text = "Sam is autistic and has asthma. His mother uses a wheelchair. His parents live apart.";
        assert!(!flags(text, RecordType::CaseSummary, C));
    }

    #[test]
    fn exploitation_labels() {
        assert_eq!(matched("Jade was described as a child prostitute.", RecordType::Detailed, C), ["child prostitute"]);
    }
}
