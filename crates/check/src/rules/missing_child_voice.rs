//! `missing-child-voice`: the record should carry the child's own words, wishes and feelings, or,
//! for a child who cannot or will not talk, say so and record what the worker saw them do
//! (BASW England 2020; Write Enough trainers' notes: "wishes and feelings of the child, unless
//! s/he was too young").
//!
//! The child's voice is present when, in some sentence:
//!
//! - a `voice-cues` verb ("said", "told me", "wants", "would like", "feels", "is worried") has a
//!   child as its speaker: the nearest person before it (a child word, a child's name learnt by
//!   [`People`], or a pronoun that refers back to one), or, for `"...," said Amy`, the person just
//!   after it. Words inside quotation marks are the speaker's, not people in the sentence.
//!   Once another adult has spoken in a sentence ("Mum said she wants...", "Mum said Amy wants"),
//!   the rest of it is that adult's report, not the child's voice; "Amy's views are" and "her
//!   son's wish is" count too;
//! - or the record says why the child's words cannot be recorded (`young-child-cues`: "too
//!   young", "pre-verbal", "baby", "months old", "did not want to talk", or an age of three or
//!   under written by a child's name) and records something the child was seen to do
//!   (`observation-cues`: "smiled", "reached for", "settled", "played") with the child as actor.
//!
//! One finding per record, at its first line, when neither is found.

use super::people::{Mention, People, Who, actor};
use super::{Ctx, Findings, whole_record_span};
use crate::catalogue::Category;
use crate::document::Document;
use crate::lexicon::List;

/// A child of this age in months or younger ("aged 3" and under) is taken to be too young to give
/// their views fully in words, so what they were seen to do counts as their voice.
const YOUNG_MONTHS: u32 = 36;

pub(crate) fn check(cx: &Ctx<'_>, out: &mut Findings<'_>) {
    let doc = cx.doc;
    let people = cx.people();
    let found = scan(doc, people);
    if found.voice || (found.young && found.observed) {
        return;
    }
    let (message, suggestion) = if found.young {
        (
            "the record says the child cannot give their views in words, but not what you saw them do",
            "record what you observed: how the child looked, played, reacted and who they turned to",
        )
    } else {
        (
            "the record has no words, wishes or feelings of the child",
            "quote the child, or say what they told you they want and feel; for a baby or a child who does not \
             talk, say so and record what you saw them do",
        )
    };
    out.emit(Category::MissingChildVoice, "", whole_record_span(doc), message, Some(suggestion.to_string()));
}

#[derive(Debug, Default)]
struct Found {
    voice: bool,
    young: bool,
    observed: bool,
}

fn scan(doc: &Document<'_>, people: &People<'_>) -> Found {
    let mut found = Found {
        young: doc.has(List::YoungChildCues) || people.youngest_months().is_some_and(|m| m <= YOUNG_MONTHS),
        ..Found::default()
    };
    let mut mentions: Vec<Mention> = Vec::new();
    let mut scratch: Vec<Mention> = Vec::new();
    for (si, sentence) in doc.sentences.iter().enumerate() {
        let relevant = doc.hits[sentence.hits.clone()].iter().any(|h| {
            (h.list == List::VoiceCues && !found.voice)
                || (h.list == List::ObservationCues && found.young && !found.observed)
        });
        if !relevant {
            continue;
        }
        let before = people.carried_into(doc, si, &mut scratch);
        people.mentions(doc, sentence, &mut mentions);
        if !found.voice {
            for hit in doc.sentence_hits(sentence, List::VoiceCues) {
                if people.in_quote(hit.span.start) || is_passive(doc, hit.span.start) {
                    continue;
                }
                if doc.entry(hit).tag.as_deref() == Some("view")
                    && childs_possessive_before(doc, people, hit.span.start)
                {
                    found.voice = true;
                    break;
                }
                match actor(doc.text, &mentions, hit.span.start, before) {
                    Some(Who::Child) => {
                        found.voice = true;
                        break;
                    }
                    // Another adult's report: the rest of the sentence is what they said.
                    Some(Who::Adult) if doc.entry(hit).tag.as_deref() == Some("speech") => break,
                    _ => {}
                }
            }
        }
        if found.young && !found.observed {
            found.observed = doc.sentence_hits(sentence, List::ObservationCues).any(|h| {
                !people.in_quote(h.span.start) && actor(doc.text, &mentions, h.span.start, before) == Some(Who::Child)
            });
        }
        if found.voice && (found.observed || !found.young) {
            break;
        }
    }
    found
}

/// Whether the cue at byte `at` is passive ("Owen was described as …", "she was told"): the child
/// is then spoken about or to, not speaking.
fn is_passive(doc: &Document<'_>, at: usize) -> bool {
    let before = doc.text[..at].trim_end();
    let word = before.rsplit(|c: char| !c.is_ascii_alphabetic()).next().unwrap_or("");
    ["was", "were", "is", "are", "been", "being", "be"].iter().any(|b| word.eq_ignore_ascii_case(b))
}

