//! The programme's role matrix: every cohort route, for each part someone can have in a cohort
//! (facilitator, participant, manager), for members of the organisation who are not in the
//! cohort, for someone from another organisation and for someone not signed in, answers as the
//! privacy rules say. A route that forgot its check fails here, whatever its own tests cover.

use crate::both;
use crate::harness::{Backend, Browser, PASSWORD, TestApp};
use recordwell_store::cohorts::{self, CohortRole};
use recordwell_store::orgs::Role;
use recordwell_store::{postbox, programmes, users};
use reqwest::StatusCode;

/// Who in the cohort may use a route. Everyone else in the cohort gets 403 (or 404, where the
/// route says nothing exists for them), people outside the cohort get 404, and people not signed
/// in are sent to sign in.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Who {
    /// Facilitators only.
    Facilitators,
    /// Participants only.
    Participants,
    /// Facilitators and participants (not managers).
    NotManagers,
    /// Facilitators and managers (the post-box exports).
    Exporters,
    /// Everyone in the cohort.
    Everyone,
}

/// The parts tried, by test person: their part in the cohort, or none.
const PARTS: [(&str, Option<CohortRole>); 5] = [
    ("facilitator", Some(CohortRole::Facilitator)),
    ("practitioner", Some(CohortRole::Participant)),
    ("manager", Some(CohortRole::Manager)),
    ("administrator", None),
    ("outsider", None),
];

fn allowed(who: Who, part: CohortRole) -> bool {
    match who {
        Who::Facilitators => part == CohortRole::Facilitator,
        Who::Participants => part == CohortRole::Participant,
        Who::NotManagers => part != CohortRole::Manager,
        Who::Exporters => part != CohortRole::Participant,
        Who::Everyone => true,
    }
}

/// The GET routes: path (with `{c}` the cohort, `{s}` a pair-review session, `{u}` a
/// participant), who may, and what the others in the cohort get.
const GETS: [(&str, Who, StatusCode); 15] = [
    ("/cohorts/{c}", Who::Everyone, StatusCode::FORBIDDEN),
    ("/cohorts/{c}/day", Who::Facilitators, StatusCode::FORBIDDEN),
    ("/cohorts/{c}/examples", Who::Participants, StatusCode::FORBIDDEN),
    ("/cohorts/{c}/learning", Who::Participants, StatusCode::FORBIDDEN),
    ("/cohorts/{c}/plan", Who::Participants, StatusCode::FORBIDDEN),
    ("/cohorts/{c}/plans", Who::Facilitators, StatusCode::FORBIDDEN),
    ("/cohorts/{c}/postbox", Who::Everyone, StatusCode::FORBIDDEN),
    ("/cohorts/{c}/postbox.pdf", Who::Exporters, StatusCode::FORBIDDEN),
    ("/cohorts/{c}/postbox.xlsx", Who::Exporters, StatusCode::FORBIDDEN),
    ("/cohorts/{c}/reflections", Who::Participants, StatusCode::FORBIDDEN),
    ("/cohorts/{c}/report", Who::Facilitators, StatusCode::FORBIDDEN),
    ("/cohorts/{c}/report.pdf", Who::Facilitators, StatusCode::FORBIDDEN),
    ("/cohorts/{c}/report.xlsx", Who::Facilitators, StatusCode::FORBIDDEN),
    ("/cohorts/{c}/letters/{u}.pdf", Who::Facilitators, StatusCode::FORBIDDEN),
    ("/cohorts/{c}/sessions/{s}/review", Who::NotManagers, StatusCode::NOT_FOUND),
];

/// The POST routes, with fields a real form would send (`{n}` is a post-box note).
/// A POST route: path, form fields, who may, what the others in the cohort get.
type PostRoute = (&'static str, &'static [(&'static str, &'static str)], Who, StatusCode);

