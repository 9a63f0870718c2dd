//! Structured identifiers in realistic (fictional) records are hidden by the public `redact()`,
//! and the ordinary words around them are not.

use proptest::prelude::*;
use recordwell_redact::{EntityKind, Options, redact};

fn assert_hidden(text: &str, options: &Options, identifiers: &[&str], kept: &[&str]) -> String {
    let out = redact(text, options);
    for id in identifiers {
        assert!(!out.text.contains(id), "{id:?} still shows in:\n{}", out.text);
    }
    for word in kept {
        assert!(out.text.contains(word), "{word:?} was hidden:\n{}", out.text);
    }
    out.text
}

#[test]
fn a_referral_with_every_kind_of_number() {
    let text = "Referral received 4 March 2024 from the health visitor.\n\
        DOB: 12/03/2015. NHS number: 943 476 5919. NI number QQ 12 34 56 C.\n\
        Address: Flat 2, 14 Mossgiel Road, Kilmarnock, KA1 2AB\n\
        Mum can be reached on 07700 900123 or +44 (0)7700 900456; the family landline is (0131) 496 0000.\n\
        Mum posts on example.org/mossgiel-mums and emailed k.fenwick@example.org about the visit.\n\
        Child seen alone. She said she felt safe at home and likes her school.";
    let out = assert_hidden(
        text,
        &Options::default(),
        &[
            "12/03/2015",
            "943 476 5919",
            "QQ 12 34 56 C",
            "14 Mossgiel Road",
            "Kilmarnock",
            "KA1 2AB",
            "07700 900123",
            "07700 900456",
            "496 0000",
            "example.org/mossgiel-mums",
            "k.fenwick@example.org",
        ],
        &["Referral received 4 March 2024", "health visitor", "Child seen alone", "felt safe at home", "school"],
    );
    assert!(out.contains("DOB: [date of birth]."), "{out}");
    assert!(out.contains("[NHS number]") && out.contains("[NI number]") && out.contains("[phone]"), "{out}");
    assert!(out.contains("Address: [address]\n"), "{out}");
}

#[test]
fn a_scottish_case_note() {
    let text = "Home visit to Rose Cottage, Mauchline. CHI 1203151233 confirmed with the GP.\n\
        Gran (born 3rd June 1958) lives on Burns Court and rang from 01632 960123 at 10:30.\n\
        Case 2024/1187 was discussed; aged 6, in P2. Next review on 12 May.";
    assert_hidden(
        text,
        &Options::default(),
        &["Rose Cottage", "1203151233", "3rd June 1958", "Burns Court", "01632 960123"],
        &["Home visit to", "confirmed with the GP", "10:30", "Case 2024/1187", "aged 6", "12 May"],
    );
}

#[test]
fn every_date_with_all_dates_and_custom_terms() {
    let options = Options {
        all_dates: true,
        custom_terms: vec!["Hillview Estate".into(), "Mossgiel".into()],
        ..Options::default()
    };
    let text = "On Monday 3rd March the family moved off the Hillview Estate. The Hillview Estate's \
        play park was closed in March 2024 and again on 2024-04-02. Mossgiel nursery staff noticed.";
    let out = assert_hidden(
        text,
        &options,
        &["Monday 3rd March", "Hillview", "March 2024", "2024-04-02", "Mossgiel"],
        &["the family moved off", "play park was closed", "staff noticed"],
    );
    assert!(out.contains("[local detail]'s"), "{out}");
}

#[test]
fn one_identifier_keeps_one_label() {
    let text = "Mum's mobile 07700 900123, also written +447700900123. Postcode KA1 2AB, or ka12ab. \
        Another mobile: 07700 900999.";
    let out = redact(text, &Options::default());
    let phones: Vec<&str> =
        out.entities.iter().filter(|e| e.kind == EntityKind::Phone).map(|e| e.replacement.as_str()).collect();
    assert_eq!(phones, ["[phone]", "[phone]", "[phone] 2"]);
    let postcodes: Vec<&str> =
        out.entities.iter().filter(|e| e.kind == EntityKind::Postcode).map(|e| e.replacement.as_str()).collect();
    assert_eq!(postcodes, ["[postcode]", "[postcode]"]);
}

