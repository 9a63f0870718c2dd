//! Helpers for rule tests.

use crate::{Category, Config, Finding, RecordType, check};

/// The findings of one category when checking `text` as `record_type` with the shipped rules.
pub(crate) fn findings(text: &str, record_type: RecordType, category: Category) -> Vec<Finding> {
    check(text, record_type, Config::shared_default()).findings.into_iter().filter(|f| f.category == category).collect()
}

/// The matched texts of one category's findings.
pub(crate) fn matched(text: &str, record_type: RecordType, category: Category) -> Vec<String> {
    findings(text, record_type, category).into_iter().map(|f| f.text).collect()
}

/// Whether `text` draws any finding of `category`.
pub(crate) fn flags(text: &str, record_type: RecordType, category: Category) -> bool {
    !findings(text, record_type, category).is_empty()
}
