//! The two-day programme: templates, cohorts, letters, examples, pair review, privacy of the
//! groups, rebalancing when someone leaves, the day view and the role rules.

use crate::both;
use crate::harness::{Backend, Browser, PASSWORD, TestApp, link_in};
use recordwell_store::orgs::Role;
use recordwell_store::{attendance, cohorts, examples, programmes, reviews, users};
use reqwest::StatusCode;

/// Creates a cohort from the built-in programme as the facilitator; returns its id.
async fn new_cohort(app: &TestApp, fac: &mut Browser) -> i64 {
    let page = fac.get("/programmes").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Recording in Social Work"), "{}", page.body);
    let builtin = programmes::list(&app.store, app.org_id).await.unwrap();
    let kinds: Vec<&str> = builtin.iter().map(|t| t.kind.as_str()).collect();
    assert_eq!(kinds, vec![programmes::TWO_DAY, programmes::WORKSHOP_SERIES], "a copy of each built-in programme");
    fac.get("/programmes").await;
    assert_eq!(programmes::list(&app.store, app.org_id).await.unwrap().len(), 2, "and only one of each");
    let template = builtin[0].id.to_string();
    fac.get("/cohorts").await;
    let bad = fac
        .post_form(
            "/cohorts",
            &[
                ("title", "March"),
                ("template_id", &template),
                ("first_day", "4 March"),
                ("second_day", "2027-03-11"),
                ("venue", "Town Hall"),
                ("followup_days", "90"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::OK);
    assert!(bad.body.contains("as day, month and year, for example 04/03/2027"), "{}", bad.body);
    let made = fac
        .post_form(
            "/cohorts",
            &[
                ("title", "Recording, March 2027"),
                ("template_id", &template),
                ("first_day", "2027-03-04"),
                // Typed, as the date box takes it in a browser without a date picker.
                ("second_day", "11/03/2027"),
                ("venue", "Town Hall"),
                ("followup_days", "90"),
            ],
        )
        .await;
    assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.body);
    let id = made.location().trim_start_matches("/cohorts/").parse().unwrap();
    let c = cohorts::get(&app.store, app.org_id, id).await.unwrap().unwrap();
    assert_eq!((c.first_day.as_str(), c.second_day.as_str()), ("2027-03-04", "2027-03-11"), "kept one way");
    id
}

async fn programme_end_to_end(backend: Backend) {
    let app = TestApp::start(backend).await;
    let mut fac = app.signed_in("facilitator").await;
    let mut prac = app.signed_in("practitioner").await;
    assert_eq!(prac.get("/programmes").await.status, StatusCode::FORBIDDEN);
    let cohort = new_cohort(&app, &mut fac).await;

    // The cohort's sessions are the TOML's, in order, with their durations.
    let toml = recordwell_web::programme::templates::builtin().session;
    let sessions = cohorts::sessions(&app.store, cohort).await.unwrap();
    assert_eq!(sessions.len(), toml.len());
    for (s, t) in sessions.iter().zip(&toml) {
        assert_eq!(
            (s.day, s.title.as_str(), s.minutes, s.kind.as_str()),
            (t.day, t.title.as_str(), t.minutes, t.kind.as_str())
        );
    }

    // Start times are validated.
    let first = sessions[0].id;
    let bad = fac.post_form(&format!("/cohorts/{cohort}/times"), &[(&format!("time_{first}"), "25:00")]).await;
    assert!(bad.body.contains("HH:MM"), "{}", bad.body);
    let ok = fac.post_form(&format!("/cohorts/{cohort}/times"), &[(&format!("time_{first}"), "09:30")]).await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);

    // Five participants, members of the organisation.
    let hash = recordwell_web::auth::password::hash(PASSWORD);
    let mut people = vec![];
    for i in 1..=5 {
        let email = format!("participant{i}@test.example");
        let id = users::create(&app.store, &email, &format!("Participant {i}"), Some(&hash)).await.unwrap();
        users::set_membership(&app.store, id, app.org_id, Role::Practitioner, None).await.unwrap();
        let a =
            fac.post_form(&format!("/cohorts/{cohort}/people"), &[("email", &email), ("role", "participant")]).await;
        assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.body);
        people.push((id, email));
    }

    // Letters by email and as PDF.
    let sent = fac.post_form(&format!("/cohorts/{cohort}/letters/send"), &[]).await;
    assert!(sent.body.contains("Sent 5 emails"), "{}", sent.body);
    let mail = app.smtp.wait_for(&people[0].1).await;
    assert!(mail.contains("Participant 1") && mail.contains("case summary"), "{mail}");
    let pdf = fac.get(&format!("/cohorts/{cohort}/letters/{}.pdf", people[0].0)).await;
    assert_eq!(pdf.status, StatusCode::OK);
    assert!(pdf.body.starts_with("%PDF"));
    let downloads = recordwell_store::audit::Search {
        action_prefix: Some("cohort.download".into()),
        limit: 50,
        ..Default::default()
    };
    let log = recordwell_store::audit::search(&app.store, app.org_id, &downloads).await.unwrap();
    assert!(
        log.iter().any(|e| e.action == "cohort.download" && e.detail == format!("letter for user {}", people[0].0)),
        "downloads are in the audit log"
    );

    // Each participant adds a de-identified case summary.
    let mut browsers = vec![];
    for (i, (_, email)) in people.iter().enumerate() {
        let mut b = app.browser();
        b.sign_in(email, PASSWORD).await;
        let page = b.get(&format!("/cohorts/{cohort}")).await;
        assert_eq!(page.status, StatusCode::OK);
        b.get(&format!("/cohorts/{cohort}/examples")).await;
        let raw = format!("Visited Mrs Jane Smith{i} at Larkfield Road. The children were at school.");
        let fields = [("record_type", "case-summary"), ("text", raw.as_str()), ("terms", "Larkfield")];
        let preview = b
            .post_form(&format!("/cohorts/{cohort}/examples"), &[&fields[..], &[("action", "preview")]].concat())
            .await;
        assert_eq!(preview.status, StatusCode::OK);
        assert!(preview.body.contains("Confirm"), "{}", preview.body);
        for _ in 0..2 {
            let saved = b
                .post_form(&format!("/cohorts/{cohort}/examples"), &[&fields[..], &[("action", "confirm")]].concat())
                .await;
            assert_eq!(saved.status, StatusCode::SEE_OTHER, "a second identical confirm is harmless: {}", saved.body);
        }
        browsers.push(b);
    }
    let stored = examples::for_cohort(&app.store, cohort).await.unwrap();
    assert_eq!(stored.len(), 5);
    assert!(stored.iter().all(|e| !e.body.contains("Smith") && !e.body.contains("Larkfield")), "{stored:?}");
    let mine = browsers[0].get(&format!("/cohorts/{cohort}/examples")).await;
    assert!(mine.body.contains("Colleague lens"), "the checker's feedback is shown to its author");

    // Groups for the first pair review: 2 + 3.
    let review = sessions.iter().find(|s| s.kind == "pair-review").unwrap().id;
    let base = format!("/cohorts/{cohort}/sessions/{review}/review");
    assert_eq!(browsers[0].post_form(&format!("{base}/groups"), &[]).await.status, StatusCode::FORBIDDEN);
    fac.get(&base).await;
    let made = fac.post_form(&format!("{base}/groups"), &[("mix", "1")]).await;
    assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.body);
    let groups = reviews::groups(&app.store, review).await.unwrap();
    let mut sizes: Vec<usize> = groups.iter().map(|g| g.members.len()).collect();
    sizes.sort();
    assert_eq!(sizes, vec![2, 3]);

    // Members read each other's examples and answer.
    let example_of = |user: i64| stored.iter().find(|e| e.user_id == user).unwrap().id.to_string();
    for g in &groups {
        for m in &g.members {
            let i = people.iter().position(|(id, _)| id == m).unwrap();
            let page = browsers[i].get(&base).await;
            assert!(page.body.contains("How did it read to you as a family member?"));
            for o in g.members.iter().filter(|o| *o != m) {
                let secret = format!("SECRET-{m}-{o}");
                let a = browsers[i]
                    .post_form(
                        &format!("{base}/answers"),
                        &[
                            ("example_id", &example_of(*o)),
                            ("as_colleague", &secret),
                            ("as_family", "clear"),
                            ("finished", "1"),
                        ],
                    )
                    .await;
                assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.body);
            }
        }
    }
    // Group members see each other's answers; others in the cohort do not.
    let (g0, g1) = (&groups[0], &groups[1]);
    let i = people.iter().position(|(id, _)| *id == g0.members[0]).unwrap();
    let page = browsers[i].get(&base).await;
    assert!(page.body.contains(&format!("SECRET-{}-{}", g0.members[1], g0.members[0])), "{}", page.body);
    assert!(!page.body.contains(&format!("SECRET-{}-{}", g1.members[0], g1.members[1])));
    // The facilitator sees who has finished, never what they wrote.
    let fpage = fac.get(&base).await;
    assert!(fpage.body.contains("finished"));
    assert!(!fpage.body.contains("SECRET"), "{}", fpage.body);
    fac.post_form(&format!("/cohorts/{cohort}/next"), &[]).await;
    let day = fac.get(&format!("/cohorts/{cohort}/day")).await;
    assert_eq!(day.status, StatusCode::OK);
    assert!(day.body.contains("Now:") && !day.body.contains("SECRET"));
    let home = fac.get(&format!("/cohorts/{cohort}")).await;
    assert!(!home.body.contains("SECRET"));

    // Outsiders and people not in the cohort get 404; participants cannot manage it.
    let mut outsider = app.signed_in("outsider").await;
    assert_eq!(outsider.get(&format!("/cohorts/{cohort}")).await.status, StatusCode::NOT_FOUND);
    assert_eq!(outsider.get(&base).await.status, StatusCode::NOT_FOUND);
    assert_eq!(prac.get(&format!("/cohorts/{cohort}")).await.status, StatusCode::NOT_FOUND);
    assert_eq!(prac.get(&base).await.status, StatusCode::NOT_FOUND);
    let p = browsers[0]
        .post_form(
            &format!("/cohorts/{cohort}/people"),
            &[("email", "colleague@test.example"), ("role", "participant")],
        )
        .await;
    assert_eq!(p.status, StatusCode::FORBIDDEN);
    assert_eq!(browsers[0].get(&format!("/cohorts/{cohort}/day")).await.status, StatusCode::FORBIDDEN);

    // Someone in the pair leaves: nobody is left alone.
    let pair = groups.iter().find(|g| g.members.len() == 2).unwrap();
    let leaver = pair.members[0];
    let left = fac.post_form(&format!("/cohorts/{cohort}/people/{leaver}/leave"), &[]).await;
    assert_eq!(left.status, StatusCode::SEE_OTHER, "{}", left.body);
    let after = reviews::groups(&app.store, review).await.unwrap();
    assert!(after.iter().all(|g| g.members.len() >= 2), "{after:?}");
    assert_eq!(after.iter().map(|g| g.members.len()).sum::<usize>(), 4);
    assert!(!after.iter().any(|g| g.members.contains(&leaver)));
    let i = people.iter().position(|(id, _)| *id == leaver).unwrap();
    assert_eq!(browsers[i].get(&format!("/cohorts/{cohort}")).await.status, StatusCode::NOT_FOUND);

    // Summary points: a name is caught before saving.
    let plenary = sessions.iter().find(|s| s.kind == "plenary").unwrap().id;
    let warn = fac
        .post_form(&format!("/cohorts/{cohort}/points/{plenary}"), &[("points", "Mrs Jane Smith found it hard.")])
        .await;
    assert!(warn.body.contains("look like names"), "{}", warn.body);
    let saved = fac
        .post_form(&format!("/cohorts/{cohort}/points/{plenary}"), &[("points", "Facts and opinions were mixed up.")])
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    let j = people.iter().position(|(id, _)| *id != leaver).unwrap();
    assert!(browsers[j].get(&format!("/cohorts/{cohort}")).await.body.contains("Facts and opinions were mixed up."));
    app.finish().await;
}
both!(programme_end_to_end);

