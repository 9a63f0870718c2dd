//! `missing-date`: not written yet.

use super::{Ctx, Findings};

pub(crate) fn check(_cx: &Ctx<'_>, _out: &mut Findings<'_>) {}
