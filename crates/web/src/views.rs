//! Small helpers shared by the pages: escaping, times, record types, the page frame.

use crate::auth::Visitor;
use recordwell_check::RecordType;
use recordwell_store::orgs::Role;

/// What every page's frame needs: who is signed in, the CSRF token, the navigation.
#[derive(Debug, Clone)]
pub struct Frame {
    /// The CSRF token forms carry.
    pub csrf: String,
    /// The signed-in person's name, if any.
    pub user_name: Option<String>,
    /// Their organisation.
    pub org_name: String,
    /// Whether to show the administration link.
    pub is_admin: bool,
    /// The current section, for `aria-current` in the navigation.
    pub section: &'static str,
}

impl Frame {
    /// The frame for this visitor on a page of `section`.
    pub fn new(visitor: &Visitor, section: &'static str) -> Frame {
        let session = visitor.session.as_ref();
        Frame {
            csrf: visitor.csrf.clone(),
            user_name: session.map(|s| s.user_name.clone()),
            org_name: session.map(|s| s.org_name.clone()).unwrap_or_default(),
            is_admin: session.is_some_and(|s| s.role == Role::Administrator),
            section,
        }
    }
}

/// A message from a pure crate (lower case, no full stop, as errors are written) as a sentence
/// for a page: "say why not now" becomes "Say why not now.".
pub fn sentence(message: &str) -> String {
    let mut chars = message.chars();
    let first = chars.next().map(|c| c.to_uppercase().collect::<String>()).unwrap_or_default();
    let rest = chars.as_str();
    if rest.ends_with('.') { format!("{first}{rest}") } else { format!("{first}{rest}.") }
}

/// Escapes text for HTML (for the few pages built without a template).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A Unix time as people in the UK write and read it: "30 Nov 2026, 14:05", on UK clock time
/// (GMT in winter, BST in summer).
pub fn when(unix: i64) -> String {
    static LONDON: std::sync::OnceLock<Option<jiff::tz::TimeZone>> = std::sync::OnceLock::new();
    let Some(tz) = LONDON.get_or_init(|| jiff::tz::TimeZone::get("Europe/London").ok()) else {
        return String::new();
    };
    jiff::Timestamp::from_second(unix)
        .map(|t| t.to_zoned(tz.clone()).strftime("%-d %b %Y, %H:%M").to_string())
        .unwrap_or_default()
}

/// A record type's label from its key.
pub fn type_title(key: &str) -> &'static str {
    key.parse::<RecordType>().map_or("Record", RecordType::title)
}

/// (key, label, selected) for a record type `<select>`.
pub fn type_options(selected: &str) -> Vec<(&'static str, &'static str, bool)> {
    RecordType::ALL.iter().map(|t| (t.id(), t.title(), t.id() == selected)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_become_sentences() {
        assert_eq!(super::sentence("say why not now"), "Say why not now.");
        assert_eq!(super::sentence("écrivez."), "Écrivez.");
        assert_eq!(super::sentence(""), ".");
    }

    #[test]
    fn escapes_markup() {
        assert_eq!(escape("<script>\"'&"), "&lt;script&gt;&quot;&#39;&amp;");
    }

    #[test]
    fn formats_times_in_uk_style() {
        assert_eq!(when(1_796_047_500), "30 Nov 2026, 14:05", "GMT in winter");
        assert_eq!(when(1_782_828_000), "30 Jun 2026, 15:00", "BST in summer");
        assert_eq!(type_title("case-summary"), "Case summary");
        assert_eq!(type_title("nonsense"), "Record");
    }
}
