//! The check catalogue: the stable ids shared by the engine, the web app and the reports.
//!
//! Each entry says which lens it belongs to, how serious it is by default, and why it matters,
//! citing the published guidance it comes from, so that users can always ask "why am I seeing
//! this?" and get an answer a senior practitioner would recognise.

use serde::{Serialize, Serializer};
use std::fmt;

use crate::finding::{Lens, Severity};

/// A catalogue id. The string form (see [`Category::id`]) never changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Category {
    /// `judgemental-language`
    JudgementalLanguage,
    /// `labelling-language`
    LabellingLanguage,
    /// `euphemism`
    Euphemism,
    /// `jargon`
    Jargon,
    /// `undefined-acronym`
    UndefinedAcronym,
    /// `opinion-as-fact`
    OpinionAsFact,
    /// `unsourced`
    Unsourced,
    /// `hidden-agency`
    HiddenAgency,
    /// `speculation`
    Speculation,
    /// `vague-time`
    VagueTime,
    /// `missing-date`
    MissingDate,
    /// `child-seen-unclear`
    ChildSeenUnclear,
    /// `missing-child-voice`
    MissingChildVoice,
    /// `no-analysis`
    NoAnalysis,
    /// `no-strengths`
    NoStrengths,
    /// `af-domain-missing`
    AfDomainMissing,
    /// `did-not-attend-child`
    DidNotAttendChild,
    /// `scare-quotes`
    ScareQuotes,
    /// `long-sentence`
    LongSentence,
    /// `hard-to-read`
    HardToRead,
    /// `personal-data`
    PersonalData,
}

/// What the catalogue says about one category.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct CategoryInfo {
    /// The stable id, e.g. `judgemental-language`.
    pub id: &'static str,
    /// A short title for lists and reports.
    pub title: &'static str,
    /// Whose reading it affects.
    pub lens: Lens,
    /// Severity before any configuration.
    pub severity: Severity,
    /// What it catches, in one line.
    pub catches: &'static str,
    /// Why it matters, citing its source.
    pub why: &'static str,
    /// An example of the fault and a better wording, where the catalogue has one.
    pub example: Option<&'static str>,
}

impl Category {
    /// Every category, in catalogue order.
    pub const ALL: [Category; 21] = [
        Category::JudgementalLanguage,
        Category::LabellingLanguage,
        Category::Euphemism,
        Category::Jargon,
        Category::UndefinedAcronym,
        Category::OpinionAsFact,
        Category::Unsourced,
        Category::HiddenAgency,
        Category::Speculation,
        Category::VagueTime,
        Category::MissingDate,
        Category::ChildSeenUnclear,
        Category::MissingChildVoice,
        Category::NoAnalysis,
        Category::NoStrengths,
        Category::AfDomainMissing,
        Category::DidNotAttendChild,
        Category::ScareQuotes,
        Category::LongSentence,
        Category::HardToRead,
        Category::PersonalData,
    ];

    /// The stable catalogue id.
    pub fn id(self) -> &'static str {
        self.info().id
    }

    /// Looks a category up by its stable id.
    pub fn from_id(id: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.id() == id)
    }

    /// The ids of every category, for error messages that list the valid ones.
    pub fn all_ids() -> Vec<&'static str> {
        Category::ALL.iter().map(|c| c.id()).collect()
    }

    /// The catalogue entry.
    pub fn info(self) -> &'static CategoryInfo {
        &CATALOGUE[self as usize]
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl Serialize for Category {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}

use Lens::{Both, Colleague, Family};
use Severity::{Info, Warning};