async fn templates_copy_and_edit(backend: Backend) {
    let app = TestApp::start(backend).await;
    let mut fac = app.signed_in("facilitator").await;
    fac.get("/programmes").await;
    let id = programmes::list(&app.store, app.org_id).await.unwrap()[0].id;
    let page = fac.get(&format!("/programmes/{id}")).await;
    assert!(page.body.contains("Pair review: case summaries"));
    let copy = fac.post_form(&format!("/programmes/{id}/copy"), &[("name", "Our version")]).await;
    assert_eq!(copy.status, StatusCode::SEE_OTHER);
    let new_id: i64 = copy.location().trim_start_matches("/programmes/").parse().unwrap();
    let before = programmes::sessions(&app.store, new_id).await.unwrap();
    // Two facilitators open the copy; the first saves, then the second's save is refused
    // (their numbered fields describe sessions that have since changed) and nothing is lost.
    let mut second = app.signed_in("administrator").await;
    second.get(&format!("/programmes/{new_id}")).await;
    fac.get(&format!("/programmes/{new_id}")).await;
    let edit = fac
        .post_form(
            &format!("/programmes/{new_id}/sessions"),
            &[
                ("revision", "0"),
                ("title_0", "Welcome"),
                ("minutes_0", "20"),
                ("remove_2", "1"),
                ("new_title", "Extra practice"),
                ("new_day", "2"),
                ("new_minutes", "30"),
                ("new_kind", "plenary"),
            ],
        )
        .await;
    assert_eq!(edit.status, StatusCode::SEE_OTHER, "{}", edit.body);
    let after = programmes::sessions(&app.store, new_id).await.unwrap();
    assert_eq!(after.len(), before.len());
    assert_eq!((after[0].title.as_str(), after[0].minutes), ("Welcome", 20));
    assert!(after.iter().any(|s| s.title == "Extra practice" && s.day == 2));
    let late =
        second.post_form(&format!("/programmes/{new_id}/sessions"), &[("revision", "0"), ("remove_0", "1")]).await;
    assert_eq!(late.status, StatusCode::CONFLICT);
    assert!(late.body.contains("Someone else saved changes") && late.body.contains("Welcome"), "{}", late.body);
    assert_eq!(programmes::sessions(&app.store, new_id).await.unwrap(), after, "the later save changed nothing");
    let missing = second.post_form(&format!("/programmes/{new_id}/sessions"), &[("remove_0", "1")]).await;
    assert_eq!(missing.status, StatusCode::CONFLICT, "a form from before revisions existed");
    let again =
        second.post_form(&format!("/programmes/{new_id}/sessions"), &[("revision", "1"), ("minutes_0", "25")]).await;
    assert_eq!(again.status, StatusCode::SEE_OTHER, "made again on the new page, it is saved: {}", again.body);
    // Two saves racing from the same page: exactly one wins.
    let (a, b) = tokio::join!(
        programmes::replace_sessions(&app.store, new_id, 2, &before),
        programmes::replace_sessions(&app.store, new_id, 2, &after)
    );
    assert_eq!([a.unwrap(), b.unwrap()].iter().filter(|won| **won).count(), 1);
    assert_eq!(programmes::sessions(&app.store, id).await.unwrap(), before, "the original is unchanged");
    let mut prac = app.signed_in("practitioner").await;
    assert_eq!(prac.get(&format!("/programmes/{id}")).await.status, StatusCode::FORBIDDEN);
    let mut outsider = app.signed_in("outsider").await;
    assert_eq!(outsider.get(&format!("/programmes/{id}")).await.status, StatusCode::FORBIDDEN);
    app.finish().await;
}
both!(templates_copy_and_edit);

