//! What to redact and how to label it.

use serde::Deserialize;
use std::path::Path;

/// Options for [`crate::detect`] and [`crate::redact`].
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Options {
    /// Redact every date, not only dates of birth. Off by default: the dates of visits and events
    /// are what a trainee learns from, and alone they rarely identify anyone.
    pub all_dates: bool,
    /// Redact schools, nurseries, GP practices and named services. On by default: a named local
    /// school identifies a child in a small town.
    pub organisations: bool,
    /// The organisation's own terms: street names, estates, local schools, anything local that
    /// would identify a family. Matched case-insensitively as whole words.
    pub custom_terms: Vec<String>,
    /// Replace with █, keeping the length in characters, instead of a label (for layouts).
    pub mask: bool,
    /// The labels that replace each kind.
    pub labels: Labels,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            all_dates: false,
            organisations: true,
            custom_terms: Vec::new(),
            mask: false,
            labels: Labels::default(),
        }
    }
}

/// The labels that replace identifiers. `{}` is replaced by a letter for people ("Child A",
/// "Adult B") and by a number for organisations ("School 1"); a label without `{}` is used as it
/// is, with " 2", " 3" added if a second, different person or place needs the same label.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[allow(missing_docs)]
pub struct Labels {
    pub child: String,
    pub mother: String,
    pub father: String,
    pub grandparent: String,
    pub professional: String,
    pub adult: String,
    pub school: String,
    pub nursery: String,
    pub gp_practice: String,
    pub organisation: String,
    pub date_of_birth: String,
    pub date: String,
    pub address: String,
    pub postcode: String,
    pub phone: String,
    pub email: String,
    pub nhs_number: String,
    pub chi_number: String,
    pub ni_number: String,
    pub url: String,
    pub custom: String,
}

impl Labels {
    /// Every label template.
    pub(crate) fn all(&self) -> [&str; 21] {
        [
            &self.child,
            &self.mother,
            &self.father,
            &self.grandparent,
            &self.professional,
            &self.adult,
            &self.school,
            &self.nursery,
            &self.gp_practice,
            &self.organisation,
            &self.date_of_birth,
            &self.date,
            &self.address,
            &self.postcode,
            &self.phone,
            &self.email,
            &self.nhs_number,
            &self.chi_number,
            &self.ni_number,
            &self.url,
            &self.custom,
        ]
    }
}

impl Default for Labels {
    fn default() -> Self {
        let s = |x: &str| x.to_string();
        Labels {
            child: s("Child {}"),
            mother: s("Mother"),
            father: s("Father"),
            grandparent: s("Grandparent"),
            professional: s("Professional {}"),
            adult: s("Adult {}"),
            school: s("School {}"),
            nursery: s("Nursery {}"),
            gp_practice: s("GP practice {}"),
            organisation: s("Organisation {}"),
            date_of_birth: s("[date of birth]"),
            date: s("[date]"),
            address: s("[address]"),
            postcode: s("[postcode]"),
            phone: s("[phone]"),
            email: s("[email]"),
            nhs_number: s("[NHS number]"),
            chi_number: s("[CHI number]"),
            ni_number: s("[NI number]"),
            url: s("[web address]"),
            custom: s("[local detail]"),
        }
    }
}

/// A configuration file that could not be used.
#[derive(Debug, thiserror::Error)]
pub enum OptionsError {
    /// The file could not be read.
    #[error("could not read redaction settings {path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// The TOML is malformed or has unknown keys.
    #[error("invalid redaction settings: {0}")]
    Toml(#[from] toml::de::Error),
    /// A value is unusable.
    #[error("invalid redaction settings: {0}")]
    Invalid(String),
}

impl Options {
    /// Parses redaction settings from TOML, e.g.
    ///
    /// ```toml
    /// all_dates = true
    /// custom_terms = ["Hillview Estate", "Mossgiel Road"]
    /// [labels]
    /// child = "Young person {}"
    /// ```
    pub fn from_toml_str(text: &str) -> Result<Options, OptionsError> {
        let options: Options = toml::from_str(text)?;
        if let Some(blank) = options.custom_terms.iter().find(|t| t.trim().is_empty()) {
            return Err(OptionsError::Invalid(format!("custom_terms contains an empty term ({blank:?}); remove it")));
        }
        Ok(options)
    }

    /// Reads redaction settings from a TOML file.
    pub fn from_path(path: &Path) -> Result<Options, OptionsError> {
        let text = std::fs::read_to_string(path)
            .map_err(|source| OptionsError::Io { path: path.display().to_string(), source })?;
        Options::from_toml_str(&text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_hide_organisations_but_not_every_date() {
        let o = Options::default();
        assert!(o.organisations && !o.all_dates && !o.mask);
        assert_eq!(o.labels.child, "Child {}");
    }

    #[test]
    fn toml_overrides_some_labels_and_keeps_the_rest() {
        let o = Options::from_toml_str("all_dates = true\n[labels]\nchild = \"Young person {}\"").unwrap();
        assert!(o.all_dates);
        assert_eq!(o.labels.child, "Young person {}");
        assert_eq!(o.labels.mother, "Mother");
    }

    #[test]
    fn unknown_keys_and_empty_terms_are_errors() {
        assert!(Options::from_toml_str("colour = 1").unwrap_err().to_string().contains("colour"));
        assert!(Options::from_toml_str("custom_terms = [\" \"]").unwrap_err().to_string().contains("empty term"));
    }
}
