//! Readability metrics against the values textstat 0.7.13 computes for its own test texts.

use recordwell_check::{Config, RecordType, check};

struct Expected {
    file: &'static str,
    fre: f64,
    fk: f64,
    words: usize,
    sentences: usize,
}

const CASES: &[Expected] = &[
    Expected { file: "textstat_long.txt", fre: 59.771, fk: 10.359, words: 372, sentences: 17 },
    Expected { file: "textstat_easy.txt", fre: 78.918, fk: 4.488, words: 99, sentences: 11 },
];

fn read(file: &str) -> String {
    let path = format!("{}/tests/fixtures/readability/{file}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn matches_textstat() {
    for case in CASES {
        let text = read(case.file);
        let m = check(&text, RecordType::Detailed, Config::shared_default()).metrics;
        eprintln!("{}: {m:?}", case.file);
        assert_eq!(m.words, case.words, "{}: words", case.file);
        assert_eq!(m.sentences, case.sentences, "{}: sentences", case.file);
        assert!(
            (m.flesch_reading_ease - case.fre).abs() <= 1.0,
            "{}: Flesch reading ease {} (textstat {})",
            case.file,
            m.flesch_reading_ease,
            case.fre
        );
        assert!(
            (m.flesch_kincaid_grade - case.fk).abs() <= 0.3,
            "{}: Flesch-Kincaid grade {} (textstat {})",
            case.file,
            m.flesch_kincaid_grade,
            case.fk
        );
    }
}

#[test]
fn empty_and_wordless_texts() {
    for text in ["", "   \n\n", "... !!! ???", "😀 😀", "&"] {
        let m = check(text, RecordType::Detailed, Config::shared_default()).metrics;
        assert_eq!((m.words, m.sentences), (0, 0), "{text:?}");
        assert_eq!((m.flesch_reading_ease, m.flesch_kincaid_grade), (0.0, 0.0), "{text:?}");
    }
}

#[test]
fn short_texts_count_one_sentence() {
    let m = check("Pip smiled.", RecordType::Detailed, Config::shared_default()).metrics;
    assert_eq!((m.words, m.sentences), (2, 1));
}

#[test]
fn unicode_text_is_measured() {
    let text = "Zoë told me “I’m happy at school.” José, her dad, agreed. 😀 They showed me 你好 drawings.";
    let m = check(text, RecordType::Detailed, Config::shared_default()).metrics;
    assert_eq!(m.words, 16);
    assert_eq!(m.sentences, 3);
    assert!(m.flesch_reading_ease > 50.0);
}