const POSTS: [PostRoute; 22] = [
    ("/cohorts/{c}/times", &[], Who::Facilitators, StatusCode::FORBIDDEN),
    (
        "/cohorts/{c}/people",
        &[("email", "colleague@test.example"), ("role", "participant")],
        Who::Facilitators,
        StatusCode::FORBIDDEN,
    ),
    ("/cohorts/{c}/people/{u}/leave", &[], Who::Facilitators, StatusCode::FORBIDDEN),
    ("/cohorts/{c}/letter", &[("letter", "Dear {name}")], Who::Facilitators, StatusCode::FORBIDDEN),
    ("/cohorts/{c}/letters/send", &[], Who::Facilitators, StatusCode::FORBIDDEN),
    ("/cohorts/{c}/points/{s}", &[("points", "Records were clearer.")], Who::Facilitators, StatusCode::FORBIDDEN),
    ("/cohorts/{c}/attendance", &[("day", "1")], Who::Facilitators, StatusCode::FORBIDDEN),
    ("/cohorts/{c}/next", &[], Who::Facilitators, StatusCode::FORBIDDEN),
    (
        "/cohorts/{c}/examples",
        &[("record_type", "contact"), ("text", "Visit went well."), ("terms", ""), ("action", "preview")],
        Who::Participants,
        StatusCode::FORBIDDEN,
    ),
    (
        "/cohorts/{c}/learning",
        &[("body", "Write for the family."), ("session", "")],
        Who::Participants,
        StatusCode::FORBIDDEN,
    ),
    (
        "/cohorts/{c}/plan",
        &[("s1", "I will try harder"), ("followup_on", "2027-06-01")],
        Who::Participants,
        StatusCode::FORBIDDEN,
    ),
    (
        "/cohorts/{c}/plans",
        &[("plan_id", "1"), ("followup_on", "2027-06-01")],
        Who::Facilitators,
        StatusCode::FORBIDDEN,
    ),
    ("/cohorts/{c}/postbox", &[("body", "More time to write.")], Who::NotManagers, StatusCode::FORBIDDEN),
    ("/cohorts/{c}/postbox/{n}/hidden", &[("hidden", "0")], Who::Facilitators, StatusCode::FORBIDDEN),
    ("/cohorts/{c}/postbox/{n}/sort", &[("topic", "organisation:policy")], Who::NotManagers, StatusCode::FORBIDDEN),
    ("/cohorts/{c}/postbox/summary", &[("summary", "Time to write.")], Who::Facilitators, StatusCode::FORBIDDEN),
    ("/cohorts/{c}/postbox/send", &[], Who::Facilitators, StatusCode::FORBIDDEN),
    ("/cohorts/{c}/reflections", &[], Who::Participants, StatusCode::FORBIDDEN),
    ("/cohorts/{c}/sessions/{s}/review/groups", &[], Who::Facilitators, StatusCode::FORBIDDEN),
    (
        "/cohorts/{c}/sessions/{s}/review/move",
        &[("user", "{u}"), ("group", "1")],
        Who::Facilitators,
        StatusCode::FORBIDDEN,
    ),
    ("/cohorts/{c}/sessions/{s}/review/rebalance", &[], Who::Facilitators, StatusCode::FORBIDDEN),
    (
        "/cohorts/{c}/sessions/{s}/review/answers",
        &[("example_id", "1"), ("as_colleague", "Clear."), ("as_family", "Kind.")],
        Who::Participants,
        StatusCode::NOT_FOUND,
    ),
];

/// A cohort made from the built-in programme, with the facilitator, two participants
/// (practitioner and colleague), a third who can be marked as left, and the manager; groups
/// made for the first pair review and one post-box note. Returns (cohort, session, spare, note).
pub async fn cohort_with_everyone(app: &TestApp) -> (i64, i64, i64, i64) {
    let mut fac = app.signed_in("facilitator").await;
    fac.get("/programmes").await;
    let template = programmes::list(&app.store, app.org_id).await.unwrap()[0].id.to_string();
    fac.get("/cohorts").await;
    let fields = [
        ("title", "Matrix"),
        ("template_id", template.as_str()),
        ("first_day", "2027-03-04"),
        ("second_day", "2027-03-11"),
        ("venue", "Room 1"),
        ("followup_days", "90"),
    ];
    let made = fac.post_form("/cohorts", &fields).await;
    assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.body);
    let cohort: i64 = made.location().trim_start_matches("/cohorts/").parse().unwrap();
    let hash = recordwell_web::auth::password::hash(PASSWORD);
    let spare = users::create(&app.store, "spare@test.example", "Spare Participant", Some(&hash)).await.unwrap();
    users::set_membership(&app.store, spare, app.org_id, Role::Practitioner, None).await.unwrap();
    let fac_id = app.people["facilitator"].id;
    cohorts::set_person(&app.store, cohort, fac_id, CohortRole::Facilitator, "joined").await.unwrap();
    for (id, part) in [
        (app.people["practitioner"].id, CohortRole::Participant),
        (app.people["colleague"].id, CohortRole::Participant),
        (spare, CohortRole::Participant),
        (app.people["manager"].id, CohortRole::Manager),
    ] {
        cohorts::set_person(&app.store, cohort, id, part, "joined").await.unwrap();
    }
    let sessions = cohorts::sessions(&app.store, cohort).await.unwrap();
    let session = sessions.iter().find(|s| s.kind == "pair-review").unwrap().id;
    fac.get(&format!("/cohorts/{cohort}/sessions/{session}/review")).await;
    let groups = fac.post_form(&format!("/cohorts/{cohort}/sessions/{session}/review/groups"), &[]).await;
    assert_eq!(groups.status, StatusCode::SEE_OTHER, "{}", groups.body);
    let note = postbox::post(&app.store, cohort, "Supervision should cover recording.").await.unwrap();
    (cohort, session, spare, note)
}

