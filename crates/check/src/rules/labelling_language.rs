//! `labelling-language`: words from the `labelling` list.

use super::word_list::check_list;
use super::{Ctx, Findings};
use crate::catalogue::Category;
use crate::lexicon::List;

pub(crate) fn check(cx: &Ctx<'_>, out: &mut Findings<'_>) {
    check_list(cx, out, List::Labelling, Category::LabellingLanguage, |w| {
        format!("\"{w}\" defines a person by a condition or situation")
    });
}
