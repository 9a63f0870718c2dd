//! Issue 5: durable jobs, action plans and their follow-up, learning points, the post-box.

use crate::both;
use crate::harness::{Backend, TestApp, link_in};
use crate::smtp::Sink;
use recordwell_store::cohorts::{self, CohortRole, NewCohort};
use recordwell_store::programmes::SessionPlan;
use recordwell_store::{jobs, plans, postbox, users};
use reqwest::StatusCode;
use serde_json::json;

fn session(day: i64, title: &str, kind: &str) -> SessionPlan {
    SessionPlan { day, title: title.into(), kind: kind.into(), minutes: 30, purpose: String::new(), record_type: None }
}

/// A cohort run by the facilitator, with the practitioner and colleague taking part and the
/// manager receiving the post-box.
async fn cohort(app: &TestApp) -> i64 {
    let sessions = [session(1, "Why we record", "plenary"), session(2, "Action plans", "action-plan")];
    let id = cohorts::create(
        &app.store,
        NewCohort {
            org_id: app.org_id,
            title: "Recording in Social Work, test",
            venue: "Room 1",
            first_day: "2026-11-01",
            second_day: "2026-11-02",
            letter: "",
            followup_days: 90,
            created_by: app.people["facilitator"].id,
            kind: recordwell_store::programmes::TWO_DAY,
            dates: &["2026-11-01".into(), "2026-11-02".into()],
        },
        &sessions,
    )
    .await
    .unwrap();
    for (who, role) in [
        ("practitioner", CohortRole::Participant),
        ("colleague", CohortRole::Participant),
        ("manager", CohortRole::Manager),
    ] {
        cohorts::set_person(&app.store, id, app.people[who].id, role, "joined").await.unwrap();
    }
    id
}

/// A date `days` from the real today, `YYYY-MM-DD`.
fn in_days(days: i64) -> String {
    jiff::Zoned::now().date().checked_add(jiff::Span::new().days(days)).unwrap().to_string()
}

async fn advance(app: &TestApp, days: i64) {
    let mut admin = app.signed_in("administrator").await;
    let a = admin.post_json("/admin/clock", &json!({ "advance_days": days })).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
}

async fn jobs_claimed_exactly_once(backend: Backend) {
    let app = TestApp::start(backend).await;
    let now = recordwell_store::now();
    // Far in the past relative to a separate clock, so the app's own runner (real now) leaves them alone.
    let base = now + 10 * 365 * 86_400;
    for i in 0..20 {
        assert!(jobs::schedule(&app.store, "test", &format!("test:{i}"), "{}", base + i).await.unwrap());
    }
    assert!(!jobs::schedule(&app.store, "test", "test:3", "{}", base).await.unwrap(), "unique key: a no-op");
    let mut tasks = vec![];
    for _ in 0..8 {
        let store = app.store.clone();
        tasks.push(tokio::spawn(async move {
            let mut mine = vec![];
            while let Some(job) = jobs::claim_due(&store, base + 100, 300).await.unwrap() {
                mine.push(job.id);
            }
            mine
        }));
    }
    let mut all = vec![];
    for t in tasks {
        all.extend(t.await.unwrap());
    }
    all.sort();
    let mut unique = all.clone();
    unique.dedup();
    assert_eq!(all.len(), 20, "every job claimed: {all:?}");
    assert_eq!(unique.len(), 20, "no job claimed twice: {all:?}");
    // An expired lease lets another claimer take over, and from then on the first claimer can no
    // longer renew (so it does not send), complete or fail the job.
    let stale = jobs::claim_due(&app.store, base + 1000, 300).await.unwrap().expect("lease expired");
    let job = jobs::claim_due(&app.store, base + 1400, 300).await.unwrap().expect("taken over");
    assert_eq!((job.id, job.attempts), (stale.id, stale.attempts + 1));
    let stale_send = jobs::begin_send(&app.store, &stale, base + 1400, 300).await.unwrap();
    assert_eq!(stale_send, jobs::SendClaim::NotOurs, "the stale claim may not send");
    assert!(!jobs::complete(&app.store, &stale, None, base + 1400).await.unwrap());
    assert_eq!(jobs::fail(&app.store, &stale, "late", base + 1400).await.unwrap(), None);
    let live_send = jobs::begin_send(&app.store, &job, base + 1400, 300).await.unwrap();
    assert_eq!(live_send, jobs::SendClaim::Send, "the live claim may");
    assert_eq!(jobs::fail(&app.store, &job, "boom", base + 5000).await.unwrap().as_deref(), Some("pending"));
    assert!(jobs::claim_due(&app.store, base + 1401, 300).await.unwrap().is_none_or(|j| j.id != job.id));
    // Due again after the back-off (the other test jobs, their leases also over, come first).
    let again = loop {
        let j = jobs::claim_due(&app.store, base + 5000, 300).await.unwrap().expect("due again after back-off");
        if j.id == job.id {
            break j;
        }
    };
    assert!(jobs::complete(&app.store, &again, None, base + 5000).await.unwrap());
    assert_eq!(jobs::by_key(&app.store, &again.unique_key).await.unwrap().unwrap().state, "done");
    app.finish().await;
}
both!(jobs_claimed_exactly_once);

