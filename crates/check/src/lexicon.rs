//! Word lists: the rules that are just words, and the cue phrases the logic rules look for.
//!
//! Every list is a TOML file in `data/`, embedded in the binary at build time. An organisation
//! can add to, remove from or replace any list with its own configuration file (see
//! [`crate::Config`]) without rebuilding. All lists are compiled into one Aho-Corasick automaton,
//! so the text is scanned once however many lists there are; each rule then looks only at the
//! hits from the lists it cares about.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fmt;

use crate::text::Span;

macro_rules! lists {
    ($($variant:ident => $name:literal, scanned: $scan:literal, $doc:literal;)*) => {
        /// A named word list. The name is the data file's stem and the key used in configuration.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum List { $(#[doc = $doc] $variant,)* }

        impl List {
            /// Every list.
            pub const ALL: &'static [List] = &[$(List::$variant,)*];
            /// The number of lists.
            pub const COUNT: usize = List::ALL.len();

            /// The list's name, as used in configuration files.
            pub fn name(self) -> &'static str {
                match self { $(List::$variant => $name,)* }
            }

            /// What the list is for.
            pub fn description(self) -> &'static str {
                match self { $(List::$variant => $doc,)* }
            }

            /// Whether the text is scanned for this list's phrases (the acronym list is looked up
            /// by the acronym rule instead).
            fn scanned(self) -> bool {
                match self { $(List::$variant => $scan,)* }
            }

            fn embedded(self) -> &'static str {
                match self { $(List::$variant => include_str!(concat!("../data/", $name, ".toml")),)* }
            }
        }
    };
}

lists! {
    Judgemental => "judgemental", scanned: true, "Blaming or pejorative words (judgemental-language).";
    Labelling => "labelling", scanned: true, "Words that define a person by a condition or situation (labelling-language).";
    Euphemism => "euphemism", scanned: true, "Words that hide harm (euphemism).";
    Jargon => "jargon", scanned: true, "Service language with plain alternatives (jargon).";
    Acronyms => "acronyms", scanned: false, "Known acronyms with their expansions; `exempt` ones need no expansion.";
    VagueTime => "vague-time", scanned: true, "Imprecise time expressions (vague-time).";
    Unsourced => "unsourced", scanned: true, "Phrases that report information without a source (unsourced).";
    SourceCues => "source-cues", scanned: true, "Words that name where information came from.";
    Speculation => "speculation", scanned: true, "Hunches written as if established (speculation).";
    HypothesisCues => "hypothesis-cues", scanned: true, "Words that frame a hunch as a hypothesis to test.";
    AnalysisCues => "analysis-cues", scanned: true, "Explanation, evaluation and recommendation phrases (no-analysis).";
    StrengthCues => "strength-cues", scanned: true, "Words that record strengths and what is going well (no-strengths).";
    VoiceCues => "voice-cues", scanned: true, "Speech, wish and feeling verbs that carry a person's voice.";
    ObservationCues => "observation-cues", scanned: true, "Observed behaviour, for children who do not speak.";
    YoungChildCues => "young-child-cues", scanned: true, "Reasons a child's words cannot be recorded (too young, non-verbal).";
    ChildRefs => "child-refs", scanned: true, "Words that refer to a child.";
    AdultRefs => "adult-refs", scanned: true, "Words that refer to an adult: parents, carers, professionals.";
    SeenCues => "seen-cues", scanned: true, "Phrases saying whether the child was seen.";
    AloneCues => "alone-cues", scanned: true, "Phrases saying whether the child was seen alone, or why not.";
    OpinionLabels => "opinion-labels", scanned: true, "Evaluative labels that need an owner and evidence (opinion-as-fact).";
    OwnerCues => "owner-cues", scanned: true, "Phrases that own an opinion (\"in my view\").";
    EvidenceCues => "evidence-cues", scanned: true, "Phrases that give the evidence for an opinion.";
    DidNotAttend => "did-not-attend", scanned: true, "\"Did not attend\" and its variants (did-not-attend-child).";
    AgentParticiples => "agent-participles", scanned: true, "Past participles of deciding and acting (hidden-agency).";
    HarmWords => "harm-words", scanned: true, "Words for harm and allegations, read as disbelief in quotation marks (scare-quotes).";
    AfDimensions => "af-dimensions", scanned: true, "Assessment Framework domains and dimensions; `tag` is domain/dimension.";
}

impl fmt::Display for List {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl List {
    /// Looks a list up by name.
    pub fn from_name(name: &str) -> Option<List> {
        List::ALL.iter().copied().find(|l| l.name() == name)
    }

    /// The names of every list, for error messages.
    pub fn all_names() -> Vec<&'static str> {
        List::ALL.iter().map(|l| l.name()).collect()
    }
}