/// Whether the word just before byte `at` is a child's possessive: "Amy's views are", "her
/// daughter's wishes are".
fn childs_possessive_before(doc: &Document<'_>, people: &People<'_>, at: usize) -> bool {
    let Some(si) = doc.sentence_at(at) else { return false };
    let words = doc.sentence_words(&doc.sentences[si]);
    let i = words.partition_point(|w| w.start < at);
    let Some(prev) = i.checked_sub(1).map(|p| words[p].of(doc.text)) else { return false };
    let Some(base) = prev.strip_suffix("'s").or_else(|| prev.strip_suffix("\u{2019}s")) else { return false };
    people.is_child_name(base)
        || ["child", "son", "daughter", "baby", "boy", "girl", "person", "children"]
            .iter()
            .any(|c| base.eq_ignore_ascii_case(c))
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{findings, flags};
    use crate::{Category, RecordType};

    fn flagged(text: &str) -> bool {
        flags(text, RecordType::Contact, Category::MissingChildVoice)
    }

    #[test]
    fn a_quoted_child_has_a_voice() {
        assert!(!flagged("I saw Amy (6) alone. She told me, \"I like my new school.\""));
        assert!(!flagged("\"I want to stay with Nan,\" said Amy (9)."));
        assert!(!flagged("I saw Ben (8) alone. Ben said he is worried about his dad."));
        assert!(!flagged("I asked her son what he would like to happen at weekends."));
    }

    #[test]
    fn a_baby_too_young_to_talk_with_observations_has_a_voice() {
        let text = "I saw Rosa (9 months) with her mother. Rosa is too young to tell me how she feels. \
                    She smiled at her mum and reached for her when I picked up my bag.";
        assert!(!flagged(text));
        let text = "The baby is four months old. He settled quickly in his cot and made eye contact with me.";
        assert!(!flagged(text));
    }

    #[test]
    fn a_first_name_with_no_cue_can_speak() {
        assert!(!flagged("Visit on 5 May 2025. I saw Sophie in her room. Sophie said \"I miss my nan\"."));
        // Once the child is known by age, another unknown name is not taken for the child.
        assert!(flagged("I saw Tom (10) alone. Sharon said she wants a bigger flat."));
    }

    #[test]
    fn a_child_s_views_written_as_a_possessive_count() {
        assert!(!flagged("I saw Amy (9) alone. Amy's views are that she wants to stay at her school."));
        assert!(!flagged("I met her daughter. Her daughter's wish is to see her dad more."));
        assert!(flagged("I saw Amy (9). Mum's views are that Amy should move school."));
    }

    #[test]
    fn a_three_year_old_seen_playing_has_a_voice() {
        assert!(!flagged("I saw Lily (3) with her dad. Lily showed me her doll and smiled when he picked her up."));
    }

    #[test]
    fn too_young_without_observations_is_flagged_with_its_own_message() {
        let f = findings(
            "Rosa (9 months) is too young to give her views.",
            RecordType::Contact,
            Category::MissingChildVoice,
        );
        assert_eq!(f.len(), 1);
        assert!(f[0].message.contains("what you saw"));
    }

    #[test]
    fn being_described_is_not_speaking() {
        assert!(flagged("Owen (13) was described as attention-seeking by staff. Owen was told to go home."));
        assert!(!flagged("Owen (13) was worried about school. He said he wants to move."));
    }

    #[test]
    fn a_parent_speaking_for_the_child_is_not_the_child_s_voice() {
        assert!(flagged("I visited Ms Lee and Amy (6). Mum said she wants Amy to go to a new school."));
        assert!(flagged("Ms Lee told me Amy (6) wants to stay at home."));
        assert!(flagged("Amy's teacher said she is doing well."));
        assert!(flagged("I visited the family. Mum said she feels tired."));
    }

    #[test]
    fn a_record_about_adults_only_is_flagged() {
        let f =
            findings("I visited Ms Lee. We talked about the rent.", RecordType::Contact, Category::MissingChildVoice);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].id, "missing-child-voice");
        assert!(f[0].suggestion.is_some());
    }

    #[test]
    fn does_not_apply_to_chronologies() {
        assert!(!flags("01.02.2025 - Visit to Ms Lee.", RecordType::Chronology, Category::MissingChildVoice));
    }

    #[test]
    fn good_fixtures_have_the_child_s_voice() {
        for (text, t) in [
            (include_str!("../../tests/fixtures/good/contact.txt"), RecordType::Contact),
            (include_str!("../../tests/fixtures/good/case-summary.txt"), RecordType::CaseSummary),
            (include_str!("../../tests/fixtures/good/assessment.txt"), RecordType::Assessment),
        ] {
            assert!(!flags(text, t, Category::MissingChildVoice), "{t}");
        }
    }
}
