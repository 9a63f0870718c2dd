//! Set-up, sign-in and out, throttling, invitations and password resets by email.

use crate::both;
use crate::harness::{Backend, Browser, PASSWORD, TestApp, link_in};
use recordwell_store::users;
use reqwest::StatusCode;

async fn first_visit_sets_up_the_organisation(backend: Backend) {
    let app = TestApp::empty(backend).await;
    let mut b = app.browser();
    assert_eq!(b.get("/").await.location(), "/setup");
    let form = b.get("/setup").await;
    assert!(form.body.contains("Create organisation"));
    let bad =
        b.post_form("/setup", &[("organisation", ""), ("name", "A"), ("email", "nope"), ("password", "short")]).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    for advice in ["Enter the organisation", "Enter an email address", "at least 10"] {
        assert!(bad.body.contains(advice), "missing {advice:?}");
    }
    let ok = b
        .post_form(
            "/setup",
            &[
                ("organisation", "Glenfield"),
                ("name", "Ada Admin"),
                ("email", "ada@test.example"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);
    let people = b.get("/admin/people").await;
    assert_eq!(people.status, StatusCode::OK);
    assert!(people.body.contains("ada@test.example"));
    // Set-up is offered once only.
    assert_eq!(app.browser().get("/setup").await.location(), "/signin");
    assert_eq!(app.browser().get("/").await.location(), "/signin");
    app.finish().await;
}
both!(first_visit_sets_up_the_organisation);

async fn sign_in_out_and_wrong_passwords(backend: Backend) {
    let app = TestApp::start(backend).await;
    let mut b = app.browser();
    let wrong = b.sign_in("practitioner@test.example", "not the password").await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert!(wrong.body.contains("email address or password is not right"));
    let unknown = b.sign_in("nobody@test.example", PASSWORD).await;
    assert_eq!(unknown.status, StatusCode::UNAUTHORIZED, "same answer for unknown addresses");
    let ok = b.sign_in("Practitioner@Test.Example", PASSWORD).await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "email addresses are case-insensitive");
    assert!(ok.headers.get("set-cookie").unwrap().to_str().unwrap().contains("HttpOnly"));
    assert_eq!(b.get("/records").await.status, StatusCode::OK);
    let out = b.post_form("/signout", &[]).await;
    assert_eq!(out.location(), "/signin");
    assert!(b.get("/records").await.location().starts_with("/signin"));
    app.finish().await;
}
both!(sign_in_out_and_wrong_passwords);

async fn repeated_failures_lock_sign_in(backend: Backend) {
    let app = TestApp::start(backend).await;
    let mut b = app.browser();
    for _ in 0..5 {
        assert_eq!(b.sign_in("manager@test.example", "guess").await.status, StatusCode::UNAUTHORIZED);
    }
    let locked = b.sign_in("manager@test.example", PASSWORD).await;
    assert_eq!(locked.status, StatusCode::TOO_MANY_REQUESTS, "even the right password waits");
    assert!(locked.body.contains("Wait 15 minutes"));
    // Other people are not affected.
    assert_eq!(app.browser().sign_in("colleague@test.example", PASSWORD).await.status, StatusCode::SEE_OTHER);
    app.finish().await;
}
both!(repeated_failures_lock_sign_in);

async fn invitation_by_email_makes_an_account_with_its_role(backend: Backend) {
    let app = TestApp::start(backend).await;
    let mut admin = app.signed_in("administrator").await;
    admin.get("/admin/people").await;
    let sent =
        admin.post_form("/admin/invitations", &[("email", "new.worker@test.example"), ("role", "manager")]).await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    let email = app.smtp.wait_for("new.worker@test.example").await;
    assert!(email.contains("Subject: You are invited to Recordwell"));
    let link = link_in(&email, &format!("{}/invitations/", app.url));
    let path = link.trim_start_matches(&app.url).to_owned();
    let mut newcomer = Browser::new(&app.url);
    let form = newcomer.get(&path).await;
    assert!(form.body.contains("new.worker@test.example"));
    let joined = newcomer.post_form(&path, &[("name", "Nia Worker"), ("password", PASSWORD)]).await;
    assert_eq!(joined.status, StatusCode::SEE_OTHER);
    assert_eq!(newcomer.get("/records").await.status, StatusCode::OK);
    // The link works once.
    assert_eq!(Browser::new(&app.url).get(&path).await.status, StatusCode::NOT_FOUND);
    let people = admin.get("/admin/people").await;
    assert!(people.body.contains("Nia Worker") && people.body.contains("Manager"));
    app.finish().await;
}
both!(invitation_by_email_makes_an_account_with_its_role);

async fn password_reset_by_email(backend: Backend) {
    let app = TestApp::start(backend).await;
    let mut old_session = app.signed_in("colleague").await;
    let mut b = app.browser();
    b.get("/password-reset").await;
    let asked = b.post_form("/password-reset", &[("email", "colleague@test.example")]).await;
    assert!(asked.body.contains("Check your email"));
    let unknown = b.post_form("/password-reset", &[("email", "nobody@test.example")]).await;
    assert_eq!(unknown.body.replace(&b.csrf, ""), asked.body.replace(&b.csrf, ""), "no telling who has an account");
    let email = app.smtp.wait_for("colleague@test.example").await;
    let path = link_in(&email, &format!("{}/password-reset/", app.url)).trim_start_matches(&app.url).to_owned();
    b.get(&path).await;
    let short = b.post_form(&path, &[("password", "short")]).await;
    assert_eq!(short.status, StatusCode::BAD_REQUEST);
    let done = b.post_form(&path, &[("password", "a brand new passphrase")]).await;
    assert!(done.body.contains("Your password has been changed"));
    assert!(old_session.get("/records").await.location().starts_with("/signin"), "other sessions end");
    assert_eq!(b.sign_in("colleague@test.example", PASSWORD).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(b.sign_in("colleague@test.example", "a brand new passphrase").await.status, StatusCode::SEE_OTHER);
    assert_eq!(Browser::new(&app.url).get(&path).await.status, StatusCode::NOT_FOUND, "used once");
    app.finish().await;
}
both!(password_reset_by_email);

async fn switched_off_accounts_are_signed_out(backend: Backend) {
    let app = TestApp::start(backend).await;
    let mut worker = app.signed_in("colleague").await;
    let mut admin = app.signed_in("administrator").await;
    let id = app.people["colleague"].id.to_string();
    admin.get("/admin/people").await;
    let done = admin.post_form(&format!("/admin/people/{id}"), &[("role", "practitioner"), ("active", "0")]).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);
    assert!(worker.get("/records").await.location().starts_with("/signin"));
    assert_eq!(app.browser().sign_in("colleague@test.example", PASSWORD).await.status, StatusCode::UNAUTHORIZED);
    let own = admin
        .post_form(
            &format!("/admin/people/{}", app.people["administrator"].id),
            &[("role", "manager"), ("active", "1")],
        )
        .await;
    assert_eq!(own.status, StatusCode::BAD_REQUEST, "administrators cannot demote themselves");
    app.finish().await;
}
both!(switched_off_accounts_are_signed_out);

async fn people_in_two_organisations_move_between_them(backend: Backend) {
    let app = TestApp::start(backend).await;
    let colleague = app.people["colleague"].id;
    recordwell_store::users::set_membership(
        &app.store,
        colleague,
        app.other_org_id,
        recordwell_store::orgs::Role::Manager,
        None,
    )
    .await
    .unwrap();
    let mut b = app.signed_in("colleague").await;
    let account = b.get("/account").await;
    assert!(account.body.contains("Work in Other Council"), "{}", account.body);
    let moved = b.post_form("/account/organisation", &[("org_id", &app.other_org_id.to_string())]).await;
    assert_eq!(moved.status, StatusCode::SEE_OTHER);
    assert!(b.get("/records").await.body.contains("Other Council"));
    let not_mine = b.post_form("/account/organisation", &[("org_id", "999999")]).await;
    assert_eq!(not_mine.status, StatusCode::NOT_FOUND);
    app.finish().await;
}
both!(people_in_two_organisations_move_between_them);

async fn administrators_keep_services_and_place_people_in_them(backend: Backend) {
    let app = TestApp::start(backend).await;
    let mut admin = app.signed_in("administrator").await;
    admin.get("/admin/people").await;
    let added = admin.post_form("/admin/services", &[("name", "Residential Care"), ("kind", "residential")]).await;
    assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.body);
    let twice = admin.post_form("/admin/services", &[("name", "Residential Care"), ("kind", "residential")]).await;
    assert_eq!(twice.status, StatusCode::BAD_REQUEST);
    let page = admin.get("/admin/people").await;
    let marker = "<option value=\"";
    let at = page.body.find("No service</option>").unwrap();
    let rest = &page.body[at..];
    let id_at = rest.find(marker).unwrap() + marker.len();
    let service_id: String = rest[id_at..].chars().take_while(char::is_ascii_digit).collect();
    let person = app.people["colleague"].id;
    let moved = admin
        .post_form(
            &format!("/admin/people/{person}"),
            &[("role", "practitioner"), ("service", &service_id), ("active", "1")],
        )
        .await;
    assert_eq!(moved.status, StatusCode::SEE_OTHER);
    let members = recordwell_store::users::members(&app.store, app.org_id).await.unwrap();
    let colleague = members.iter().find(|m| m.id == person).unwrap();
    assert_eq!(colleague.service.as_deref(), Some("Residential Care"));
    let foreign = admin
        .post_form(
            &format!("/admin/people/{person}"),
            &[("role", "practitioner"), ("service", "999999"), ("active", "1")],
        )
        .await;
    assert_eq!(foreign.status, StatusCode::BAD_REQUEST);
    app.finish().await;
}
both!(administrators_keep_services_and_place_people_in_them);