async fn letters_examples_and_the_day(backend: Backend) {
    let app = TestApp::start(backend).await;
    let mut fac = app.signed_in("facilitator").await;
    let cohort = new_cohort(&app, &mut fac).await;
    for (who, role) in [("practitioner", "participant"), ("colleague", "participant"), ("manager", "manager")] {
        let email = format!("{who}@test.example");
        let a = fac.post_form(&format!("/cohorts/{cohort}/people"), &[("email", &email), ("role", role)]).await;
        assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.body);
    }
    let me = fac
        .post_form(
            &format!("/cohorts/{cohort}/people"),
            &[("email", "facilitator@test.example"), ("role", "participant")],
        )
        .await;
    assert!(me.body.contains("already in this cohort"));

    // Someone whose address the mail server cannot take: the others still get theirs, and the
    // page says who was missed.
    let broken = users::create(&app.store, "broken@", "Broken Address", None).await.unwrap();
    users::set_membership(&app.store, broken, app.org_id, Role::Practitioner, None).await.unwrap();
    cohorts::set_person(&app.store, cohort, broken, cohorts::CohortRole::Participant, "joined").await.unwrap();

    // An edited letter, merged per participant.
    let letter = "Hello {name}: {title} on {first_day} at {venue}. {link}";
    assert_eq!(
        fac.post_form(&format!("/cohorts/{cohort}/letter"), &[("letter", letter)]).await.status,
        StatusCode::SEE_OTHER
    );
    let sent = fac.post_form(&format!("/cohorts/{cohort}/letters/send"), &[]).await;
    assert!(sent.body.contains("Sent 2 emails") && sent.body.contains("Not sent to 1 person"), "{}", sent.body);
    assert!(sent.body.contains("Broken Address"));
    let mail = app.smtp.wait_for("colleague@test.example").await;
    assert!(mail.contains("Hello Test colleague") && mail.contains("Thursday 4 March 2027"), "{mail}");
    assert!(app.smtp.messages().iter().all(|m| !m.contains("manager@test.example")), "only participants get letters");

    // A second, different example of the same type replaces the first, with a notice.
    let mut prac = app.signed_in("practitioner").await;
    prac.get(&format!("/cohorts/{cohort}/examples")).await;
    for (text, replaced) in [("Contact with the family went well.", false), ("Contact was cancelled.", true)] {
        let a = prac
            .post_form(
                &format!("/cohorts/{cohort}/examples"),
                &[("record_type", "contact"), ("text", text), ("terms", ""), ("action", "confirm")],
            )
            .await;
        assert_eq!(a.body.contains("replaced the one you added before"), replaced, "{}", a.body);
    }
    let stored = examples::for_person(&app.store, cohort, app.people["practitioner"].id).await.unwrap();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].body, "Contact was cancelled.");
    // Managers see the agenda but not the examples page or the groups.
    let mut manager = app.signed_in("manager").await;
    assert_eq!(manager.get(&format!("/cohorts/{cohort}")).await.status, StatusCode::OK);
    assert_eq!(manager.get(&format!("/cohorts/{cohort}/examples")).await.status, StatusCode::FORBIDDEN);

    // The day view moves through the sessions and shows who has submitted what.
    let sessions = cohorts::sessions(&app.store, cohort).await.unwrap();
    fac.get(&format!("/cohorts/{cohort}/day")).await;
    for s in &sessions {
        fac.post_form(&format!("/cohorts/{cohort}/next"), &[]).await;
        let c = cohorts::get(&app.store, app.org_id, cohort).await.unwrap().unwrap();
        assert_eq!(c.current_session_id, Some(s.id));
    }
    let day = fac.get(&format!("/cohorts/{cohort}/day")).await;
    assert!(day.body.contains(&format!("Now: {}", sessions.last().unwrap().title)), "{}", day.body);
    assert!(day.body.contains("Test practitioner"));
    assert!(day.body.contains("id=\"session-timer\" data-elapsed-seconds="), "the timer the script keeps running");
    assert!(day.body.contains("0 notes."), "the post-box at a glance: {}", day.body);
    assert!(day.body.contains("Action plans written: 0 of 3. Reflections sent: 0 of 3."), "{}", day.body);
    fac.post_form(&format!("/cohorts/{cohort}/next"), &[]).await;
    let c = cohorts::get(&app.store, app.org_id, cohort).await.unwrap().unwrap();
    assert_eq!(c.current_session_id, None, "after the last session, none is running");

    // The register: ticked people are present, the others absent; marking again corrects it.
    let (prac_id, colleague_id) = (app.people["practitioner"].id, app.people["colleague"].id);
    let register = format!("/cohorts/{cohort}/attendance");
    let tick = format!("present_{prac_id}");
    let marked = fac.post_form(&register, &[("day", "1"), (&tick, "1")]).await;
    assert_eq!(marked.status, StatusCode::SEE_OTHER, "{}", marked.body);
    let day1 = attendance::for_day(&app.store, cohort, 1).await.unwrap();
    let mut expected = vec![(prac_id, true), (colleague_id, false), (broken, false)];
    expected.sort();
    assert_eq!(day1, expected, "the store lists the register by user id");
    let day = fac.get(&format!("/cohorts/{cohort}/day")).await;
    assert!(day.body.contains("Day 1: 1 of 3 present") && day.body.contains("Day 2: not taken yet"), "{}", day.body);
    let both_here = format!("present_{colleague_id}");
    fac.post_form(&register, &[("day", "1"), (&tick, "1"), (&both_here, "1")]).await;
    assert_eq!(recordwell_store::reflections::attendance(&app.store, cohort).await.unwrap(), vec![(1, 2, 1)]);
    assert_eq!(fac.post_form(&register, &[("day", "3")]).await.status, StatusCode::BAD_REQUEST);
    assert_eq!(prac.post_form(&register, &[("day", "1"), (&tick, "1")]).await.status, StatusCode::FORBIDDEN);
    app.finish().await;
}
both!(letters_examples_and_the_day);

