//! The JSON API: check, redact, records with tokens, errors, the OpenAPI document.

use crate::both;
use crate::harness::{Answer, Backend, TestApp};
use reqwest::StatusCode;
use serde_json::{Value, json};

/// Makes a token as the administrator, through the page, and returns it.
async fn token(app: &TestApp) -> String {
    let mut admin = app.signed_in("administrator").await;
    admin.get("/admin/tokens").await;
    let page = admin.post_form("/admin/tokens", &[("name", "Case system")]).await;
    let start = page.body.find("rwt_").expect("the new token is shown once");
    page.body[start..].split('<').next().unwrap().to_owned()
}

async fn call(app: &TestApp, method: reqwest::Method, path: &str, token: &str, body: Option<Value>) -> Answer {
    let mut req = reqwest::Client::new().request(method, format!("{}/api/v1{path}", app.url)).bearer_auth(token);
    if let Some(b) = body {
        req = req.json(&b);
    }
    let res = req.send().await.unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    Answer { status, headers, body: res.text().await.unwrap() }
}

async fn check_gives_the_command_lines_result_object(backend: Backend) {
    let app = TestApp::start(backend).await;
    let t = token(&app).await;
    let text = "Mum was non-compliant. The LAC review was held.";
    let got = call(&app, reqwest::Method::POST, "/check", &t, Some(json!({"text": text, "type": "contact"}))).await;
    assert_eq!(got.status, StatusCode::OK, "{}", got.body);
    let report = recordwell_check::check(
        text,
        recordwell_check::RecordType::Contact,
        recordwell_check::Config::shared_default(),
    );
    let want = json!({"record_type": report.record_type, "findings": report.findings, "metrics": report.metrics, "scores": report.scores});
    assert_eq!(got.json(), want);
    let bad_type = call(&app, reqwest::Method::POST, "/check", &t, Some(json!({"text": "x", "type": "letter"}))).await;
    assert_eq!(bad_type.status, StatusCode::BAD_REQUEST);
    assert_eq!(bad_type.json()["error"]["code"], "invalid_request");
    assert!(bad_type.json()["error"]["message"].as_str().unwrap().contains("case-summary"));
    app.finish().await;
}
both!(check_gives_the_command_lines_result_object);

async fn redact_hides_identifiers(backend: Backend) {
    let app = TestApp::start(backend).await;
    let t = token(&app).await;
    let got =
        call(&app, reqwest::Method::POST, "/redact", &t, Some(json!({"text": "Ms Yusuf rang on 07700 900123."}))).await;
    assert_eq!(got.status, StatusCode::OK, "{}", got.body);
    let v = got.json();
    let text = v["text"].as_str().unwrap();
    assert!(!text.contains("Yusuf") && !text.contains("07700"), "{text}");
    assert!(v["entities"].as_array().unwrap().iter().any(|e| e["kind"] == "phone"));
    app.finish().await;
}
both!(redact_hides_identifiers);

async fn records_through_the_api(backend: Backend) {
    let app = TestApp::start(backend).await;
    let t = token(&app).await;
    let created = call(
        &app,
        reqwest::Method::POST,
        "/records",
        &t,
        Some(json!({"type": "contact", "title": "From the case system", "text": "Saw Jo."})),
    )
    .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let id = created.json()["id"].as_i64().unwrap();
    assert_eq!(created.location(), format!("/api/v1/records/{id}"));
    let read = call(&app, reqwest::Method::GET, &format!("/records/{id}"), &t, None).await;
    assert_eq!(read.json()["text"], "Saw Jo.");
    let list = call(&app, reqwest::Method::GET, "/records", &t, None).await;
    assert!(list.json()["records"].as_array().unwrap().iter().any(|r| r["id"] == id));
    let put = |base: i64| json!({"text": format!("Saw Jo alone (from {base})."), "base_version": base});
    let updated = call(&app, reqwest::Method::PUT, &format!("/records/{id}"), &t, Some(put(1))).await;
    assert_eq!(updated.status, StatusCode::OK, "{}", updated.body);
    assert_eq!(updated.json()["version"], 2);
    let stale = call(&app, reqwest::Method::PUT, &format!("/records/{id}"), &t, Some(put(1))).await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    assert_eq!(stale.json()["error"]["code"], "version_conflict");
    let missing = call(&app, reqwest::Method::GET, "/records/999999", &t, None).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_eq!(missing.json()["error"]["code"], "not_found");
    app.finish().await;
}
both!(records_through_the_api);

async fn revoked_and_bad_tokens_are_refused(backend: Backend) {
    let app = TestApp::start(backend).await;
    let t = token(&app).await;
    assert_eq!(call(&app, reqwest::Method::GET, "/records", &t, None).await.status, StatusCode::OK);
    let mut admin = app.signed_in("administrator").await;
    let page = admin.get("/admin/tokens").await;
    let id_at = page.body.find("/admin/tokens/").unwrap() + "/admin/tokens/".len();
    let id: String = page.body[id_at..].chars().take_while(char::is_ascii_digit).collect();
    assert_eq!(admin.post_form(&format!("/admin/tokens/{id}/revoke"), &[]).await.status, StatusCode::SEE_OTHER);
    let revoked = call(&app, reqwest::Method::GET, "/records", &t, None).await;
    assert_eq!(revoked.status, StatusCode::UNAUTHORIZED);
    assert_eq!(revoked.json()["error"]["code"], "unauthorised");
    assert_eq!(
        call(&app, reqwest::Method::GET, "/records", "rwt_made_up", None).await.status,
        StatusCode::UNAUTHORIZED
    );
    app.finish().await;
}
both!(revoked_and_bad_tokens_are_refused);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn openapi_document_describes_every_route() {
    let spec = recordwell_web::api::openapi::spec();
    assert_eq!(spec["openapi"], "3.1.0");
    let paths = spec["paths"].as_object().unwrap();
    // Every API route the source registers (the route table's scan), with each of its methods.
    let api: Vec<(String, String)> = crate::route_table::registered_routes()
        .into_iter()
        .filter_map(|(m, p)| p.strip_prefix("/api/v1").map(|p| (m.to_lowercase(), p.to_owned())))
        .filter(|(_, p)| p != "/openapi.json")
        .collect();
    assert!(api.len() >= 8, "{api:?}");
    for (m, path) in &api {
        let op = &paths[path.as_str()][m.as_str()];
        assert!(
            op["responses"]["200"].is_object() || op["responses"]["201"].is_object(),
            "{m} {path} is not in the document"
        );
    }
    // Every $ref points at a schema that exists.
    let text = spec.to_string();
    for part in text.split("#/components/schemas/").skip(1) {
        let name: String = part.chars().take_while(|c| c.is_alphanumeric()).collect();
        assert!(spec["components"]["schemas"][&name].is_object(), "missing schema {name}");
    }
}
