//! Issue 12: the cross-service workshop series. Workshop one: a series made from the built-in
//! template, "own life" records that stay private, the core elements board (anonymous cards,
//! one vote per person per card, clusters, hidden cards, hostile text), and priorities across
//! services with small services pooled.

use crate::both;
use crate::harness::{Backend, Browser, PASSWORD, TestApp};
use recordwell_store::cohorts::{self, CohortRole};
use recordwell_store::orgs::{self, Role};
use recordwell_store::{boards, programmes, users};
use reqwest::StatusCode;

/// A series run by the facilitator with six participants from three services: three from
/// children and families (the practitioner, the colleague and one more), two from adult care and
/// one from justice; the manager is in it too. Returns (cohort, participants' browsers by email).
async fn series_with_six(app: &TestApp) -> (i64, Vec<(String, Browser)>) {
    let children =
        orgs::add_service(&app.store, app.org_id, "Children and families", "children-families").await.unwrap();
    let adults = orgs::add_service(&app.store, app.org_id, "Adult care", "adult").await.unwrap();
    let justice = orgs::add_service(&app.store, app.org_id, "Justice", "justice").await.unwrap();
    let mut fac = app.signed_in("facilitator").await;
    fac.get("/programmes").await;
    let series = programmes::list(&app.store, app.org_id)
        .await
        .unwrap()
        .into_iter()
        .find(|t| t.kind == programmes::WORKSHOP_SERIES)
        .expect("the built-in series is copied on first visit");
    fac.get("/cohorts").await;
    let mut fields = vec![
        ("title", "Recording across services, spring"),
        ("first_day", "2027-03-04"),
        ("second_day", "2027-04-01"),
        ("venue", "Civic Centre"),
        ("followup_days", "90"),
    ];
    let template = series.id.to_string();
    fields.push(("template_id", &template));
    let missing = fac.post_form("/cohorts", &fields).await;
    assert!(missing.body.contains("This programme has 3 days (workshops)"), "{}", missing.body);
    fields.push(("third_day", "29/04/2027"));
    let made = fac.post_form("/cohorts", &fields).await;
    assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.body);
    let cohort: i64 = made.location().trim_start_matches("/cohorts/").parse().unwrap();
    let c = cohorts::get(&app.store, app.org_id, cohort).await.unwrap().unwrap();
    assert!(c.is_series());
    assert_eq!(
        cohorts::dates(&app.store, cohort).await.unwrap(),
        vec![(1, "2027-03-04".into()), (2, "2027-04-01".into()), (3, "2027-04-29".into())]
    );
    assert!(c.letter.contains("three workshops") && c.letter.contains("{third_day}"));

    let hash = recordwell_web::auth::password::hash(PASSWORD);
    let mut people = vec![];
    for (i, service) in [children, children, children, adults, adults, justice].into_iter().enumerate() {
        let email = match i {
            0 => "practitioner@test.example".to_owned(),
            1 => "colleague@test.example".to_owned(),
            n => format!("series{n}@test.example"),
        };
        let id = match users::by_email(&app.store, &email).await.unwrap() {
            Some(u) => u.id,
            None => users::create(&app.store, &email, &format!("Series Person {i}"), Some(&hash)).await.unwrap(),
        };
        users::set_membership(&app.store, id, app.org_id, Role::Practitioner, Some(service)).await.unwrap();
        cohorts::set_person(&app.store, cohort, id, CohortRole::Participant, "joined").await.unwrap();
        let mut b = app.browser();
        assert_eq!(b.sign_in(&email, PASSWORD).await.status, StatusCode::SEE_OTHER);
        people.push((email, b));
    }
    cohorts::set_person(&app.store, cohort, app.people["manager"].id, CohortRole::Manager, "joined").await.unwrap();
    let home = fac.get(&format!("/cohorts/{cohort}")).await;
    assert!(home.body.contains("2027-04-29") && home.body.contains("Core elements of case recording"));
    (cohort, people)
}

