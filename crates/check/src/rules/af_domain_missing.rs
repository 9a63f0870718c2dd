//! `af-domain-missing`: an assessment should cover all three domains of the Assessment Framework
//! (Department of Health 2000; GIRFEC's "My World" triangle has the same shape): the child's
//! developmental needs, parenting capacity, and family and environmental factors.
//!
//! Each `af-dimensions` entry is tagged `domain/dimension` and lists everyday phrases that show
//! the dimension is written about ("GP", "vaccinations" for health; "bedtime", "rules" for
//! guidance and boundaries), so real prose counts, not only the headings. A dimension is covered
//! when any of its phrases appears; a domain is covered when at least
//! [`MIN_DIMENSIONS_PER_DOMAIN`] of its dimensions are, because a single word such as "school"
//! can appear in passing without saying anything about the child's education.
//!
//! Findings: `af-domain-missing/<domain>` (warning) for each domain not covered, naming its
//! dimensions; `af-domain-missing/<dimension>` (info) for each dimension not covered.

use super::{Ctx, Findings, whole_record_span};
use crate::catalogue::Category;
use crate::finding::Severity;
use crate::lexicon::List;

/// A domain counts as covered when this many of its dimensions are.
const MIN_DIMENSIONS_PER_DOMAIN: usize = 2;

struct Domain {
    id: &'static str,
    name: &'static str,
    /// (slug, name, what to write about)
    dimensions: &'static [(&'static str, &'static str, &'static str)],
}

const DOMAINS: &[Domain] = &[
    Domain {
        id: "developmental-needs",
        name: "the child's developmental needs",
        dimensions: &[
            (
                "health",
                "health",
                "the child's physical and mental health: GP, health visitor, immunisations, growth, dental care",
            ),
            ("education", "education", "school or nursery: attendance, learning, progress, what teachers say"),
            (
                "emotional-and-behavioural-development",
                "emotional and behavioural development",
                "how the child feels and behaves, and how they cope",
            ),
            ("identity", "identity", "the child's sense of self: heritage, culture, faith, language"),
            (
                "family-and-social-relationships",
                "family and social relationships",
                "the child's relationships with family members, friends and other children",
            ),
            ("social-presentation", "social presentation", "how the child presents: appearance, clothing, hygiene"),
            ("self-care-skills", "self-care skills", "what the child can do for themselves for their age"),
        ],
    },
    Domain {
        id: "parenting-capacity",
        name: "parenting capacity",
        dimensions: &[
            ("basic-care", "basic care", "food, warmth, clean clothes and bedding, health appointments"),
            ("ensuring-safety", "ensuring safety", "how the parents keep the child safe from harm and danger"),
            ("emotional-warmth", "emotional warmth", "the warmth, comfort and praise the child gets"),
            ("stimulation", "stimulation", "play, talk, books and help with learning"),
            (
                "guidance-and-boundaries",
                "guidance and boundaries",
                "routines, rules, bedtimes and how behaviour is guided",
            ),
            ("stability", "stability", "how stable and consistent the child's care and home are"),
        ],
    },
    Domain {
        id: "family-environment",
        name: "family and environmental factors",
        dimensions: &[
            (
                "family-history-and-functioning",
                "family history and functioning",
                "the family's history and how it works now: separations, losses, parents' health",
            ),
            ("wider-family", "wider family", "grandparents, aunts, uncles and others who help"),
            ("housing", "housing", "the home: tenancy, space, condition"),
            ("employment", "employment", "who works, and how work affects the family"),
            ("income", "income", "money, benefits and debts"),
            ("social-integration", "family's social integration", "the family's links with neighbours and community"),
            ("community-resources", "community resources", "local services and places the family uses"),
        ],
    },
];

pub(crate) fn check(cx: &Ctx<'_>, out: &mut Findings<'_>) {
    let doc = cx.doc;
    let mut covered: Vec<&str> = Vec::new();
    for hit in doc.hits_of(List::AfDimensions) {
        if let Some(tag) = doc.entry(hit).tag.as_deref()
            && !covered.contains(&tag)
        {
            covered.push(tag);
        }
    }
    let is_covered = |domain: &Domain, dim: &str| {
        covered.iter().any(|t| t.split_once('/').is_some_and(|(d, s)| d == domain.id && s == dim))
    };
    let span = whole_record_span(doc);
    for domain in DOMAINS {
        let count = domain.dimensions.iter().filter(|(slug, _, _)| is_covered(domain, slug)).count();
        if count < MIN_DIMENSIONS_PER_DOMAIN {
            let names: Vec<&str> = domain.dimensions.iter().map(|(_, name, _)| *name).collect();
            out.emit(
                Category::AfDomainMissing,
                domain.id,
                span,
                format!("the assessment says little or nothing about {} ({})", domain.name, names.join(", ")),
                Some(format!("add a section on {}, covering each of its dimensions", domain.name)),
            );
        }
        for &(slug, name, prompt) in domain.dimensions {
            if !is_covered(domain, slug) {
                out.emit_with_severity(
                    Category::AfDomainMissing,
                    slug,
                    Severity::Info,
                    span,
                    format!("the assessment does not cover {name} ({})", domain.name),
                    Some(format!("say something about {prompt}")),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::findings;
    use crate::{Category, RecordType, Severity};

    fn ids(text: &str, severity: Severity) -> Vec<String> {
        findings(text, RecordType::Assessment, Category::AfDomainMissing)
            .into_iter()
            .filter(|f| f.severity == severity)
            .map(|f| f.id)
            .collect()
    }

    #[test]
    fn good_assessment_covers_every_domain_and_dimension() {
        let text = include_str!("../../tests/fixtures/good/assessment.txt");
        assert!(ids(text, Severity::Warning).is_empty());
        assert!(ids(text, Severity::Info).is_empty(), "{:?}", ids(text, Severity::Info));
    }

    #[test]
    fn missing_domain_is_a_warning_naming_its_dimensions() {
        let text = "Amy's GP says she is healthy. Amy goes to school every day and has friends. \
                    Mum cooks meals and keeps her safe. Mum sets a bedtime.";
        assert_eq!(ids(text, Severity::Warning), ["af-domain-missing/family-environment"]);
        let f = findings(text, RecordType::Assessment, Category::AfDomainMissing);
        let warning = f.iter().find(|f| f.severity == Severity::Warning).unwrap();
        assert!(warning.message.contains("family and environmental factors"));
        assert!(warning.message.contains("housing"));
    }

    #[test]
    fn missing_dimensions_are_info() {
        let text = "Amy's GP says she is healthy. Amy goes to school every day and has friends. \
                    Mum cooks meals and keeps her safe. Mum sets a bedtime. \
                    The family rent a flat. Mum works part time and gets Universal Credit.";
        assert!(ids(text, Severity::Warning).is_empty());
        let info = ids(text, Severity::Info);
        assert!(info.contains(&"af-domain-missing/identity".to_string()));
        assert!(info.contains(&"af-domain-missing/stimulation".to_string()));
        assert!(!info.contains(&"af-domain-missing/housing".to_string()));
        assert!(!info.contains(&"af-domain-missing/health".to_string()));
    }

    #[test]
    fn one_passing_word_does_not_cover_a_domain() {
        let text = "I met Mum at the school gate and gave her the letter.";
        let warnings = ids(text, Severity::Warning);
        assert!(warnings.contains(&"af-domain-missing/developmental-needs".to_string()), "{warnings:?}");
    }

    #[test]
    fn only_assessments_are_checked() {
        assert!(findings("Nothing here.", RecordType::CaseSummary, Category::AfDomainMissing).is_empty());
    }
}
