//! The time jobs run by. The system clock, unless the `test_clock` setting lets an administrator
//! move it forward (for browser tests of follow-ups weeks away).

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

/// A clock: the system time plus an offset that only moves forward. Cheap to clone (shared).
#[derive(Debug, Clone, Default)]
pub struct Clock {
    offset: Arc<AtomicI64>,
}

impl Clock {
    /// The system clock.
    pub fn system() -> Clock {
        Clock::default()
    }

    /// Now, in Unix seconds.
    pub fn now(&self) -> i64 {
        recordwell_store::now() + self.offset.load(Ordering::SeqCst)
    }

    /// Moves the clock forward by `days` (test clocks only; see [`crate::jobs`]).
    pub fn advance_days(&self, days: i64) {
        self.offset.fetch_add(days.max(0) * 86_400, Ordering::SeqCst);
    }
}