async fn own_life_records_stay_with_their_authors_unless_shared(backend: Backend) {
    let app = TestApp::start(backend).await;
    let (cohort, mut people) = series_with_six(&app).await;
    let path = format!("/cohorts/{cohort}/own-life");
    let (_, author) = &mut people[0];
    author.get(&path).await;
    let empty = author.post_form(&path, &[("record", "  "), ("felt", "")]).await;
    assert_eq!(empty.status, StatusCode::BAD_REQUEST);
    let record = [
        ("prompt", "A morning when things did not go to plan"),
        ("record", "Woke late; the car would not start; my neighbour drove the children to school."),
        ("felt", "Exposed: it reads as if I cannot cope."),
        ("reader_should_know", "It was one morning in ten years."),
    ];
    let saved = author.post_form(&path, &record).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    assert!(author.get(saved.location()).await.body.contains("Only you can read it."));
    // Nobody else reads it: not another participant, not the facilitator (who sees who has
    // finished), and managers have no page here at all.
    let (_, other) = &mut people[1];
    assert!(!other.get(&path).await.body.contains("neighbour drove"));
    let mut fac = app.signed_in("facilitator").await;
    let view = fac.get(&path).await;
    assert!(view.body.contains("1 of 6 participants") && view.body.contains("Test practitioner"), "{}", view.body);
    assert!(!view.body.contains("neighbour drove"));
    let mut manager = app.signed_in("manager").await;
    assert_eq!(manager.get(&path).await.status, StatusCode::NOT_FOUND);
    assert_eq!(fac.post_form(&path, &record).await.status, StatusCode::FORBIDDEN, "facilitators write none");
    // Shared, it is the group's to read, with the author's name.
    let (_, author) = &mut people[0];
    author.get(&path).await;
    author.post_form(&path, &[&record[..], &[("shared", "1")]].concat()).await;
    let (_, other) = &mut people[1];
    let page = other.get(&path).await;
    assert!(page.body.contains("neighbour drove") && page.body.contains("Test practitioner"));
    app.finish().await;
}
both!(own_life_records_stay_with_their_authors_unless_shared);

async fn the_elements_board_counts_one_vote_per_person_and_escapes_every_card(backend: Backend) {
    let app = TestApp::start(backend).await;
    let (cohort, mut people) = series_with_six(&app).await;
    let board = format!("/cohorts/{cohort}/boards/elements");
    let add = |text: &'static str| [("body", text)];
    let (_, first) = &mut people[0];
    first.get(&board).await;
    assert_eq!(first.post_form(&format!("{board}/items"), &add("  ")).await.status, StatusCode::BAD_REQUEST);
    for card in ["The person's own words", "A clear chronology", "<script>alert('card')</script>", "Analysis of risk"] {
        assert_eq!(first.post_form(&format!("{board}/items"), &add(card)).await.status, StatusCode::SEE_OTHER);
    }
    let named = first.post_form(&format!("{board}/items"), &[("body", "Plain words"), ("named", "1")]).await;
    assert_eq!(named.status, StatusCode::SEE_OTHER);
    let items = boards::items(&app.store, cohort, boards::ELEMENTS).await.unwrap();
    let id = |text: &str| items.iter().find(|i| i.body == text).unwrap().id;
    let page = first.get(&board).await;
    assert!(
        !page.body.contains("<script>alert") && page.body.contains("alert(&#39;card&#39;)"),
        "hostile text is escaped"
    );
    assert!(page.body.contains("added by Test practitioner"), "named when they chose");
    assert_eq!(page.body.matches("added by").count(), 1, "anonymous otherwise");

    // Everyone votes: children for words and chronology, adult care for words and risk, justice for risk.
    let votes: [(usize, &[&str]); 6] = [
        (0, &["The person's own words", "A clear chronology"]),
        (1, &["The person's own words", "A clear chronology"]),
        (2, &["The person's own words"]),
        (3, &["The person's own words", "Analysis of risk"]),
        (4, &["The person's own words", "Analysis of risk"]),
        (5, &["Analysis of risk"]),
    ];
    for (who, cards) in votes {
        let (_, b) = &mut people[who];
        b.get(&board).await;
        for card in cards {
            let path = format!("{board}/items/{}/vote", id(card));
            assert_eq!(b.post_form(&path, &[("action", "vote")]).await.status, StatusCode::SEE_OTHER);
        }
    }
    // A second vote for the same card (a double click, a second tab) changes nothing.
    let (_, b) = &mut people[0];
    b.post_form(&format!("{board}/items/{}/vote", id("A clear chronology")), &[("action", "vote")]).await;
    let tally = boards::votes(&app.store, cohort, boards::ELEMENTS).await.unwrap();
    assert_eq!(tally.iter().filter(|(_, i)| *i == id("A clear chronology")).count(), 2);
    assert_eq!(tally.len(), 10);
    // Taken back, and given again.
    b.post_form(&format!("{board}/items/{}/vote", id("A clear chronology")), &[("action", "unvote")]).await;
    assert_eq!(boards::votes(&app.store, cohort, boards::ELEMENTS).await.unwrap().len(), 9);
    b.post_form(&format!("{board}/items/{}/vote", id("A clear chronology")), &[("action", "vote")]).await;

    // Grouping, done by anyone in the room; hiding, by the facilitator only.
    let cluster = format!("{board}/items/{}/cluster", id("A clear chronology"));
    assert_eq!(b.post_form(&cluster, &[("cluster", "  What   happened  ")]).await.status, StatusCode::SEE_OTHER);
    assert!(b.get(&board).await.body.contains("<h2 id=\"cluster-2\">What happened</h2>"));
    let hide = format!("{board}/items/{}/hidden", id("<script>alert('card')</script>"));
    assert_eq!(b.post_form(&hide, &[("hidden", "1")]).await.status, StatusCode::FORBIDDEN);
    let mut fac = app.signed_in("facilitator").await;
    fac.get(&board).await;
    assert_eq!(fac.post_form(&hide, &[("hidden", "1")]).await.status, StatusCode::SEE_OTHER);
    assert!(!b.get(&board).await.body.contains("alert("), "hidden from participants");
    assert!(fac.get(&board).await.body.contains("<strong>hidden</strong>"), "the facilitator still sees it");
    let hidden_vote = format!("{board}/items/{}/vote", id("<script>alert('card')</script>"));
    assert_eq!(b.post_form(&hidden_vote, &[("action", "vote")]).await.status, StatusCode::NOT_FOUND);
    let projector = fac.get(&format!("{board}?view=projector")).await;
    assert!(projector.body.contains("rw-projector") && !projector.body.contains("Take my vote back"));

    // Managers have no part in the board; a two-day cohort has no boards.
    let mut manager = app.signed_in("manager").await;
    assert_eq!(manager.get(&board).await.status, StatusCode::FORBIDDEN);
    assert_eq!(fac.get(&format!("/cohorts/{cohort}/boards/nonsense")).await.status, StatusCode::NOT_FOUND);

    // Priorities: children (3) and "other services" (adult care 2 + justice 1) are the groups;
    // nobody is shown as justice.
    let p = fac.get(&format!("/cohorts/{cohort}/priorities")).await;
    assert_eq!(p.status, StatusCode::OK);
    assert!(p.body.contains("Children and families (3)") && p.body.contains("Other services (3)"), "{}", p.body);
    assert!(!p.body.contains("Justice") && !p.body.contains("Adult care"), "small services are pooled");
    let connect =
        p.body.split("Where services connect").nth(1).unwrap().split("Where services diverge").next().unwrap();
    assert!(connect.contains("The person&#39;s own words"), "{connect}");
    let diverge = p.body.split("Where services diverge").nth(1).unwrap().split("<h2>").next().unwrap();
    assert!(
        diverge.contains("A clear chronology</strong>: high for Children and families; low for Other services"),
        "{diverge}"
    );
    assert!(
        diverge.contains("Analysis of risk</strong>: high for Other services; low for Children and families"),
        "{diverge}"
    );
    assert!(p.body.contains("<svg class=\"rw-chart\""), "a chart beside the table");
    let mut manager_view = manager.get(&format!("/cohorts/{cohort}/priorities")).await;
    assert_eq!(manager_view.status, StatusCode::OK, "priorities are aggregate: managers may see them");
    manager_view.body.clear();
    app.finish().await;
}
both!(the_elements_board_counts_one_vote_per_person_and_escapes_every_card);

