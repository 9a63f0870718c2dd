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