async fn plan_followup_fires_on_the_date(backend: Backend) {
    let app = TestApp::start(backend).await;
    let id = cohort(&app).await;
    let date = in_days(30);
    let good = "I will write a case summary for each of my active cases by 31 March";
    let vague = "I will try to improve my recording";

    let mut p = app.signed_in("practitioner").await;
    let page = p.get(&format!("/cohorts/{id}/plan")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("2027-01-31"), "default follow-up = day two + 90 days");
    let saved =
        p.post_form(&format!("/cohorts/{id}/plan"), &[("s1", good), ("s2", vague), ("followup_on", &date)]).await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    assert!(saved.body.contains("Someone could check this later"));
    assert!(saved.body.contains("try to") && saved.body.contains("is vague"), "{}", saved.body);

    // The colleague also has a plan, then their account is removed.
    let mut c = app.signed_in("colleague").await;
    c.get(&format!("/cohorts/{id}/plan")).await;
    let a = c.post_form(&format!("/cohorts/{id}/plan"), &[("s1", good), ("followup_on", &date)]).await;
    assert_eq!(a.status, StatusCode::OK);
    users::set_disabled(&app.store, app.people["colleague"].id, true).await.unwrap();

    // Not yet due.
    advance(&app, 10).await;
    assert!(app.smtp.messages().is_empty());
    advance(&app, 25).await;
    let mail = app.smtp.wait_for(&app.people["practitioner"].email).await;
    assert!(mail.contains("case summary"));
    let link = link_in(&mail, &format!("{}/plans/", app.url));
    assert!(!app.smtp.messages().iter().any(|m| m.contains(&app.people["colleague"].email)), "removed: no email");
    let colleague_plan = plans::of(&app.store, id, app.people["colleague"].id).await.unwrap().unwrap();
    let job = jobs::by_key(&app.store, &jobs::cohort_key(id, &format!("plan-followup:{}", colleague_plan.id)))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(job.state, "done");
    assert_eq!(job.last_error.as_deref(), Some("not sent: account removed"));

    // Firing again sends nothing more (exactly once).
    advance(&app, 1).await;
    assert_eq!(app.smtp.messages().len(), 1);

    // Only the author can open the envelope.
    let path = link.trim_start_matches(&app.url).to_owned();
    let mut f = app.signed_in("facilitator").await;
    assert_eq!(f.get(&path).await.status, StatusCode::NOT_FOUND);
    let page = p.get(&path).await;
    assert_eq!(page.status, StatusCode::OK);
    let plan = plans::of(&app.store, id, app.people["practitioner"].id).await.unwrap().unwrap();
    let st = plans::statements(&app.store, plan.id).await.unwrap();
    let a = p
        .post_form(
            &path,
            &[
                (&format!("status-{}", st[0].id), "done"),
                (&format!("note-{}", st[0].id), "All twelve"),
                (&format!("status-{}", st[1].id), "partly"),
            ],
        )
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    let st = plans::statements(&app.store, plan.id).await.unwrap();
    assert_eq!(st[0].status.as_deref(), Some("done"));
    assert_eq!(st[0].note.as_deref(), Some("All twelve"));

    // The facilitator sees rates only, and the removed account's note.
    let fp = f.get(&format!("/cohorts/{id}/plans")).await;
    assert_eq!(fp.status, StatusCode::OK, "{}", fp.body);
    assert!(!fp.body.contains("case summary") && !fp.body.contains("All twelve"), "no statements or notes");
    assert!(fp.body.contains("not sent: account removed"));
    assert!(fp.body.contains("<td>Done</td><td>1</td>"), "{}", fp.body);
    assert!(fp.body.contains("<td>Partly done</td><td>1</td>"));
    // Participants cannot see the facilitator's page; facilitators cannot see a plan.
    assert_eq!(p.get(&format!("/cohorts/{id}/plans")).await.status, StatusCode::FORBIDDEN);
    assert_eq!(f.get(&format!("/cohorts/{id}/plan")).await.status, StatusCode::FORBIDDEN);
    app.finish().await;
}
both!(plan_followup_fires_on_the_date);

