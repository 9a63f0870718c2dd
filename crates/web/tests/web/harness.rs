//! Starts the real app on a random port against a fresh database, with known people in it, and
//! gives tests a cookie-keeping HTTP client that behaves like a browser (CSRF tokens included).

use crate::smtp::Sink;
use recordwell_store::orgs::{self, Role};
use recordwell_store::scratch::ScratchPostgres;
use recordwell_store::{Store, users};
use recordwell_web::settings::SmtpSettings;
use recordwell_web::{Settings, server};
use reqwest::StatusCode;
use reqwest::header::{HeaderMap, LOCATION};
use std::collections::HashMap;

/// Which database a test runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Runs the async test body `fn name(Backend)` on both backends, as tests `name::sqlite` and
/// `name::postgres`: `both!(name)`.
#[macro_export]
macro_rules! both {
    ($name:ident) => {
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                super::$name($crate::harness::Backend::Sqlite).await
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                super::$name($crate::harness::Backend::Postgres).await
            }
        }
    };
}

/// Everyone's password in tests.
pub const PASSWORD: &str = "correct horse battery staple";

/// A person in the test organisation.
#[derive(Debug, Clone)]
pub struct Person {
    pub id: i64,
    pub email: String,
}

/// A running app.
pub struct TestApp {
    pub url: String,
    pub store: Store,
    pub smtp: Sink,
    pub org_id: i64,
    pub other_org_id: i64,
    pub people: HashMap<&'static str, Person>,
    /// The settings the app was started with (a second server on the same database uses them).
    pub settings: Settings,
    pg: Option<ScratchPostgres>,
    _dir: tempfile::TempDir,
}

/// The people made for every test: a member for each role, a second practitioner, and a
/// practitioner of another organisation.
pub const PEOPLE: [(&str, Role, bool); 6] = [
    ("administrator", Role::Administrator, false),
    ("facilitator", Role::Facilitator, false),
    ("manager", Role::Manager, false),
    ("practitioner", Role::Practitioner, false),
    ("colleague", Role::Practitioner, false),
    ("outsider", Role::Practitioner, true),
];

impl TestApp {
    /// An app with people in it.
    pub async fn start(backend: Backend) -> TestApp {
        let app = TestApp::empty(backend).await;
        app.seed().await
    }

    /// An app on an empty database (a new instance).
    pub async fn empty(backend: Backend) -> TestApp {
        let smtp = Sink::start().await;
        let port = smtp.port;
        TestApp::build(backend, smtp, port, |_| {}).await
    }

    /// An app with people in it, started with settings changed by `tweak` (a `public_url` set
    /// there is used for links and cookies while the app still listens on plain HTTP).
    pub async fn start_with(backend: Backend, tweak: impl FnOnce(&mut Settings)) -> TestApp {
        let smtp = Sink::start().await;
        let port = smtp.port;
        TestApp::build(backend, smtp, port, tweak).await.seed().await
    }

    /// Starts another server on the same database, as a second machine behind a load balancer
    /// would be; returns its base URL.
    pub async fn second_server(&self) -> String {
        let store = server::open_store(&self.settings).await.unwrap();
        TestApp::serve(store, self.settings.clone()).await
    }

    async fn serve(store: Store, settings: Settings) -> String {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let public_url = settings.public_url.clone().unwrap_or_else(|| url.clone());
        let state = server::state(store, settings, public_url).unwrap();
        tokio::spawn(recordwell_web::jobs::runner(state.clone()));
        let app = server::app(state);
        tokio::spawn(async move {
            axum::serve(listener, app.into_make_service_with_connect_info::<std::net::SocketAddr>()).await.unwrap();
        });
        url
    }

    /// An app with people in it whose mail server is down: its SMTP settings point at a closed
    /// port, returned so the test can start a sink there later (`Sink::start_on`).
    pub async fn start_smtp_down(backend: Backend) -> (TestApp, u16) {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let app = TestApp::build(backend, Sink::start().await, port, |_| {}).await;
        (app.seed().await, port)
    }

    async fn build(backend: Backend, smtp: Sink, smtp_port: u16, tweak: impl FnOnce(&mut Settings)) -> TestApp {
        let dir = tempfile::tempdir().unwrap();
        let (pg, database_url) = match backend {
            Backend::Sqlite => (None, None),
            Backend::Postgres => {
                let pg = ScratchPostgres::create().await.expect(
                    "the test PostgreSQL server must answer at RECORDWELL_TEST_POSTGRES (scripts/test.sh starts one)",
                );
                let url = pg.url.clone();
                (Some(pg), Some(url))
            }
        };
        let settings = Settings {
            listen: "127.0.0.1:0".into(),
            data_dir: dir.path().to_owned(),
            database_url,
            max_body_bytes: 256 * 1024,
            test_clock: true,
            smtp: Some(SmtpSettings {
                host: "127.0.0.1".into(),
                port: smtp_port,
                security: "none".into(),
                username: None,
                password: None,
                from: "Recordwell <recordwell@test.example>".into(),
            }),
            ..Settings::default()
        };
        let mut settings = settings;
        tweak(&mut settings);
        let store = server::open_store(&settings).await.unwrap();
        let url = TestApp::serve(store.clone(), settings.clone()).await;
        TestApp { url, store, smtp, org_id: 0, other_org_id: 0, people: HashMap::new(), settings, pg, _dir: dir }
    }

    async fn seed(mut self) -> TestApp {
        self.org_id = orgs::create(&self.store, "Test Partnership").await.unwrap();
        self.other_org_id = orgs::create(&self.store, "Other Council").await.unwrap();
        let hash = recordwell_web::auth::password::hash(PASSWORD);
        for (key, role, other) in PEOPLE {
            let email = format!("{key}@test.example");
            let id = users::create(&self.store, &email, &format!("Test {key}"), Some(&hash)).await.unwrap();
            let org = if other { self.other_org_id } else { self.org_id };
            users::set_membership(&self.store, id, org, role, None).await.unwrap();
            self.people.insert(key, Person { id, email });
        }
        self
    }

