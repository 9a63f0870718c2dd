use super::*;

/// (mention text, key, role) for every person found.
fn people(text: &str) -> Vec<(&str, String, Option<Role>)> {
    let mut out = Vec::new();
    find(text, &mut out, |_, _| {});
    out.iter().map(|c| (&text[c.start..c.end], c.key.clone(), c.role)).collect()
}

fn spans(text: &str) -> Vec<&str> {
    people(text).into_iter().map(|p| p.0).collect()
}

#[test]
fn titles_take_the_words_after_them() {
    assert_eq!(spans("I met Ms Yusuf and Dr. Patel today."), ["Ms Yusuf", "Dr. Patel"]);
    assert_eq!(spans("PC Amy Ross attended with Sgt McAdie."), ["PC Amy Ross", "Sgt McAdie"]);
    assert_eq!(people("Dr Patel called.")[0].2, Some(Role::Professional));
}

#[test]
fn listed_names_and_full_names() {
    assert_eq!(
        spans("Later Siobhan O'Neill and Kwame Mensah-Boateng arrived."),
        ["Siobhan O'Neill", "Kwame Mensah-Boateng"]
    );
    assert_eq!(spans("Priya went home."), ["Priya"]);
}

#[test]
fn unknown_surname_after_a_listed_first_name() {
    assert_eq!(spans("Zula Kertzmann came to the door."), ["Zula Kertzmann"]);
}

#[test]
fn possessives_are_outside_the_span() {
    assert_eq!(spans("Amy's school called. Amy’s teacher agreed."), ["Amy", "Amy"]);
    assert_eq!(people("Amy's school called.")[0].2, Some(Role::Child));
}

#[test]
fn initials() {
    assert_eq!(spans("Signed J. Smith and A.B. Okafor, and R Jones."), ["J. Smith", "A.B. Okafor", "R Jones"]);
    assert_eq!(spans("I saw Omar."), ["Omar"]);
}

#[test]
fn relationship_words_introduce_names_and_roles() {
    let p =
        people("She brought her son Omar. His daughter, Kezia, was there. Gran, Edna, helped. The baby, Zaid, slept.");
    let roles: Vec<(&str, Option<Role>)> = p.iter().map(|p| (p.0, p.2)).collect();
    assert_eq!(
        roles,
        [
            ("Omar", Some(Role::Child)),
            ("Kezia", Some(Role::Child)),
            ("Edna", Some(Role::Grandparent)),
            ("Zaid", Some(Role::Child))
        ]
    );
    assert_eq!(people("Her partner Tyrell left.")[0].2, Some(Role::Adult));
}

#[test]
fn ages_and_speech_make_names_even_at_the_start_of_a_sentence() {
    assert_eq!(people("Braxton (6) was asleep.")[0].2, Some(Role::Child));
    assert_eq!(people("Nevaeh, aged 4, was playing.")[0].2, Some(Role::Child));
    assert_eq!(spans("Grace said she was cold."), ["Grace"]);
    assert_eq!(spans("She told me that Jayden was hungry."), ["Jayden"]);
}

#[test]
fn present_lines_and_naming_words() {
    assert_eq!(spans("Present: Tallis Vrenk, Osk Barlow.\n"), ["Tallis Vrenk", "Osk Barlow"]);
    assert_eq!(spans("a man called Dwyte came round"), ["Dwyte"]);
}

#[test]
fn role_words_and_ordinary_capitalised_words_are_not_names() {
    assert!(spans("Mum and Dad came. Gran, Nan and Grandad stayed. Auntie came on Monday.").is_empty());
    assert!(spans("The Health visitor said Today is fine. Will you come? May I help?").is_empty());
    assert!(spans("The meeting was on 4 May 2025 and in June.").is_empty());
    assert!(spans("Mum walks me to school. Hope is important. Grace was shown.").is_empty());
}

#[test]
fn ambiguous_names_become_names_with_evidence_and_then_everywhere() {
    assert_eq!(spans("Her daughter Grace is 6. Grace said hi."), ["Grace", "Grace"]);
    assert_eq!(spans("Her daughter May is 6. May was sad. On 4 May 2025 we met."), ["May", "May"]);
}

#[test]
fn later_mentions_share_the_full_names_key() {
    let p = people("Home visit to Ms Ada Quill and Pip Quill (aged 7). Ms Quill (Pip's mother) said Pip was fine.");
    let keys: Vec<(&str, &str)> = p.iter().map(|p| (p.0, p.1.as_str())).collect();
    assert_eq!(
        keys,
        [
            ("Ms Ada Quill", "ada quill"),
            ("Pip Quill", "pip quill"),
            ("Ms Quill", "ada quill"),
            ("Pip", "pip quill"),
            ("Pip", "pip quill")
        ]
    );
    assert_eq!(p[0].2, Some(Role::Mother));
    assert_eq!(p[3].2, Some(Role::Child));
}

