//! Issue 11: what an attacker probing from outside found, each as a test that failed before the
//! fix. Sign-in limits under parallel requests (and across servers), single-use links and
//! limited actions under races, trusted proxies, open redirects after sign-in, a Bearer header
//! on a cookie-authenticated form, cookies and HSTS under an https:// address, a job whose lease
//! ran out mid-send, role checks before form parsing, text that cannot be stored, and a check
//! page that grew to many times its text.

use crate::both;
use crate::harness::{Answer, Backend, Browser, PASSWORD, TestApp, create_record, link_in};
use crate::programme_access::cohort_with_everyone;
use recordwell_store::{jobs, plans, programmes, records, tokens, users};
use recordwell_web::auth::client::TrustedProxies;
use reqwest::StatusCode;
use serde_json::json;
use tokio::task::JoinSet;

/// Sends `n` copies of a form post at once from tabs of `browsers` (taken in turn), and returns
/// the statuses.
async fn at_once(browsers: &[Browser], n: usize, path: &str, fields: &[(&str, &str)]) -> Vec<StatusCode> {
    let mut set = JoinSet::new();
    for i in 0..n {
        let mut tab = browsers[i % browsers.len()].tab();
        let path = path.to_owned();
        let fields: Vec<(String, String)> = fields.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        set.spawn(async move {
            let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            tab.post_form(&path, &fields).await.status
        });
    }
    set.join_all().await
}

fn count(statuses: &[StatusCode], status: StatusCode) -> usize {
    statuses.iter().filter(|s| **s == status).count()
}

async fn parallel_wrong_passwords_on_two_servers_are_verified_no_more_than_the_limit(backend: Backend) {
    let app = TestApp::start(backend).await;
    // Two servers on one database, as behind a load balancer; each browser has its own form.
    let mut browsers = vec![app.browser(), Browser::new(&app.second_server().await)];
    for b in &mut browsers {
        b.get("/signin").await;
    }
    let fields = [("email", "manager@test.example"), ("password", "a guess"), ("next", "/records")];
    let statuses = at_once(&browsers, 60, "/signin", &fields).await;
    assert_eq!(count(&statuses, StatusCode::UNAUTHORIZED), 5, "only the limit is verified: {statuses:?}");
    assert_eq!(count(&statuses, StatusCode::TOO_MANY_REQUESTS), 55, "{statuses:?}");
    let locked = browsers[1].sign_in("manager@test.example", PASSWORD).await;
    assert_eq!(locked.status, StatusCode::TOO_MANY_REQUESTS, "even the right password waits");
    // The refused attempts were not held against the client: its colleagues still sign in.
    assert_eq!(app.browser().sign_in("colleague@test.example", PASSWORD).await.status, StatusCode::SEE_OTHER);
    app.finish().await;
}
both!(parallel_wrong_passwords_on_two_servers_are_verified_no_more_than_the_limit);

/// Signs in through a proxy that says the request came from `client`.
async fn sign_in_from(app: &TestApp, client: &str, email: &str, password: &str) -> StatusCode {
    let mut b = app.browser();
    b.get("/signin").await;
    let fields = [("email", email), ("password", password), ("next", "/records")];
    b.post_form_with("/signin", &fields, &[("x-forwarded-for", client)]).await.status
}

async fn an_office_behind_a_trusted_proxy_is_not_locked_out_by_one_client(backend: Backend) {
    let app = TestApp::start_with(backend, |s| {
        s.trust_forwarded_for = TrustedProxies::parse(["127.0.0.1"]).unwrap();
    })
    .await;
    // One client tries thirty accounts (so no account's own limit is reached).
    for i in 0..30 {
        let got = sign_in_from(&app, "203.0.113.9", &format!("nobody{i}@test.example"), "guess").await;
        assert_eq!(got, StatusCode::UNAUTHORIZED, "attempt {i}");
    }
    let refused = sign_in_from(&app, "203.0.113.9", "practitioner@test.example", PASSWORD).await;
    assert_eq!(refused, StatusCode::TOO_MANY_REQUESTS, "the client has used its allowance");
    // Whatever it writes itself, the proxy adds its real address, and that is the one counted.
    let forged = sign_in_from(&app, "198.51.100.1, 203.0.113.9", "practitioner@test.example", PASSWORD).await;
    assert_eq!(forged, StatusCode::TOO_MANY_REQUESTS);
    // Everyone else in the office, behind the same proxy, still signs in.
    let other = sign_in_from(&app, "203.0.113.10", "practitioner@test.example", PASSWORD).await;
    assert_eq!(other, StatusCode::SEE_OTHER);
    app.finish().await;
}
both!(an_office_behind_a_trusted_proxy_is_not_locked_out_by_one_client);

