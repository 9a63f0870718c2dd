//! How a run ended, and the exit code that goes with it.

use std::process::ExitCode;

/// The result of a run, ordered from best to worst so outcomes can be combined with `max`.
///
/// | Outcome    | Exit code | Meaning                                                        |
/// |------------|-----------|----------------------------------------------------------------|
/// | `Clean`    | 0         | nothing at or above `--fail-level`                             |
/// | `Findings` | 1         | at least one finding at or above `--fail-level`                |
/// | `Trouble`  | 2         | a usage error, or an input that could not be read or checked   |
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub enum Outcome {
    /// Nothing to report at or above the fail level.
    #[default]
    Clean,
    /// Something at or above the fail level.
    Findings,
    /// A usage or input error.
    Trouble,
}

impl Outcome {
    /// The process exit code.
    pub fn code(self) -> u8 {
        match self {
            Outcome::Clean => 0,
            Outcome::Findings => 1,
            Outcome::Trouble => 2,
        }
    }

    /// Records `other` in `self`, keeping the worse of the two.
    pub fn absorb(&mut self, other: Outcome) {
        *self = (*self).max(other);
    }
}

impl From<Outcome> for ExitCode {
    fn from(o: Outcome) -> ExitCode {
        ExitCode::from(o.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn worst_outcome_wins() {
        let mut o = Outcome::Clean;
        o.absorb(Outcome::Findings);
        assert_eq!(o, Outcome::Findings);
        o.absorb(Outcome::Clean);
        assert_eq!(o, Outcome::Findings);
        o.absorb(Outcome::Trouble);
        assert_eq!(o.code(), 2);
    }
}
