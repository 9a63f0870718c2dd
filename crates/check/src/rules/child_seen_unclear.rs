//! `child-seen-unclear`: a contact record should say whether the child was seen, whether they
//! were seen alone, and why not when they were not (Ofsted 2019; SWIA 2010 "On the record").
//!
//! How the record is read, sentence by sentence:
//!
//! - **seen**: a seeing verb from `seen-cues` ("saw", "visited", "spoke with", "played with")
//!   with a child as its object or subject: a child word ("her son") or a child's name learnt by
//!   [`People`], or a pronoun that refers back to one. A child after the verb counts unless
//!   the worker only talked *about* them ("I spoke to Mum about Amy"); a child before the verb
//!   counts when it is the nearest person to it ("Amy met me at the door") or the verb is
//!   passive ("Amy was seen"). A future "I will see Amy" is a plan, not a visit. A "Present:"
//!   line naming the child also counts.
//! - **not seen**: a `not-seen` cue ("was not seen", "did not see", "was not at home") in a
//!   sentence about a child.
//! - **alone**: an `alone-cues` phrase ("alone", "on her own") or a `not-alone` one ("with mum
//!   present", "not seen alone") in a sentence about a child, or in or just after a seen sentence;
//!   a `with` phrase ("with her dad") counts as not alone only in the sentence saying the child
//!   was seen ("I saw Lily with her dad").
//! - **forms**: "Child seen: No" and "Seen alone: No" count as not seen and not alone.
//! - **why not**: a `reason` cue ("because", "asleep", "at school", "declined") in the same
//!   sentence or the next.
//!
//! Findings: `child-seen-unclear/not-stated` when nothing says either way;
//! `child-seen-unclear/alone` when the child was seen but nothing says whether alone;
//! `child-seen-unclear/why-not` at each "not seen" or "not alone" with no reason near it.

use super::people::{Mention, People, Who, actor, resolve};
use super::{Ctx, Findings, whole_record_span};
use crate::catalogue::Category;
use crate::document::Document;
use crate::lexicon::{Hit, List};
use crate::text::Span;

#[derive(Default)]
struct Reading {
    /// The first seeing cue with a child.
    seen: Option<Span>,
    /// Statements that the child was not seen.
    not_seen: Vec<(usize, Span)>,
    /// Statements that the child was not alone.
    not_alone: Vec<(usize, Span)>,
    /// Whether anything says the child was, or was not, alone.
    alone_stated: bool,
}

pub(crate) fn check(cx: &Ctx<'_>, out: &mut Findings<'_>) {
    let doc = cx.doc;
    let people = cx.people();
    let r = read(doc, people);

    if r.seen.is_none() && r.not_seen.is_empty() && r.not_alone.is_empty() {
        out.emit(
            Category::ChildSeenUnclear,
            "not-stated",
            whole_record_span(doc),
            "the record does not say whether the child was seen",
            Some("say whether you saw the child, whether you saw them alone, and if not, why not".into()),
        );
        return;
    }
    if let Some(span) = r.seen
        && !r.alone_stated
    {
        out.emit(
            Category::ChildSeenUnclear,
            "alone",
            span,
            "the record says the child was seen but not whether they were seen alone",
            Some("add whether you saw the child on their own, and if not, who was there and why".into()),
        );
    }
    for &(sentence, span) in &r.not_seen {
        if !has_reason(doc, sentence) {
            out.emit(
                Category::ChildSeenUnclear,
                "why-not",
                span,
                "the record says the child was not seen but not why",
                Some("say why the child was not seen and when you will see them".into()),
            );
        }
    }
    for &(sentence, span) in &r.not_alone {
        if !has_reason(doc, sentence) {
            out.emit(
                Category::ChildSeenUnclear,
                "why-not",
                span,
                "the record says the child was not seen alone but not why",
                Some("say why the child was not seen on their own, and when you will see them alone".into()),
            );
        }
    }
}

