//! The rules: one file per catalogue id, each with its own tests.
//!
//! A rule is a function that reads the analysed [`Document`] and emits findings. Rules that are
//! just words share [`word_list`]; rules that need logic look at sentences, words and the cue
//! lists in `data/`.

use crate::catalogue::Category;
use crate::config::{Config, Level};
use crate::document::Document;
use crate::finding::{Finding, Severity};
use crate::metrics::Metrics;
use crate::record_type::RecordType;
use crate::text::Span;

mod af_domain_missing;
mod child_seen_unclear;
mod did_not_attend_child;
mod euphemism;
mod hard_to_read;
mod hidden_agency;
mod jargon;
mod judgemental_language;
mod labelling_language;
mod long_sentence;
mod missing_child_voice;
mod missing_date;
mod no_analysis;
mod no_strengths;
mod opinion_as_fact;
mod people;
mod personal_data;
mod scare_quotes;
mod speculation;
mod undefined_acronym;
mod unsourced;
mod vague_time;
mod word_list;

#[cfg(test)]
pub(crate) mod testing;

/// What every rule gets to look at.
pub(crate) struct Ctx<'a> {
    /// The analysed text.
    pub doc: &'a Document<'a>,
    /// The type of record being checked.
    pub record_type: RecordType,
    /// The configuration in force.
    pub config: &'a Config,
    /// Readability metrics of the whole text.
    pub metrics: &'a Metrics,
    /// Who the record names, learnt on first use and shared by the rules that need it.
    people: std::cell::OnceCell<people::People<'a>>,
}

impl<'a> Ctx<'a> {
    pub(crate) fn new(
        doc: &'a Document<'a>,
        record_type: RecordType,
        config: &'a Config,
        metrics: &'a Metrics,
    ) -> Self {
        Ctx { doc, record_type, config, metrics, people: std::cell::OnceCell::new() }
    }

    /// The people the record names, children and adults (see [`people::People`]).
    pub(crate) fn people(&self) -> &people::People<'a> {
        self.people.get_or_init(|| people::People::learn(self.doc))
    }
}

/// A rule's entry point.
pub(crate) type Rule = fn(&Ctx<'_>, &mut Findings<'_>);

/// Every rule, by the category it reports.
pub(crate) const RULES: &[(Category, Rule)] = &[
    (Category::JudgementalLanguage, judgemental_language::check),
    (Category::LabellingLanguage, labelling_language::check),
    (Category::Euphemism, euphemism::check),
    (Category::Jargon, jargon::check),
    (Category::UndefinedAcronym, undefined_acronym::check),
    (Category::OpinionAsFact, opinion_as_fact::check),
    (Category::Unsourced, unsourced::check),
    (Category::HiddenAgency, hidden_agency::check),
    (Category::Speculation, speculation::check),
    (Category::VagueTime, vague_time::check),
    (Category::MissingDate, missing_date::check),
    (Category::ChildSeenUnclear, child_seen_unclear::check),
    (Category::MissingChildVoice, missing_child_voice::check),
    (Category::NoAnalysis, no_analysis::check),
    (Category::NoStrengths, no_strengths::check),
    (Category::AfDomainMissing, af_domain_missing::check),
    (Category::DidNotAttendChild, did_not_attend_child::check),
    (Category::ScareQuotes, scare_quotes::check),
    (Category::LongSentence, long_sentence::check),
    (Category::HardToRead, hard_to_read::check),
    (Category::PersonalData, personal_data::check),
];

/// Collects findings, applying the configured level of each id.
pub(crate) struct Findings<'a> {
    config: &'a Config,
    text: &'a str,
    items: Vec<Finding>,
}

impl<'a> Findings<'a> {
    pub(crate) fn new(config: &'a Config, text: &'a str) -> Findings<'a> {
        Findings { config, text, items: Vec::new() }
    }

    /// Records a finding of `category` at `span` at the catalogue's severity. `detail` makes the
    /// id more specific (`jargon/placement`); pass `""` for none. Findings whose id is switched off
    /// are dropped.
    pub(crate) fn emit(
        &mut self,
        category: Category,
        detail: &str,
        span: Span,
        message: impl Into<String>,
        suggestion: Option<String>,
    ) {
        let default = category.info().severity;
        self.emit_with_severity(category, detail, default, span, message, suggestion);
    }

    /// Like [`Findings::emit`], for the few specific ids whose default severity differs from their
    /// category's (a missing Assessment Framework dimension is `info`, a missing domain a
    /// `warning`). The organisation's setting for the specific id, then for the category, still
    /// wins.
    pub(crate) fn emit_with_severity(
        &mut self,
        category: Category,
        detail: &str,
        default: Severity,
        span: Span,
        message: impl Into<String>,
        suggestion: Option<String>,
    ) {
        let id = if detail.is_empty() { category.id().to_string() } else { format!("{}/{detail}", category.id()) };
        let level = self
            .config
            .configured_level(&id)
            .or_else(|| self.config.configured_level(category.id()))
            .unwrap_or(Level::On(default));
        let Level::On(severity) = level else { return };
        self.items.push(Finding {
            id,
            category,
            lens: category.info().lens,
            severity,
            message: message.into(),
            suggestion,
            start: span.start,
            end: span.end,
            line: 0,
            column: 0,
            text: span.of(self.text).to_string(),
        });
    }

    pub(crate) fn into_vec(self) -> Vec<Finding> {
        self.items
    }
}

/// Runs every rule that applies to the record type and is not switched off.
pub(crate) fn run_all(cx: &Ctx<'_>, out: &mut Findings<'_>) {
    for &(category, rule) in RULES {
        if cx.record_type.applies(category) && !cx.config.category_off(category) {
            rule(cx, out);
        }
    }
}

/// A span at the very start of the text, for findings about the record as a whole: it points at
/// the first line, which is where a reader would add what is missing.
pub(crate) fn whole_record_span(doc: &Document<'_>) -> Span {
    let first_line = doc.text.lines().next().unwrap_or("");
    let trimmed = first_line.trim_end();
    Span::new(0, trimmed.len())
}
