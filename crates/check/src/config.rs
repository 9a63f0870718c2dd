//! Configuration: switch rules off or re-level them by id, tune thresholds, and extend the
//! word lists, from an organisation's TOML file, without rebuilding.
//!
//! ```toml
//! [rules]
//! jargon = "off"                 # a whole category
//! "jargon/contact" = "warning"   # one specific id
//!
//! [settings]
//! long_sentence_words = 25
//!
//! [lists.jargon]
//! remove = ["respite"]           # drop the entry that matches this phrase
//! [[lists.jargon.add]]
//! match = ["LAC review"]
//! suggestion = "the child's review, by name"
//! ```

use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::{Arc, OnceLock};

use crate::catalogue::Category;
use crate::finding::Severity;
use crate::lexicon::{Entry, Lexicon, List, embedded_entries};

/// What a rule id is set to: off, or a severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// The rule does not run (or its findings are dropped).
    Off,
    /// Findings have this severity.
    On(Severity),
}

impl Level {
    fn parse(s: &str) -> Option<Level> {
        if s == "off" { Some(Level::Off) } else { Severity::parse(s).map(Level::On) }
    }
}

/// Thresholds that are numbers rather than words.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Settings {
    /// Sentences with more words than this draw `long-sentence`.
    pub long_sentence_words: usize,
    /// Texts whose Flesch reading ease is below this draw `hard-to-read`.
    pub hard_to_read_below: f64,
    /// `hard-to-read` is not judged on texts shorter than this many words.
    pub hard_to_read_min_words: usize,
}

impl Default for Settings {
    fn default() -> Self {
        Settings { long_sentence_words: 30, hard_to_read_below: 50.0, hard_to_read_min_words: 100 }
    }
}

/// How an organisation changes one word list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ListPatch {
    /// Discard the shipped entries and use only `add`.
    pub replace: bool,
    /// Drop shipped entries that match any of these phrases (case-insensitive).
    pub remove: Vec<String>,
    /// New entries; one matching an existing phrase overrides it.
    pub add: Vec<Entry>,
}

/// What went wrong reading a configuration.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file could not be read.
    #[error("cannot read configuration file {path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// The TOML is malformed or has unknown keys.
    #[error("invalid configuration: {0}")]
    Toml(#[from] toml::de::Error),
    /// A rule id that is not in the catalogue.
    #[error("unknown rule id `{given}` in [rules]; valid ids are: {}", Category::all_ids().join(", "))]
    UnknownRule {
        /// What was given.
        given: String,
    },
    /// A level that is not off/info/warning/error.
    #[error("unknown level `{level}` for rule `{rule}`; use one of: off, info, warning, error")]
    UnknownLevel {
        /// The rule.
        rule: String,
        /// What was given.
        level: String,
    },
    /// A list name that does not exist.
    #[error("unknown word list `{given}` in [lists]; valid lists are: {}", List::all_names().join(", "))]
    UnknownList {
        /// What was given.
        given: String,
    },
    /// A setting out of range.
    #[error("invalid setting: {0}")]
    Setting(String),
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    #[serde(default)]
    rules: BTreeMap<String, String>,
    #[serde(default)]
    settings: Settings,
    #[serde(default)]
    lists: BTreeMap<String, ListPatch>,
}

/// The checker's configuration. Cheap to share; the word lists are compiled on first use and
/// kept with the configuration.
#[derive(Debug, Default)]
pub struct Config {
    levels: BTreeMap<String, Level>,
    /// Numeric thresholds.
    pub settings: Settings,
    patches: BTreeMap<List, ListPatch>,
    compiled: OnceLock<Arc<Lexicon>>,
}

impl Clone for Config {
    fn clone(&self) -> Self {
        Config {
            levels: self.levels.clone(),
            settings: self.settings.clone(),
            patches: self.patches.clone(),
            compiled: self.compiled.clone(),
        }
    }
}