async fn administrators_rename_and_remove_services(backend: Backend) {
    let app = TestApp::start(backend).await;
    let service = recordwell_store::orgs::add_service(&app.store, app.org_id, "Justice", "justice").await.unwrap();
    let colleague = app.people["colleague"].id;
    users::set_membership(&app.store, colleague, app.org_id, recordwell_store::orgs::Role::Practitioner, Some(service))
        .await
        .unwrap();
    let mut admin = app.signed_in("administrator").await;
    admin.get("/admin/people").await;
    let path = format!("/admin/services/{service}");
    let renamed =
        admin.post_form(&path, &[("name", "Justice social work"), ("kind", "justice"), ("action", "save")]).await;
    assert_eq!(renamed.status, StatusCode::SEE_OTHER, "{}", renamed.body);
    let page = admin.get("/admin/people").await;
    assert!(page.body.contains("Justice social work"));
    let blank = admin.post_form(&path, &[("name", " "), ("kind", "justice"), ("action", "save")]).await;
    assert_eq!(blank.status, StatusCode::BAD_REQUEST);
    let other = recordwell_store::orgs::add_service(&app.store, app.other_org_id, "Theirs", "other").await.unwrap();
    let theirs = admin.post_form(&format!("/admin/services/{other}"), &[("action", "remove")]).await;
    assert_eq!(theirs.status, StatusCode::NOT_FOUND, "another organisation's service");
    let removed = admin.post_form(&path, &[("action", "remove")]).await;
    assert_eq!(removed.status, StatusCode::SEE_OTHER);
    let members = users::members(&app.store, app.org_id).await.unwrap();
    assert_eq!(members.iter().find(|m| m.id == colleague).unwrap().service, None, "their people are in no service now");
    app.finish().await;
}
both!(administrators_rename_and_remove_services);