async fn a_two_day_cohort_has_no_series_pages(backend: Backend) {
    let app = TestApp::start(backend).await;
    let (cohort, ..) = crate::programme_access::cohort_with_everyone(&app).await;
    let mut fac = app.signed_in("facilitator").await;
    for page in ["boards/elements", "priorities", "own-life"] {
        assert_eq!(fac.get(&format!("/cohorts/{cohort}/{page}")).await.status, StatusCode::NOT_FOUND, "{page}");
    }
    app.finish().await;
}
both!(a_two_day_cohort_has_no_series_pages);

async fn a_test_of_change_is_planned_logged_measured_and_reminded(backend: Backend) {
    let app = TestApp::start(backend).await;
    let (cohort, mut people) = series_with_six(&app).await;
    let path = format!("/cohorts/{cohort}/practice");
    let (_, me) = &mut people[0];
    me.get(&path).await;
    // The log needs a test first.
    let early = me.post_form(&format!("{path}/1/log"), &[("on_date", "2027-03-10"), ("note", "Tried it")]).await;
    assert_eq!(early.status, StatusCode::BAD_REQUEST);
    let plan = [
        ("round", "1"),
        ("change_text", "Write the child's own words first, in quotation marks."),
        ("how_know", "A colleague can tell what the child said without asking me."),
        ("records_touched", "Contact records"),
    ];
    assert_eq!(me.post_form(&path, &plan).await.status, StatusCode::SEE_OTHER);
    assert_eq!(me.post_form(&path, &[("round", "3"), ("change_text", "x")]).await.status, StatusCode::NOT_FOUND);
    for (date, note) in
        [("2027-03-10", "Did it on two visits."), ("17/03/2027", "Forgot once; the template got in the way.")]
    {
        let logged = me.post_form(&format!("{path}/1/log"), &[("on_date", date), ("note", note)]).await;
        assert_eq!(logged.status, StatusCode::SEE_OTHER, "{}", logged.body);
    }
    let bad_date = me.post_form(&format!("{path}/1/log"), &[("on_date", "soon"), ("note", "x")]).await;
    assert!(bad_date.body.contains("Enter the log&#39;s date"), "{}", bad_date.body);
    // Before and after examples, de-identified before they are kept, then measured.
    let before = "Mum was non-compliant and the LAC review was held. Jo Bloggs was seen at 12 Elm Road.";
    let after = "I saw Jo at home. Jo said: \"I like my new school.\" Her mum said she would come to the review.";
    for (stage, text) in [("before", before), ("after", after)] {
        let fields = [("stage", stage), ("record_type", "contact"), ("text", text), ("terms", "")];
        let preview =
            me.post_form(&format!("{path}/1/example"), &[&fields[..], &[("action", "preview")]].concat()).await;
        assert!(preview.body.contains("Check the de-identified"), "{}", preview.body);
        let kept = me.post_form(&format!("{path}/1/example"), &[&fields[..], &[("action", "confirm")]].concat()).await;
        assert!(kept.body.contains(&format!("Kept the de-identified {stage} example")), "{}", kept.body);
    }
    let tests = recordwell_store::series::tests_of(&app.store, cohort, app.people["practitioner"].id).await.unwrap();
    assert!(!tests[0].before_example.as_deref().unwrap().contains("Bloggs"), "only the de-identified text is kept");
    let page = me.get(&path).await;
    assert!(page.body.contains("Findings per 1,000 words") && page.body.contains("Lens scores before and after"));
    assert!(page.body.contains("Forgot once"), "the author reads their log");

    // Nobody else reads it: the facilitator sees counts, other participants nothing.
    let mut fac = app.signed_in("facilitator").await;
    let view = fac.get(&path).await;
    assert!(view.body.contains("<th scope=\"row\">Test practitioner</th><td>1</td><td>2</td>"), "{}", view.body);
    assert!(!view.body.contains("quotation marks") && !view.body.contains("Forgot once"));
    let (_, other) = &mut people[1];
    assert!(!other.get(&path).await.body.contains("quotation marks"));
    // Shared, the test (not its log) is the group's.
    let (_, me) = &mut people[0];
    me.get(&path).await;
    me.post_form(&path, &[&plan[..], &[("shared", "1")]].concat()).await;
    let (_, other) = &mut people[1];
    let seen = other.get(&path).await;
    assert!(seen.body.contains("quotation marks") && !seen.body.contains("Forgot once"));
    let mut manager = app.signed_in("manager").await;
    assert_eq!(manager.get(&path).await.status, StatusCode::NOT_FOUND);

    // Midway between workshops one and two (18 March 2027), each participant is reminded once.
    let mut admin = app.signed_in("administrator").await;
    let days_to = |date: &str| {
        let d: jiff::civil::Date = date.parse().unwrap();
        (d - jiff::Zoned::now().date()).get_days() as i64
    };
    let moved = admin.post_json("/admin/clock", &serde_json::json!({ "advance_days": days_to("2027-03-19") })).await;
    assert_eq!(moved.status, StatusCode::OK, "{}", moved.body);
    for (email, _) in &people {
        app.smtp.wait_for(email).await;
    }
    // Quoted-printable soft line breaks undone.
    let reminders: Vec<String> =
        app.smtp.messages().iter().map(|m| m.replace("=\r\n", "").replace("=\n", "")).collect();
    assert_eq!(reminders.len(), 6, "one each");
    let mine = reminders.iter().find(|m| m.contains("practitioner@test.example")).unwrap();
    assert!(mine.contains("keep the log of the change you are testing"), "{mine}");
    let theirs = reminders.iter().find(|m| m.contains("colleague@test.example")).unwrap();
    assert!(theirs.contains("if you have not yet chosen"), "{theirs}");
    admin.post_json("/admin/clock", &serde_json::json!({ "advance_days": 1 })).await;
    assert_eq!(app.smtp.messages().len(), 6, "not again");
    app.finish().await;
}
both!(a_test_of_change_is_planned_logged_measured_and_reminded);

