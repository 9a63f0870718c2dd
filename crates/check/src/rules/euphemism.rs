//! `euphemism`: words from the `euphemism` list.

use super::word_list::check_list;
use super::{Ctx, Findings};
use crate::catalogue::Category;
use crate::lexicon::List;

pub(crate) fn check(cx: &Ctx<'_>, out: &mut Findings<'_>) {
    check_list(cx, out, List::Euphemism, Category::Euphemism, |w| format!("\"{w}\" hides what was done and by whom"));
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{findings, flags, matched};
    use crate::{Category, RecordType};

    const C: Category = Category::Euphemism;

    #[test]
    fn flags_euphemisms() {
        let text = "Police attended a domestic incident. There was an altercation. \
                    Jade (14) is putting herself at risk in an inappropriate relationship.";
        assert_eq!(
            matched(text, RecordType::Detailed, C),
            ["domestic incident", "altercation", "putting herself at risk", "inappropriate relationship"]
        );
        let f = findings(text, RecordType::Detailed, C);
        assert!(f[2].message.contains("responsibility"), "{}", f[2].message);
    }

    #[test]
    fn naming_the_harm_is_not_flagged() {
        let text = "Mr Smith punched Ms Jones in the face while Sam watched from the stairs. \
                    A 24-year-old man is sexually exploiting Jade.";
        assert!(!flags(text, RecordType::Detailed, C));
    }
}
