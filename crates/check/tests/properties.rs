//! Property tests: the engine never panics and every report is well formed, whatever the input;
//! checking is deterministic and independent of how many threads run it.

mod support;

#[path = "../benches/support/corpus.rs"]
mod corpus;

use proptest::prelude::*;
use rayon::prelude::*;
use recordwell_check::{Config, RecordType, Report, check};
use support::invariants::{assert_report, check_every_type, check_stable};

/// Pieces of text that stress the tokeniser, the sentence splitter and the lexicon: trigger
/// phrases, punctuation runs, quotes of every kind, control characters, combining marks, other
/// scripts, emoji sequences and line endings.
fn piece() -> impl Strategy<Value = String> {
    let fixed: Vec<&'static str> = vec![
        "Mum was non-compliant",
        "non-compliant",
        "Non Compliant",
        "placement",
        "placements",
        "respite",
        "a decision was made",
        "it was reported that",
        "my gut feeling is",
        "recently",
        "did not attend",
        "DNA",
        "CIN",
        "child protection (CP)",
        "wheelchair-bound",
        "domestic incident",
        "I saw Amy alone.",
        "She said, \"I am happy.\"",
        "she was \"hit\"",
        "‘hit’",
        "“hit”",
        "\"",
        "'",
        "’",
        "«»",
        "...",
        "!!!",
        "?!",
        "—",
        "-",
        "--",
        "'s",
        "4 March 2025",
        "04/03/2025",
        "10.01.2025 - ",
        "2025-03-04",
        "3.45pm",
        " ",
        "  ",
        "\n",
        "\r\n",
        "\n\n",
        "\t",
        "\0",
        "\u{b}",
        "\u{c}",
        "\u{85}",
        "\u{2028}",
        "\u{feff}",
        "\u{200b}",
        "\u{200d}",
        "e\u{301}",
        "\u{301}",
        "\u{0308}\u{0308}\u{0308}",
        "Zoë",
        "Дом",
        "家庭",
        "مرحبا",
        "שלום",
        "ฉัน",
        "👩‍👧",
        "🏳️‍🌈",
        "ǅ",
        "ﬁ",
        "İ",
        "ß",
        "Ⅻ",
        "١٢٣",
    ];
    prop_oneof![
        4 => prop::sample::select(fixed).prop_map(str::to_string),
        2 => "[a-zA-Z]{1,12}",
        1 => any::<char>().prop_map(String::from),
        1 => "[ .,;:!?\"'()\\-]{1,6}",
    ]
}

/// Text built from `piece`s.
fn record_like() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..120).prop_map(|v| v.concat())
}

/// One character or short string repeated a great many times.
fn repeated() -> impl Strategy<Value = String> {
    let unit =
        prop::sample::select(vec![".", "!", "?", "\"", "“", "”", "'", "’", "-", "\n", " ", "a", "é", "\u{301}", ". "]);
    (unit, 1usize..20_000).prop_map(|(u, n)| u.repeat(n))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_strings_are_safe(text in any::<String>()) {
        check_every_type(&text);
    }

    #[test]
    fn record_like_text_is_safe(text in record_like()) {
        check_every_type(&text);
    }

    #[test]
    fn many_quotes_and_words_are_safe(words in prop::collection::vec("[a-z]{1,8}", 1..400), quote_every in 1usize..5) {
        let mut text = String::new();
        for (i, w) in words.iter().enumerate() {
            if i % quote_every == 0 { text.push_str(&format!("\"{w}\" ")); } else { text.push_str(w); text.push(' '); }
        }
        check_every_type(&text);
    }

    #[test]
    fn arbitrary_bytes_lossily_decoded_are_safe(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        check_every_type(&String::from_utf8_lossy(&bytes));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    #[test]
    fn huge_repeated_punctuation_is_safe(text in repeated()) {
        check_every_type(&text);
    }

    #[test]
    fn generated_records_are_well_formed(seed in any::<u64>(), words in 0usize..1500, t in 0usize..6) {
        let mut rng = corpus::Rng::new(seed);
        let record_type = RecordType::ALL[t];
        let text = corpus::record(&mut rng, record_type, words);
        check_stable(&text, record_type, Config::shared_default());
    }
}

#[test]
fn edge_cases() {
    for text in [
        "",
        " ",
        "\n",
        "\r",
        "\0",
        ".",
        "\"",
        "“",
        "’",
        "\u{301}",
        "a\u{301}",
        "Mum was non-compliant",
        "non-compliant\n\nnon-compliant",
        "👩‍👧 placement 👩‍👧",
    ] {
        check_every_type(text);
    }
}

/// Settings at their extremes and a word list full of overlapping, very common phrases still give
/// well-formed reports.
#[test]
fn extreme_settings_are_safe() {
    let config = Config::from_toml_str(
        "[settings]\nlong_sentence_words = 1\nhard_to_read_below = 1000.0\nhard_to_read_min_words = 0\n\
         [rules]\njargon = \"error\"\n\
         [lists.jargon]\nadd = [{ match = \"a\" }, { match = \"the*\" }, { match = \"was seen\" }, { match = \"seen\" }]\n",
    )
    .expect("valid configuration");
    let corpus = corpus::corpus(3, 64 * 1024);
    for r in &corpus {
        for t in RecordType::ALL {
            check_stable(&r.text, t, &config);
        }
    }
}

fn check_corpus_on(threads: usize, records: &[corpus::Record]) -> Vec<Report> {
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().expect("thread pool");
    pool.install(|| records.par_iter().map(|r| check(&r.text, r.record_type, Config::shared_default())).collect())
}

#[test]
fn output_is_independent_of_thread_count() {
    let records = corpus::corpus(11, 256 * 1024);
    let sequential: Vec<Report> =
        records.iter().map(|r| check(&r.text, r.record_type, Config::shared_default())).collect();
    for (r, report) in records.iter().zip(&sequential) {
        assert_report(&r.text, report);
    }
    let one = check_corpus_on(1, &records);
    let two = check_corpus_on(2, &records);
    let four = check_corpus_on(4, &records);
    assert!(one == sequential, "one rayon thread differs from a plain loop");
    assert!(two == one, "two threads differ from one");
    assert!(four == one, "four threads differ from one");
}

#[test]
fn corpus_is_deterministic() {
    let a = corpus::corpus(5, 32 * 1024);
    let b = corpus::corpus(5, 32 * 1024);
    assert_eq!(a.len(), b.len());
    assert!(a.iter().zip(&b).all(|(x, y)| x.text == y.text && x.record_type == y.record_type));
    assert!(a.iter().map(|r| r.text.len()).sum::<usize>() >= 32 * 1024);
    for t in RecordType::ALL {
        assert!(a.iter().any(|r| r.record_type == t), "corpus has no {t} record");
    }
}
