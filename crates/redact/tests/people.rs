//! People in realistic (fictional) records: every mention hidden, role words kept, one label per
//! person, and the label saying the role where the text does.

use recordwell_redact::{EntityKind, Options, Role, detect, redact};

fn people_text(text: &str) -> Vec<String> {
    detect(text, &Options::default()).into_iter().filter(|e| e.kind == EntityKind::Person).map(|e| e.text).collect()
}

fn assert_hidden(out: &str, names: &[&str]) {
    for n in names {
        assert!(!out.contains(n), "{n:?} still shows in:\n{out}");
    }
}

fn assert_kept(out: &str, words: &[&str]) {
    for w in words {
        assert!(out.contains(w), "{w:?} was hidden in:\n{out}");
    }
}

const HOME_VISIT: &str = "Home visit to Ms Ada Quill and Pip Quill (aged 7)
Present: Ms Quill (Pip's mother), Pip, and me (Sam Reed, social worker).

I saw Pip alone in her bedroom while Ms Quill made tea. Pip told me, \"I like it when Mum walks me to school.\"
Ms Quill said Pip has been on time every day. Her partner Tyrell Okonjo was not at home.
Pip's gran, Edna, picks her up on Fridays. I will phone Ms Quill on Friday.";

#[test]
fn a_home_visit_reads_mother_told_child_a() {
    let out = redact(HOME_VISIT, &Options::default()).text;
    assert_hidden(&out, &["Ada", "Quill", "Pip", "Sam", "Reed", "Tyrell", "Okonjo", "Edna"]);
    assert_kept(&out, &["Mum walks me", "social worker", "Present:", "Fridays", "Friday", "gran,"]);
    assert!(out.starts_with("Home visit to Mother and Child A (aged 7)"), "{out}");
    assert!(
        out.contains("Present: Mother (Child A's mother), Child A, and me (Professional A, social worker)."),
        "{out}"
    );
    assert!(out.contains("Mother said Child A has been on time"), "{out}");
    assert!(out.contains("Her partner Adult A was not at home"), "{out}");
    assert!(out.contains("Child A's gran, Grandparent, picks her up"), "{out}");
}

#[test]
fn the_same_person_gets_the_same_label_and_one_role() {
    let r = redact(HOME_VISIT, &Options::default());
    for e in r.entities.iter().filter(|e| e.kind == EntityKind::Person) {
        let expected = match e.text.as_str() {
            "Pip" | "Pip Quill" => ("Child A", Some(Role::Child)),
            "Ms Quill" | "Ms Ada Quill" => ("Mother", Some(Role::Mother)),
            "Sam Reed" => ("Professional A", Some(Role::Professional)),
            _ => continue,
        };
        assert_eq!((e.replacement.as_str(), e.role), expected, "{}", e.text);
    }
}

const ASSESSMENT: &str = "Assessment of Mia Stone (aged 9), completed by Jane Holt, social worker.

Mia's school asked for help because Mia had missed 14 days since Easter. Her GP, Dr Omar Rees, told me her vaccinations are up to date.
Her teacher, Ms Ivy Lamb, told me Mia reads well. Mia told me, \"I stay home to look after Mum when she is sad.\"
Ms Kay Stone, Mia's mother, keeps the home clean. Ms Stone said she has depression.
Mia's grandmother, Mrs Pearl Stone, lives nearby. Her brother Kwabena (12) and her baby sister, Zaid, live with them.
Mr Stone, Mia's father, died in 2021. Nan and Grandad help on Mondays.";

#[test]
fn an_assessment_with_many_people() {
    let out = redact(ASSESSMENT, &Options::default()).text;
    assert_hidden(
        &out,
        &["Mia", "Stone", "Jane", "Holt", "Omar", "Rees", "Ivy", "Lamb", "Kay", "Pearl", "Kwabena", "Zaid"],
    );
    assert_kept(
        &out,
        &["Mum when she is sad", "Nan and Grandad", "social worker", "Her GP", "Her teacher", "Easter", "Mondays"],
    );
    assert!(out.contains("Assessment of Child A (aged 9), completed by Professional A, social worker."), "{out}");
    assert!(out.contains("Her GP, Professional B, told me"), "{out}");
    assert!(out.contains("Her teacher, Professional C, told me Child A reads well"), "{out}");
    assert!(out.contains("Mother, Child A's mother, keeps the home clean. Mother said"), "{out}");
    assert!(out.contains("Child A's grandmother, Grandparent, lives nearby"), "{out}");
    assert!(out.contains("Her brother Child B (12) and her baby sister, Child C, live"), "{out}");
    assert!(out.contains("Father, Child A's father, died"), "{out}");
}

#[test]
fn generated_looking_names_are_found_by_context() {
    let text = "Zula Kertzmann attended with her son Braxton. Braxton (6) was quiet. Nevaeh, aged 4, played.\n\
                The baby, Aurelio, slept. She told me that Jaxtyn had gone out. A man called Dwyte visited.\n\
                Present: Oskar Vrenk, Hallie Abshire.";
    let out = redact(text, &Options::default()).text;
    assert_hidden(
        &out,
        &["Zula", "Kertzmann", "Braxton", "Nevaeh", "Aurelio", "Jaxtyn", "Dwyte", "Oskar", "Vrenk", "Abshire"],
    );
}

#[test]
fn possessives_initials_and_odd_spellings() {
    let text = "J. O'Neill-Baptiste signed for Siobhán Ní Bhriain. Łukasz's school phoned D'Souza and MacLeod. A.B. Okafor agreed.";
    let out = redact(text, &Options::default()).text;
    assert_hidden(&out, &["O'Neill", "Siobhán", "Bhriain", "Łukasz", "D'Souza", "MacLeod", "Okafor", "A.B."]);
    assert!(out.contains("'s school phoned"), "{out}");
}

#[test]
fn ordinary_words_that_are_also_names_stay_unless_a_name() {
    let text = "Hope is what Grace needs. Will you call? May we visit in May? Mark the date. Rose petals. The Health Visiting Service and Children's Services were told.";
    let found = people_text(text);
    assert_eq!(found, ["Grace"], "{found:?}");
    let out = redact(text, &Options::default()).text;
    assert_kept(
        &out,
        &[
            "Hope is",
            "Will you",
            "May we visit in May?",
            "Mark the date",
            "Rose petals",
            "Health Visiting Service",
            "Children's Services",
        ],
    );
}

#[test]
fn role_words_are_never_hidden() {
    let text = "Mum, Dad, Mam, Gran, Nan, Grandad, Auntie, Uncle and the Carer met the Social Worker, Health Visitor and Head Teacher.";
    assert!(people_text(text).is_empty(), "{:?}", people_text(text));
}

#[test]
fn named_organisations_are_labelled_and_can_be_switched_off() {
    let text = "Pip goes to Hillside Primary School and sees Dr Rees at Elm Tree Medical Practice.";
    let out = redact(text, &Options::default()).text;
    assert!(out.contains("goes to School 1"), "{out}");
    assert_hidden(&out, &["Hillside", "Elm Tree"]);
    let off = Options { organisations: false, ..Options::default() };
    let out = redact(text, &off).text;
    assert!(out.contains("Medical Practice"), "{out}");
}

#[test]
fn redacting_twice_changes_nothing_more() {
    for text in [HOME_VISIT, ASSESSMENT] {
        let once = redact(text, &Options::default()).text;
        let twice = redact(&once, &Options::default()).text;
        assert_eq!(once, twice);
    }
}

mod props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]

        #[test]
        fn never_panics_and_spans_sit_on_char_boundaries(
            text in "([A-Z][a-zé]{0,6}|Mr|Ms|Dr|St|son|aged|said|Present:|[ ,.:;()'’\\-\\n0-9]|Zoë|Łukasz|O'|Mc){0,40}"
        ) {
            for e in detect(&text, &Options::default()) {
                prop_assert!(e.start < e.end && e.end <= text.len());
                prop_assert!(text.is_char_boundary(e.start) && text.is_char_boundary(e.end));
            }
        }

        #[test]
        fn redacted_text_never_shows_a_hidden_name(
            first in "(Amy|Omar|Kezia|Jaxtyn|Siobhán|Kwame)",
            last in "(Smith|O'Neill|Kertzmann|Nowak|MacLeod|Okafor)",
        ) {
            let text = format!("Visit to {first} {last} (aged 6). Ms {last} said {first} was well. {first}'s school agreed.");
            let out = redact(&text, &Options::default()).text;
            prop_assert!(!out.contains(&first) && !out.contains(&last), "{}", out);
        }
    }
}

#[test]
fn particles_capitals_and_words_used_as_names_through_redact() {
    let text = "Referral\n\nChild: GÜNTHER, Alycia\nAddress: 4 Elm Road\n\n12/01/2025 – Postcode checked. \
                Home visit to Carli Ankunding. I phoned Mrs. Ankunding and Ms van der Meulen. \
                Jesus's mobile number is 07700 900123. Jesus has posted online. Alycia Günther is 9.";
    let once = redact(text, &Options::default());
    assert_hidden(&once.text, &["GÜNTHER", "Alycia", "Günther", "Ankunding", "Carli", "Meulen", "van der", "Jesus"]);
    assert_kept(&once.text, &["Postcode checked", "Home visit to", "Child:", "mobile number"]);
    let twice = redact(&once.text, &Options::default());
    assert_eq!(twice.text, once.text);
}