/// One entry of a word list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The phrases that match this entry, case-insensitively and as whole words. A trailing `*`
    /// matches any word that starts with the phrase (`resilien*`).
    #[serde(rename = "match", deserialize_with = "one_or_many")]
    pub phrases: Vec<String>,
    /// A better wording, where one exists.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suggestion: Option<String>,
    /// Why this particular word is a problem, shown with the finding.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The specific id suffix (`jargon/<id>`); defaults to the first phrase, slugified.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// A free tag the rule interprets (for the Assessment Framework: `domain/dimension`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
    /// Match letter case exactly (for acronyms such as `DNA`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub case_sensitive: bool,
    /// For acronyms: well known enough to need no expansion.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub exempt: bool,
}

impl Entry {
    /// The id suffix of findings from this entry.
    pub fn slug(&self) -> String {
        let base = self.id.as_deref().or(self.phrases.first().map(String::as_str)).unwrap_or("");
        slugify(base)
    }
}

fn slugify(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.trim_end_matches('*').chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

fn one_or_many<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(String),
        Many(Vec<String>),
    }
    Ok(match OneOrMany::deserialize(d)? {
        OneOrMany::One(s) => vec![s],
        OneOrMany::Many(v) => v,
    })
}

/// The shape of a list file in `data/`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ListFile {
    #[allow(dead_code)]
    description: Option<String>,
    #[serde(default, rename = "entry")]
    entries: Vec<Entry>,
}

/// Parses a list file; used for the embedded lists and for organisations' files.
pub(crate) fn parse_entries(toml_text: &str) -> Result<Vec<Entry>, toml::de::Error> {
    toml::from_str::<ListFile>(toml_text).map(|f| f.entries)
}

/// The entries of an embedded list, as shipped.
pub fn embedded_entries(list: List) -> Vec<Entry> {
    // The embedded files are checked by tests, so a failure here is a build defect.
    parse_entries(list.embedded()).unwrap_or_else(|e| panic!("embedded list data/{}.toml is invalid: {e}", list.name()))
}

/// Where a phrase occurs in the text, and which list entry it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Where the phrase is.
    pub span: Span,
    /// Which list it comes from.
    pub list: List,
    /// Index of the entry within the list.
    pub entry: u32,
}

#[derive(Debug, Clone, Copy)]
struct Target {
    list: List,
    entry: u32,
    prefix: bool,
    case_sensitive: bool,
}

/// All lists, compiled for scanning.
#[derive(Debug)]
pub(crate) struct Lexicon {
    lists: Vec<Vec<Entry>>,
    automaton: Option<AhoCorasick>,
    /// For each automaton pattern, the entries it stands for and the exact phrase text.
    targets: Vec<(String, Vec<Target>)>,
    /// The acronym list by exact phrase, built once here rather than by the rule for every record.
    acronyms: HashMap<String, u32>,
}

