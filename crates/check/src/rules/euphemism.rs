//! `euphemism`: words from the `euphemism` list.

use super::word_list::check_list;
use super::{Ctx, Findings};
use crate::catalogue::Category;
use crate::lexicon::List;

pub(crate) fn check(cx: &Ctx<'_>, out: &mut Findings<'_>) {
    check_list(cx, out, List::Euphemism, Category::Euphemism, |w| format!("\"{w}\" hides what was done and by whom"));
}
