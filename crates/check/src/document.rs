//! A record, analysed once: sentences, words and word-list hits, shared by every rule.

use std::ops::Range;

use crate::lexicon::{Entry, Hit, Lexicon, List};
use crate::text::{self, Span};

/// One sentence and the indices of its words and hits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// Where the sentence is, without surrounding whitespace.
    pub span: Span,
    /// Indices into [`Document::words`].
    pub words: Range<usize>,
    /// Indices into [`Document::hits`] of the hits that start inside this sentence.
    pub hits: Range<usize>,
}

/// The analysed text.
#[derive(Debug)]
pub struct Document<'a> {
    /// The text as given.
    pub text: &'a str,
    /// Sentences in order.
    pub sentences: Vec<Sentence>,
    /// Every word, in order.
    pub words: Vec<Span>,
    /// Every word-list hit, sorted by start.
    pub hits: Vec<Hit>,
    lexicon: &'a Lexicon,
}

impl<'a> Document<'a> {
    /// Analyses `text` with the given word lists.
    pub(crate) fn new(text: &'a str, lexicon: &'a Lexicon) -> Document<'a> {
        let hits = lexicon.scan(text);
        let spans = text::sentences(text);
        // English prose averages five to six bytes per word with its space; reserving for five
        // avoids regrowing (and copying) the largest vector.
        let mut words = Vec::with_capacity(text.len() / 5 + 8);
        let mut sentences = Vec::with_capacity(spans.len());
        let mut hit_at = 0;
        for span in spans {
            let first_word = words.len();
            words.extend(text::words(text, span));
            while hit_at < hits.len() && hits[hit_at].span.start < span.start {
                hit_at += 1;
            }
            let first_hit = hit_at;
            while hit_at < hits.len() && hits[hit_at].span.start < span.end {
                hit_at += 1;
            }
            sentences.push(Sentence { span, words: first_word..words.len(), hits: first_hit..hit_at });
        }
        Document { text, sentences, words, hits, lexicon }
    }

    /// The text of a span.
    pub fn slice(&self, span: Span) -> &'a str {
        span.of(self.text)
    }

    /// The words of a sentence.
    pub fn sentence_words(&self, sentence: &Sentence) -> &[Span] {
        &self.words[sentence.words.clone()]
    }

    /// The hits of one list inside a sentence.
    pub fn sentence_hits<'s>(&'s self, sentence: &Sentence, list: List) -> impl Iterator<Item = &'s Hit> + 's {
        self.hits[sentence.hits.clone()].iter().filter(move |h| h.list == list)
    }

    /// Whether a sentence has any hit from `list`.
    pub fn sentence_has(&self, sentence: &Sentence, list: List) -> bool {
        self.sentence_hits(sentence, list).next().is_some()
    }

    /// Every hit of one list in the whole text.
    pub fn hits_of(&self, list: List) -> impl Iterator<Item = &Hit> + '_ {
        self.hits.iter().filter(move |h| h.list == list)
    }

    /// Whether the whole text has any hit from `list`.
    pub fn has(&self, list: List) -> bool {
        self.hits_of(list).next().is_some()
    }

    /// The list entry a hit came from.
    pub fn entry(&self, hit: &Hit) -> &'a Entry {
        self.lexicon.entry(hit)
    }

    /// The entries of a list (for lookups such as acronym expansions).
    pub fn entries(&self, list: List) -> &'a [Entry] {
        self.lexicon.entries(list)
    }

    /// The entry of the `acronyms` list whose phrase is exactly `token` ("CAMHS"), if any.
    pub fn acronym(&self, token: &str) -> Option<&'a Entry> {
        self.lexicon.acronym(token)
    }

    /// The index of the sentence containing byte `at`, if any.
    pub fn sentence_at(&self, at: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.span.end <= at);
        (i < self.sentences.len() && self.sentences[i].span.start <= at).then_some(i)
    }

    /// The word count.
    pub fn word_count(&self) -> usize {
        self.words.len()
    }
}
