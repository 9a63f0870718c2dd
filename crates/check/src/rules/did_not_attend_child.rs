//! `did-not-attend-child`: "did not attend", "DNA", "failed to attend" said of a child.
//!
//! A child cannot take themselves to the dentist: the words blame the child for an adult not
//! bringing them. The phrase is reported only when it is about a child: the nearest person word
//! before it is a child ("Sam's son", "the baby", a `child-refs` hit), or, when no person word
//! comes first, the sentence is about a child's appointment (clinic, dentist, nursery...). It is
//! not reported when the nearest person before it is an adult ("Dad did not attend the core
//! group"), nor for "DNA test" and the like, nor inside quoted speech.

use super::word_list::{emit_hit, in_quoted_speech, next_word, prev_word};
use super::{Ctx, Findings};
use crate::catalogue::Category;
use crate::document::Sentence;
use crate::lexicon::{Hit, List};

/// Words naming an adult: the subject of "did not attend" is then not the child.
const ADULTS: &[&str] = &[
    "mum",
    "mother",
    "mom",
    "dad",
    "father",
    "parent",
    "parents",
    "carer",
    "carers",
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "grandmother",
    "grandfather",
    "grandma",
    "grandad",
    "grandpa",
    "nan",
    "nana",
    "aunt",
    "auntie",
    "uncle",
    "stepdad",
    "stepmum",
    "stepfather",
    "stepmother",
    "partner",
    "boyfriend",
    "girlfriend",
    "husband",
    "wife",
    "worker",
    "teacher",
    "officer",
    "nurse",
    "doctor",
    "professional",
    "professionals",
    "adult",
    "adults",
    "i",
    "we",
    "family",
];

/// Words naming a child.
const CHILDREN: &[&str] = &[
    "child", "children", "baby", "babies", "infant", "toddler", "son", "daughter", "boy", "girl", "kids", "twins",
    "sibling", "siblings", "pupil", "yp",
];

/// Words that place the sentence in a child's appointment (matched as word prefixes).
const CONTEXT: &[&str] = &[
    "appointment",
    "clinic",
    "dentist",
    "dental",
    "nursery",
    "school",
    "hospital",
    "gp",
    "optician",
    "orthodont",
    "camhs",
    "paediatric",
    "pediatric",
    "immunisation",
    "immunization",
    "vaccination",
    "jab",
    "check-up",
    "checkup",
    "health assessment",
    "hearing",
    "audiology",
    "speech",
    "salt",
    "physio",
    "outpatient",
    "surgery",
    "health visitor",
    "development check",
    "eye test",
    "review health",
];

/// Words after "DNA" that make it genetics, not attendance.
pub(super) const GENETIC: &[&str] = &[
    "test", "tests", "testing", "tested", "sample", "samples", "swab", "result", "results", "evidence", "profile",
    "match", "analysis",
];

pub(crate) fn check(cx: &Ctx<'_>, out: &mut Findings<'_>) {
    let doc = cx.doc;
    for hit in doc.hits_of(List::DidNotAttend) {
        if in_quoted_speech(doc.text, hit.span.start) || is_genetic(cx, hit) {
            continue;
        }
        let Some(si) = doc.sentence_at(hit.span.start) else { continue };
        let sentence = &doc.sentences[si];
        let person = if subject_is_a_name(cx, hit) { None } else { nearest_person(cx, sentence, hit) };
        let about_child = match person {
            Some(Person::Adult) => false,
            Some(Person::Child) => true,
            None => has_context(cx, sentence),
        };
        if about_child {
            emit_hit(cx, out, hit, Category::DidNotAttendChild, |w| {
                format!("\"{w}\" blames the child; a child is brought (or not) by an adult: write \"was not brought\"")
            });
        }
    }
}

fn is_genetic(cx: &Ctx<'_>, hit: &Hit) -> bool {
    let text = cx.doc.text;
    let matched = cx.doc.slice(hit.span);
    if !matched.starts_with("DNA") {
        return false;
    }
    next_word(text, hit.span.end).is_some_and(|w| GENETIC.iter().any(|g| w.eq_ignore_ascii_case(g)))
        || prev_word(text, hit.span.start).is_some_and(|w| w.eq_ignore_ascii_case("paternity"))
}

/// Whether the word just before the phrase is a bare first name ("Kai did not attend"): the
/// subject is then that person, whoever else the sentence names earlier ("Ms Patel told me that
/// Kai did not attend"), and whether they are a child is read from the context.
fn subject_is_a_name(cx: &Ctx<'_>, hit: &Hit) -> bool {
    let text = cx.doc.text;
    let Some(word) = prev_word(text, hit.span.start) else { return false };
    let capitalised =
        word.chars().next().is_some_and(char::is_uppercase) && word.chars().skip(1).any(char::is_lowercase);
    let is_person_word = ADULTS.iter().chain(CHILDREN).any(|w| word.eq_ignore_ascii_case(w));
    let titled = text[..hit.span.start]
        .trim_end()
        .strip_suffix(word)
        .and_then(|before| prev_word(before, before.len()))
        .is_some_and(|t| ["Mr", "Mrs", "Ms", "Miss", "Dr", "Mx"].contains(&t));
    capitalised && !is_person_word && !titled
}