fn fill(route: &str, cohort: i64, session: i64, spare: i64, note: i64) -> String {
    route
        .replace("{c}", &cohort.to_string())
        .replace("{s}", &session.to_string())
        .replace("{u}", &spare.to_string())
        .replace("{n}", &note.to_string())
}

/// What someone gets: for those allowed, a page (GET) or anything but a refusal (POST: a
/// made-up id may rightly be "not found"); for others in the cohort the route's refusal; for
/// people outside it 404.
fn check(route: &str, who: Who, refused: StatusCode, part: Option<CohortRole>, method: &str, got: StatusCode) {
    match part {
        Some(p) if allowed(who, p) && method == "GET" => assert_eq!(got, StatusCode::OK, "{p:?} GET {route}"),
        Some(p) if allowed(who, p) => assert_ne!(got, StatusCode::FORBIDDEN, "{p:?} POST {route}"),
        Some(p) => assert_eq!(got, refused, "{p:?} {method} {route}"),
        None => assert_eq!(got, StatusCode::NOT_FOUND, "someone outside the cohort: {method} {route}"),
    }
}

async fn every_cohort_route_answers_each_part_as_the_rules_say(backend: Backend) {
    let app = TestApp::start(backend).await;
    let (cohort, session, spare, note) = cohort_with_everyone(&app).await;
    for (person, part) in PARTS {
        let mut b = app.signed_in(person).await;
        for (route, who, refused) in GETS {
            let got = b.get(&fill(route, cohort, session, spare, note)).await.status;
            check(route, who, refused, part, "GET", got);
        }
        for (route, fields, who, refused) in POSTS {
            b.get("/records").await; // a fresh CSRF token, as a page would give
            let fields: Vec<(&str, String)> =
                fields.iter().map(|(k, v)| (*k, fill(v, cohort, session, spare, note))).collect();
            let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let got = b.post_form(&fill(route, cohort, session, spare, note), &fields).await.status;
            check(route, who, refused, part, "POST", got);
        }
    }
    // Not signed in: every page sends them to sign in, and nothing changes.
    let mut anonymous = Browser::new(&app.url);
    anonymous.get("/signin").await;
    for route in GETS.iter().map(|g| g.0).chain(POSTS.iter().map(|p| p.0)) {
        let path = fill(route, cohort, session, spare, note);
        let got = if GETS.iter().any(|g| g.0 == route) {
            anonymous.get(&path).await
        } else {
            anonymous.post_form(&path, &[]).await
        };
        assert_eq!(got.status, StatusCode::SEE_OTHER, "anonymous {route}");
        assert!(got.location().starts_with("/signin"), "anonymous {route}: {}", got.location());
    }
    // The programmes (templates) are for facilitators and administrators of the organisation.
    let template = programmes::list(&app.store, app.org_id).await.unwrap()[0].id;
    for (person, may) in [
        ("facilitator", true),
        ("administrator", true),
        ("practitioner", false),
        ("manager", false),
        ("outsider", false),
    ] {
        let mut b = app.signed_in(person).await;
        for path in ["/programmes".to_owned(), format!("/programmes/{template}")] {
            let got = b.get(&path).await.status;
            if may {
                assert_eq!(got, StatusCode::OK, "{person} GET {path}");
            } else {
                assert_eq!(got, StatusCode::FORBIDDEN, "{person} GET {path}");
            }
        }
    }
    app.finish().await;
}
both!(every_cohort_route_answers_each_part_as_the_rules_say);
