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

mod properties {
    use proptest::prelude::*;
    use recordwell_check::text::{Span, sentences, syllables, words};
    use recordwell_check::{Config, RecordType, check};

    /// Text built from pieces that stress the splitter: abbreviations, quotes, marks, line breaks,
    /// multi-byte characters.
    fn tricky_text() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            Just("Mr. ".to_string()),
            Just("e.g. ".to_string()),
            Just("etc. ".to_string()),
            Just("3 p.m. ".to_string()),
            Just("s.47 ".to_string()),
            Just("T.V. ".to_string()),
            Just("J. ".to_string()),
            Just("12.03.2024 ".to_string()),
            Just("... ".to_string()),
            Just("\u{2026} ".to_string()),
            Just("?! ".to_string()),
            Just("\" ".to_string()),
            Just("\u{201C}Zoë\u{201D}. ".to_string()),
            Just("\n".to_string()),
            Just("\n\n".to_string()),
            Just("- ".to_string()),
            Just("1. ".to_string()),
            Just("😀 ".to_string()),
            Just("你好。".to_string()),
            "[a-zA-Z]{1,9} ",
            "[A-Z][a-z]{0,6}\\. ",
            ".{0,6}",
        ];
        prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
    }

    fn check_spans(text: &str, spans: &[Span]) {
        let mut last = 0;
        for s in spans {
            assert!(s.start >= last && s.start < s.end && s.end <= text.len(), "{s:?} in {text:?}");
            assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end), "{s:?} in {text:?}");
            let t = s.of(text);
            assert_eq!(t, t.trim(), "untrimmed {s:?} in {text:?}");
            last = s.end;
        }
    }

    proptest! {
        #[test]
        fn spans_are_ordered_trimmed_and_on_char_boundaries(text in tricky_text()) {
            let spans = sentences(&text);
            check_spans(&text, &spans);
            for s in &spans {
                let ws: Vec<Span> = words(&text, *s).collect();
                check_spans(&text, &ws);
                for w in &ws {
                    prop_assert!(s.contains(*w));
                    prop_assert!(syllables(w.of(&text)) >= 1);
                }
            }
            let m = check(&text, RecordType::Detailed, Config::shared_default()).metrics;
            prop_assert!(m.flesch_reading_ease.is_finite() && m.flesch_kincaid_grade.is_finite());
            prop_assert!(m.sentences <= m.words.max(1));
        }

        #[test]
        fn arbitrary_strings_never_panic(text in any::<String>()) {
            let spans = sentences(&text);
            check_spans(&text, &spans);
            for s in &spans {
                for w in words(&text, *s) {
                    let _ = syllables(w.of(&text));
                }
            }
            let _ = check(&text, RecordType::Detailed, Config::shared_default());
        }
    }
}