    /// Drops the PostgreSQL database, if any.
    pub async fn finish(self) {
        self.store.close().await;
        if let Some(pg) = self.pg {
            pg.drop_database().await.unwrap();
        }
    }

    /// A browser that is not signed in.
    pub fn browser(&self) -> Browser {
        Browser::new(&self.url)
    }

    /// A browser signed in as one of [`PEOPLE`].
    pub async fn signed_in(&self, who: &str) -> Browser {
        let mut b = self.browser();
        let email = &self.people[who].email;
        let res = b.sign_in(email, PASSWORD).await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "sign-in as {who} failed: {}", res.body);
        b
    }
}

/// An HTTP answer, read whole.
#[derive(Debug)]
pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Answer {
    pub fn location(&self) -> &str {
        self.headers.get(LOCATION).and_then(|v| v.to_str().ok()).unwrap_or("")
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

/// A cookie-keeping client that finds and sends CSRF tokens as a browser's forms would.
pub struct Browser {
    pub base: String,
    pub client: reqwest::Client,
    pub csrf: String,
}

impl Browser {
    pub fn new(base: &str) -> Browser {
        let client =
            reqwest::Client::builder().cookie_store(true).redirect(reqwest::redirect::Policy::none()).build().unwrap();
        Browser { base: base.to_owned(), client, csrf: String::new() }
    }

    async fn answer(res: reqwest::Response) -> Answer {
        let status = res.status();
        let headers = res.headers().clone();
        let body = res.text().await.unwrap_or_default();
        Answer { status, headers, body }
    }

    /// GET, remembering the page's CSRF token if it has one.
    pub async fn get(&mut self, path: &str) -> Answer {
        let a = Browser::answer(self.client.get(format!("{}{path}", self.base)).send().await.unwrap()).await;
        if let Some(token) = csrf_in(&a.body) {
            self.csrf = token;
        }
        a
    }

    /// POST a form with the CSRF token added.
    pub async fn post_form(&mut self, path: &str, fields: &[(&str, &str)]) -> Answer {
        self.post_form_with(path, fields, &[]).await
    }

    /// POST a form with the CSRF token added and extra request headers.
    pub async fn post_form_with(&mut self, path: &str, fields: &[(&str, &str)], headers: &[(&str, &str)]) -> Answer {
        let mut all: Vec<(&str, &str)> = vec![("csrf", &self.csrf)];
        all.extend_from_slice(fields);
        let body = form_urlencoded::Serializer::new(String::new()).extend_pairs(all).finish();
        let a = self.post_raw(path, "application/x-www-form-urlencoded", body.into_bytes(), headers).await;
        if let Some(token) = csrf_in(&a.body) {
            self.csrf = token;
        }
        a
    }

    /// POST these exact bytes (no token added), with this content type and extra headers.
    pub async fn post_raw(&self, path: &str, content_type: &str, body: Vec<u8>, headers: &[(&str, &str)]) -> Answer {
        let mut req = self.client.post(format!("{}{path}", self.base)).header("content-type", content_type).body(body);
        for (name, value) in headers {
            req = req.header(*name, *value);
        }
        Browser::answer(req.send().await.unwrap()).await
    }

    /// A copy sharing this browser's cookies and token, for requests sent in parallel.
    pub fn tab(&self) -> Browser {
        Browser { base: self.base.clone(), client: self.client.clone(), csrf: self.csrf.clone() }
    }

    /// POST JSON as the workspace script does (session cookie plus X-CSRF-Token).
    pub async fn post_json(&mut self, path: &str, body: &serde_json::Value) -> Answer {
        let res = self
            .client
            .post(format!("{}{path}", self.base))
            .header("x-csrf-token", &self.csrf)
            .json(body)
            .send()
            .await
            .unwrap();
        Browser::answer(res).await
    }

    /// Signs in (fetching the form first for its token).
    pub async fn sign_in(&mut self, email: &str, password: &str) -> Answer {
        self.get("/signin").await;
        let a = self.post_form("/signin", &[("email", email), ("password", password), ("next", "/records")]).await;
        if a.status == StatusCode::SEE_OTHER {
            self.get("/records").await;
        }
        a
    }
}

/// The CSRF token on a page (hidden field or meta tag).
pub fn csrf_in(html: &str) -> Option<String> {
    for marker in ["name=\"csrf\" value=\"", "name=\"csrf-token\" content=\""] {
        if let Some(i) = html.find(marker) {
            let rest = &html[i + marker.len()..];
            return rest.find('"').map(|end| rest[..end].to_owned());
        }
    }
    None
}

/// The first link starting with `prefix` in an email (quoted-printable soft breaks undone).
pub fn link_in(message: &str, prefix: &str) -> String {
    let unfolded = message.replace("=\r\n", "").replace("=\n", "").replace("=3D", "=");
    let start = unfolded.find(prefix).unwrap_or_else(|| panic!("no {prefix} link in {unfolded}"));
    unfolded[start..].split_whitespace().next().unwrap().to_owned()
}

/// Creates a record through the workspace form and returns its id.
pub async fn create_record(b: &mut Browser, title: &str, body: &str) -> i64 {
    b.get("/records/new").await;
    let a = b
        .post_form("/records", &[("title", title), ("record_type", "contact"), ("body", body), ("action", "save")])
        .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.body);
    let loc = a.location();
    loc.trim_start_matches("/records/").split('?').next().unwrap().parse().unwrap()
}