fn read(doc: &Document<'_>, people: &People<'_>) -> Reading {
    let mut r = Reading::default();
    let mut mentions: Vec<Mention> = Vec::new();
    let mut scratch: Vec<Mention> = Vec::new();
    let mut seen_sentence: Option<usize> = None;
    for (si, sentence) in doc.sentences.iter().enumerate() {
        let hits = &doc.hits[sentence.hits.clone()];
        let relevant = hits.iter().any(|h| {
            h.list == List::SeenCues || (h.list == List::AloneCues && doc.entry(h).tag.as_deref() != Some("reason"))
        });
        if !relevant {
            continue;
        }
        let before = people.carried_into(doc, si, &mut scratch);
        people.mentions(doc, sentence, &mut mentions);
        let about_child = (0..mentions.len()).any(|i| resolve(&mentions, i, before) == Some(Who::Child));

        let mut seen_here = false;
        for hit in hits.iter().filter(|h| h.list == List::SeenCues) {
            if people.in_quote(hit.span.start) {
                continue;
            }
            match doc.entry(hit).tag.as_deref() {
                Some("not-seen") => {
                    // "was not seen alone": seen, but not alone (the alone cue reports it).
                    let alone_follows = hits.iter().any(|h| {
                        h.list == List::AloneCues
                            && doc.entry(h).tag.as_deref() != Some("reason")
                            && h.span.start <= hit.span.end + 1
                            && h.span.end > hit.span.end
                    });
                    if alone_follows && about_child {
                        seen_here = true;
                    } else if about_child {
                        r.not_seen.push((si, hit.span));
                    }
                }
                Some("present") => {
                    if mentions.iter().any(|m| m.who == Who::Child) {
                        seen_here = true;
                        r.seen.get_or_insert(hit.span);
                    }
                }
                _ => {
                    if !is_plan(doc, hit) && child_seen(doc, &mentions, hit, before) {
                        if answered_no(doc.text, hit.span.end) {
                            // A form: "Child seen: No".
                            r.not_seen.push((si, hit.span));
                        } else {
                            seen_here = true;
                            r.seen.get_or_insert(hit.span);
                        }
                    }
                }
            }
        }

        let near_seen = seen_here || seen_sentence.is_some_and(|s| s + 1 == si);
        for hit in hits.iter().filter(|h| h.list == List::AloneCues) {
            let tag = doc.entry(hit).tag.as_deref();
            if tag == Some("reason") || !(about_child || near_seen) || (tag == Some("with") && !seen_here) {
                continue;
            }
            r.alone_stated = true;
            if matches!(tag, Some("not-alone" | "with")) || answered_no(doc.text, hit.span.end) {
                r.not_alone.push((si, hit.span));
                if r.seen.is_none() {
                    r.seen = Some(hit.span);
                }
            }
        }
        if seen_here {
            seen_sentence = Some(si);
        }
    }
    r
}

/// Whether a form field ends in "No": "Seen alone: No", "Child seen - no".
fn answered_no(text: &str, end: usize) -> bool {
    let rest = text[end..].trim_start_matches([' ', ':', '-', '\u{2013}', '?']);
    let bytes = rest.as_bytes();
    rest.len() < text.len() - end
        && bytes.len() >= 2
        && bytes[..2].eq_ignore_ascii_case(b"no")
        && !bytes.get(2).is_some_and(u8::is_ascii_alphanumeric)
}

/// A seeing verb in a future or conditional plan: "I will see Amy", "we'd visit".
fn is_plan(doc: &Document<'_>, hit: &Hit) -> bool {
    let Some(prev) = word_before(doc, hit.span.start, 1).first().map(|w| w.of(doc.text)) else { return false };
    ["will", "shall", "would", "plan", "hope", "next"].iter().any(|p| prev.eq_ignore_ascii_case(p))
        || prev.ends_with("'ll")
        || prev.ends_with("\u{2019}ll")
}

/// Whether the child is the one seen by the verb at `hit`.
fn child_seen(doc: &Document<'_>, mentions: &[Mention], hit: &Hit, carried: Option<Who>) -> bool {
    // After the verb: the object, unless the worker only talked about the child.
    let after = mentions.partition_point(|m| m.span.start < hit.span.end);
    for i in after..mentions.len() {
        let between = Span::new(hit.span.end, mentions[i].span.start).of(doc.text);
        if contains_word(between, "about") || contains_word(between, "regarding") || contains_word(between, "re") {
            break;
        }
        if resolve(mentions, i, carried) == Some(Who::Child) {
            return true;
        }
    }
    // Before the verb: the subject, when nearest, or anyone for a passive ("Amy was seen").
    let passive = {
        let cue = hit.span.of(doc.text);
        cue.eq_ignore_ascii_case("seen") || cue.eq_ignore_ascii_case("observed") || cue.eq_ignore_ascii_case("visited")
    } && preceded_by_be(doc, hit.span.start);
    if passive {
        let before = mentions.partition_point(|m| m.span.start < hit.span.start);
        return (0..before).any(|i| resolve(mentions, i, carried) == Some(Who::Child));
    }
    actor(doc.text, mentions, hit.span.start, carried) == Some(Who::Child)
}

fn preceded_by_be(doc: &Document<'_>, at: usize) -> bool {
    word_before(doc, at, 2).iter().any(|w| {
        let word = w.of(doc.text);
        ["was", "were", "been", "being", "is", "be"].iter().any(|b| word.eq_ignore_ascii_case(b))
    })
}

