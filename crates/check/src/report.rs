//! The result of checking one record: findings, metrics and the two lens scores.

use serde::Serialize;

use crate::catalogue::Category;
use crate::finding::{Finding, Severity};
use crate::metrics::Metrics;
use crate::record_type::RecordType;

/// What the checker says about one record.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// The record type checked against.
    pub record_type: RecordType,
    /// Findings sorted by position, then id.
    pub findings: Vec<Finding>,
    /// Readability metrics.
    pub metrics: Metrics,
    /// The two lens scores.
    pub scores: Scores,
}

impl Report {
    /// Findings per 1,000 words (0 for a text with no words): a measure that compares records of
    /// different lengths, such as one written before a change in practice and one after.
    pub fn findings_per_thousand_words(&self) -> f64 {
        if self.metrics.words == 0 { 0.0 } else { self.findings.len() as f64 * 1000.0 / self.metrics.words as f64 }
    }

    /// The most serious finding's severity, if any.
    pub fn max_severity(&self) -> Option<Severity> {
        self.findings.iter().map(|f| f.severity).max()
    }

    /// How many findings have exactly this severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.findings.iter().filter(|f| f.severity == severity).count()
    }
}

/// Two scores from 0 to 100, one for each lens: how the record reads to a colleague and to a
/// family member. 100 means the checker found nothing through that lens.
///
/// Each finding costs its lens points by severity ([`Scores::WEIGHTS`]: error 12, warning 6,
/// info 2); a finding whose lens is "both" costs both scores. One category can cost at most
/// [`Scores::CATEGORY_CAP`] points, so a single habit repeated many times does not drown out
/// everything else. The score is 100 minus the total, and never below 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Scores {
    /// Could a professional act on this record?
    pub colleague: u8,
    /// How does it read to the person it is about?
    pub family: u8,
}

impl Scores {
    /// Points lost per finding: info, warning, error.
    pub const WEIGHTS: [u32; 3] = [2, 6, 12];
    /// The most one category can cost one lens.
    pub const CATEGORY_CAP: u32 = 24;

    /// The points a finding of this severity costs.
    pub fn weight(severity: Severity) -> u32 {
        Scores::WEIGHTS[severity as usize]
    }

    /// Derives the scores from the findings.
    pub fn from_findings(findings: &[Finding]) -> Scores {
        let mut colleague = [0u32; Category::ALL.len()];
        let mut family = [0u32; Category::ALL.len()];
        for f in findings {
            let w = Scores::weight(f.severity);
            if f.lens.colleague() {
                colleague[f.category as usize] += w;
            }
            if f.lens.family() {
                family[f.category as usize] += w;
            }
        }
        let score = |costs: &[u32]| {
            let lost: u32 = costs.iter().map(|c| (*c).min(Scores::CATEGORY_CAP)).sum();
            100u32.saturating_sub(lost) as u8
        };
        Scores { colleague: score(&colleague), family: score(&family) }
    }
}
