//! What workshops two and three build: assets that support meaningful recording, each personal,
//! cultural or structural; the barriers beside them; and the recommendations the group drafts,
//! each resting on assets or barriers, for a level of the partnership, which named leaders then
//! answer ("you said, we did").

use serde::Serialize;

/// The kind of an asset, as the appreciative approach names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum AssetKind {
    /// In the practitioner: a habit, a skill, a value.
    Personal,
    /// In the team or service: how things are done, what is valued, who is listened to.
    Cultural,
    /// In systems and resources: forms, time, technology, policy.
    Structural,
}

impl AssetKind {
    /// Every kind, in the order pages list them.
    pub const ALL: [AssetKind; 3] = [AssetKind::Personal, AssetKind::Cultural, AssetKind::Structural];

    /// The stable key (forms, the API).
    pub fn key(self) -> &'static str {
        match self {
            AssetKind::Personal => "personal",
            AssetKind::Cultural => "cultural",
            AssetKind::Structural => "structural",
        }
    }

    /// From its key.
    pub fn parse(key: &str) -> Option<AssetKind> {
        AssetKind::ALL.into_iter().find(|k| k.key() == key)
    }

    /// A line saying what belongs here, for the form.
    pub fn hint(self) -> &'static str {
        match self {
            AssetKind::Personal => "in you: a habit, a skill, something you believe about recording",
            AssetKind::Cultural => "in your team or service: how things are done, what is valued",
            AssetKind::Structural => "in systems and resources: forms, time, technology, policy",
        }
    }
}

/// Who a recommendation is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// A team can do it.
    Team,
    /// A service's managers can do it.
    Service,
    /// The partnership's leadership can do it.
    Partnership,
}

impl Level {
    /// Every level.
    pub const ALL: [Level; 3] = [Level::Team, Level::Service, Level::Partnership];

    /// The stable key.
    pub fn key(self) -> &'static str {
        match self {
            Level::Team => "team",
            Level::Service => "service",
            Level::Partnership => "partnership",
        }
    }

    /// From its key.
    pub fn parse(key: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|l| l.key() == key)
    }
}

/// A leader's answer to a recommendation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Answer {
    /// It will be done.
    Accepted,
    /// It is being done.
    InProgress,
    /// Not now (a reason is required).
    NotNow,
}

impl Answer {
    /// Every answer.
    pub const ALL: [Answer; 3] = [Answer::Accepted, Answer::InProgress, Answer::NotNow];

    /// The stable key.
    pub fn key(self) -> &'static str {
        match self {
            Answer::Accepted => "accepted",
            Answer::InProgress => "in-progress",
            Answer::NotNow => "not-now",
        }
    }

    /// As pages say it.
    pub fn label(self) -> &'static str {
        match self {
            Answer::Accepted => "Accepted",
            Answer::InProgress => "In progress",
            Answer::NotNow => "Not now",
        }
    }

    /// From its key.
    pub fn parse(key: &str) -> Option<Answer> {
        Answer::ALL.into_iter().find(|a| a.key() == key)
    }
}

/// The longest text of a card, asset, barrier or recommendation.
pub const MAX_TEXT: usize = 1_000;

/// What is wrong with a recommendation as drafted, if anything.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DraftProblem {
    /// No text.
    #[error("write the recommendation")]
    Empty,
    /// Too long.
    #[error("keep it under {MAX_TEXT} characters: a recommendation says one thing")]
    TooLong,
    /// Rests on nothing.
    #[error("choose at least one asset or barrier it rests on: a recommendation comes from what the group found")]
    RestsOnNothing,
}

/// Checks a drafted recommendation: its text, and that it rests on at least one asset or barrier.
pub fn check_recommendation(text: &str, rests_on: usize) -> Result<(), DraftProblem> {
    let text = text.trim();
    if text.is_empty() {
        return Err(DraftProblem::Empty);
    }
    if text.chars().count() > MAX_TEXT {
        return Err(DraftProblem::TooLong);
    }
    if rests_on == 0 {
        return Err(DraftProblem::RestsOnNothing);
    }
    Ok(())
}

/// Checks a leader's answer: "not now" needs a reason, so that the participants hear why.
pub fn check_answer(answer: Answer, reason: &str) -> Result<(), &'static str> {
    if answer == Answer::NotNow && reason.trim().is_empty() {
        return Err("say why not now: the participants will read your answer");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip() {
        for k in AssetKind::ALL {
            assert_eq!(AssetKind::parse(k.key()), Some(k));
        }
        for l in Level::ALL {
            assert_eq!(Level::parse(l.key()), Some(l));
        }
        for a in Answer::ALL {
            assert_eq!(Answer::parse(a.key()), Some(a));
        }
        assert_eq!(AssetKind::parse("Personal"), None, "keys are exact");
    }

    #[test]
    fn a_recommendation_says_something_and_rests_on_what_was_found() {
        assert_eq!(check_recommendation("  ", 1), Err(DraftProblem::Empty));
        assert_eq!(check_recommendation(&"x".repeat(MAX_TEXT + 1), 1), Err(DraftProblem::TooLong));
        assert_eq!(check_recommendation("Protected time to write", 0), Err(DraftProblem::RestsOnNothing));
        assert_eq!(check_recommendation("Protected time to write", 2), Ok(()));
    }

    #[test]
    fn not_now_needs_a_reason() {
        assert!(check_answer(Answer::NotNow, " ").is_err());
        assert!(check_answer(Answer::NotNow, "Budget set until April").is_ok());
        assert!(check_answer(Answer::Accepted, "").is_ok());
    }
}