async fn smtp_down_retries_until_delivered(backend: Backend) {
    let (app, port) = TestApp::start_smtp_down(backend).await;
    let id = cohort(&app).await;
    let mut p = app.signed_in("practitioner").await;
    p.get(&format!("/cohorts/{id}/plan")).await;
    let date = in_days(2);
    p.post_form(
        &format!("/cohorts/{id}/plan"),
        &[("s1", "I will update each chronology every week"), ("followup_on", &date)],
    )
    .await;
    advance(&app, 3).await;
    let plan = plans::of(&app.store, id, app.people["practitioner"].id).await.unwrap().unwrap();
    let key = jobs::cohort_key(id, &format!("plan-followup:{}", plan.id));
    let job = jobs::by_key(&app.store, &key).await.unwrap().unwrap();
    assert_eq!(job.state, "pending", "{job:?}");
    assert_eq!(job.attempts, 1);
    assert!(job.last_error.is_some());
    assert!(job.run_at > recordwell_store::now() + 2 * 86_400, "retried later");
    let mut f = app.signed_in("facilitator").await;
    let fp = f.get(&format!("/cohorts/{id}/plans")).await;
    assert!(fp.body.contains("<span id=\"followups-failed\">1</span>"), "{}", fp.body);

    // The mail server comes back; the retry delivers.
    let sink = Sink::start_on(port).await;
    advance(&app, 1).await;
    sink.wait_for(&app.people["practitioner"].email).await;
    let job = jobs::by_key(&app.store, &key).await.unwrap().unwrap();
    assert_eq!(job.state, "done");
    assert_eq!(sink.messages().len(), 1);
    app.finish().await;
}
both!(smtp_down_retries_until_delivered);

async fn learning_points_are_private(backend: Backend) {
    let app = TestApp::start(backend).await;
    let id = cohort(&app).await;
    let sessions = cohorts::sessions(&app.store, id).await.unwrap();
    let mut p = app.signed_in("practitioner").await;
    p.get(&format!("/cohorts/{id}/learning")).await;
    let a = p
        .post_form(
            &format!("/cohorts/{id}/learning"),
            &[("body", "Write for the child reading it later"), ("session", &sessions[0].id.to_string())],
        )
        .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.body);
    let page = p.get(&format!("/cohorts/{id}/learning")).await;
    assert!(page.body.contains("Write for the child reading it later"));
    assert!(page.body.contains("Why we record"));
    // Shown beside the action plan.
    assert!(p.get(&format!("/cohorts/{id}/plan")).await.body.contains("Write for the child reading it later"));
    let mut f = app.signed_in("facilitator").await;
    assert_eq!(f.get(&format!("/cohorts/{id}/learning")).await.status, StatusCode::FORBIDDEN);
    let mut c = app.signed_in("colleague").await;
    assert!(!c.get(&format!("/cohorts/{id}/learning")).await.body.contains("Write for the child"));
    app.finish().await;
}
both!(learning_points_are_private);

