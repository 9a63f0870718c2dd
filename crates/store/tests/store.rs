//! Every query, on both databases: SQLite in a temporary directory and a fresh PostgreSQL
//! database on the test server.

use recordwell_store::orgs::Role;
use recordwell_store::records::{NewRecord, Save, SaveOutcome};
use recordwell_store::scratch::ScratchPostgres;
use recordwell_store::{Store, audit, orgs, records, sessions, users};

async fn exercise(store: &Store) {
    assert_eq!(orgs::count(store).await.unwrap(), 0);
    let org = orgs::create(store, "Glenfield Partnership").await.unwrap();
    let other_org = orgs::create(store, "Other Council").await.unwrap();
    let service = orgs::add_service(store, org, "Children and Families", "children-families").await.unwrap();
    let alex = users::create(store, " Alex@Example.org ", "Alex Practitioner", Some("hash")).await.unwrap();
    users::set_membership(store, alex, org, Role::Practitioner, Some(service)).await.unwrap();
    let dup = users::create(store, "alex@example.org", "Someone", None).await.unwrap_err();
    assert!(dup.is_unique_violation(), "{dup}");
    assert_eq!(users::by_email(store, "ALEX@example.org").await.unwrap().unwrap().id, alex);
    assert_eq!(users::role_in(store, alex, org).await.unwrap(), Some(Role::Practitioner));
    assert_eq!(users::role_in(store, alex, other_org).await.unwrap(), None);
    assert_eq!(users::members(store, org).await.unwrap()[0].service.as_deref(), Some("Children and Families"));

    sessions::create(store, "h1", alex, org, "csrf", 3600).await.unwrap();
    let s = sessions::find(store, "h1").await.unwrap().unwrap();
    assert_eq!((s.user_id, s.org_id, s.role), (alex, org, Role::Practitioner));
    users::set_disabled(store, alex, true).await.unwrap();
    assert!(sessions::find(store, "h1").await.unwrap().is_none(), "a disabled user's session is dead");
    users::set_disabled(store, alex, false).await.unwrap();

    let id = records::create(
        store,
        NewRecord { org_id: org, author_id: alex, record_type: "contact", title: "Home visit", body: "v1" },
    )
    .await
    .unwrap();
    assert!(records::get(store, other_org, id).await.unwrap().is_none(), "scoped to its organisation");
    let save = |base, body| Save {
        org_id: org,
        id,
        user_id: alex,
        base_version: base,
        title: "Home visit",
        record_type: "contact",
        body,
        reason: None,
    };
    assert_eq!(records::save(store, save(1, "v2")).await.unwrap(), SaveOutcome::Saved(2));
    assert_eq!(records::save(store, save(1, "v2b")).await.unwrap(), SaveOutcome::Conflict { latest: 2 });
    let r = records::get(store, org, id).await.unwrap().unwrap();
    assert_eq!((r.version, r.body.as_str()), (2, "v2"));
    assert!(records::save_draft(store, org, id, "typing").await.unwrap());
    assert_eq!(records::get(store, org, id).await.unwrap().unwrap().draft_body.as_deref(), Some("typing"));
    assert_eq!(records::versions(store, id).await.unwrap().len(), 2);
    assert_eq!(records::visible_to(store, org, alex).await.unwrap().len(), 1);

    audit::record(
        store,
        audit::Event {
            org_id: Some(org),
            user_id: Some(alex),
            action: "record.view",
            target_kind: "record",
            target_id: Some(id),
            detail: String::new(),
        },
    )
    .await
    .unwrap();
    let found = audit::search(
        store,
        org,
        &audit::Search { action_prefix: Some("record.".into()), limit: 10, ..Default::default() },
    )
    .await
    .unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].user_name.as_deref(), Some("Alex Practitioner"));
    let none = audit::search(store, org, &audit::Search { user_id: Some(alex + 100), limit: 10, ..Default::default() })
        .await
        .unwrap();
    assert!(none.is_empty());

    let plan = |title: &str| recordwell_store::programmes::SessionPlan {
        day: 1,
        title: title.into(),
        kind: "plenary".into(),
        minutes: 30,
        purpose: String::new(),
        record_type: None,
    };
    let template = |name, builtin| recordwell_store::programmes::NewTemplate {
        org_id: org,
        name,
        description: "",
        kind: recordwell_store::programmes::TWO_DAY,
        builtin,
        by: None,
    };
    let builtin = recordwell_store::programmes::create(store, template("Built-in", true), &[plan("Intro")]).await;
    assert!(builtin.is_ok());
    let again = recordwell_store::programmes::create(store, template("Built-in", true), &[plan("Intro")]).await;
    assert!(again.unwrap_err().is_unique_violation(), "one built-in copy of each kind per organisation");
    let series = recordwell_store::programmes::NewTemplate {
        kind: recordwell_store::programmes::WORKSHOP_SERIES,
        ..template("Workshop series", true)
    };
    assert!(recordwell_store::programmes::create(store, series, &[plan("Intro")]).await.is_ok(), "a second kind");
    assert!(recordwell_store::programmes::create(store, template("Ours", false), &[plan("Intro")]).await.is_ok());
}