/// The catalogue, in the same order as [`Category::ALL`].
pub static CATALOGUE: [CategoryInfo; 21] = [
    CategoryInfo {
        id: "judgemental-language",
        title: "Judgemental language",
        lens: Family,
        severity: Warning,
        catches: "blaming or pejorative words",
        why: "Words like \"non-compliant\", \"manipulative\" or \"refused to engage\" pass judgement \
              without saying what happened, and the person the record is about may read them years \
              later. Describe what was asked, what the person did or said, and what you make of it. \
              Sources: TACT \"Language that cares\"; BASW England \"Recording in children's social \
              work: 10 top tips\" (2020); Write Enough, pitfalls for practitioners.",
        example: Some("\"mum was non-compliant\" → describe what was asked and what happened"),
    },
    CategoryInfo {
        id: "labelling-language",
        title: "Labelling language",
        lens: Family,
        severity: Warning,
        catches: "defining a person by a condition or situation",
        why: "Labels such as \"an autistic\", \"suffers from\" or \"wheelchair-bound\" reduce a person \
              to a condition or a circumstance. Put the person first and describe the condition \
              neutrally (\"a young person who is autistic\", \"uses a wheelchair\"). Sources: TACT \
              \"Language that cares\"; SCIE \"Social work recording\".",
        example: Some("\"wheelchair-bound\" → \"uses a wheelchair\""),
    },
    CategoryInfo {
        id: "euphemism",
        title: "Euphemism",
        lens: Colleague,
        severity: Warning,
        catches: "words that hide harm",
        why: "Soft words like \"domestic incident\", \"altercation\" or \"inappropriate relationship\" \
              hide what was done and by whom, so a colleague cannot judge the risk and the harm to \
              the child disappears from the record. Say what happened, who did it and to whom. \
              Sources: The Children's Society \"Child exploitation language guide\"; Ofsted \"What \
              makes an effective case record?\" (2019).",
        example: Some("\"a domestic incident\" → \"Mr X hit Ms Y in the face in front of the children\""),
    },
    CategoryInfo {
        id: "jargon",
        title: "Jargon",
        lens: Family,
        severity: Info,
        catches: "service language families don't use",
        why: "Records are written to and for the child or parent, who has a right to read them. Service \
              words like \"placement\", \"contact\", \"respite\" or \"stepped down\" are not how families \
              talk about their lives; plain words keep the record understandable and respectful. \
              Sources: TACT \"Language that cares\"; Iriss \"Recording practice and accessing \
              records\" (2019).",
        example: Some("\"placement\" → \"home\"; \"contact\" → \"family time\""),
    },
    CategoryInfo {
        id: "undefined-acronym",
        title: "Acronym not spelt out",
        lens: Both,
        severity: Warning,
        catches: "acronym not spelt out at first use",
        why: "Acronyms are shorthand for the writer, not the reader: a family member, a colleague from \
              another service or a court may not know them. Spell each one out the first time it is \
              used, with the short form in brackets. Sources: SWIA \"On the record – getting it \
              right\" (2010); BASW England \"10 top tips\" (2020).",
        example: Some("\"CP conference\" → \"child protection (CP) conference\""),
    },
    CategoryInfo {
        id: "opinion-as-fact",
        title: "Opinion written as fact",
        lens: Colleague,
        severity: Warning,
        catches: "evaluative label with no evidence or owner",
        why: "Fact, reported fact and opinion must be distinguishable. An evaluation such as \"the home \
              was unsuitable\" needs an owner and its evidence: what was seen, and \"in my view … \
              because …\". Opinions are allowed and needed, but owned and evidenced. Sources: Write \
              Enough, exercise 1 (fact or judgement?); SCIE \"Social work recording\"; Re M and N \
              [2018] EWFC 40.",
        example: Some("\"the home was unsuitable\" → what was seen, and \"in my view … because …\""),
    },
    CategoryInfo {
        id: "unsourced",
        title: "Unsourced information",
        lens: Colleague,
        severity: Warning,
        catches: "reported information with no named source",
        why: "Reported information is only as reliable as its source. \"It was reported that…\" leaves a \
              colleague unable to check it or weigh it. Record who told whom, and when. Sources: Care \
              Inspectorate \"Practice guide to chronologies\" (2017); Write Enough, exercise 1.",
        example: Some("\"it was reported that…\" → \"the class teacher, Ms X, told me on 3 May that…\""),
    },
    CategoryInfo {
        id: "hidden-agency",
        title: "Hidden agency",
        lens: Both,
        severity: Warning,
        catches: "passive voice hiding who decided or did something",
        why: "\"A decision was made\" hides who made it and why, so nobody can be asked about it or held \
              to it, and the family cannot tell whom to challenge. Name who decided or acted, and record \
              the reasons. Sources: SCIE \"Social work recording\"; BASW England \"10 top tips\" (2020).",
        example: Some("\"a decision was made\" → \"the team manager, Ms X, decided … because …\""),
    },
    CategoryInfo {
        id: "speculation",
        title: "Speculation",
        lens: Colleague,
        severity: Warning,
        catches: "hunch written as if established",
        why: "A hunch can be useful, but written as if established it can follow a family for years. \
              Record it as a hypothesis, with what would confirm or refute it and how you will find \
              out. Sources: Iriss, Lillis & Vallely \"Writing analysis in social care\"; Write Enough \
              trainers' notes (keeping notes of hunches).",
        example: Some("\"my gut feeling is…\" → \"one possibility is … ; I will test this by …\""),
    },
    CategoryInfo {
        id: "vague-time",
        title: "Vague time",
        lens: Colleague,
        severity: Info,
        catches: "imprecise time where a date matters",
        why: "\"Recently\" or \"last week\" means nothing to someone reading the record months later, and \
              chronologies and court reports depend on exact dates. Give the date. Sources: Care \
              Inspectorate \"Practice guide to chronologies\" (2017); Re M and N [2018] EWFC 40.",
        example: Some("\"last week\" → \"on Tuesday 4 March 2025\""),
    },
    CategoryInfo {
        id: "missing-date",
        title: "Missing date",
        lens: Colleague,
        severity: Warning,
        catches: "contact with no date/time; chronology line with no date",
        why: "Notes must be contemporaneous, dated and signed to be relied on. A contact record needs the \
              date and time of the contact, and every chronology entry needs its date so events can be \
              put in order. Sources: Re M and N [2018] EWFC 40; Care Inspectorate \"Practice guide to \
              chronologies\" (2017); Research in Practice \"Completing social work chronologies\" (2022).",
        example: None,
    },
    CategoryInfo {
        id: "child-seen-unclear",
        title: "Child seen (alone) unclear",
        lens: Colleague,
        severity: Warning,
        catches: "contact record that doesn't say whether the child was seen (alone)",
        why: "Whether the child was seen, and seen alone, is the first thing a colleague or inspector \
              looks for in a visit note; if the child was not seen, the reason matters as much. Say so \
              explicitly. Sources: Ofsted \"What makes an effective case record?\" (2019); case file \
              audit questions in local procedures.",
        example: Some("add \"I saw Child A alone in her bedroom for 20 minutes\" or why not"),
    },
    CategoryInfo {
        id: "missing-child-voice",
        title: "Child's voice missing",
        lens: Both,
        severity: Warning,
        catches: "no words, wishes, feelings or observed behaviour of the child (or reason why not)",
        why: "The child should be visible in their own record: what they said, in their own words, what \
              they wish and feel, or, for a baby or a child who does not speak, what you observed. If \
              their views are missing, say why. Sources: Write Enough trainers' notes (wishes and \
              feelings); Ofsted (2019); BASW England \"10 top tips\" (2020).",
        example: Some("quote the child; for a baby, record what you observed"),
    },
    CategoryInfo {
        id: "no-analysis",
        title: "No analysis",
        lens: Colleague,
        severity: Warning,
        catches: "summary/assessment that only describes",
        why: "Gathering information is not analysing it. Summaries and assessments that stop at \
              description are the most common fault inspectors report. Say what the information means \
              for the child and why, owning your judgement, and what should happen next. Sources: \
              Iriss, Lillis & Vallely \"Writing analysis in social care\"; Write Enough, exercise 7.",
        example: Some("add what it means for the child, and why: \"In my view … because …\""),
    },
    CategoryInfo {
        id: "no-strengths",
        title: "No strengths",
        lens: Family,
        severity: Warning,
        catches: "only deficits recorded",
        why: "A record that lists only worries is neither fair nor complete: strengths and what is going \
              well are part of the assessment and of the plan, and families notice when they are \
              missing. Sources: Department of Health \"Framework for the Assessment of Children in \
              Need and their Families\" (2000); Write Enough trainers' notes.",
        example: Some("record strengths and what is going well"),
    },
    CategoryInfo {
        id: "af-domain-missing",
        title: "Assessment Framework domain missing",
        lens: Colleague,
        severity: Warning,
        catches: "assessment misses an Assessment Framework domain",
        why: "An assessment covers all three sides of the Assessment Framework triangle: the child's \
              developmental needs, parenting capacity (of everyone in a parenting role, foster carers \
              included) and family and environmental factors. A missing side, or a missing dimension \
              within one, leaves the analysis resting on part of the picture. Sources: Department of \
              Health \"Framework for the Assessment of Children in Need and their Families\" (2000); \
              Scottish Government GIRFEC \"My World\" triangle.",
        example: None,
    },
    CategoryInfo {
        id: "did-not-attend-child",
        title: "\"Did not attend\" said of a child",
        lens: Family,
        severity: Warning,
        catches: "\"did not attend / DNA\" said of a child",
        why: "Children rarely decide whether they get to an appointment; adults bring them. \"Did not \
              attend\" puts the responsibility on the child and hides a possible sign of neglect. Write \
              \"was not brought\" and record why, if known. Source: NSPCC \"Digging deeper than did not \
              attend\".",
        example: Some("\"did not attend\" → \"was not brought\""),
    },
    CategoryInfo {
        id: "scare-quotes",
        title: "Scare quotes",
        lens: Family,
        severity: Warning,
        catches: "quotation marks around an allegation read as disbelief",
        why: "Putting a word like \"fell\" or \"accident\" in quotation marks signals that the writer does \
              not believe it, without saying so or why. Quote the person's whole words with who said \
              them, or report what they said plainly, and record your own view separately. Sources: \
              TACT \"Language that cares\"; Write Enough, exercise 1.",
        example: Some("He \"fell\" → He said he fell down the stairs"),
    },
    CategoryInfo {
        id: "long-sentence",
        title: "Long sentence",
        lens: Family,
        severity: Info,
        catches: "sentence over the configured word limit (default 30)",
        why: "Long sentences are hard to follow, especially for a family member reading about \
              themselves, perhaps with a worker beside them or without one. Split long sentences and \
              keep one idea to each. Sources: BASW England \"10 top tips\" (2020); Iriss \"Recording \
              practice and accessing records\" (2019).",
        example: None,
    },
    CategoryInfo {
        id: "hard-to-read",
        title: "Hard to read",
        lens: Family,
        severity: Info,
        catches: "whole text below the readability threshold for a family reader",
        why: "People have a right to read their records, and many of the families social services work \
              with find dense text hard. A Flesch reading ease below the threshold (default 50, the \
              level of a broadsheet newspaper) usually means long sentences and long words: shorter \
              ones help everyone. Sources: Iriss \"Recording practice and accessing records\" (2019); \
              Flesch (1948).",
        example: None,
    },
    CategoryInfo {
        id: "personal-data",
        title: "Personal data left in",
        lens: Both,
        severity: Warning,
        catches: "identifiers left in an example shared for training",
        why: "Examples brought to training are real records about children: names, dates of birth, \
              addresses and identity numbers must be removed before anyone else sees them. Run \
              de-identification before sharing. Sources: Data Protection Act 2018 and UK GDPR; Write \
              Enough self-study (the law: data protection, confidentiality, access to records).",
        example: None,
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogue_order_matches_enum() {
        for (i, c) in Category::ALL.iter().enumerate() {
            assert_eq!(*c as usize, i);
            assert_eq!(Category::from_id(c.id()), Some(*c));
        }
    }

    #[test]
    fn every_entry_cites_a_source() {
        for info in &CATALOGUE {
            assert!(info.why.contains("Source"), "{} has no source", info.id);
        }
    }

    #[test]
    fn ids_are_unique() {
        let mut ids = Category::all_ids();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), 21);
    }
}
