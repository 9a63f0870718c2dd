//! `jargon`: words from the `jargon` list.

use super::word_list::check_list;
use super::{Ctx, Findings};
use crate::catalogue::Category;
use crate::lexicon::List;

pub(crate) fn check(cx: &Ctx<'_>, out: &mut Findings<'_>) {
    check_list(cx, out, List::Jargon, Category::Jargon, |w| {
        format!("\"{w}\" is service language a family may not use")
    });
}