#[test]
fn ordinary_record_text_is_left_alone() {
    let text = "Children's Services attended the High Court with the family. The Park was busy. \
        Mum said the M1 was closed, so she was 20 minutes late. Scores were 3/10 and 7.5 out of 10. \
        The child is aged 6 and in Year 2. Reference 2024/1187. Version 1.2.3. Ratio 1:2.";
    let out = redact(text, &Options::default());
    // People and organisations are other detectors' business; no structured identifier is here.
    let structured: Vec<_> = out
        .entities
        .iter()
        .filter(|e| !matches!(e.kind, EntityKind::Person | EntityKind::Organisation))
        .map(|e| (e.kind, e.text.as_str()))
        .collect();
    assert!(structured.is_empty(), "{structured:?}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn arbitrary_text_never_panics_and_spans_are_on_char_boundaries(
        text in "[0-9A-Za-z ,./:()+\\-'’éË\u{a0}\n@£]{0,120}",
        all_dates in any::<bool>(),
    ) {
        let options = Options { all_dates, custom_terms: vec!["Road".into(), "é".into()], ..Options::default() };
        let out = redact(&text, &options);
        for e in &out.entities {
            prop_assert!(text.is_char_boundary(e.start) && text.is_char_boundary(e.end) && e.start < e.end);
        }
        let again = redact(&out.text, &options);
        prop_assert!(again.entities.iter().all(|e| !e.text.trim().is_empty()));
    }

    #[test]
    fn generated_identifiers_are_always_found(
        a in 100u32..999, b in 100_000u32..999_999,
        house in 1u32..400, letter in "[A-HJ-PR-Y]",
    ) {
        let text = format!("Call 07{a:03} {b:06} or visit {house} Glen {letter}ane Road, Ayr, KA7 {}{letter}{letter}.", a % 10);
        let out = redact(&text, &Options::default());
        prop_assert!(!out.text.contains(&format!("{b:06}")), "{}", out.text);
        prop_assert!(!out.text.contains("Road"), "{}", out.text);
        prop_assert!(!out.text.contains("KA7"), "{}", out.text);
    }
}

#[test]
fn addresses_in_prose_and_in_blocks() {
    let text = "Referral\n\nChild: Amy Kub\nAddress: Flat 0/1, 122 de Groot Drive\nClarabury\nD3 4WB\n\
        NHS number: 943 476 5919\n\n\
        Gran lives nearby at 174 Joe Loop, Kemmermouth and is a protective factor. Amy plays out on \
        Joe Loop with the other children after school. A letter was sent to Mum at Flat 11, 134 Flatley \
        Brae, New Kristina Murazikfort confirming the arrangements. Dad stays at D'Angelo Villa, Ab Owain \
        Crescent most weekends.";
    assert_hidden(
        text,
        &Options::default(),
        &["Groot", "Clarabury", "D3 4WB", "Joe Loop", "Kemmermouth", "Flatley", "Murazikfort", "D'Angelo", "Owain"],
        &[
            "NHS number",
            "is a protective factor",
            "plays out on",
            "with the other children",
            "confirming",
            "most weekends",
        ],
    );
}

#[test]
fn an_address_label_hides_the_address_not_the_sentence_after_it() {
    let text = "Address: 179 Lockman Shoal, Sauerview. Tiago told me that Marjon shouts when he has been drinking.";
    let out =
        assert_hidden(text, &Options::default(), &["Lockman", "Sauerview"], &["shouts when he has been drinking."]);
    assert!(out.starts_with("Address: [address]. "), "{out}");
}

#[test]
fn dotted_and_dashed_dates_are_not_phone_numbers() {
    let text = "Father's details: date of birth 12-07-1984, telephone 0113 496 0946.\n\
        05.01.2025 – Contact note, 16.08.2024. Seen again 2025-11-25.";
    let out = redact(text, &Options::default());
    assert!(!out.text.contains("0113 496 0946"), "{}", out.text);
    for d in ["05.01.2025", "16.08.2024", "2025-11-25"] {
        assert!(out.text.contains(d), "{d} hidden: {}", out.text);
    }
    assert_eq!(out.entities.iter().filter(|e| e.kind == EntityKind::Phone).count(), 1, "{:?}", out.entities);
}
