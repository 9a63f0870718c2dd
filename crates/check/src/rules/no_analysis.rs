//! `no-analysis`: a case summary or assessment that only describes.
//!
//! Iriss's ladder ("Writing analysis in social care"): description → explanation (why it may be
//! happening) → evaluation (the worker's owned judgement: "in my view … because …") →
//! recommendation (what should happen next). The `analysis-cues` list tags each phrase with its
//! rung. Cues inside quotation marks are someone else's words and do not count.
//!
//! Thresholds:
//! - `no-analysis` (warning): no evaluation at all, and explanation in fewer than
//!   [`MIN_EXPLANATION_SENTENCES`] sentences. One "because" is usually the reason for referral,
//!   which is still description; analysis explains more than once or owns a judgement.
//! - `no-analysis/no-evaluation` (info): explanations but no owned judgement.
//! - `no-analysis/no-recommendation` (info): nothing says what should happen next.

use super::people::{in_spans, quote_regions};
use super::{Ctx, Findings, whole_record_span};
use crate::catalogue::Category;
use crate::finding::Severity;
use crate::lexicon::List;

/// Explanation in this many sentences counts as analysis even without an owned judgement.
const MIN_EXPLANATION_SENTENCES: usize = 2;

pub(crate) fn check(cx: &Ctx<'_>, out: &mut Findings<'_>) {
    let doc = cx.doc;
    let quotes = quote_regions(doc.text);
    let (mut explanation, mut evaluation, mut recommendation) = (0, 0, 0);
    for sentence in &doc.sentences {
        let (mut x, mut e, mut r) = (false, false, false);
        for hit in doc.sentence_hits(sentence, List::AnalysisCues) {
            if in_spans(&quotes, hit.span.start) {
                continue;
            }
            match doc.entry(hit).tag.as_deref() {
                Some("evaluation") => e = true,
                Some("recommendation") => r = true,
                _ => x = true,
            }
        }
        explanation += usize::from(x);
        evaluation += usize::from(e);
        recommendation += usize::from(r);
    }
    let span = whole_record_span(doc);
    if evaluation == 0 && explanation < MIN_EXPLANATION_SENTENCES {
        out.emit(
            Category::NoAnalysis,
            "",
            span,
            "the record describes what happened but does not say what it means for the child or why",
            Some(
                "add your analysis: why this may be happening, what it means for the child (\"In my view … because …\"), \
                 and what should happen next"
                    .into(),
            ),
        );
    } else if evaluation == 0 {
        out.emit_with_severity(
            Category::NoAnalysis,
            "no-evaluation",
            Severity::Info,
            span,
            "the record explains what is happening but does not give your own professional judgement",
            Some("own your view and its evidence: \"In my view … because …\"".into()),
        );
    }
    if recommendation == 0 {
        out.emit_with_severity(
            Category::NoAnalysis,
            "no-recommendation",
            Severity::Info,
            span,
            "the record does not say what should happen next",
            Some("add a recommendation or plan: what should happen, who will do it and by when".into()),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::findings;
    use crate::{Category, RecordType, Severity};

    fn ids(text: &str) -> Vec<(String, Severity)> {
        findings(text, RecordType::CaseSummary, Category::NoAnalysis).into_iter().map(|f| (f.id, f.severity)).collect()
    }

    #[test]
    fn description_only_is_flagged() {
        let text = "Amy is 6. She lives with her mother. The school phoned on 3 May 2025 because Amy was late. \
                    Mum has a new partner.";
        let got = ids(text);
        assert!(got.iter().any(|(id, s)| id == "no-analysis" && *s == Severity::Warning), "{got:?}");
        assert!(got.iter().any(|(id, s)| id == "no-analysis/no-recommendation" && *s == Severity::Info));
    }

    #[test]
    fn owned_judgement_with_a_plan_passes() {
        let text = "Amy is 6. In my view Amy is late for school because Mum works nights. \
                    I recommend a breakfast club place.";
        assert!(ids(text).is_empty());
    }

    #[test]
    fn explanation_without_judgement_is_info() {
        let text = "Amy is late because Mum works nights. This means Amy misses breakfast. I will review the plan.";
        assert_eq!(ids(text), [("no-analysis/no-evaluation".to_string(), Severity::Info)]);
    }

    #[test]
    fn someone_else_s_quoted_opinion_is_not_the_worker_s_analysis() {
        let text = "Mum said, \"In my view the school is to blame because they pick on her.\" The plan is a meeting.";
        assert!(ids(text).iter().any(|(id, _)| id == "no-analysis"));
    }

    #[test]
    fn good_fixtures_pass() {
        for (text, t) in [
            (include_str!("../../tests/fixtures/good/case-summary.txt"), RecordType::CaseSummary),
            (include_str!("../../tests/fixtures/good/assessment.txt"), RecordType::Assessment),
        ] {
            assert!(findings(text, t, Category::NoAnalysis).is_empty(), "{t}");
        }
    }
}