async fn workshops_two_and_three_share_map_recommend_and_are_answered(backend: Backend) {
    let app = TestApp::start(backend).await;
    let (cohort, mut people) = series_with_six(&app).await;
    // Two practitioners tested a change and say what they found.
    for (who, change, possible) in [
        (0, "Child's words first", "My manager asked about it in supervision"),
        (3, "Shorter case notes", "A quiet room on Fridays"),
    ] {
        let (_, b) = &mut people[who];
        b.get(&format!("/cohorts/{cohort}/practice")).await;
        b.post_form(&format!("/cohorts/{cohort}/practice"), &[("round", "1"), ("change_text", change)]).await;
        let found = [
            ("worked", "Families noticed."),
            ("made_possible", possible),
            ("got_in_the_way", "The form's fixed boxes"),
        ];
        let saved = b.post_form(&format!("/cohorts/{cohort}/practice/1/reflection"), &found).await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    }
    // Small groups for workshop two's sharing, services mixed.
    let sessions = cohorts::sessions(&app.store, cohort).await.unwrap();
    let share = sessions.iter().find(|s| s.kind == "appreciative-share" && s.day == 2).unwrap().id;
    let path = format!("/cohorts/{cohort}/sessions/{share}/share");
    let mut fac = app.signed_in("facilitator").await;
    fac.get(&path).await;
    assert_eq!(fac.post_form(&format!("{path}/groups"), &[]).await.status, StatusCode::SEE_OTHER);
    let groups = recordwell_store::reviews::groups(&app.store, share).await.unwrap();
    assert_eq!(groups.iter().map(|g| g.members.len()).collect::<Vec<_>>(), vec![3, 3]);
    let facilitator_view = fac.get(&path).await;
    assert!(facilitator_view.body.contains("Has a test") && !facilitator_view.body.contains("Child&#39;s words first"));
    let (_, first) = &mut people[0];
    let mine = first.get(&path).await;
    assert!(mine.body.contains("Child&#39;s words first") && mine.body.contains("(you)"));
    let first_group = groups.iter().find(|g| g.members.contains(&app.people["practitioner"].id)).unwrap();
    let other_group_member = groups.iter().find(|g| g.id != first_group.id).unwrap().members[0];
    let other_name = users::by_id(&app.store, other_group_member).await.unwrap().unwrap().name;
    assert!(!mine.body.contains(&other_name), "only their own group");

    // The assets map and barriers.
    let assets = format!("/cohorts/{cohort}/boards/assets");
    first.get(&assets).await;
    let no_kind = first.post_form(&format!("{assets}/items"), &[("body", "Supervision that reads records")]).await;
    assert_eq!(no_kind.status, StatusCode::BAD_REQUEST);
    assert!(no_kind.body.contains("personal, cultural or structural"));
    let fields = [("body", "Supervision that reads records"), ("kind", "cultural")];
    assert_eq!(first.post_form(&format!("{assets}/items"), &fields).await.status, StatusCode::SEE_OTHER);
    let barriers = format!("/cohorts/{cohort}/boards/barriers");
    first.get(&barriers).await;
    first.post_form(&format!("{barriers}/items"), &[("body", "Forms with fixed boxes")]).await;
    let asset = boards::items(&app.store, cohort, boards::ASSETS).await.unwrap()[0].id;
    // The asset is shown by the first practitioner's test; another's unshared test cannot be named.
    let tests = recordwell_store::series::tests_in(&app.store, cohort).await.unwrap();
    let own = tests.iter().find(|t| t.user_id == app.people["practitioner"].id).unwrap().id.to_string();
    let theirs = tests.iter().find(|t| t.user_id != app.people["practitioner"].id).unwrap().id.to_string();
    let link = format!("{assets}/items/{asset}/tests");
    assert_eq!(first.post_form(&link, &[("test", theirs.as_str())]).await.status, StatusCode::BAD_REQUEST);
    assert_eq!(first.post_form(&link, &[("test", own.as_str())]).await.status, StatusCode::SEE_OTHER);
    assert!(first.get(&assets).await.body.contains("shown by 1 test of change"));
    let barrier = boards::items(&app.store, cohort, boards::BARRIERS).await.unwrap()[0].id;

    // Recommendations rest on what was found.
    let recs = format!("/cohorts/{cohort}/recommendations");
    first.get(&recs).await;
    let bare = first.post_form(&recs, &[("body", "Protected time to write"), ("level", "service")]).await;
    assert!(bare.body.contains("Choose at least one asset or barrier"), "{}", bare.body);
    let (a, b) = (asset.to_string(), barrier.to_string());
    let draft = [
        ("body", "Read a record together in every supervision"),
        ("level", "team"),
        ("rests_on", a.as_str()),
        ("rests_on", b.as_str()),
    ];
    assert_eq!(first.post_form(&recs, &draft).await.status, StatusCode::SEE_OTHER);
    let rec = boards::items(&app.store, cohort, boards::RECOMMENDATIONS).await.unwrap()[0].id;
    first.post_form(&format!("{recs}/{rec}/vote"), &[("action", "vote")]).await;
    let page = first.get(&recs).await;
    assert!(
        page.body.contains("Asset: Supervision that reads records")
            && page.body.contains("Barrier: Forms with fixed boxes")
    );
    assert!(page.body.contains("For a team · 1 vote"), "{}", page.body);
    // The facilitator edits; leaders see nothing until it is published.
    fac.get(&recs).await;
    let edited = [("body", "Read one record together in every supervision"), ("level", "service")];
    assert_eq!(fac.post_form(&format!("{recs}/{rec}/edit"), &edited).await.status, StatusCode::SEE_OTHER);
    let mut manager = app.signed_in("manager").await;
    assert!(!manager.get(&recs).await.body.contains("Read one record together"));
    let not_yet = manager.post_form(&format!("{recs}/{rec}/answer"), &[("answer", "accepted")]).await;
    assert_eq!(not_yet.status, StatusCode::NOT_FOUND);
    fac.post_form(&format!("{recs}/publish"), &[("publish", "1")]).await;
    let (_, first) = &mut people[0];
    assert_eq!(
        first.post_form(&format!("{recs}/{rec}/answer"), &[("answer", "accepted")]).await.status,
        StatusCode::FORBIDDEN
    );
    manager.get(&recs).await;
    let no_reason = manager.post_form(&format!("{recs}/{rec}/answer"), &[("answer", "not-now")]).await;
    assert!(no_reason.body.contains("Say why not now"), "{}", no_reason.body);
    let answered = [("answer", "in-progress"), ("reason", "Starting in the east team in May.")];
    assert_eq!(manager.post_form(&format!("{recs}/{rec}/answer"), &answered).await.status, StatusCode::SEE_OTHER);
    let seen = first.get(&recs).await;
    assert!(seen.body.contains("Test manager: In progress") && seen.body.contains("east team in May"), "{}", seen.body);
    app.finish().await;
}
both!(workshops_two_and_three_share_map_recommend_and_are_answered);