async fn postbox_anonymous_moderated_exported_and_sent(backend: Backend) {
    let app = TestApp::start(backend).await;
    let id = cohort(&app).await;
    let mut f = app.signed_in("facilitator").await;
    // Empty: clear message, valid exports.
    let page = f.get(&format!("/cohorts/{id}/postbox")).await;
    assert!(page.body.contains("The post-box is empty"), "{}", page.body);
    let pdf =
        f.client.get(format!("{}/cohorts/{id}/postbox.pdf", app.url)).send().await.unwrap().bytes().await.unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    let xlsx =
        f.client.get(format!("{}/cohorts/{id}/postbox.xlsx", app.url)).send().await.unwrap().bytes().await.unwrap();
    assert!(xlsx.starts_with(b"PK"));

    let mut p = app.signed_in("practitioner").await;
    let page = p.get(&format!("/cohorts/{id}/postbox")).await;
    assert!(page.body.contains("anonymous"));
    for body in ["Supervision is cancelled too often", "The recording policy is out of date"] {
        let a = p.post_form(&format!("/cohorts/{id}/postbox"), &[("body", body)]).await;
        assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.body);
    }
    let notes = postbox::notes(&app.store, id).await.unwrap();
    assert_eq!(notes.len(), 2);
    // The facilitator cannot tell who posted.
    let page = f.get(&format!("/cohorts/{id}/postbox")).await;
    assert!(page.body.contains("Supervision is cancelled too often"));
    assert!(!page.body.contains("Test practitioner"), "no author on the page");

    // Sorting by a participant; hiding by the facilitator only.
    let a = p
        .post_form(&format!("/cohorts/{id}/postbox/{}/sort", notes[0].id), &[("topic", "supervision:supervision")])
        .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER);
    let a = p.post_form(&format!("/cohorts/{id}/postbox/{}/hidden", notes[1].id), &[("hidden", "1")]).await;
    assert_eq!(a.status, StatusCode::FORBIDDEN);
    let a = f.post_form(&format!("/cohorts/{id}/postbox/{}/hidden", notes[1].id), &[("hidden", "1")]).await;
    assert_eq!(a.status, StatusCode::SEE_OTHER);
    assert!(!p.get(&format!("/cohorts/{id}/postbox")).await.body.contains("policy is out of date"));
    let a = f.post_form(&format!("/cohorts/{id}/postbox/summary"), &[("summary", "Protect supervision time.")]).await;
    assert_eq!(a.status, StatusCode::SEE_OTHER);
    let pdf =
        f.client.get(format!("{}/cohorts/{id}/postbox.pdf", app.url)).send().await.unwrap().bytes().await.unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    let text = String::from_utf8_lossy(&pdf);
    assert!(text.contains("Protect supervision time"), "summary in the PDF");
    assert!(!text.contains("policy is out of date"), "hidden note left out");

    // Managers receive the summary with the PDF, and read it in Recordwell.
    let a = f.post_form(&format!("/cohorts/{id}/postbox/send"), &[]).await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.body);
    let mail = app.smtp.wait_for(&app.people["manager"].email).await;
    assert!(mail.contains("Protect supervision time"));
    assert!(mail.contains("postbox.pdf"));
    let mut m = app.signed_in("manager").await;
    let page = m.get(&format!("/cohorts/{id}/postbox")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Protect supervision time"));
    assert!(page.body.contains("<td>Supervision</td><td>1</td>"), "{}", page.body);
    assert!(!page.body.contains("name=\"body\""), "read-only for managers");
    app.finish().await;
}
both!(postbox_anonymous_moderated_exported_and_sent);

