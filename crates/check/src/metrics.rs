//! Readability metrics: words, sentences, syllables, Flesch reading ease and Flesch-Kincaid grade.

use serde::Serialize;

use crate::document::Document;
use crate::text;

/// Counts and readability scores for one text.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Metrics {
    /// Number of words.
    pub words: usize,
    /// Number of sentences.
    pub sentences: usize,
    /// Number of syllables.
    #[serde(skip)]
    pub syllables: usize,
    /// Flesch reading ease: 206.835 − 1.015 × words/sentence − 84.6 × syllables/word.
    /// Higher is easier; 60–70 is plain English. 0 for an empty text.
    pub flesch_reading_ease: f64,
    /// Flesch-Kincaid grade: 0.39 × words/sentence + 11.8 × syllables/word − 15.59.
    /// A US school grade; 0 for an empty text.
    pub flesch_kincaid_grade: f64,
}

impl Metrics {
    /// Computes the metrics of an analysed document.
    pub fn of(doc: &Document<'_>) -> Metrics {
        let syllables = doc.words.iter().map(|w| text::syllables(w.of(doc.text)) as usize).sum();
        let sentences = doc.sentences.iter().filter(|s| !s.words.is_empty()).count();
        Metrics::from_counts(doc.words.len(), sentences, syllables)
    }

    /// Computes the scores from counts.
    pub fn from_counts(words: usize, sentences: usize, syllables: usize) -> Metrics {
        let (fre, fk) = if words == 0 || sentences == 0 {
            (0.0, 0.0)
        } else {
            let wps = words as f64 / sentences as f64;
            let spw = syllables as f64 / words as f64;
            (206.835 - 1.015 * wps - 84.6 * spw, 0.39 * wps + 11.8 * spw - 15.59)
        };
        Metrics { words, sentences, syllables, flesch_reading_ease: round2(fre), flesch_kincaid_grade: round2(fk) }
    }

    /// A plain-language description of the reading ease, for people who do not know the scale.
    pub fn describe(&self) -> &'static str {
        match self.flesch_reading_ease {
            _ if self.words == 0 => "no text to measure",
            x if x >= 80.0 => "very easy to read",
            x if x >= 60.0 => "plain English: easy for most readers",
            x if x >= 50.0 => "fairly hard to read",
            x if x >= 30.0 => "hard to read: long sentences or long words",
            _ => "very hard to read: most families would struggle",
        }
    }
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}