async fn managers_answer_a_two_day_post_box_summary(backend: Backend) {
    let app = TestApp::start(backend).await;
    let (cohort, ..) = crate::programme_access::cohort_with_everyone(&app).await;
    let mut fac = app.signed_in("facilitator").await;
    fac.get(&format!("/cohorts/{cohort}/postbox")).await;
    fac.post_form(&format!("/cohorts/{cohort}/postbox/summary"), &[("summary", "Time to write.")]).await;
    let mut manager = app.signed_in("manager").await;
    let page = manager.get(&format!("/cohorts/{cohort}/postbox")).await;
    assert!(page.body.contains("Your answer to the summary"));
    let answer = [("answer", "accepted"), ("reason", "Protected writing time from June.")];
    let a = manager.post_form(&format!("/cohorts/{cohort}/postbox/answer"), &answer).await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.body);
    let mut p = app.signed_in("practitioner").await;
    let seen = p.get(&format!("/cohorts/{cohort}/postbox")).await;
    assert!(seen.body.contains("What the managers said") && seen.body.contains("Protected writing time from June."));
    assert_eq!(p.post_form(&format!("/cohorts/{cohort}/postbox/answer"), &answer).await.status, StatusCode::FORBIDDEN);
    app.finish().await;
}
both!(managers_answer_a_two_day_post_box_summary);