async fn reflections_and_cohort_report(backend: Backend) {
    let app = TestApp::start(backend).await;
    let id = cohort(&app).await;
    let mut p = app.signed_in("practitioner").await;
    let page = p.get(&format!("/cohorts/{id}/reflections")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("<legend>"));
    let path = format!("/cohorts/{id}/reflections");
    let bad = p.post_form(&path, &[("positive_action", "Chronologies"), ("significant_learning", "Voice")]).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let form = |overall: &'static str| {
        vec![
            ("positive_action", "Write chronologies monthly"),
            ("significant_learning", "The child reads it later"),
            ("rating_overall", overall),
            ("rating_relevance", "4"),
            ("rating_facilitation", "5"),
            ("comments", "More pair work please"),
        ]
    };
    assert_eq!(p.post_form(&path, &form("2")).await.status, StatusCode::OK);
    // Resubmitting replaces.
    assert_eq!(p.post_form(&path, &form("4")).await.status, StatusCode::OK);
    let mut c = app.signed_in("colleague").await;
    c.get(&path).await;
    assert_eq!(c.post_form(&path, &form("2")).await.status, StatusCode::OK);

    let mut f = app.signed_in("facilitator").await;
    let report = f.get(&format!("/cohorts/{id}/report")).await;
    assert_eq!(report.status, StatusCode::OK, "{}", report.body);
    assert!(report.body.contains("2 reflections submitted"));
    assert!(report.body.contains("<td>Overall</td><td>3.0</td>"), "{}", report.body);
    assert!(report.body.contains("More pair work please"));
    assert!(!report.body.contains("Test practitioner") && !report.body.contains("Test colleague"), "no names");
    let pdf = f.client.get(format!("{}/cohorts/{id}/report.pdf", app.url)).send().await.unwrap().bytes().await.unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    let xlsx =
        f.client.get(format!("{}/cohorts/{id}/report.xlsx", app.url)).send().await.unwrap().bytes().await.unwrap();
    assert!(xlsx.starts_with(b"PK"));
    assert_eq!(p.get(&format!("/cohorts/{id}/report")).await.status, StatusCode::FORBIDDEN);
    app.finish().await;
}
both!(reflections_and_cohort_report);

async fn overdue_followups_catch_up_without_the_clock(backend: Backend) {
    let app = TestApp::start(backend).await;
    let id = cohort(&app).await;
    let mut p = app.signed_in("practitioner").await;
    p.get(&format!("/cohorts/{id}/plan")).await;
    // A date already past (as after downtime): the runner sends it at once, exactly once.
    let a = p
        .post_form(
            &format!("/cohorts/{id}/plan"),
            &[("s1", "I will share each assessment within a week"), ("followup_on", &in_days(-3))],
        )
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    app.smtp.wait_for(&app.people["practitioner"].email).await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(app.smtp.messages().len(), 1);
    app.finish().await;
}
both!(overdue_followups_catch_up_without_the_clock);

async fn facilitator_moves_a_followup_date(backend: Backend) {
    let app = TestApp::start(backend).await;
    let id = cohort(&app).await;
    let mut p = app.signed_in("practitioner").await;
    p.get(&format!("/cohorts/{id}/plan")).await;
    p.post_form(
        &format!("/cohorts/{id}/plan"),
        &[("s1", "I will write one chronology every month"), ("followup_on", &in_days(30))],
    )
    .await;
    let plan = plans::of(&app.store, id, app.people["practitioner"].id).await.unwrap().unwrap();
    let key = jobs::cohort_key(id, &format!("plan-followup:{}", plan.id));
    let before = jobs::by_key(&app.store, &key).await.unwrap().unwrap().run_at;
    let mut f = app.signed_in("facilitator").await;
    let page = f.get(&format!("/cohorts/{id}/plans")).await;
    assert!(page.body.contains("Follow-up date for Test practitioner"));
    let a = f
        .post_form(&format!("/cohorts/{id}/plans"), &[("plan_id", &plan.id.to_string()), ("followup_on", &in_days(60))])
        .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.body);
    let after = jobs::by_key(&app.store, &key).await.unwrap().unwrap();
    assert_eq!(after.state, "pending");
    assert!(after.run_at >= before + 29 * 86_400, "moved about 30 days later");
    assert_eq!(plans::get(&app.store, plan.id).await.unwrap().unwrap().followup_on, in_days(60));
    assert_eq!(jobs::for_cohort(&app.store, id).await.unwrap().len(), 1, "one job per plan");
    app.finish().await;
}
both!(facilitator_moves_a_followup_date);