impl Lexicon {
    /// Compiles the given entries (indexed like [`List::ALL`]).
    pub(crate) fn new(lists: Vec<Vec<Entry>>) -> Lexicon {
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut targets: Vec<(String, Vec<Target>)> = Vec::new();
        for (&list, entries) in List::ALL.iter().zip(&lists) {
            if !list.scanned() {
                continue;
            }
            for (i, entry) in entries.iter().enumerate() {
                for phrase in &entry.phrases {
                    let (text, prefix) = match phrase.strip_suffix('*') {
                        Some(p) => (p, true),
                        None => (phrase.as_str(), false),
                    };
                    let target = Target { list, entry: i as u32, prefix, case_sensitive: entry.case_sensitive };
                    for variant in apostrophe_variants(text.trim()) {
                        if variant.is_empty() {
                            continue;
                        }
                        let key = variant.to_lowercase();
                        let slot = *index.entry(key.clone()).or_insert_with(|| {
                            targets.push((variant.clone(), Vec::new()));
                            targets.len() - 1
                        });
                        targets[slot].1.push(target);
                    }
                }
            }
        }
        let automaton = if targets.is_empty() {
            None
        } else {
            let built = AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::Standard)
                // A DFA costs more memory (a few MB, once per configuration) but scans about
                // twice as fast as the default NFA with this many patterns.
                .kind(Some(AhoCorasickKind::DFA))
                .build(targets.iter().map(|(p, _)| p.as_str()));
            // Patterns are bounded in number and length; building can only fail on absurd sizes.
            Some(built.expect("word lists compile into an automaton"))
        };
        let acronyms = lists[List::Acronyms as usize]
            .iter()
            .enumerate()
            .flat_map(|(i, e)| e.phrases.iter().map(move |p| (p.clone(), i as u32)))
            .collect();
        Lexicon { lists, automaton, targets, acronyms }
    }

    /// The acronym-list entry whose phrase is exactly `token`, if any.
    pub(crate) fn acronym(&self, token: &str) -> Option<&Entry> {
        self.acronyms.get(token).map(|&i| &self.lists[List::Acronyms as usize][i as usize])
    }

    /// The entries of one list.
    pub(crate) fn entries(&self, list: List) -> &[Entry] {
        &self.lists[list as usize]
    }

    /// One entry.
    pub(crate) fn entry(&self, hit: &Hit) -> &Entry {
        &self.lists[hit.list as usize][hit.entry as usize]
    }

    /// Finds every whole-word occurrence of every scanned list's phrases, sorted by start.
    ///
    /// Within one list, overlapping hits keep the earliest and then the longest, so
    /// "broken home" wins over "home" and each word is reported once per list.
    pub(crate) fn scan(&self, text: &str) -> Vec<Hit> {
        let Some(ac) = &self.automaton else { return Vec::new() };
        let bytes = text.as_bytes();
        let mut hits = Vec::new();
        for m in ac.find_overlapping_iter(text) {
            let (start, end) = (m.start(), m.end());
            let (phrase, targets) = &self.targets[m.pattern().as_usize()];
            let left_ok = !starts_word(phrase) || !is_word_before(text, start);
            if !left_ok {
                continue;
            }
            for t in targets {
                let right_ok = t.prefix || !ends_word(phrase) || !is_word_after(text, end);
                let case_ok = !t.case_sensitive || &bytes[start..end] == phrase.as_bytes();
                if right_ok && case_ok {
                    hits.push(Hit { span: Span::new(start, end), list: t.list, entry: t.entry });
                }
            }
        }
        hits.sort_unstable_by(|a, b| {
            (a.span.start, std::cmp::Reverse(a.span.end), a.list, a.entry).cmp(&(
                b.span.start,
                std::cmp::Reverse(b.span.end),
                b.list,
                b.entry,
            ))
        });
        let mut last_end = [0usize; List::COUNT];
        hits.retain(|h| {
            let slot = &mut last_end[h.list as usize];
            if h.span.start < *slot {
                return false;
            }
            *slot = h.span.end;
            true
        });
        hits
    }
}

fn apostrophe_variants(phrase: &str) -> Vec<String> {
    if phrase.contains('\'') {
        vec![phrase.to_string(), phrase.replace('\'', "\u{2019}")]
    } else {
        vec![phrase.to_string()]
    }
}

fn starts_word(phrase: &str) -> bool {
    phrase.chars().next().is_some_and(char::is_alphanumeric)
}

fn ends_word(phrase: &str) -> bool {
    phrase.chars().next_back().is_some_and(char::is_alphanumeric)
}

/// True when the character just before `at` is part of a word.
pub(crate) fn is_word_before(text: &str, at: usize) -> bool {
    text[..at].chars().next_back().is_some_and(char::is_alphanumeric)
}

/// True when the character at `at` is part of a word.
pub(crate) fn is_word_after(text: &str, at: usize) -> bool {
    text[at..].chars().next().is_some_and(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn default_lexicon() -> Lexicon {
        Lexicon::new(List::ALL.iter().map(|&l| embedded_entries(l)).collect())
    }

    #[test]
    fn every_embedded_list_parses_and_has_entries() {
        for &list in List::ALL {
            let entries = embedded_entries(list);
            assert!(!entries.is_empty(), "{} is empty", list.name());
            for e in &entries {
                assert!(!e.phrases.is_empty(), "{}: entry with no phrases", list.name());
            }
        }
    }

    #[test]
    fn slugs() {
        assert_eq!(slugify("Broken home"), "broken-home");
        assert_eq!(slugify("resilien*"), "resilien");
        assert_eq!(slugify("DNA'd"), "dna-d");
    }

    #[test]
    fn whole_words_only() {
        let lex = default_lexicon();
        let text = "The placementx and placement.";
        let hits: Vec<_> = lex.scan(text).into_iter().filter(|h| h.list == List::Jargon).collect();
        assert_eq!(hits.len(), 1);
        assert_eq!(&text[hits[0].span.range()], "placement");
    }

    #[test]
    fn case_insensitive_and_typographic_apostrophes() {
        let entries = vec![Entry {
            phrases: vec!["didn't attend".into()],
            suggestion: None,
            note: None,
            id: None,
            tag: None,
            case_sensitive: false,
            exempt: false,
        }];
        let mut lists: Vec<Vec<Entry>> = List::ALL.iter().map(|_| Vec::new()).collect();
        lists[List::DidNotAttend as usize] = entries;
        let lex = Lexicon::new(lists);
        assert_eq!(lex.scan("He Didn\u{2019}t attend.").len(), 1);
        assert_eq!(lex.scan("He didn't attend.").len(), 1);
    }
}
