//! `recordwell serve`, `backup` and `admin` as real processes: settings precedence, a database
//! that is down at start, two servers on one PostgreSQL sharing sessions, backups and admin
//! commands.

use recordwell_store::scratch::ScratchPostgres;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc;
use std::time::Duration;

const BIN: &str = env!("CARGO_BIN_EXE_recordwell");

/// A server process and what it printed before it was ready.
struct Server {
    child: Child,
    url: String,
    printed: String,
}

impl Server {
    /// Starts `recordwell serve ARGS` and waits for "Listening on …".
    fn start(args: &[&str], env: &[(&str, &str)]) -> Server {
        Server::start_with_logs(args, env, Stdio::null())
    }

    /// The same, with the server's logs (its standard error) going to `logs`.
    fn start_with_logs(args: &[&str], env: &[(&str, &str)], logs: Stdio) -> Server {
        let mut cmd = Command::new(BIN);
        cmd.arg("serve").args(args).stdout(Stdio::piped()).stderr(logs);
        for (k, v) in env {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let mut printed = String::new();
        while let Ok(line) = rx.recv_timeout(Duration::from_secs(60)) {
            printed.push_str(&line);
            printed.push('\n');
            if let Some(url) = line.strip_prefix("Listening on ") {
                return Server { child, url: url.trim().to_owned(), printed };
            }
        }
        let _ = child.kill();
        let status = child.wait();
        panic!("server did not start ({status:?}); it printed: {printed}");
    }

    fn password_of(&self, role: &str) -> String {
        let line = self.printed.lines().find(|l| l.trim_start().starts_with(role)).expect("demo sign-in line");
        line.rsplit("password: ").next().unwrap().trim().to_owned()
    }

    fn stop(mut self) {
        let _ = Command::new("kill").arg("-TERM").arg(self.child.id().to_string()).status();
        let status = self.child.wait().unwrap();
        assert!(status.success(), "a server stopped by SIGTERM shuts down cleanly: {status}");
    }
}

fn run(args: &[&str]) -> Output {
    Command::new(BIN).args(args).output().unwrap()
}

fn text(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

fn client() -> reqwest::Client {
    reqwest::Client::builder().cookie_store(true).redirect(reqwest::redirect::Policy::none()).build().unwrap()
}

/// Posts a form found at `page` (GET first, for the double-submit CSRF cookie and field) to
/// `action`; returns the answer's status.
async fn post_form(client: &reqwest::Client, url: &str, page: &str, action: &str, fields: &[(&str, &str)]) -> u16 {
    let html = client.get(format!("{url}{page}")).send().await.unwrap().text().await.unwrap();
    let marker = "name=\"csrf\" value=\"";
    let at = html.find(marker).unwrap() + marker.len();
    let csrf = &html[at..at + html[at..].find('"').unwrap()];
    let mut form = vec![("csrf", csrf)];
    form.extend_from_slice(fields);
    client.post(format!("{url}{action}")).form(&form).send().await.unwrap().status().as_u16()
}

/// Signs in through the form.
async fn sign_in(client: &reqwest::Client, url: &str, email: &str, password: &str) {
    let fields = [("email", email), ("password", password), ("next", "/records")];
    assert_eq!(post_form(client, url, "/signin", "/signin", &fields).await, 303, "sign-in failed");
}

#[test]
fn a_database_that_is_down_at_start_is_a_clear_error() {
    let out = run(&["serve", "--listen", "127.0.0.1:0", "--database-url", "postgres://postgres@127.0.0.1:1/nothing"]);
    assert!(!out.status.success());
    assert!(text(&out).contains("could not connect to the database"), "{}", text(&out));
    let bad_url = run(&["serve", "--listen", "127.0.0.1:0", "--database-url", "mysql://x"]);
    assert!(!bad_url.status.success());
    assert!(text(&bad_url).contains("must start with sqlite:// or postgres://"));
}

#[test]
fn settings_come_from_flags_then_environment_then_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("recordwell.toml");
    std::fs::write(&file, "listen = \"127.0.0.1:1\"\nsession_hours = 8\n").unwrap();
    let data = dir.path().to_str().unwrap();
    let cfg = file.to_str().unwrap();
    // The environment beats the file ...
    let s = Server::start(&["--data-dir", data, "--config", cfg], &[("RECORDWELL_LISTEN", "127.0.0.1:0")]);
    assert!(!s.url.ends_with(":1"), "{}", s.url);
    s.stop();
    // ... and a flag beats both.
    let s = Server::start(
        &["--data-dir", data, "--config", cfg, "--listen", "127.0.0.1:0"],
        &[("RECORDWELL_LISTEN", "127.0.0.1:1")],
    );
    s.stop();
    std::fs::write(&file, "listen = \"127.0.0.1:0\"\nno_such_setting = 1\n").unwrap();
    let bad = run(&["serve", "--data-dir", data, "--config", cfg]);
    assert!(!bad.status.success());
    assert!(text(&bad).contains("no_such_setting"), "{}", text(&bad));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_servers_on_one_postgres_share_sessions() {
    let db = ScratchPostgres::create().await.expect("the test PostgreSQL server must answer");
    let a = Server::start(&["--listen", "127.0.0.1:0", "--database-url", &db.url, "--demo"], &[]);
    let b = Server::start(&["--listen", "127.0.0.1:0", "--database-url", &db.url], &[]);
    let password = a.password_of("practitioner");
    let browser = client();
    sign_in(&browser, &a.url, "practitioner@demo.recordwell.test", &password).await;
    // The cookie set by server A is accepted by server B: the session lives in the database.
    let on_b = browser.get(format!("{}/records", b.url)).send().await.unwrap();
    assert_eq!(on_b.status(), 200);
    assert!(on_b.text().await.unwrap().contains("Callum Reid"));
    a.stop();
    b.stop();
    db.drop_database().await.unwrap();
}

fn admin(dir: &Path, args: &[&str]) -> Output {
    let mut all = vec!["admin", "--data-dir", dir.to_str().unwrap()];
    all.extend_from_slice(args);
    run(&all)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn admin_commands_and_backup_work_beside_a_running_server() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_str().unwrap();
    let server = Server::start(&["--listen", "127.0.0.1:0", "--data-dir", data, "--demo"], &[]);
    let list = admin(dir.path(), &["user", "list"]);
    assert!(list.status.success(), "{}", text(&list));
    assert!(text(&list).contains("practitioner@demo.recordwell.test"));
    let made = admin(dir.path(), &["token", "create", "--name", "sync", "--as", "practitioner@demo.recordwell.test"]);
    assert!(made.status.success(), "{}", text(&made));
    let token = text(&made).lines().last().unwrap().trim().to_owned();
    assert!(token.starts_with("rwt_"));
    let api =
        reqwest::Client::new().get(format!("{}/api/v1/records", server.url)).bearer_auth(&token).send().await.unwrap();
    assert_eq!(api.status(), 200);
    assert!(admin(dir.path(), &["token", "revoke", "1"]).status.success());
    let api =
        reqwest::Client::new().get(format!("{}/api/v1/records", server.url)).bearer_auth(&token).send().await.unwrap();
    assert_eq!(api.status(), 401);
    let invited = admin(
        dir.path(),
        &[
            "--public-url",
            "https://rw.example.org",
            "user",
            "invite",
            "--email",
            "new@demo.recordwell.test",
            "--role",
            "manager",
        ],
    );
    assert!(text(&invited).contains("https://rw.example.org/invitations/"), "{}", text(&invited));
    assert!(
        admin(dir.path(), &["user", "set-role", "--email", "manager@demo.recordwell.test", "--role", "facilitator"])
            .status
            .success()
    );
    assert!(
        text(&admin(dir.path(), &["user", "list"])).contains("manager@demo.recordwell.test\tPriya Raman\tfacilitator")
    );
    let unknown = admin(dir.path(), &["user", "disable", "--email", "nobody@x.example"]);
    assert!(!unknown.status.success() && text(&unknown).contains("not a member"));
    let copy = dir.path().join("backup.db");
    let backup = run(&["backup", copy.to_str().unwrap(), "--data-dir", data]);
    assert!(backup.status.success(), "{}", text(&backup));
    assert!(copy.metadata().unwrap().len() > 0);
    let again = run(&["backup", copy.to_str().unwrap(), "--data-dir", data]);
    assert!(!again.status.success() && text(&again).contains("already exists"));
    server.stop();
}

/// The server's logs, at the level it runs with by default, hold no personal data: not the
/// email addresses people sign in with (rightly or wrongly), not a record's text, not a
/// password, even when an email cannot be sent.
#[tokio::test]
async fn the_logs_hold_no_personal_data() {
    let dir = tempfile::tempdir().unwrap();
    let log_path = dir.path().join("server.log");
    let logs = std::fs::File::create(&log_path).unwrap();
    let data = dir.path().join("data");
    let args = ["--listen", "127.0.0.1:0", "--data-dir", data.to_str().unwrap(), "--demo"];
    let server = Server::start_with_logs(&args, &[], Stdio::from(logs));
    let password = server.password_of("practitioner");
    let email = "practitioner@demo.recordwell.test";
    let url = server.url.clone();

    let stranger = client();
    let wrong = [("email", email), ("password", "Wrong-Password-Kestrel-42"), ("next", "/records")];
    assert_eq!(post_form(&stranger, &url, "/signin", "/signin", &wrong).await, 401, "a failed sign-in");
    let unknown = [("email", "nobody.known@example.org"), ("password", "x"), ("next", "/records")];
    post_form(&stranger, &url, "/signin", "/signin", &unknown).await;
    // No mail server is set up, so the reset email fails (and is logged as failing).
    post_form(&stranger, &url, "/password-reset", "/password-reset", &[("email", email)]).await;

    let me = client();
    sign_in(&me, &url, email, &password).await;
    let record = [
        ("title", "Visit to Zebedee Quartermaine"),
        ("record_type", "contact"),
        ("body", "Zebedee Quartermaine told me about school. His phone is 07700 900461."),
        ("action", "save"),
    ];
    assert_eq!(post_form(&me, &url, "/records/new", "/records", &record).await, 303);
    let listed = me.get(format!("{url}/records")).send().await.unwrap().text().await.unwrap();
    assert!(listed.contains("Zebedee Quartermaine"));
    me.get(format!("{url}/records/999999")).send().await.unwrap();
    // Links that carry a secret are logged by their route, not their address.
    stranger.get(format!("{url}/invitations/SecretInvitationToken77")).send().await.unwrap();
    server.stop();

    let logged = std::fs::read_to_string(&log_path).unwrap();
    assert!(logged.contains("password reset email not sent"), "the failure itself is logged: {logged}");
    assert!(logged.contains("request"), "requests are logged: {logged}");
    for personal in
        [email, "nobody.known", "Zebedee", "Quartermaine", "07700", "Kestrel", "SecretInvitation", &password]
    {
        assert!(!logged.contains(personal), "{personal:?} is in the logs:\n{logged}");
    }
}