async fn reports_and_the_update_name_no_one_and_pool_small_services(backend: Backend) {
    let app = TestApp::start(backend).await;
    let (cohort, mut people) = series_with_six(&app).await;
    let (_, first) = &mut people[0];
    let board = format!("/cohorts/{cohort}/boards/elements");
    first.get(&board).await;
    first.post_form(&format!("{board}/items"), &[("body", "=HYPERLINK(\"http://evil.example\") <b>bold</b>")]).await;
    let assets = format!("/cohorts/{cohort}/boards/assets");
    first.get(&assets).await;
    first
        .post_form(
            &format!("{assets}/items"),
            &[("body", "Time in supervision"), ("kind", "structural"), ("named", "1")],
        )
        .await;
    let mut fac = app.signed_in("facilitator").await;
    for file in ["recommendations.pdf", "recommendations.xlsx", "learning.pdf", "learning.xlsx"] {
        let got = fac.client.get(format!("{}/cohorts/{cohort}/series-report/{file}", app.url)).send().await.unwrap();
        assert_eq!(got.status(), StatusCode::OK, "{file}");
        assert_eq!(got.headers()["cache-control"], "no-store");
        let bytes = got.bytes().await.unwrap();
        assert!(bytes.starts_with(b"%PDF") || bytes.starts_with(b"PK"), "{file}");
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains("Test practitioner") && !text.contains("Justice"),
            "{file} names no one, no small service"
        );
    }
    let manager = app.signed_in("manager").await;
    let got =
        manager.client.get(format!("{}/cohorts/{cohort}/series-report/recommendations.pdf", app.url)).send().await;
    assert_eq!(got.unwrap().status(), StatusCode::OK, "leaders read the recommendations report");
    let got = manager.client.get(format!("{}/cohorts/{cohort}/series-report/learning.pdf", app.url)).send().await;
    assert_eq!(got.unwrap().status(), StatusCode::FORBIDDEN, "the internal learning is the facilitator's");
    let got = first.client.get(format!("{}/cohorts/{cohort}/series-report/recommendations.pdf", app.url)).send().await;
    assert_eq!(got.unwrap().status(), StatusCode::FORBIDDEN);

    // The update cannot go out naming a participant or the one-person service.
    let update = format!("/cohorts/{cohort}/update");
    fac.get(&update).await;
    let naming = fac
        .post_form(
            &update,
            &[("text", "Test practitioner and the justice team found supervision helps."), ("action", "publish")],
        )
        .await;
    assert_eq!(naming.status, StatusCode::BAD_REQUEST);
    assert!(
        naming.body.contains("is a participant&#39;s name") && naming.body.contains("fewer than 3 people"),
        "{}",
        naming.body
    );
    let draft = [
        ("text", "Across services, practitioners found that reading records together in supervision helps."),
        ("action", "save"),
    ];
    assert_eq!(fac.post_form(&update, &draft).await.status, StatusCode::SEE_OTHER);
    let (_, first) = &mut people[0];
    assert!(
        first.get(&update).await.body.contains("has not published an update yet"),
        "drafts stay with the facilitator"
    );
    let publish = [("text", draft[0].1), ("action", "publish")];
    assert_eq!(fac.post_form(&update, &publish).await.status, StatusCode::SEE_OTHER);
    assert!(first.get(&update).await.body.contains("reading records together in supervision"));
    app.finish().await;
}
both!(reports_and_the_update_name_no_one_and_pool_small_services);