enum Person {
    Adult,
    Child,
}

/// The nearest word before the hit, in its sentence, that names an adult or a child.
fn nearest_person(cx: &Ctx<'_>, sentence: &Sentence, hit: &Hit) -> Option<Person> {
    let doc = cx.doc;
    let child_ref = doc.sentence_hits(sentence, List::ChildRefs).filter(|h| h.span.end <= hit.span.start).last();
    let adult_ref = doc.sentence_hits(sentence, List::AdultRefs).filter(|h| h.span.end <= hit.span.start).last();
    let mut best: Option<(usize, Person)> = None;
    let mut consider = |at: usize, p: Person| {
        if best.as_ref().is_none_or(|(b, _)| at > *b) {
            best = Some((at, p));
        }
    };
    if let Some(h) = child_ref {
        consider(h.span.start, Person::Child);
    }
    if let Some(h) = adult_ref {
        consider(h.span.start, Person::Adult);
    }
    for w in doc.sentence_words(sentence).iter().rev().filter(|w| w.end <= hit.span.start) {
        let word = doc.slice(*w);
        let base = word.strip_suffix("'s").or_else(|| word.strip_suffix("\u{2019}s")).unwrap_or(word);
        if ADULTS.iter().any(|a| base.eq_ignore_ascii_case(a)) {
            consider(w.start, Person::Adult);
            break;
        }
        if CHILDREN.iter().any(|c| base.eq_ignore_ascii_case(c)) {
            consider(w.start, Person::Child);
            break;
        }
    }
    best.map(|(_, p)| p)
}

fn has_context(cx: &Ctx<'_>, sentence: &Sentence) -> bool {
    let lower = cx.doc.slice(sentence.span).to_ascii_lowercase();
    let bytes = lower.as_bytes();
    CONTEXT.iter().any(|c| lower.match_indices(c).any(|(i, _)| i == 0 || !bytes[i - 1].is_ascii_alphanumeric()))
        || cx.doc.sentence_has(sentence, List::ChildRefs)
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{findings, flags, matched};
    use crate::{Category, RecordType};

    const C: Category = Category::DidNotAttendChild;

    #[test]
    fn the_name_before_the_phrase_is_its_subject() {
        let text = "Ms Patel told me that Kai did not attend his dental appointment.";
        assert_eq!(matched(text, RecordType::Contact, C), ["did not attend"]);
        assert!(!flags("Kai told me that Mr Patel did not attend the core group.", RecordType::Contact, C));
    }

    #[test]
    fn flags_a_child_who_was_not_brought() {
        assert_eq!(
            matched("Leo did not attend his dental appointment.", RecordType::Chronology, C),
            ["did not attend"]
        );
        assert_eq!(matched("12.03.2025 - DNA at the eye clinic.", RecordType::Chronology, C), ["DNA"]);
        assert!(flags("The baby failed to attend the 8-week check.", RecordType::Contact, C));
        assert!(flags("Sam was a no show at nursery again.", RecordType::Contact, C));
        assert!(flags("Mia DNA'd the CAMHS appointment.", RecordType::Contact, C));
        let f = findings("Leo did not attend nursery today.", RecordType::Contact, C);
        assert!(f[0].suggestion.as_deref().unwrap().contains("was not brought"));
    }

    #[test]
    fn adults_not_attending_is_not_flagged() {
        assert!(!flags("Dad did not attend the core group.", RecordType::Detailed, C));
        assert!(!flags("Mr Marsh did not attend the parenting session.", RecordType::Detailed, C));
        assert!(!flags("Mum failed to attend her own GP appointment.", RecordType::Detailed, C));
        assert!(!flags("The housing officer did not attend.", RecordType::Detailed, C));
    }

    #[test]
    fn no_child_context_is_not_flagged() {
        assert!(!flags("Sam Reed did not attend the team meeting.", RecordType::Supervision, C));
    }

    #[test]
    fn dna_test_is_genetics() {
        assert!(!flags("A DNA test showed Mr Marsh is the baby's father.", RecordType::Detailed, C));
        assert!(!flags("The court ordered paternity DNA testing for the child.", RecordType::Detailed, C));
    }

    #[test]
    fn was_not_brought_is_fine() {
        assert!(!flags("Leo was not brought to his dental appointment on 3 March.", RecordType::Chronology, C));
    }
}