impl Config {
    /// The shipped configuration, compiled once per process.
    pub fn shared_default() -> &'static Config {
        static DEFAULT: OnceLock<Config> = OnceLock::new();
        DEFAULT.get_or_init(Config::default)
    }

    /// Parses an organisation's TOML configuration.
    pub fn from_toml_str(text: &str) -> Result<Config, ConfigError> {
        let file: ConfigFile = toml::from_str(text)?;
        let mut levels = BTreeMap::new();
        for (rule, level) in file.rules {
            let category = rule.split('/').next().unwrap_or("");
            if Category::from_id(category).is_none() {
                return Err(ConfigError::UnknownRule { given: rule });
            }
            let parsed = Level::parse(&level).ok_or_else(|| ConfigError::UnknownLevel { rule: rule.clone(), level })?;
            levels.insert(rule, parsed);
        }
        let mut patches = BTreeMap::new();
        for (name, patch) in file.lists {
            let list = List::from_name(&name).ok_or(ConfigError::UnknownList { given: name })?;
            if let Some(bad) = patch.add.iter().find(|e| e.phrases.iter().all(|p| p.trim().is_empty())) {
                return Err(ConfigError::Setting(format!("an entry added to list `{list}` has no phrase: {bad:?}")));
            }
            patches.insert(list, patch);
        }
        let s = &file.settings;
        if s.long_sentence_words == 0 {
            return Err(ConfigError::Setting("long_sentence_words must be at least 1".into()));
        }
        if !s.hard_to_read_below.is_finite() {
            return Err(ConfigError::Setting("hard_to_read_below must be a number".into()));
        }
        Ok(Config { levels, settings: file.settings, patches, compiled: OnceLock::new() })
    }

    /// Reads and parses a configuration file.
    pub fn from_path(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path)
            .map_err(|source| ConfigError::Io { path: path.display().to_string(), source })?;
        Config::from_toml_str(&text)
    }

    /// Sets the level of a rule id (a category id or a specific `category/detail` id).
    pub fn set_level(&mut self, rule: &str, level: Level) -> Result<(), ConfigError> {
        let category = rule.split('/').next().unwrap_or("");
        if Category::from_id(category).is_none() {
            return Err(ConfigError::UnknownRule { given: rule.to_string() });
        }
        self.levels.insert(rule.to_string(), level);
        Ok(())
    }

    /// The level for a finding id: the specific id wins over its category, which wins over the
    /// catalogue's default.
    pub fn level(&self, category: Category, id: &str) -> Level {
        if let Some(l) = self.levels.get(id) {
            return *l;
        }
        match self.levels.get(category.id()) {
            Some(l) => *l,
            None => Level::On(category.info().severity),
        }
    }

    /// The level an organisation set for exactly this id, if it set one.
    pub fn configured_level(&self, id: &str) -> Option<Level> {
        self.levels.get(id).copied()
    }

    /// Whether a whole category is switched off (so its rule need not run).
    pub fn category_off(&self, category: Category) -> bool {
        self.levels.get(category.id()) == Some(&Level::Off)
            && !self.levels.iter().any(|(k, v)| *v != Level::Off && k.starts_with(category.id()) && k.contains('/'))
    }

    /// The effective entries of one list after the organisation's changes.
    pub fn list_entries(&self, list: List) -> Vec<Entry> {
        let Some(patch) = self.patches.get(&list) else { return embedded_entries(list) };
        let mut entries = if patch.replace { Vec::new() } else { embedded_entries(list) };
        let lower = |s: &str| s.trim().to_lowercase();
        let removed: Vec<String> = patch
            .remove
            .iter()
            .map(|s| lower(s))
            .chain(patch.add.iter().flat_map(|e| e.phrases.iter().map(|p| lower(p))))
            .collect();
        for entry in &mut entries {
            entry.phrases.retain(|p| !removed.contains(&lower(p)));
        }
        entries.retain(|e| !e.phrases.is_empty());
        entries.extend(patch.add.iter().cloned());
        entries
    }

    pub(crate) fn lexicon(&self) -> &Lexicon {
        self.compiled.get_or_init(|| Arc::new(Lexicon::new(List::ALL.iter().map(|&l| self.list_entries(l)).collect())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_rule_lists_valid_ids() {
        let err = Config::from_toml_str("[rules]\nnot-a-rule = \"off\"").unwrap_err().to_string();
        assert!(err.contains("not-a-rule"));
        assert!(err.contains("judgemental-language") && err.contains("personal-data"));
    }

    #[test]
    fn unknown_list_lists_valid_names() {
        let err = Config::from_toml_str("[lists.nope]\nremove=[\"x\"]").unwrap_err().to_string();
        assert!(err.contains("nope") && err.contains("jargon"));
    }

    #[test]
    fn unknown_level_is_explained() {
        let err = Config::from_toml_str("[rules]\njargon = \"loud\"").unwrap_err().to_string();
        assert!(err.contains("loud") && err.contains("warning"));
    }

    #[test]
    fn specific_id_overrides_category() {
        let c = Config::from_toml_str("[rules]\njargon = \"off\"\n\"jargon/contact\" = \"error\"").unwrap();
        assert_eq!(c.level(Category::Jargon, "jargon/placement"), Level::Off);
        assert_eq!(c.level(Category::Jargon, "jargon/contact"), Level::On(Severity::Error));
        assert!(!c.category_off(Category::Jargon));
    }

    #[test]
    fn lists_can_be_extended_and_trimmed() {
        let c = Config::from_toml_str(
            "[lists.jargon]\nremove = [\"respite\"]\n[[lists.jargon.add]]\nmatch = \"LAC review\"\nsuggestion = \"review\"",
        )
        .unwrap();
        let entries = c.list_entries(List::Jargon);
        assert!(entries.iter().any(|e| e.phrases == ["LAC review"]));
        assert!(!entries.iter().any(|e| e.phrases.iter().any(|p| p == "respite")));
    }

    #[test]
    fn replace_discards_shipped_entries() {
        let c = Config::from_toml_str("[lists.jargon]\nreplace = true\nadd = [{ match = \"widget\" }]").unwrap();
        assert_eq!(c.list_entries(List::Jargon).len(), 1);
    }

    #[test]
    fn bad_settings_are_rejected() {
        assert!(Config::from_toml_str("[settings]\nlong_sentence_words = 0").is_err());
        assert!(Config::from_toml_str("[settings]\nunknown = 1").is_err());
    }
}
