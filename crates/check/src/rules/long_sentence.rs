//! `long-sentence`: a sentence with more words than `settings.long_sentence_words` (default 30).
//!
//! The finding covers the whole sentence. Where the sentence has a natural break (a semicolon, or
//! ", and", ", but", ", which", ", so", ", because" after at least a few words), the suggestion
//! names it, so the writer can see where to split.

use super::{Ctx, Findings};
use crate::catalogue::Category;

pub(crate) fn check(cx: &Ctx<'_>, out: &mut Findings<'_>) {
    let limit = cx.config.settings.long_sentence_words;
    let doc = cx.doc;
    for sentence in &doc.sentences {
        let count = sentence.words.len();
        if count <= limit {
            continue;
        }
        let text = doc.slice(sentence.span);
        let message = format!("this sentence has {count} words; the limit is {limit}");
        let suggestion = match split_point(text) {
            Some(at) => format!(
                "split it into shorter sentences, one idea each; it could end at \"…{}\" and a new sentence start there",
                tail(&text[..at], 4)
            ),
            None => "split it into shorter sentences, one idea each".to_string(),
        };
        out.emit(Category::LongSentence, "", sentence.span, message, Some(suggestion));
    }
}

/// The byte offset of the first natural break after the first 40 bytes, if any.
fn split_point(s: &str) -> Option<usize> {
    const BREAKS: [&str; 7] = ["; ", ", and ", ", but ", ", which ", ", so ", ", because ", ", while "];
    let from = (40..s.len()).find(|&i| s.is_char_boundary(i))?;
    BREAKS.iter().filter_map(|b| s[from..].find(b)).min().map(|i| i + from)
}

/// The last `n` words of `s`.
fn tail(s: &str, n: usize) -> &str {
    let mut seen = 0;
    for (i, c) in s.char_indices().rev() {
        if c == ' ' {
            seen += 1;
            if seen == n {
                return &s[i + 1..];
            }
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::findings;
    use crate::{Category, Config, RecordType, check};

    const LONG: &str = "I visited Amy and her mother at home on the afternoon of the visit and we talked about school, \
                        and then we talked about her friends and her cat and what she likes to do at the weekend with \
                        her grandmother.";

    #[test]
    fn flags_a_long_sentence_with_count_and_limit() {
        let f = findings(LONG, RecordType::Detailed, Category::LongSentence);
        assert_eq!(f.len(), 1);
        assert!(f[0].message.contains("41 words") && f[0].message.contains("limit is 30"), "{}", f[0].message);
        assert_eq!(f[0].text, LONG);
        assert!(f[0].suggestion.as_deref().unwrap().contains("talked about school"));
    }

    #[test]
    fn short_sentences_pass() {
        assert!(
            findings("I visited Amy. She showed me her cat.", RecordType::Detailed, Category::LongSentence).is_empty()
        );
    }

    #[test]
    fn limit_is_configurable() {
        let config = Config::from_toml_str("[settings]\nlong_sentence_words = 50").unwrap();
        let report = check(LONG, RecordType::Detailed, &config);
        assert!(report.findings.iter().all(|f| f.category != Category::LongSentence));
        let config = Config::from_toml_str("[settings]\nlong_sentence_words = 5").unwrap();
        let report = check("Amy played with her cat in the garden.", RecordType::Detailed, &config);
        assert!(report.findings.iter().any(|f| f.category == Category::LongSentence));
    }

    #[test]
    fn chronology_is_not_checked() {
        assert!(findings(LONG, RecordType::Chronology, Category::LongSentence).is_empty());
    }
}
