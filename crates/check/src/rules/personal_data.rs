//! `personal-data`: names and identifiers left in a record that is to be shared for training.
//!
//! The detection is [`recordwell_redact::detect`], the same engine as `recordwell redact`, so the
//! checker and the redactor never disagree about what is personal data. Each entity found is one
//! finding, with the specific id `personal-data/<kind>` (`personal-data/person`,
//! `personal-data/email`, …) and the label `recordwell redact` would put in its place as the
//! suggestion.
//!
//! The rule applies to every record type but is **off unless switched on**: a record kept on the
//! case file is meant to name the family, so flagging every name there would be noise. It runs
//! when the organisation's configuration sets a level for `personal-data` (or for one of its
//! specific ids), which is what `recordwell check --training` does for a record about to be
//! shared. Only the kinds with a level set, directly or through the category, are reported.

use recordwell_redact::{EntityKind, Options};
use std::sync::LazyLock;

use super::{Ctx, Findings};
use crate::catalogue::Category;
use crate::config::{Config, Level};
use crate::text::Span;

pub(crate) fn check(cx: &Ctx<'_>, out: &mut Findings<'_>) {
    let config = cx.config;
    if !switched_on(config) {
        return;
    }
    let options = Options::default();
    let category_level = config.configured_level(Category::PersonalData.id());
    for entity in recordwell_redact::detect(cx.doc.text, &options) {
        let detail = entity.kind.id();
        let id = format!("{}/{detail}", Category::PersonalData.id());
        if config.configured_level(&id).or(category_level).is_none() {
            continue;
        }
        let noun = if entity.kind == EntityKind::Date && entity.replacement == options.labels.date_of_birth {
            "a date of birth"
        } else {
            noun(entity.kind)
        };
        let message = format!("{noun} is left in: de-identify before sharing");
        let suggestion = format!("replace with \"{}\"", entity.replacement);
        out.emit(Category::PersonalData, detail, Span::new(entity.start, entity.end), message, Some(suggestion));
    }
}

/// Whether the configuration switches the rule, or any of its specific ids, on. Called for every
/// record, so the specific ids are built once.
fn switched_on(config: &Config) -> bool {
    static SPECIFIC: LazyLock<Vec<String>> = LazyLock::new(|| {
        EntityKind::ALL.iter().map(|k| format!("{}/{}", Category::PersonalData.id(), k.id())).collect()
    });
    let on = |id: &str| matches!(config.configured_level(id), Some(Level::On(_)));
    on(Category::PersonalData.id()) || SPECIFIC.iter().any(|id| on(id))
}

/// How a message names an identifier of this kind.
fn noun(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "a person's name",
        EntityKind::Date => "a date",
        EntityKind::Address => "an address",
        EntityKind::Postcode => "a postcode",
        EntityKind::Phone => "a phone number",
        EntityKind::Email => "an email address",
        EntityKind::NhsNumber => "an NHS number",
        EntityKind::ChiNumber => "a CHI number",
        EntityKind::NiNumber => "a National Insurance number",
        EntityKind::Url => "a web address",
        EntityKind::Organisation => "the name of a school, practice or service",
        EntityKind::Custom => "a local detail on your organisation's list",
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::findings;
    use crate::{Category, Config, Finding, Lens, RecordType, Severity, check};

    const TEXT: &str = "Mum emailed from k.fenwick@example.org on Monday.\nShe copied in jo.b@example.net.\n";

    fn with(toml: &str, text: &str) -> Vec<Finding> {
        let config = Config::from_toml_str(toml).unwrap();
        check(text, RecordType::Contact, &config)
            .findings
            .into_iter()
            .filter(|f| f.category == Category::PersonalData)
            .collect()
    }

    #[test]
    fn off_unless_switched_on() {
        for t in RecordType::ALL {
            assert!(t.applies(Category::PersonalData));
            assert!(findings(TEXT, t, Category::PersonalData).is_empty(), "{t}");
        }
    }

    #[test]
    fn one_finding_per_identifier_with_its_label() {
        let found = with("[rules]\npersonal-data = \"warning\"", TEXT);
        let emails: Vec<&Finding> = found.iter().filter(|f| f.id == "personal-data/email").collect();
        assert_eq!(emails.len(), 2, "{found:?}");
        let f = emails[0];
        assert_eq!(f.text, "k.fenwick@example.org");
        assert_eq!(&TEXT[f.start..f.end], f.text);
        assert_eq!((f.line, f.severity, f.lens), (1, Severity::Warning, Lens::Both));
        assert_eq!(f.message, "an email address is left in: de-identify before sharing");
        assert_eq!(f.suggestion.as_deref(), Some("replace with \"[email]\""));
        assert_eq!(emails[1].line, 2);
    }

    #[test]
    fn levels_apply_by_kind() {
        let found = with("[rules]\npersonal-data = \"error\"", TEXT);
        assert!(!found.is_empty() && found.iter().all(|f| f.severity == Severity::Error));
        // Switching on one kind reports that kind only.
        let found = with("[rules]\n\"personal-data/email\" = \"info\"", TEXT);
        assert!(
            !found.is_empty() && found.iter().all(|f| f.id == "personal-data/email" && f.severity == Severity::Info)
        );
        // The category on, one kind off.
        let found = with("[rules]\npersonal-data = \"warning\"\n\"personal-data/email\" = \"off\"", TEXT);
        assert!(found.iter().all(|f| f.id != "personal-data/email"));
        assert!(with("[rules]\npersonal-data = \"off\"", TEXT).is_empty());
    }

    #[test]
    fn clean_text_and_empty_text_draw_nothing() {
        assert!(with("[rules]\npersonal-data = \"warning\"", "").is_empty());
        let found = with("[rules]\npersonal-data = \"warning\"", "Meet @ 3pm at the office.");
        assert!(found.iter().all(|f| f.id != "personal-data/email"));
    }

    #[test]
    fn scores_count_what_is_left_in() {
        let config = Config::from_toml_str("[rules]\npersonal-data = \"warning\"").unwrap();
        let on = check(TEXT, RecordType::Contact, &config).scores;
        let off = check(TEXT, RecordType::Contact, Config::shared_default()).scores;
        assert!(on.colleague < off.colleague && on.family < off.family);
    }
}