#[test]
fn professional_roles_after_the_name() {
    let p = people("Present: me (Sam Reed, social worker) and Kim Ferris (health visitor).");
    assert_eq!(p.iter().map(|p| p.2).collect::<Vec<_>>(), [Some(Role::Professional), Some(Role::Professional)]);
}

#[test]
fn titled_adults_are_not_children() {
    let p = people("Present: Mr Ray Dorran, his sister Ms Fay Dorran, and me.");
    assert_eq!(p[1].2, Some(Role::Adult));
    assert_eq!(people("Mr Stone (34) was home.")[0].2, Some(Role::Adult));
}

#[test]
fn saints_and_places_are_not_people() {
    assert!(spans("She goes to St Mary's. We met in Kilmarnock and London.").is_empty());
}

#[test]
fn odd_input_does_not_panic() {
    for t in ["", "'", "Mr", "Mr.", "A.", "’s", "Ms ’", "Zoë’", "É", "Dr Dr Dr", "(", "Amy (", "Amy,", "J.", "Ms Ms"]
    {
        let _ = people(t);
    }
}

#[test]
fn first_names_that_are_also_months_before_a_surname() {
    assert_eq!(spans("Supervision: Sam Reed with Jan Moss (team manager), 5 June 2025."), ["Sam Reed", "Jan Moss"]);
    assert_eq!(spans("Seen in June Fenwick's flat."), ["June Fenwick"]);
}

#[test]
fn a_title_links_to_the_full_name_with_that_title() {
    let p =
        people("Ms Jo Marsh and Mrs Eve Marsh (grandmother) came with Leo Marsh (4). Ms Marsh said Mrs Marsh helps.");
    let keys: Vec<&str> = p.iter().map(|p| p.1.as_str()).collect();
    assert_eq!(keys, ["jo marsh", "eve marsh", "leo marsh", "jo marsh", "eve marsh"]);
    assert_eq!(p[1].2, Some(Role::Grandparent));
    assert_eq!(p[2].2, Some(Role::Child));
}

#[test]
fn a_title_does_not_link_to_a_childs_or_unknown_full_name() {
    let p = people("Leo Marsh moved to foster care. Family time with Mr Marsh will be supervised.");
    assert_eq!(p[1].1, "mr marsh");
}

#[test]
fn labels_are_not_names() {
    let s = spans("Her brother Child B (12) and her sister, Child C, and Professional A, social worker.");
    assert!(s.is_empty(), "{s:?}");
}

#[test]
fn unknown_names_opening_a_sentence() {
    assert_eq!(spans("Jaxtyn went home. Eudora's bag was packed."), ["Jaxtyn", "Eudora"]);
    // Ordinary openers stay, however rare: suffixes and the English list.
    assert!(
        spans("Subsequently she left. Notwithstanding this, we met. Workload was high. Duty staff rang.").is_empty()
    );
}

#[test]
fn names_in_capitals() {
    assert_eq!(spans("CASE SUMMARY: PIP QUILL\nPip is 7. CIN PLAN TEAM"), ["PIP QUILL", "Pip"]);
}
#[test]
fn surnames_with_lower_case_particles() {
    assert_eq!(spans("according to Ms van der Meulen."), ["Ms van der Meulen"]);
    assert_eq!(spans("Case summary: Elif van den Brink\nElif is 7."), ["Elif van den Brink", "Elif"]);
    assert_eq!(
        spans("Dr de Groot and Mr da Silva met Ana von Trapp."),
        ["Dr de Groot", "Mr da Silva", "Ana von Trapp"]
    );
    assert_eq!(spans("She saw Omar bin Salleh and Rhys ap Gwyn."), ["Omar bin Salleh", "Rhys ap Gwyn"]);
    assert_eq!(spans("We met al-Rashid today."), ["al-Rashid"]);
    assert_eq!(spans("Recorded by Jonathan Da Silva, social worker."), ["Jonathan Da Silva"]);
    assert_eq!(people("Elif van den Brink said hi.")[0].1, "elif van den brink");
    // Particles alone, or before an ordinary word, are left.
    assert!(spans("He went de facto to the van in La Paz.").iter().all(|s| !s.contains("de")));
}

#[test]
fn a_title_makes_the_next_capitalised_word_a_name() {
    assert_eq!(spans("I phoned Mrs. Ankunding and Mrs Ankunding."), ["Mrs. Ankunding", "Mrs Ankunding"]);
    assert_eq!(spans("Registered GP: Dr Connelly."), ["Dr Connelly"]);
    assert_eq!(spans("Dr Wales and PC Every attended."), ["Dr Wales", "PC Every"]);
    // Not our own labels.
    assert!(spans("Mr Professional A came.").iter().all(|s| !s.contains("Professional")));
}

