//! `hard-to-read`: a whole record whose Flesch reading ease is below the configured threshold.
//!
//! Short texts are not judged: a reading-ease score over a handful of sentences says more about
//! one sentence than about the record.

use super::{Ctx, Findings, whole_record_span};
use crate::catalogue::Category;

pub(crate) fn check(cx: &Ctx<'_>, out: &mut Findings<'_>) {
    let settings = &cx.config.settings;
    let m = cx.metrics;
    if m.words < settings.hard_to_read_min_words || m.flesch_reading_ease >= settings.hard_to_read_below {
        return;
    }
    let message = format!(
        "the record scores {:.0} for reading ease ({}); aim for {:.0} or more",
        m.flesch_reading_ease,
        m.describe(),
        settings.hard_to_read_below
    );
    let suggestion = "shorter sentences and everyday words: one idea per sentence".to_string();
    out.emit(Category::HardToRead, "", whole_record_span(cx.doc), message, Some(suggestion));
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::flags;
    use crate::{Category, RecordType};

    #[test]
    fn plain_text_is_not_flagged() {
        let text = "I saw Amy at home. She was playing with her cat. Mum made tea. We talked about school. ".repeat(10);
        assert!(!flags(&text, RecordType::Detailed, Category::HardToRead));
    }

    #[test]
    fn dense_text_is_flagged() {
        let text = "Consideration of the multidisciplinary intervention necessitates comprehensive evaluation of the \
                    interrelationship between organisational responsibilities, professional accountability and \
                    developmental vulnerability indicators. "
            .repeat(6);
        assert!(flags(&text, RecordType::Detailed, Category::HardToRead));
    }

    #[test]
    fn short_text_is_not_judged() {
        let text = "Comprehensive multidisciplinary evaluation necessitated.";
        assert!(!flags(text, RecordType::Detailed, Category::HardToRead));
    }
}
