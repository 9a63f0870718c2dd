use super::*;

/// (mention text, key, role) for every person found.
fn people(text: &str) -> Vec<(&str, String, Option<Role>)> {
    let mut out = Vec::new();
    find(text, &mut out);
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