#[test]
fn unknown_names_after_prepositions_and_with_english_endings() {
    assert_eq!(spans("Home visit to Carli Ankunding."), ["Carli Ankunding"]);
    assert_eq!(spans("Recorded by Marylise Botsford, social worker."), ["Marylise Botsford"]);
    assert_eq!(
        spans("Chronology for Siegfried Bartell. Olympe Carter lives nearby."),
        ["Siegfried Bartell", "Olympe Carter"]
    );
    assert_eq!(spans("Seen by A Hopkinson at the clinic."), ["A Hopkinson"]);
    assert_eq!(spans("Anais' mobile number is new."), ["Anais"]);
}

#[test]
fn capitalised_surname_comma_first_name_is_one_person() {
    let p = people("Child: GÜNTHER, Alycia\nAddress: 1 Road\nAlycia Günther is 9.");
    assert_eq!(p[0].0, "GÜNTHER, Alycia");
    assert_eq!(p[0].1, "alycia günther");
    assert_eq!(p[1].1, "alycia günther");
    assert_eq!(spans("Child: WALES, Andrew\n"), ["WALES, Andrew"]);
    assert!(spans("NHS, Police and CAMHS, School attended.").is_empty());
}

#[test]
fn words_used_as_names() {
    assert_eq!(spans("Jesus's mobile number is new. Jesus has posted online."), ["Jesus", "Jesus"]);
    assert_eq!(spans("Mother, Jesus Bergmann, was present."), ["Jesus Bergmann"]);
    assert_eq!(spans("Her son German (4) was home. German said hi."), ["German", "German"]);
    assert_eq!(spans("Brain is 19 and goes to college."), ["Brain"]);
    assert_eq!(spans("Recorded by Marjon Wales and Paula Jesus."), ["Marjon Wales", "Paula Jesus"]);
    assert_eq!(spans("Recorded by Royal Maddox and Bill Kunze."), ["Royal Maddox", "Bill Kunze"]);
    // Not when the same words are ordinary.
    assert!(spans("The Police said no. The Council's phone rang. Everyone said hi.").is_empty());
    assert!(spans("We went to Wales. Hope is good. The worker, Health Visitor, came.").is_empty());
    assert!(spans("Amy Road and Amy Monday.").iter().all(|s| !s.contains("Road") && !s.contains("Monday")));
}

#[test]
fn form_labels_and_our_own_labels_are_not_names() {
    for t in [
        "12/01/2025 – Postcode AB1 2CD was checked.",
        "Adult A. Postcode [postcode] was checked. Child A. Young person: Child A. CHI [CHI number].",
        "Mother said Child A was fine. Adult B and Professional C met at School 1.",
        "Address: [address]\nEmail: [email]\nTelephone: [phone]\nNHS: [NHS number]",
    ] {
        assert!(spans(t).is_empty(), "{t}: {:?}", spans(t));
    }
}

#[test]
fn combining_marks_stay_in_the_name() {
    assert_eq!(spans("Strategy discussion with DC Özm\u{302}en today."), ["DC Özm\u{302}en"]);
}

#[test]
fn a_name_followed_by_her_daughter_is_a_mother() {
    let out = crate::redact(
        "Karen Smith told me that her daughter Amy (6) is unhappy. Karen rang later.",
        &crate::Options::default(),
    );
    assert_eq!(out.text, "Mother told me that her daughter Child A (6) is unhappy. Mother rang later.");
    let out = crate::redact("Mr Tom Bell said his son Leo is sleeping better.", &crate::Options::default());
    assert!(out.text.starts_with("Father said his son Child A"), "{}", out.text);
}

#[test]
fn role_words_are_found_in_any_case_and_others_are_not() {
    let tok = |w: &str| Tok {
        start: 0,
        end: w.len(),
        base_end: w.len(),
        cap: false,
        all_caps: false,
        sent: false,
        line: false,
        ascii: w.is_ascii(),
    };
    for w in ROLE_LIST.iter().flat_map(|l| l.iter()) {
        for form in [w.to_string(), w.to_uppercase(), format!("{}{}", w[..1].to_uppercase(), &w[1..])] {
            assert!(role_of_word(&form, &tok(&form)).is_some(), "{form}");
        }
    }
    for w in ["Fiancée", "FIANCÉ", "fiancé's"] {
        assert_eq!(role_of_word(w, &tok(w)), Some(Role::Adult), "{w}");
    }
    for w in ["sons", "Amy", "motherly", "x", "Grandmothers", "ex-partners"] {
        assert_eq!(role_of_word(w, &tok(w)), None, "{w}");
    }
}

#[test]
fn title_classes_compare_as_their_lower_case_forms() {
    let titles = [
        "Mrs", "Ms", "Miss", "MRS", "MS", "MISS", "ms", "mS", "Dr", "DR", "dr", "Mr", "MR", "Prof", "PC", "Ms.", "Dr.",
        "Ünal", "ÜNAL",
    ];
    for a in titles {
        for b in titles {
            assert_eq!(same_title_class(a, b), title_class(a) == title_class(b), "{a} {b}");
        }
    }
}
