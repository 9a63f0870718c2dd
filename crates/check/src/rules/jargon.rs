//! `jargon`: words from the `jargon` list.
//!
//! "Contact" is listed only in phrases where it means family time ("contact with Mum",
//! "supervised contact"), so "I made contact with the school" is not flagged. A student's or a
//! work placement is not a child's home.

use super::word_list::{check_list_where, prev_word};
use super::{Ctx, Findings};
use crate::catalogue::Category;
use crate::lexicon::{Hit, List};

/// Words before "placement" that make it about work or study rather than a child's home.
const NOT_A_HOME: &[&str] = &["work", "student", "practice", "university", "college", "training", "job", "learning"];

pub(crate) fn check(cx: &Ctx<'_>, out: &mut Findings<'_>) {
    check_list_where(
        cx,
        out,
        List::Jargon,
        Category::Jargon,
        |w| format!("\"{w}\" is service language a family may not use"),
        keep,
    );
}

fn keep(cx: &Ctx<'_>, hit: &Hit) -> bool {
    let is_placement = cx.doc.slice(hit.span).get(..9).is_some_and(|m| m.eq_ignore_ascii_case("placement"));
    match prev_word(cx.doc.text, hit.span.start) {
        Some(before) if is_placement => !NOT_A_HOME.iter().any(|w| before.eq_ignore_ascii_case(w)),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{findings, flags, matched};
    use crate::{Category, RecordType};

    const C: Category = Category::Jargon;

    #[test]
    fn flags_service_words_with_plain_suggestions() {
        let text =
            "Sam's placement is stable. Respite was agreed. The case did not meet threshold and was stepped down.";
        assert_eq!(
            matched(text, RecordType::CaseSummary, C),
            ["placement", "Respite", "did not meet threshold", "stepped down"]
        );
        let f = findings(text, RecordType::CaseSummary, C);
        assert_eq!(f[0].id, "jargon/placement");
        assert!(f[0].suggestion.as_deref().unwrap().contains("home"));
    }

    #[test]
    fn contact_only_when_it_means_family_time() {
        assert_eq!(matched("Sam had contact with mum on Friday.", RecordType::Contact, C), ["contact with mum"]);
        assert!(flags("Supervised contact went well.", RecordType::Contact, C));
        assert!(flags("The contact session was cut short.", RecordType::Contact, C));
        assert!(!flags("I made contact with the school on 3 May.", RecordType::Contact, C));
        assert!(!flags("The nursery contacted us. Her contact details are on file.", RecordType::Contact, C));
    }

    #[test]
    fn a_work_placement_is_not_a_home() {
        assert!(!flags("Noah starts his work placement at the garage in June.", RecordType::Detailed, C));
        assert!(!flags("The student placement ends soon.", RecordType::Detailed, C));
        assert!(flags("The foster placement ended after a week.", RecordType::Detailed, C));
    }

    #[test]
    fn plain_words_are_not_flagged() {
        assert!(!flags("Sam lives with his foster carers and sees Mum every Saturday.", RecordType::Contact, C));
    }
}