#[tokio::test]
async fn sqlite_queries() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_sqlite_dir(dir.path()).await.unwrap();
    exercise(&store).await;
    let copy = dir.path().join("backup.db");
    store.backup_sqlite(&copy).await.unwrap();
    let restored = Store::open(&recordwell_store::sqlite_url(&copy)).await.unwrap();
    assert_eq!(orgs::count(&restored).await.unwrap(), 2);
}

#[tokio::test]
async fn postgres_queries() {
    let db =
        ScratchPostgres::create().await.expect("the test PostgreSQL server (RECORDWELL_TEST_POSTGRES) must answer");
    let store = Store::open(&db.url).await.unwrap();
    exercise(&store).await;
    store.close().await;
    db.drop_database().await.unwrap();
}

/// A burst of reservations, all at once, gets exactly the limit; a released use can be taken
/// again; a window that has passed starts afresh.
async fn limits_hold_under_a_burst(store: &Store) {
    use recordwell_store::limits::{self, Limit};
    let limit = Limit { uses: 7, window_secs: 900 };
    let mut burst = tokio::task::JoinSet::new();
    for _ in 0..40 {
        let store = store.clone();
        burst.spawn(async move { limits::reserve(&store, "burst", limit).await.unwrap() });
    }
    let got: Vec<_> = burst.join_all().await.into_iter().flatten().collect();
    assert_eq!(got.len(), 7, "exactly the limit, however many at once");
    assert_eq!(limits::used(store, "burst", limit).await.unwrap(), 7);
    limits::release(store, &got[0]).await.unwrap();
    assert!(limits::reserve(store, "burst", limit).await.unwrap().is_some(), "a released use is free again");
    assert!(limits::reserve(store, "burst", limit).await.unwrap().is_none());
    limits::clear(store, "burst").await.unwrap();
    assert_eq!(limits::used(store, "burst", limit).await.unwrap(), 0);
    // A one-second window: once it has passed, the count starts again at one.
    let short = Limit { uses: 1, window_secs: 1 };
    let first = limits::reserve(store, "short", short).await.unwrap().unwrap();
    assert!(limits::reserve(store, "short", short).await.unwrap().is_none());
    tokio::time::sleep(std::time::Duration::from_millis(2100)).await;
    assert!(limits::reserve(store, "short", short).await.unwrap().is_some(), "a new window");
    limits::release(store, &first).await.unwrap();
    assert_eq!(limits::used(store, "short", short).await.unwrap(), 1, "releasing an old window's use changes nothing");
    assert_eq!(limits::purge_older_than(store, 0).await.unwrap(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_limits() {
    let dir = tempfile::tempdir().unwrap();
    limits_hold_under_a_burst(&Store::open_sqlite_dir(dir.path()).await.unwrap()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_limits() {
    let db =
        ScratchPostgres::create().await.expect("the test PostgreSQL server (RECORDWELL_TEST_POSTGRES) must answer");
    let store = Store::open(&db.url).await.unwrap();
    limits_hold_under_a_burst(&store).await;
    store.close().await;
    db.drop_database().await.unwrap();
}