async fn the_api_reads_a_series_without_names_or_small_services(backend: Backend) {
    let app = TestApp::start(backend).await;
    let (cohort, mut people) = series_with_six(&app).await;
    let (_, first) = &mut people[0];
    let board = format!("/cohorts/{cohort}/boards/elements");
    first.get(&board).await;
    first.post_form(&format!("{board}/items"), &[("body", "The person's own words"), ("named", "1")]).await;
    // An administrator's token reads every series of the organisation.
    let token = recordwell_web::auth::token::random_token();
    let hash = recordwell_web::auth::token::hash_token(&format!("rwt_{token}"));
    recordwell_store::tokens::create(&app.store, app.org_id, "Reporting", &hash, app.people["administrator"].id)
        .await
        .unwrap();
    let client = reqwest::Client::new();
    let get = |path: String| client.get(format!("{}/api/v1{path}", app.url)).bearer_auth(format!("rwt_{token}")).send();
    let list: serde_json::Value = get("/series".into()).await.unwrap().json().await.unwrap();
    assert_eq!(list["series"][0]["id"], cohort);
    assert_eq!(list["series"][0]["dates"][2], "2027-04-29");
    let detail = get(format!("/series/{cohort}")).await.unwrap();
    assert_eq!(detail.status(), StatusCode::OK);
    let text = detail.text().await.unwrap();
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(json["elements"][0]["text"], "The person's own words");
    assert_eq!(json["groups"], serde_json::json!([["Children and families", 3], ["Other services", 3]]));
    assert!(!text.contains("Test practitioner") && !text.contains("Justice"), "{text}");
    // A participant reads the series they are in, through their session.
    let seen = first.client.get(format!("{}/api/v1/series/{cohort}", app.url)).send().await.unwrap();
    assert_eq!(seen.status(), StatusCode::OK);
    let mut outsider = app.signed_in("outsider").await;
    outsider.get("/records").await;
    let hidden = outsider.client.get(format!("{}/api/v1/series/{cohort}", app.url)).send().await.unwrap();
    assert_eq!(hidden.status(), StatusCode::NOT_FOUND);
    app.finish().await;
}
both!(the_api_reads_a_series_without_names_or_small_services);