/// Up to `n` words just before byte `at`, within its sentence.
fn word_before<'d>(doc: &'d Document<'_>, at: usize, n: usize) -> &'d [Span] {
    let Some(si) = doc.sentence_at(at) else { return &[] };
    let words = doc.sentence_words(&doc.sentences[si]);
    let i = words.partition_point(|w| w.start < at);
    &words[i.saturating_sub(n)..i]
}

fn contains_word(text: &str, word: &str) -> bool {
    text.split(|c: char| !c.is_alphanumeric()).any(|w| w.eq_ignore_ascii_case(word))
}

/// Whether sentence `i` or the next one gives a reason.
fn has_reason(doc: &Document<'_>, i: usize) -> bool {
    doc.sentences[i..doc.sentences.len().min(i + 2)]
        .iter()
        .any(|s| doc.sentence_hits(s, List::AloneCues).any(|h| doc.entry(h).tag.as_deref() == Some("reason")))
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::findings;
    use crate::{Category, RecordType};

    fn ids(text: &str) -> Vec<String> {
        findings(text, RecordType::Contact, Category::ChildSeenUnclear).into_iter().map(|f| f.id).collect()
    }

    #[test]
    fn seen_alone_is_clear() {
        assert!(ids("I saw Amy (6) alone in her bedroom. She showed me her drawings.").is_empty());
        assert!(ids("Visit to Ms Lee. I spoke with her son on his own in the garden.").is_empty());
        assert!(ids("Amy (6) was seen on her own at school.").is_empty());
    }

    #[test]
    fn seen_not_alone_with_reason_is_clear() {
        let text = "I saw the baby with mum present because he is four weeks old.";
        assert!(ids(text).is_empty());
        let text = "Amy (3) was not seen alone. She was too shy to leave her mum.";
        assert!(ids(text).is_empty());
    }

    #[test]
    fn nothing_said_is_not_stated() {
        assert_eq!(
            ids("I visited Ms Lee at home. We talked about the rent arrears."),
            ["child-seen-unclear/not-stated"]
        );
        // Talking about the child is not seeing them.
        assert_eq!(ids("I spoke to Ms Lee about Amy (6) and her school."), ["child-seen-unclear/not-stated"]);
        // A plan to see the child is not a visit.
        assert_eq!(ids("Phone call with Ms Lee. I will see Amy (6) on Friday."), ["child-seen-unclear/not-stated"]);
    }

    #[test]
    fn seen_without_alone() {
        assert_eq!(ids("I saw Amy (6) in the kitchen. She was eating toast."), ["child-seen-unclear/alone"]);
        assert_eq!(ids("I visited the family and played with the children."), ["child-seen-unclear/alone"]);
    }

    #[test]
    fn not_seen_needs_a_reason() {
        assert_eq!(ids("Amy (6) was not seen. Mum made tea."), ["child-seen-unclear/why-not"]);
        assert!(ids("Amy (6) was not seen because she was at school.").is_empty());
        assert!(ids("I did not see the baby. He was asleep upstairs.").is_empty());
        assert_eq!(ids("The children were not seen alone. Mum was tired."), ["child-seen-unclear/why-not"]);
    }

    #[test]
    fn present_line_counts_as_seen() {
        let text = "Present: Ms Quill (Pip's mother), Pip, and me.\nPip (7) was in her room on her own.";
        assert!(ids(text).is_empty());
    }

    #[test]
    fn a_first_name_with_no_cue_is_taken_as_the_child() {
        assert!(ids("Visit on 5 May 2025. I saw Sophie in her room. Mum waited downstairs.").is_empty());
        assert_eq!(ids("Visit on 5 May 2025. I saw Sophie in her room."), ["child-seen-unclear/alone"]);
    }

    #[test]
    fn seen_with_a_parent_needs_a_reason() {
        let text = "Tom (10) was at football practice so I could not see him. \
                    I saw his sister Lily (3) in the living room with her dad.";
        assert_eq!(ids(text), ["child-seen-unclear/why-not"]);
        let text = "I saw Lily (3) with her dad because she was unwell and wanted him near.";
        assert!(ids(text).is_empty());
    }

    #[test]
    fn form_answers_are_read() {
        assert!(ids("Child seen: Yes\nChild seen alone: Yes").is_empty());
        assert_eq!(ids("Child seen: Yes\nChild seen alone: No"), ["child-seen-unclear/why-not"]);
        assert!(ids("Child seen: Yes\nChild seen alone: No - she was too upset to leave her mum").is_empty());
        assert_eq!(ids("Child seen: No\nMum was at home."), ["child-seen-unclear/why-not"]);
        assert!(ids("Child seen: No, at school.").is_empty());
    }

    #[test]
    fn good_fixture_is_clear() {
        let text = include_str!("../../tests/fixtures/good/contact.txt");
        assert!(ids(text).is_empty());
    }
}
