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
        let mut cmd = Command::new(BIN);
        cmd.arg("serve").args(args).stdout(Stdio::piped()).stderr(Stdio::null());
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

/// Signs in through the form (double-submit CSRF cookie and field).
async fn sign_in(client: &reqwest::Client, url: &str, email: &str, password: &str) {
    let page = client.get(format!("{url}/signin")).send().await.unwrap().text().await.unwrap();
    let marker = "name=\"csrf\" value=\"";
    let at = page.find(marker).unwrap() + marker.len();
    let csrf = &page[at..at + page[at..].find('"').unwrap()];
    let res = client
        .post(format!("{url}/signin"))
        .form(&[("csrf", csrf), ("email", email), ("password", password), ("next", "/records")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303, "sign-in failed");
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
