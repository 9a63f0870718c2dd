//! The shared machinery of rules that are just words: every hit from one list becomes a finding,
//! with the entry's suggestion and note.

use super::{Ctx, Findings};
use crate::catalogue::Category;
use crate::lexicon::List;

/// Reports every hit of `list` as `category/<entry>`. `message` turns the matched text into the
/// finding's message; an entry's own note, where it has one, is appended.
pub(crate) fn check_list(
    cx: &Ctx<'_>,
    out: &mut Findings<'_>,
    list: List,
    category: Category,
    message: fn(&str) -> String,
) {
    for hit in cx.doc.hits_of(list) {
        let entry = cx.doc.entry(hit);
        let matched = cx.doc.slice(hit.span);
        let mut text = message(matched);
        if let Some(note) = &entry.note {
            text.push_str(": ");
            text.push_str(note);
        }
        out.emit(category, &entry.slug(), hit.span, text, entry.suggestion.clone());
    }
}
