//! Action-plan statements: can someone (the writer, a supervisor) tell later whether it was done?
//!
//! A verifiable statement has three parts: an action by the writer ("I will" plus a concrete
//! verb), something observable or countable (a number, "each"/"every", a named kind of
//! document), and a date or period. Vague verbs ("try to", "improve") make a statement
//! impossible to check, so they are flagged with a suggestion. Pure text rules, no I/O.

/// One thing that makes a statement hard to verify, with how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// What is missing or vague.
    pub message: String,
    /// How to rewrite it.
    pub suggestion: String,
}

/// The verdict on one statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assessment {
    /// Whether it can be checked later.
    pub verifiable: bool,
    /// What stands in the way (empty when verifiable).
    pub problems: Vec<Problem>,
}

const VAGUE: &[(&str, &str)] = &[
    ("try to", "Say what you will do, not what you will try: \"I will write …\"."),
    ("attempt to", "Say what you will do, not what you will attempt: \"I will write …\"."),
    ("improve", "Name the change someone could see, e.g. \"I will write a case summary for each of my active cases\"."),
    (
        "be better at",
        "Name what you will do differently and how often, e.g. \"I will record the child's own words in every visit note\".",
    ),
    (
        "think about",
        "Turn the thinking into an action, e.g. \"I will discuss my chronologies with my supervisor each month\".",
    ),
    ("consider", "Turn considering into an action someone could see."),
    ("aim to", "Say what you will do: \"I will …\"."),
    ("hope to", "Say what you will do: \"I will …\"."),
    ("be more", "Name the behaviour someone could see instead of a quality."),
    ("work on", "Name the piece of work and how much of it."),
];

const DOCUMENTS: &[&str] = &[
    "case summary",
    "case summaries",
    "chronology",
    "chronologies",
    "assessment",
    "case note",
    "case notes",
    "visit note",
    "visit notes",
    "record",
    "records",
    "plan",
    "plans",
    "report",
    "reports",
    "minutes",
    "letter",
    "letters",
    "supervision",
];

const COUNT_WORDS: &[&str] = &[
    "each", "every", "all", "one", "two", "three", "four", "five", "six", "ten", "twice", "once", "daily", "weekly",
    "monthly",
];

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

const PERIODS: &[&str] = &["day", "days", "week", "weeks", "month", "months", "year", "fortnight", "quarter"];

fn words(lower: &str) -> Vec<&str> {
    lower.split(|c: char| !c.is_alphanumeric() && c != '\'').filter(|w| !w.is_empty()).collect()
}

fn has_phrase(lower: &str, phrase: &str) -> bool {
    let w = words(lower);
    let p = words(phrase);
    w.windows(p.len()).any(|win| win == p.as_slice())
}

/// Whether the writer commits to an action: "I will"/"I shall"/"I'll" followed by a verb that
/// is not a vague one.
fn has_action(lower: &str) -> bool {
    let w = words(lower);
    w.windows(2).any(|p| p[0] == "i'll")
        || w.windows(3).any(|p| p[0] == "i" && (p[1] == "will" || p[1] == "shall") && !p[2].is_empty())
}

fn has_measure(lower: &str) -> bool {
    let w = words(lower);
    w.iter().any(|t| t.chars().any(|c| c.is_ascii_digit()) || COUNT_WORDS.contains(t))
        || DOCUMENTS.iter().any(|d| has_phrase(lower, d))
}

fn has_date(lower: &str) -> bool {
    let w = words(lower);
    let month = w.iter().any(|t| MONTHS.contains(t));
    let period = w.iter().any(|t| PERIODS.contains(t))
        && w.iter().any(|t| ["within", "every", "each", "by", "for", "next", "per", "a", "in"].contains(t));
    let deadline = w
        .windows(2)
        .any(|p| p[0] == "by" && (p[1].chars().all(|c| c.is_ascii_digit()) || p[1] == "the" || p[1] == "end"));
    let numeric_date = lower.split_whitespace().any(|t| {
        let t = t.trim_matches(|c: char| !c.is_ascii_digit());
        t.contains('/') || (t.len() == 10 && t.matches('-').count() == 2)
    });
    month
        || period
        || deadline
        || numeric_date
        || w.iter().any(|t| ["daily", "weekly", "monthly", "fortnightly"].contains(t))
}

/// Assesses one statement.
pub fn assess(statement: &str) -> Assessment {
    let lower = statement.trim().to_lowercase();
    let mut problems = Vec::new();
    if lower.is_empty() {
        problems.push(Problem {
            message: "The statement is empty.".into(),
            suggestion: "Write what you will do, how much, and by when.".into(),
        });
        return Assessment { verifiable: false, problems };
    }
    for (vague, suggestion) in VAGUE {
        if has_phrase(&lower, vague) {
            problems.push(Problem {
                message: format!("\"{vague}\" is vague: nobody could tell later whether it happened."),
                suggestion: (*suggestion).into(),
            });
        }
    }
    if !has_action(&lower) {
        problems.push(Problem {
            message: "It does not say what you will do.".into(),
            suggestion: "Start with \"I will\" and a concrete verb: write, record, share, discuss, review.".into(),
        });
    }
    if !has_measure(&lower) {
        problems.push(Problem {
            message: "There is nothing to count or see.".into(),
            suggestion: "Name the document or the number: \"a case summary for each of my active cases\".".into(),
        });
    }
    if !has_date(&lower) {
        problems.push(Problem {
            message: "There is no date or period.".into(),
            suggestion: "Add when: \"by 31 March\", \"within three months\" or \"every week\".".into(),
        });
    }
    Assessment { verifiable: problems.is_empty(), problems }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_issues_good_example_passes() {
        let a = assess("I will write a case summary for each of my active cases by 31 March");
        assert!(a.verifiable, "{a:?}");
        assert!(a.problems.is_empty());
    }

    #[test]
    fn try_to_improve_is_flagged_with_a_suggestion() {
        let a = assess("I will try to improve my recording");
        assert!(!a.verifiable);
        assert!(a.problems.iter().any(|p| p.message.contains("try to")));
        assert!(a.problems.iter().any(|p| p.message.contains("improve")));
        assert!(a.problems.iter().all(|p| !p.suggestion.is_empty()));
    }

    #[test]
    fn missing_date_is_flagged() {
        let a = assess("I will write a chronology for each child on my caseload");
        assert!(!a.verifiable);
        assert!(a.problems.iter().any(|p| p.message.contains("date")));
    }

    #[test]
    fn missing_writer_action_is_flagged() {
        let a = assess("Chronologies for every case by 31 March");
        assert!(a.problems.iter().any(|p| p.message.contains("what you will do")));
    }

    #[test]
    fn periods_count_as_dates() {
        assert!(assess("I will discuss two case notes with my supervisor every week").verifiable);
        assert!(assess("I shall update the chronology for each case within three months").verifiable);
    }

    #[test]
    fn vague_verbs_are_flagged_even_with_a_date() {
        let a = assess("I will think about my case notes by 31 March");
        assert!(!a.verifiable);
        assert!(a.problems.iter().any(|p| p.message.contains("think about")));
    }

    #[test]
    fn empty_statement_is_not_verifiable() {
        assert!(!assess("   ").verifiable);
    }
}
