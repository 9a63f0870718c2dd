//! Operations: health, readiness, metrics, security headers, the audit log and its export,
//! backups.

use crate::both;
use crate::harness::{Backend, TestApp, create_record};
use reqwest::StatusCode;

async fn health_metrics_and_headers(backend: Backend) {
    let app = TestApp::start(backend).await;
    let mut b = app.browser();
    assert_eq!(b.get("/healthz").await.body, "ok");
    assert_eq!(b.get("/readyz").await.status, StatusCode::OK);
    let page = b.get("/signin").await;
    let csp = page.headers["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"));
    assert_eq!(page.headers["x-frame-options"], "DENY");
    assert_eq!(page.headers["cache-control"], "no-store");
    assert!(!page.body.contains("<script>"), "no inline script");
    let metrics = b.get("/metrics").await.body;
    assert!(metrics.contains("recordwell_http_requests_total{method=\"GET\",route=\"/signin\",status=\"2xx\"}"));
    assert!(metrics.contains("recordwell_http_request_duration_seconds_bucket"));
    app.finish().await;
}
both!(health_metrics_and_headers);

async fn every_view_and_change_is_audited_and_exportable(backend: Backend) {
    let app = TestApp::start(backend).await;
    let mut b = app.signed_in("practitioner").await;
    let id = create_record(&mut b, "Secret title", "Confidential text about Jo.").await;
    b.get(&format!("/records/{id}")).await;
    b.get(&format!("/records/{id}/history")).await;
    let mut admin = app.signed_in("administrator").await;
    let log = admin.get(&format!("/admin/audit?record={id}")).await;
    for action in ["record.create", "record.view", "record.history"] {
        assert!(log.body.contains(action), "missing {action}");
    }
    assert!(
        !log.body.contains("Confidential text") && !log.body.contains("Secret title"),
        "no record content in the log"
    );
    let csv = admin.get(&format!("/admin/audit.csv?action=record.&record={id}")).await;
    assert_eq!(csv.headers["content-type"], "text/csv; charset=utf-8");
    assert!(csv.body.starts_with("id,time_utc,user_id,user_name,action"));
    assert!(csv.body.contains("record.view") && !csv.body.contains("session.sign-in"));
    let by_person = admin.get(&format!("/admin/audit?person={}", app.people["administrator"].id)).await;
    assert!(!by_person.body.contains("record.create"));
    app.finish().await;
}
both!(every_view_and_change_is_audited_and_exportable);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_backup_is_a_consistent_copy_taken_while_serving() {
    let app = TestApp::start(Backend::Sqlite).await;
    let mut b = app.signed_in("practitioner").await;
    create_record(&mut b, "Kept", "In the backup.").await;
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("copy.db");
    app.store.backup_sqlite(&copy).await.unwrap();
    assert!(app.store.backup_sqlite(&copy).await.is_err(), "never overwrites");
    let restored = recordwell_store::Store::open(&recordwell_store::sqlite_url(&copy)).await.unwrap();
    let org = app.org_id;
    assert_eq!(recordwell_store::records::count(&restored, org).await.unwrap(), 1);
    app.finish().await;
}