async fn newcomers_are_invited_into_the_cohort(backend: Backend) {
    let app = TestApp::start(backend).await;
    let mut fac = app.signed_in("facilitator").await;
    let cohort = new_cohort(&app, &mut fac).await;
    let people = format!("/cohorts/{cohort}/people");
    let bad = fac.post_form(&people, &[("email", "not an address"), ("role", "participant")]).await;
    assert!(bad.body.contains("Enter an email address"), "{}", bad.body);

    // Someone with no account, in a service: invited, but nothing is emailed until the
    // facilitator has the letter ready and sends it.
    let service = recordwell_store::orgs::add_service(&app.store, app.org_id, "Justice", "justice").await.unwrap();
    let fields = [("email", "new.starter@test.example"), ("role", "participant"), ("service", &service.to_string())];
    let asked = fac.post_form(&people, &fields).await;
    assert!(asked.body.contains("Nothing has been emailed yet"), "{}", asked.body);
    let page = fac.get(&format!("/cohorts/{cohort}")).await;
    assert!(page.body.contains("Invited, not joined yet") && page.body.contains("new.starter@test.example"));
    assert!(page.body.contains("not emailed yet") && page.body.contains("1 person has not had the letter yet."));
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert!(app.smtp.messages().is_empty(), "adding someone emails nothing");
    // The letter edited after adding them is the one they get.
    let letter = "Dear {name}, welcome to {title}. Please do the self-study exercises first. {link}";
    fac.post_form(&format!("/cohorts/{cohort}/letter"), &[("letter", letter)]).await;
    let saved = fac.get(&format!("/cohorts/{cohort}?letter=saved")).await;
    assert!(saved.body.contains("Letter saved. Nothing has been emailed"), "{}", saved.body);
    let sent = fac.post_form(&format!("/cohorts/{cohort}/letters/send"), &[("to", "new")]).await;
    assert!(sent.body.contains("Sent 1 email."), "{}", sent.body);
    let first_mail = app.smtp.wait_for("new.starter@test.example").await;
    assert!(
        first_mail.contains("Dear colleague, welcome to") && first_mail.contains("make your Recordwell account"),
        "{first_mail}"
    );
    let again = fac.post_form(&format!("/cohorts/{cohort}/letters/send"), &[("to", "new")]).await;
    assert!(again.body.contains("Nobody was waiting for the letter"), "{}", again.body);
    // Sent again to everyone: a new link, and the first one stops working.
    let resent = fac.post_form(&format!("/cohorts/{cohort}/letters/send"), &[("to", "everyone")]).await;
    assert!(resent.body.contains("Sent 1 email."), "{}", resent.body);
    let old_path = link_in(&first_mail, &format!("{}/invitations/", app.url)).trim_start_matches(&app.url).to_owned();
    assert_eq!(Browser::new(&app.url).get(&old_path).await.status, StatusCode::NOT_FOUND, "superseded");
    let mail = loop {
        let all: Vec<String> =
            app.smtp.messages().into_iter().filter(|m| m.contains("new.starter@test.example")).collect();
        if all.len() == 2 {
            break all[1].clone();
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    };
    let path = link_in(&mail, &format!("{}/invitations/", app.url)).trim_start_matches(&app.url).to_owned();
    let mut newcomer = Browser::new(&app.url);
    newcomer.get(&path).await;
    let joined = newcomer.post_form(&path, &[("name", "Nia Starter"), ("password", PASSWORD)]).await;
    assert_eq!(joined.status, StatusCode::SEE_OTHER);
    assert_eq!(joined.location(), format!("/cohorts/{cohort}"), "they land on the cohort");
    let user = users::by_email(&app.store, "new.starter@test.example").await.unwrap().unwrap();
    assert_eq!(users::role_in(&app.store, user.id, app.org_id).await.unwrap(), Some(Role::Practitioner));
    let member = users::members(&app.store, app.org_id).await.unwrap().into_iter().find(|m| m.id == user.id).unwrap();
    assert_eq!(member.service.as_deref(), Some("Justice"), "in the service the facilitator named, so groups can mix");
    assert_eq!(cohorts::role_of(&app.store, cohort, user.id).await.unwrap(), Some(cohorts::CohortRole::Participant));
    assert_eq!(newcomer.get(&format!("/cohorts/{cohort}/examples")).await.status, StatusCode::OK);
    let page = fac.get(&format!("/cohorts/{cohort}")).await;
    assert!(!page.body.contains("Invited, not joined yet") && page.body.contains("Nia Starter"));

    // Someone who joined the organisation another way while the invitation was open keeps their
    // role when they accept it, and still joins the cohort.
    fac.post_form(&people, &[("email", "late.admin@test.example"), ("role", "participant")]).await;
    fac.post_form(&format!("/cohorts/{cohort}/letters/send"), &[("to", "new")]).await;
    let mail = app.smtp.wait_for("late.admin@test.example").await;
    let hash = recordwell_web::auth::password::hash(PASSWORD);
    let admin_id = users::create(&app.store, "late.admin@test.example", "Late Admin", Some(&hash)).await.unwrap();
    users::set_membership(&app.store, admin_id, app.org_id, Role::Administrator, None).await.unwrap();
    let path = link_in(&mail, &format!("{}/invitations/", app.url)).trim_start_matches(&app.url).to_owned();
    let mut late = Browser::new(&app.url);
    late.get(&path).await;
    assert_eq!(
        late.post_form(&path, &[("name", "Late Admin"), ("password", PASSWORD)]).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(users::role_in(&app.store, admin_id, app.org_id).await.unwrap(), Some(Role::Administrator));
    assert_eq!(cohorts::role_of(&app.store, cohort, admin_id).await.unwrap(), Some(cohorts::CohortRole::Participant));

    // A participant cannot invite anyone.
    let mut starter = newcomer;
    let tried = starter.post_form(&people, &[("email", "friend@test.example"), ("role", "participant")]).await;
    assert_eq!(tried.status, StatusCode::FORBIDDEN);
    app.finish().await;
}
both!(newcomers_are_invited_into_the_cohort);

/// What got in a new facilitator's way: a pair-review answer saved without a word, managers
/// offered a group they have no part in, the report naming findings by internal id.
async fn pages_say_what_happened_and_offer_only_what_works(backend: Backend) {
    let app = TestApp::start(backend).await;
    let (cohort, session, _, _) = crate::programme_access::cohort_with_everyone(&app).await;
    let sessions = cohorts::sessions(&app.store, cohort).await.unwrap();
    let record_type = sessions.iter().find(|s| s.id == session).unwrap().record_type.clone().unwrap();
    let colleague = app.people["colleague"].id;
    examples::save(&app.store, cohort, colleague, &record_type, "Mum was non-compliant at the visit.").await.unwrap();
    let example = examples::for_person(&app.store, cohort, colleague).await.unwrap()[0].id;

    // The practitioner's answer is confirmed beside the example it is about.
    let groups = reviews::groups(&app.store, session).await.unwrap();
    let (prac, col) = (app.people["practitioner"].id, colleague);
    if !groups.iter().any(|g| g.members.contains(&prac) && g.members.contains(&col)) {
        let together = groups.iter().find(|g| g.members.contains(&col)).unwrap().id;
        assert!(reviews::move_member(&app.store, session, prac, together).await.unwrap());
    }
    let mut p = app.signed_in("practitioner").await;
    let review = format!("/cohorts/{cohort}/sessions/{session}/review");
    p.get(&review).await;
    let fields = [
        ("example_id", example.to_string()),
        ("as_colleague", "Clear enough.".into()),
        ("as_family", "Hurtful.".into()),
        ("finished", "1".into()),
    ];
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let saved = p.post_form(&format!("{review}/answers"), &fields).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    let page = p.get(saved.location()).await;
    assert!(page.body.contains("Saved your answers about Test colleague"), "{}", page.body);
    assert!(page.body.contains("marked as finished"));
    assert!(!p.get(&review).await.body.contains("Saved your answers"), "only right after saving");

    // Managers are not offered the groups (which are not theirs); participants are.
    let mut manager = app.signed_in("manager").await;
    let home = manager.get(&format!("/cohorts/{cohort}")).await;
    assert!(!home.body.contains(&review) && !home.body.contains("Your group"), "{}", home.body);
    assert!(p.get(&format!("/cohorts/{cohort}")).await.body.contains(&review));

    // The report names findings as the catalogue does, in words.
    let mut fac = app.signed_in("facilitator").await;
    let report = fac.get(&format!("/cohorts/{cohort}/report")).await;
    assert!(report.body.contains("Judgemental language"), "{}", report.body);
    assert!(!report.body.contains("judgemental-language"), "no internal ids");
    app.finish().await;
}
both!(pages_say_what_happened_and_offer_only_what_works);