async fn impact_is_shown_in_aggregate_only(backend: Backend) {
    let app = TestApp::start(backend).await;
    let (cohort, mut people) = series_with_six(&app).await;
    let path = format!("/cohorts/{cohort}/impact");
    let mut fac = app.signed_in("facilitator").await;
    let before = "Mum was non-compliant and the LAC review was held.";
    let after = "I saw Jo at home. Jo said she likes her new school.";
    // Two tests with examples from both: too few to show.
    for (i, (_, b)) in people.iter_mut().enumerate().take(3) {
        b.get(&format!("/cohorts/{cohort}/practice")).await;
        b.post_form(&format!("/cohorts/{cohort}/practice"), &[("round", "1"), ("change_text", "Their words first")])
            .await;
        for (stage, text) in [("before", before), ("after", after)] {
            let fields = [("stage", stage), ("record_type", "contact"), ("text", text), ("action", "confirm")];
            b.post_form(&format!("/cohorts/{cohort}/practice/1/example"), &fields).await;
        }
        let page = fac.get(&path).await;
        if i < 2 {
            assert!(
                page.body.contains("fewer than 3") && page.body.contains("Before-and-after figures are shown once"),
                "{}",
                page.body
            );
        } else {
            assert!(page.body.contains("Mean lens scores before and after"), "{}", page.body);
            assert!(page.body.contains("<th scope=\"row\">Tests of change planned</th><td>3</td>"), "{}", page.body);
        }
    }
    let (_, participant) = &mut people[0];
    assert_eq!(participant.get(&path).await.status, StatusCode::FORBIDDEN);
    let mut manager = app.signed_in("manager").await;
    assert_eq!(manager.get(&path).await.status, StatusCode::OK);
    app.finish().await;
}
both!(impact_is_shown_in_aggregate_only);

/// People come late, move services and leave: every page and figure follows who is in the series now.
async fn late_joiners_movers_and_leavers_are_followed_everywhere(backend: Backend) {
    let app = TestApp::start(backend).await;
    let (cohort, mut people) = series_with_six(&app).await;
    let card = boards::NewItem {
        board: boards::ELEMENTS,
        body: "Plain words",
        kind: "",
        author_id: app.people["facilitator"].id,
        show_author: false,
    };
    boards::add(&app.store, cohort, card).await.unwrap();
    // Someone joins at workshop two, with no first test: their group page says so.
    let hash = recordwell_web::auth::password::hash(PASSWORD);
    let late = users::create(&app.store, "late@test.example", "Late Joiner", Some(&hash)).await.unwrap();
    let children = orgs::services(&app.store, app.org_id)
        .await
        .unwrap()
        .into_iter()
        .find(|s| s.name.starts_with("Children"))
        .unwrap()
        .id;
    users::set_membership(&app.store, late, app.org_id, Role::Practitioner, Some(children)).await.unwrap();
    cohorts::set_person(&app.store, cohort, late, CohortRole::Participant, "joined").await.unwrap();
    let sessions = cohorts::sessions(&app.store, cohort).await.unwrap();
    let share = sessions.iter().find(|s| s.kind == "appreciative-share" && s.day == 2).unwrap().id;
    let mut fac = app.signed_in("facilitator").await;
    let path = format!("/cohorts/{cohort}/sessions/{share}/share");
    fac.get(&path).await;
    fac.post_form(&format!("{path}/groups"), &[]).await;
    let mut newcomer = app.browser();
    newcomer.sign_in("late@test.example", PASSWORD).await;
    let page = newcomer.get(&path).await;
    assert!(
        page.body.contains("Late Joiner (you)") && page.body.contains("No test for this round yet"),
        "{}",
        page.body
    );
    // Someone withdraws: out of the groups when they are made again, out of every service's figures.
    let leaver = app.people["colleague"].id;
    fac.get(&format!("/cohorts/{cohort}")).await;
    assert_eq!(
        fac.post_form(&format!("/cohorts/{cohort}/people/{leaver}/leave"), &[]).await.status,
        StatusCode::SEE_OTHER
    );
    fac.post_form(&format!("{path}/groups"), &[]).await;
    let groups = recordwell_store::reviews::groups(&app.store, share).await.unwrap();
    assert!(groups.iter().all(|g| !g.members.contains(&leaver)));
    // Children and families: the practitioner, two more and the late joiner (the colleague left).
    let p = fac.get(&format!("/cohorts/{cohort}/priorities")).await;
    assert!(p.body.contains("Children and families (3)"), "{}", p.body);
    // Someone moves service: the justice worker joins adult care, which is then three strong and
    // named, and nobody is left in "Other services".
    let justice = users::by_email(&app.store, &people[5].0).await.unwrap().unwrap().id;
    let adults =
        orgs::services(&app.store, app.org_id).await.unwrap().into_iter().find(|s| s.name == "Adult care").unwrap().id;
    users::set_membership(&app.store, justice, app.org_id, Role::Practitioner, Some(adults)).await.unwrap();
    let p = fac.get(&format!("/cohorts/{cohort}/priorities")).await;
    assert!(p.body.contains("Adult care (3)") && !p.body.contains("Other services ("), "{}", p.body);
    let (_, b) = &mut people[5];
    assert_eq!(b.get(&format!("/cohorts/{cohort}/practice")).await.status, StatusCode::OK);
    app.finish().await;
}
both!(late_joiners_movers_and_leavers_are_followed_everywhere);
