//! Record types and the profile of checks that applies to each.

use serde::Serialize;
use std::fmt;
use std::str::FromStr;

use crate::catalogue::Category;

/// The kinds of record practitioners write; each has its own expectations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RecordType {
    /// Note of a visit, call or meeting.
    Contact,
    /// Short overview of the whole case.
    CaseSummary,
    /// Core assessment.
    Assessment,
    /// Dated list of significant events, one per line.
    Chronology,
    /// Longer case record or report.
    #[default]
    Detailed,
    /// Supervision record.
    Supervision,
}

impl RecordType {
    /// Every record type.
    pub const ALL: [RecordType; 6] = [
        RecordType::Contact,
        RecordType::CaseSummary,
        RecordType::Assessment,
        RecordType::Chronology,
        RecordType::Detailed,
        RecordType::Supervision,
    ];

    /// The stable id used on the command line, in JSON and in the web app.
    pub fn id(self) -> &'static str {
        match self {
            RecordType::Contact => "contact",
            RecordType::CaseSummary => "case-summary",
            RecordType::Assessment => "assessment",
            RecordType::Chronology => "chronology",
            RecordType::Detailed => "detailed",
            RecordType::Supervision => "supervision",
        }
    }

    /// A short human name.
    pub fn title(self) -> &'static str {
        match self {
            RecordType::Contact => "Contact record",
            RecordType::CaseSummary => "Case summary",
            RecordType::Assessment => "Assessment",
            RecordType::Chronology => "Chronology",
            RecordType::Detailed => "Detailed record",
            RecordType::Supervision => "Supervision record",
        }
    }

    /// Whether checks of `category` run on records of this type.
    ///
    /// Word-level checks apply everywhere. Structural checks apply where the guide says the
    /// record type must show the thing checked: a chronology line needs no child's voice, and only
    /// an assessment has to cover the Assessment Framework.
    pub fn applies(self, category: Category) -> bool {
        use Category as C;
        use RecordType as R;
        match category {
            C::ChildSeenUnclear => self == R::Contact,
            C::AfDomainMissing => self == R::Assessment,
            C::MissingDate => matches!(self, R::Contact | R::Chronology),
            C::MissingChildVoice => matches!(self, R::Contact | R::CaseSummary | R::Assessment),
            C::NoAnalysis => matches!(self, R::CaseSummary | R::Assessment),
            C::NoStrengths => matches!(self, R::CaseSummary | R::Assessment),
            // A chronology is a list of terse dated entries; prose readability does not apply.
            C::LongSentence | C::HardToRead => self != R::Chronology,
            // Every record can hold personal data; the rule itself runs only when switched on (for a
            // record to be shared in training), see `rules/personal_data.rs`.
            C::PersonalData => true,
            _ => true,
        }
    }

    /// The ids of every record type, for error messages that list the valid ones.
    pub fn all_ids() -> Vec<&'static str> {
        RecordType::ALL.iter().map(|t| t.id()).collect()
    }
}

impl fmt::Display for RecordType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// The error for an unknown record type name; lists the valid ones.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown record type `{given}`; valid types are: {}", RecordType::all_ids().join(", "))]
pub struct UnknownRecordType {
    /// What was given.
    pub given: String,
}

impl FromStr for RecordType {
    type Err = UnknownRecordType;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_ascii_lowercase().replace('_', "-");
        RecordType::ALL.into_iter().find(|t| t.id() == wanted).ok_or_else(|| UnknownRecordType { given: s.to_string() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_id() {
        for t in RecordType::ALL {
            assert_eq!(t.id().parse::<RecordType>().unwrap(), t);
        }
        assert_eq!("Case_Summary".parse::<RecordType>().unwrap(), RecordType::CaseSummary);
    }

    #[test]
    fn unknown_type_lists_valid_ones() {
        let err = "letter".parse::<RecordType>().unwrap_err().to_string();
        assert!(err.contains("letter") && err.contains("case-summary") && err.contains("supervision"));
    }

    #[test]
    fn profiles() {
        assert!(RecordType::Contact.applies(Category::ChildSeenUnclear));
        assert!(!RecordType::Assessment.applies(Category::ChildSeenUnclear));
        assert!(RecordType::Assessment.applies(Category::AfDomainMissing));
        assert!(!RecordType::Chronology.applies(Category::MissingChildVoice));
        assert!(RecordType::Chronology.applies(Category::MissingDate));
    }
}