async fn without_trusted_proxies_x_forwarded_for_is_ignored(backend: Backend) {
    let app = TestApp::start(backend).await;
    for i in 0..30 {
        // A new made-up address each time: were it believed, the client limit would never bite.
        let got = sign_in_from(&app, &format!("198.51.100.{i}"), &format!("nobody{i}@test.example"), "guess").await;
        assert_eq!(got, StatusCode::UNAUTHORIZED, "attempt {i}");
    }
    let refused = sign_in_from(&app, "198.51.100.200", "practitioner@test.example", PASSWORD).await;
    assert_eq!(refused, StatusCode::TOO_MANY_REQUESTS);
    app.finish().await;
}
both!(without_trusted_proxies_x_forwarded_for_is_ignored);

async fn single_use_links_and_limited_actions_hold_under_parallel_requests(backend: Backend) {
    let app = TestApp::start(backend).await;
    // An invitation accepted ten times at once makes one account.
    let mut admin = app.signed_in("administrator").await;
    admin.get("/admin/people").await;
    let sent = admin.post_form("/admin/invitations", &[("email", "twin@test.example"), ("role", "practitioner")]).await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    let mail = app.smtp.wait_for("twin@test.example").await;
    let path = link_in(&mail, &format!("{}/invitations/", app.url)).trim_start_matches(&app.url).to_owned();
    let mut newcomer = app.browser();
    newcomer.get(&path).await;
    let statuses = at_once(&[newcomer], 10, &path, &[("name", "Twin"), ("password", PASSWORD)]).await;
    assert_eq!(count(&statuses, StatusCode::SEE_OTHER), 1, "{statuses:?}");
    assert_eq!(count(&statuses, StatusCode::NOT_FOUND), 9, "{statuses:?}");
    assert!(users::by_email(&app.store, "twin@test.example").await.unwrap().is_some());

    // A reset link used ten times at once changes the password once; the other links of the
    // same account stop working with it.
    let mut b = app.browser();
    b.get("/password-reset").await;
    for _ in 0..2 {
        b.post_form("/password-reset", &[("email", "colleague@test.example")]).await;
    }
    let mut links = vec![];
    for _ in 0..50 {
        links = app
            .smtp
            .messages()
            .iter()
            .filter(|m| m.contains("colleague@test.example"))
            .map(|m| link_in(m, &format!("{}/password-reset/", app.url)).trim_start_matches(&app.url).to_owned())
            .collect();
        if links.len() == 2 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(links.len(), 2, "two reset emails");
    b.get(&links[0]).await;
    let statuses = at_once(&[b.tab()], 10, &links[0], &[("password", "a brand new passphrase")]).await;
    assert_eq!(count(&statuses, StatusCode::OK), 1, "{statuses:?}");
    assert_eq!(count(&statuses, StatusCode::NOT_FOUND), 9, "{statuses:?}");
    assert_eq!(app.browser().get(&links[1]).await.status, StatusCode::NOT_FOUND, "the older link died too");

    // Reset emails to one address: three an hour, whoever asks.
    let asked = b.post_form("/password-reset", &[("email", "Colleague@test.example")]).await;
    assert_eq!(asked.status, StatusCode::OK);
    let refused = b.post_form("/password-reset", &[("email", "colleague@test.example")]).await;
    assert_eq!(refused.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(refused.body.contains("Wait an hour"), "{}", refused.body);

    // API tokens: thirty asked for at once, twenty made.
    admin.get("/admin/tokens").await;
    let statuses = at_once(&[admin.tab()], 30, "/admin/tokens", &[("name", "Case system")]).await;
    assert_eq!(count(&statuses, StatusCode::OK), 20, "{statuses:?}");
    assert_eq!(count(&statuses, StatusCode::TOO_MANY_REQUESTS), 10, "{statuses:?}");
    assert_eq!(tokens::list(&app.store, app.org_id).await.unwrap().len(), 20);
    app.finish().await;
}
both!(single_use_links_and_limited_actions_hold_under_parallel_requests);

async fn sign_in_never_redirects_to_another_site(backend: Backend) {
    let app = TestApp::start(backend).await;
    let attacks = [
        "/\t/evil.example",
        "/%09/evil.example",
        "/\n/evil.example",
        "/\r\n/evil.example",
        "/\\evil.example",
        "/%5C/evil.example",
        "//evil.example",
        "/%2F/evil.example",
        "/.//evil.example",
        "https://evil.example",
        "javascript:alert(1)",
        " /records",
    ];
    for next in attacks.iter().copied().chain(["/records/3?tab=history"]) {
        let mut b = app.browser();
        b.get("/signin").await;
        let fields = [("email", "practitioner@test.example"), ("password", PASSWORD), ("next", next)];
        let signed_in = b.post_form("/signin", &fields).await;
        assert_eq!(signed_in.status, StatusCode::SEE_OTHER, "{next:?}");
        let want = if next.starts_with("/records/3") { next } else { "/records" };
        assert_eq!(signed_in.location(), want, "{next:?}");
        // The form carries only what would be followed.
        let form = app.browser().get(&format!("/signin?next={}", urlencode(next))).await;
        assert!(!form.body.contains("evil.example"), "{next:?}");
    }
    app.finish().await;
}
both!(sign_in_never_redirects_to_another_site);

fn urlencode(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

async fn a_bearer_header_never_excuses_a_cookie_authenticated_form_from_csrf(backend: Backend) {
    let app = TestApp::start(backend).await;
    let mut b = app.signed_in("practitioner").await;
    b.get("/records/new").await;
    let form = b"title=Forged&record_type=contact&body=Planted+text&action=save".to_vec();
    for bearer in ["Bearer rwt_made_up", "Bearer ", "bearer x"] {
        let got = b
            .post_raw("/records", "application/x-www-form-urlencoded", form.clone(), &[("authorization", bearer)])
            .await;
        assert_eq!(got.status, StatusCode::FORBIDDEN, "{bearer}: {}", got.body);
    }
    // Not with a real token either: the form is still the cookie's.
    let t = recordwell_web::auth::token::random_token();
    let hash = recordwell_web::auth::token::hash_token(&format!("rwt_{t}"));
    tokens::create(&app.store, app.org_id, "Case system", &hash, app.people["administrator"].id).await.unwrap();
    let real = format!("Bearer rwt_{t}");
    let got = b.post_raw("/records", "application/x-www-form-urlencoded", form, &[("authorization", &real)]).await;
    assert_eq!(got.status, StatusCode::FORBIDDEN);
    assert!(records::visible_to(&app.store, app.org_id, app.people["practitioner"].id).await.unwrap().is_empty());
    // On the API, a request with an Authorization header is the token's, never the cookie's.
    let api = b.client.get(format!("{}/api/v1/records", app.url)).bearer_auth("rwt_made_up").send().await.unwrap();
    assert_eq!(api.status(), StatusCode::UNAUTHORIZED);
    let body = json!({"type": "contact", "title": "Forged", "text": "Planted"});
    let api = b.client.post(format!("{}/api/v1/records", app.url)).bearer_auth("x").json(&body).send().await.unwrap();
    assert_eq!(api.status(), StatusCode::UNAUTHORIZED);
    app.finish().await;
}
both!(a_bearer_header_never_excuses_a_cookie_authenticated_form_from_csrf);

/// The `Set-Cookie` lines of an answer.
fn set_cookies(a: &reqwest::Response) -> Vec<String> {
    a.headers().get_all("set-cookie").iter().map(|v| v.to_str().unwrap().to_owned()).collect()
}

async fn under_https_every_cookie_is_secure_and_hsts_is_sent(backend: Backend) {
    let app = TestApp::start_with(backend, |s| s.public_url = Some("https://recordwell.test.example".into())).await;
    // By hand: a cookie jar would rightly keep Secure cookies from plain http://127.0.0.1.
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let form = client.get(format!("{}/signin", app.url)).send().await.unwrap();
    assert_eq!(
        form.headers().get("strict-transport-security").and_then(|v| v.to_str().ok()),
        Some("max-age=63072000; includeSubDomains")
    );
    let csrf_cookie = set_cookies(&form).into_iter().find(|c| c.starts_with("rw_csrf=")).unwrap();
    assert!(csrf_cookie.ends_with("; Secure"), "{csrf_cookie}");
    let csrf = csrf_cookie.trim_start_matches("rw_csrf=").split(';').next().unwrap().to_owned();
    let body = form_urlencoded::Serializer::new(String::new())
        .extend_pairs([("csrf", csrf.as_str()), ("email", "practitioner@test.example"), ("password", PASSWORD)])
        .finish();
    let signed_in = client
        .post(format!("{}/signin", app.url))
        .header("cookie", format!("rw_csrf={csrf}"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(signed_in.status(), StatusCode::SEE_OTHER);
    let session = set_cookies(&signed_in).into_iter().find(|c| c.starts_with("rw_session=")).unwrap();
    assert!(session.ends_with("; Secure") && session.contains("HttpOnly"), "{session}");
    let token = session.trim_start_matches("rw_session=").split(';').next().unwrap().to_owned();
    let page = client.get(format!("{}/records", app.url)).header("cookie", format!("rw_session={token}")).send().await;
    let page = page.unwrap().text().await.unwrap();
    let csrf = crate::harness::csrf_in(&page).unwrap();
    let out = client
        .post(format!("{}/signout", app.url))
        .header("cookie", format!("rw_session={token}"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!("csrf={csrf}"))
        .send()
        .await
        .unwrap();
    assert_eq!(out.status(), StatusCode::SEE_OTHER);
    let removal = set_cookies(&out).into_iter().find(|c| c.starts_with("rw_session=")).unwrap();
    assert_eq!(removal, "rw_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0; Secure");
    // Under plain http:// there is no HSTS (a browser would ignore it, and it would be wrong).
    let plain = TestApp::start(backend).await;
    assert!(plain.browser().get("/signin").await.headers.get("strict-transport-security").is_none());
    plain.finish().await;
    app.finish().await;
}
both!(under_https_every_cookie_is_secure_and_hsts_is_sent);

async fn a_followup_whose_lease_ran_out_mid_send_is_not_sent_again(backend: Backend) {
    let app = TestApp::start(backend).await;
    let (cohort, ..) = cohort_with_everyone(&app).await;
    let mut p = app.signed_in("practitioner").await;
    p.get(&format!("/cohorts/{cohort}/plan")).await;
    let date = jiff::Zoned::now().date().checked_add(jiff::Span::new().days(30)).unwrap().to_string();
    let plan = [("s1", "I will write a case summary for each of my cases by 31 March"), ("followup_on", &date)];
    assert_eq!(p.post_form(&format!("/cohorts/{cohort}/plan"), &plan).await.status, StatusCode::OK);
    let plan_id = plans::of(&app.store, cohort, app.people["practitioner"].id).await.unwrap().unwrap().id;
    let key = jobs::cohort_key(cohort, &format!("plan-followup:{plan_id}"));
    // Another server claimed the job when it fell due, began sending, and stalled there.
    let due = recordwell_store::now() + 31 * 86_400;
    let stalled = jobs::claim_due(&app.store, due, 300).await.unwrap().expect("due");
    assert_eq!(stalled.unique_key, key);
    assert_eq!(jobs::begin_send(&app.store, &stalled, due, 300).await.unwrap(), jobs::SendClaim::Send);
    // Its lease runs out; this server takes the job over and must not send it a second time.
    let mut admin = app.signed_in("administrator").await;
    let moved = admin.post_json("/admin/clock", &json!({ "advance_days": 32 })).await;
    assert_eq!(moved.status, StatusCode::OK, "{}", moved.body);
    assert!(app.smtp.messages().is_empty(), "not sent again");
    let job = jobs::by_key(&app.store, &key).await.unwrap().unwrap();
    assert_eq!(job.state, "pending", "kept for another look");
    assert!(job.last_error.as_deref().unwrap_or_default().contains("it may have gone"), "{job:?}");
    // The stalled server's send went through after all; the next attempt finds it sent.
    jobs::sent(&app.store, &stalled, due).await.unwrap();
    admin.post_json("/admin/clock", &json!({ "advance_days": 2 })).await;
    let job = jobs::by_key(&app.store, &key).await.unwrap().unwrap();
    assert_eq!((job.state.as_str(), job.last_error.as_deref()), ("done", Some("sent by an earlier attempt")));
    assert!(app.smtp.messages().is_empty(), "still sent once, by the stalled server");
    app.finish().await;
}
both!(a_followup_whose_lease_ran_out_mid_send_is_not_sent_again);

async fn people_without_the_right_get_403_before_their_form_is_read(backend: Backend) {
    let app = TestApp::start(backend).await;
    let (cohort, session, spare, _) = cohort_with_everyone(&app).await;
    let mut participant = app.signed_in("practitioner").await;
    participant.get(&format!("/cohorts/{cohort}")).await;
    // Fields missing or of the wrong kind: a facilitator would get 400, others 403.
    let malformed: [(String, &[(&str, &str)]); 5] = [
        (format!("/cohorts/{cohort}/people"), &[]),
        (format!("/cohorts/{cohort}/letter"), &[]),
        (format!("/cohorts/{cohort}/plans"), &[("plan_id", "not a number")]),
        (format!("/cohorts/{cohort}/sessions/{session}/review/move"), &[("user", "x")]),
        (format!("/cohorts/{cohort}/people/{spare}/leave"), &[]),
    ];
    for (path, fields) in &malformed {
        assert_eq!(participant.post_form(path, fields).await.status, StatusCode::FORBIDDEN, "{path}");
    }
    let mut facilitator = app.signed_in("facilitator").await;
    facilitator.get(&format!("/cohorts/{cohort}")).await;
    let got = facilitator.post_form(&format!("/cohorts/{cohort}/people"), &[]).await;
    assert_eq!(got.status, StatusCode::BAD_REQUEST, "the facilitator is told what is wrong");
    // The manager (no participant) and programme templates (no facilitator) likewise.
    let mut manager = app.signed_in("manager").await;
    manager.get(&format!("/cohorts/{cohort}")).await;
    let got = manager.post_form(&format!("/cohorts/{cohort}/postbox"), &[]).await;
    assert_eq!(got.status, StatusCode::FORBIDDEN);
    let got = manager.post_form(&format!("/cohorts/{cohort}/sessions/{session}/review/answers"), &[]).await;
    assert_eq!(got.status, StatusCode::NOT_FOUND, "nothing of theirs to answer");
    let template = programmes::list(&app.store, app.org_id).await.unwrap()[0].id;
    for path in [format!("/programmes/{template}/copy"), format!("/programmes/{template}/sessions"), "/cohorts".into()]
    {
        assert_eq!(participant.post_form(&path, &[]).await.status, StatusCode::FORBIDDEN, "{path}");
    }
    app.finish().await;
}
both!(people_without_the_right_get_403_before_their_form_is_read);

async fn text_that_cannot_be_stored_is_refused_saying_which_field(backend: Backend) {
    let app = TestApp::start(backend).await;
    let mut b = app.signed_in("practitioner").await;
    b.get("/records/new").await;
    let csrf = b.csrf.clone();
    let form = |title: &[u8]| {
        let mut body = format!("csrf={csrf}&record_type=contact&body=Saw+Jo&action=save&title=").into_bytes();
        body.extend_from_slice(title);
        body
    };
    let kinds = "application/x-www-form-urlencoded";
    for (title, what) in
        [(&b"Caf%E9"[..], "UTF-8"), (b"Caf\xe9", "UTF-8"), (b"Visit%00", "U+0000"), (b"a%1Bb", "U+001B")]
    {
        let got: Answer = b.post_raw("/records", kinds, form(title), &[]).await;
        assert_eq!(got.status, StatusCode::BAD_REQUEST, "{title:?}");
        assert!(got.body.contains("“title”") && got.body.contains(what), "{title:?}: {}", got.body);
    }
    assert!(records::visible_to(&app.store, app.org_id, app.people["practitioner"].id).await.unwrap().is_empty());
    // Tabs, line breaks and any language's letters are text.
    let fine = b.post_raw("/records", kinds, form("Gw%C3%AAn%09visit".as_bytes()), &[]).await;
    assert_eq!(fine.status, StatusCode::SEE_OTHER, "{}", fine.body);
    // The API likewise.
    let nul = json!({"type": "contact", "title": "Visit\u{0}", "text": "Saw Jo"});
    let got = b.post_json("/api/v1/records", &nul).await;
    assert_eq!(got.status, StatusCode::BAD_REQUEST, "{}", got.body);
    assert!(got.body.contains("U+0000"), "{}", got.body);
    app.finish().await;
}
both!(text_that_cannot_be_stored_is_refused_saying_which_field);

async fn a_long_text_full_of_one_habit_gives_a_page_of_readable_size(backend: Backend) {
    let app = TestApp::start(backend).await;
    let mut b = app.signed_in("practitioner").await;
    b.get("/records/new").await;
    let text = "Mum was non-compliant and the LAC review was held. ".repeat(4_000);
    let got = b.post_json("/records/feedback", &json!({"text": text, "type": "contact"})).await;
    assert_eq!(got.status, StatusCode::OK);
    assert!(got.body.len() < 2 * text.len() + 100_000, "{} bytes for {} of text", got.body.len(), text.len());
    assert!(got.body.contains("more like"), "the rest are counted");
    let id = create_record(&mut b, "Long", &text).await;
    let page = b.get(&format!("/records/{id}")).await;
    assert!(page.body.len() < 3 * text.len() + 100_000, "{} bytes", page.body.len());
    app.finish().await;
}
both!(a_long_text_full_of_one_habit_gives_a_page_of_readable_size);
