//! A load generator for a running `recordwell serve`, used by `bench/web.sh`.
//!
//! It starts nothing itself: point it at a server with `--url`. Two scenarios:
//!
//! - `check`: `--users` clients each POST a realistic 2,000-word assessment to `/api/v1/check`
//!   as fast as the server answers, authenticated with an API token (`--token`).
//! - `pages`: `--users` people each sign in once (`--email`, `--password`; several sessions of
//!   the same account are fine), then load the record list, the demo records 1 to 9, the
//!   new-record page and a history page, over and over.
//!
//! After an unmeasured warm-up (`--warmup`, default 2 s) it measures for `--duration` seconds
//! and prints throughput, latency percentiles and errors, then one `RESULT` line for scripts.
//!
//! ```text
//! cargo run --release -p recordwell-web --example load -- \
//!     --url http://127.0.0.1:8080 --scenario check --users 8 --duration 20 --token rwt_...
//! ```

use reqwest::redirect::Policy;
use reqwest::{Client, StatusCode};
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// The good fixtures the 2,000-word record is built from: real-looking, fictional, and exactly
/// what the checker's own tests consider well written.
const FIXTURES: [&str; 6] = [
    include_str!("../../check/tests/fixtures/good/assessment.txt"),
    include_str!("../../check/tests/fixtures/good/case-summary.txt"),
    include_str!("../../check/tests/fixtures/good/chronology.txt"),
    include_str!("../../check/tests/fixtures/good/contact.txt"),
    include_str!("../../check/tests/fixtures/good/detailed.txt"),
    include_str!("../../check/tests/fixtures/good/supervision.txt"),
];

/// How long the record sent to `/api/v1/check` is, in words (the target's "2,000-word record").
const RECORD_WORDS: usize = 2_000;

/// The pages a signed-in practitioner loads in the `pages` scenario, in order, each with the
/// index of its kind in [`PAGE_KINDS`] (latency is reported per kind too).
fn page_paths() -> Vec<(String, usize)> {
    let mut paths = vec![("/records".to_owned(), 0)];
    paths.extend((1..=9).map(|id| (format!("/records/{id}"), 1)));
    paths.push(("/records/new".to_owned(), 2));
    paths.push(("/records/1/history".to_owned(), 3));
    paths
}

/// The kinds of page in the `pages` scenario.
const PAGE_KINDS: [&str; 4] = ["GET /records", "GET /records/{id}", "GET /records/new", "GET /records/{id}/history"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scenario {
    Check,
    Pages,
}

#[derive(Debug)]
struct Args {
    url: String,
    users: usize,
    duration: Duration,
    warmup: Duration,
    scenario: Scenario,
    email: Option<String>,
    password: Option<String>,
    token: Option<String>,
    /// Pause after each answer before the next request (a person reading the page); not timed.
    think: Duration,
}

const USAGE: &str = "usage: load --url URL --scenario check|pages [--users N] [--duration SECS] [--warmup SECS] \
                     [--token rwt_...] [--email EMAIL --password PASSWORD] [--think-ms MS]";

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        url: String::new(),
        users: 8,
        duration: Duration::from_secs(20),
        warmup: Duration::from_secs(2),
        scenario: Scenario::Check,
        email: None,
        password: None,
        token: None,
        think: Duration::ZERO,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--url" => args.url = value()?.trim_end_matches('/').to_owned(),
            "--users" => args.users = value()?.parse().map_err(|_| "--users must be a whole number")?,
            "--duration" => args.duration = seconds(&value()?)?,
            "--warmup" => args.warmup = seconds(&value()?)?,
            "--scenario" => {
                args.scenario = match value()?.as_str() {
                    "check" => Scenario::Check,
                    "pages" => Scenario::Pages,
                    other => return Err(format!("unknown scenario \"{other}\"; use check or pages")),
                }
            }
            "--email" => args.email = Some(value()?),
            "--password" => args.password = Some(value()?),
            "--token" => args.token = Some(value()?),
            "--think-ms" => {
                let ms: u64 = value()?.parse().map_err(|_| "--think-ms must be a whole number")?;
                args.think = Duration::from_millis(ms);
            }
            "-h" | "--help" => return Err(USAGE.to_owned()),
            other => return Err(format!("unknown argument \"{other}\"\n{USAGE}")),
        }
    }
    if args.url.is_empty() {
        return Err(format!("--url is required\n{USAGE}"));
    }
    if args.users == 0 {
        return Err("--users must be at least 1".to_owned());
    }
    Ok(args)
}

fn seconds(s: &str) -> Result<Duration, String> {
    s.parse::<f64>()
        .ok()
        .filter(|v| v.is_finite() && *v >= 0.0)
        .map(Duration::from_secs_f64)
        .ok_or_else(|| format!("\"{s}\" is not a number of seconds"))
}

/// What one client saw while measuring: the latency of every answered request (with the kind
/// of request, for per-page figures) and how many failed.
#[derive(Debug, Default)]
struct Tally {
    latencies_us: Vec<u64>,
    kinds: Vec<usize>,
    errors: u64,
    first_error: Option<String>,
}

impl Tally {
    fn merge(&mut self, other: Tally) {
        self.latencies_us.extend(other.latencies_us);
        self.kinds.extend(other.kinds);
        self.errors += other.errors;
        if self.first_error.is_none() {
            self.first_error = other.first_error;
        }
    }

    fn error(&mut self, what: String) {
        self.errors += 1;
        self.first_error.get_or_insert(what);
    }
}

/// One request's outcome: `Ok(kind)` when the server answered as expected, else why not.
type Outcome = Result<usize, String>;

/// Runs `request` in a loop until `until`, timing each one; only requests that finish before the
/// deadline count.
async fn run_until<F, Fut>(until: Instant, think: Duration, mut request: F) -> Tally
where
    F: FnMut(u64) -> Fut,
    Fut: Future<Output = Outcome>,
{
    let mut tally = Tally::default();
    let mut n = 0;
    loop {
        let start = Instant::now();
        if start >= until {
            return tally;
        }
        let outcome = request(n).await;
        let end = Instant::now();
        if end > until {
            return tally;
        }
        match outcome {
            Ok(kind) => {
                tally.latencies_us.push((end - start).as_micros() as u64);
                tally.kinds.push(kind);
            }
            Err(e) => tally.error(e),
        }
        n += 1;
        if !think.is_zero() {
            tokio::time::sleep(think).await;
        }
    }
}

/// A record of about [`RECORD_WORDS`] words: whole paragraphs of the good fixtures, in turn,
/// until it is long enough.
fn two_thousand_word_record() -> String {
    let paragraphs: Vec<&str> =
        FIXTURES.iter().flat_map(|f| f.split("\n\n")).map(str::trim).filter(|p| !p.is_empty()).collect();
    let mut record = String::new();
    let mut words = 0;
    for p in paragraphs.iter().cycle() {
        if words >= RECORD_WORDS {
            break;
        }
        if !record.is_empty() {
            record.push_str("\n\n");
        }
        record.push_str(p);
        words += p.split_whitespace().count();
    }
    record
}

async fn check_one(client: &Client, url: &str, token: &str, body: &'static [u8]) -> Outcome {
    let response = client
        .post(url)
        .bearer_auth(token)
        .header("content-type", "application/json")
        .body(body)
        .send()
        .await
        .map_err(|e| format!("request failed: {e}"))?;
    let status = response.status();
    let bytes = response.bytes().await.map_err(|e| format!("reading the answer failed: {e}"))?;
    if status != StatusCode::OK {
        return Err(format!("{status}: {}", String::from_utf8_lossy(&bytes[..bytes.len().min(300)])));
    }
    if !bytes.starts_with(b"{\"record_type\"") {
        return Err(format!("unexpected answer: {}", String::from_utf8_lossy(&bytes[..bytes.len().min(300)])));
    }
    Ok(0)
}

/// The `check` scenario: every client shares one connection pool, as a case management system
/// calling the API would.
async fn check_scenario(args: &Args) -> Result<(Tally, Duration), String> {
    let token = args.token.clone().ok_or("the check scenario needs --token")?;
    let record = two_thousand_word_record();
    println!("record: {} words, {} bytes, type assessment", record.split_whitespace().count(), record.len());
    let body = serde_json::json!({ "text": record, "type": "assessment" }).to_string();
    let body: &'static [u8] = Box::leak(body.into_bytes().into_boxed_slice());
    let client = Client::builder().pool_max_idle_per_host(args.users).build().map_err(|e| e.to_string())?;
    let url = format!("{}/api/v1/check", args.url);
    check_one(&client, &url, &token, body).await.map_err(|e| format!("the first check failed: {e}"))?;

    let phase = |until: Instant| {
        let tasks: Vec<_> = (0..args.users)
            .map(|_| {
                let (client, url, token) = (client.clone(), url.clone(), token.clone());
                tokio::spawn(async move {
                    run_until(until, Duration::ZERO, |_| {
                        let (client, url, token) = (client.clone(), url.clone(), token.clone());
                        async move { check_one(&client, &url, &token, body).await }
                    })
                    .await
                })
            })
            .collect();
        gather(tasks)
    };
    measure(args, phase).await
}

/// Signs one person in with the double-submit CSRF dance a browser does: fetch the form (which
/// sets the `rw_csrf` cookie and carries the same token in a hidden field), then post it.
async fn sign_in(base: &str, email: &str, password: &str) -> Result<Client, String> {
    let client = Client::builder()
        .cookie_store(true)
        .redirect(Policy::none())
        .pool_max_idle_per_host(1)
        .build()
        .map_err(|e| e.to_string())?;
    let form = client
        .get(format!("{base}/signin"))
        .send()
        .await
        .map_err(|e| format!("GET /signin failed: {e}"))?
        .text()
        .await
        .map_err(|e| e.to_string())?;
    let csrf = hidden_field(&form, "csrf").ok_or("the sign-in page has no csrf field")?;
    let response = client
        .post(format!("{base}/signin"))
        .form(&[("csrf", csrf.as_str()), ("email", email), ("password", password), ("next", "/records")])
        .send()
        .await
        .map_err(|e| format!("POST /signin failed: {e}"))?;
    let signed_in = response.status() == StatusCode::SEE_OTHER
        && response.headers().get_all("set-cookie").iter().any(|c| c.as_bytes().starts_with(b"rw_session="));
    if !signed_in {
        return Err(format!("signing in as {email} failed: {}", response.status()));
    }
    Ok(client)
}

/// The value of `<input type="hidden" name="NAME" value="...">` in a page.
fn hidden_field(html: &str, name: &str) -> Option<String> {
    let at = html.find(&format!("name=\"{name}\" value=\""))?;
    let rest = &html[at + name.len() + 15..];
    Some(rest[..rest.find('"')?].to_owned())
}

async fn page_one(client: &Client, url: &str, kind: usize) -> Outcome {
    let response = client.get(url).send().await.map_err(|e| format!("GET {url} failed: {e}"))?;
    let status = response.status();
    let bytes = response.bytes().await.map_err(|e| format!("reading {url} failed: {e}"))?;
    if status != StatusCode::OK {
        return Err(format!("GET {url}: {status}"));
    }
    if bytes.len() < 200 {
        return Err(format!("GET {url}: a {} byte page", bytes.len()));
    }
    Ok(kind)
}

/// The `pages` scenario: every user has their own session and connection, as browsers do.
async fn pages_scenario(args: &Args) -> Result<(Tally, Duration), String> {
    let email = args.email.clone().ok_or("the pages scenario needs --email")?;
    let password = args.password.clone().ok_or("the pages scenario needs --password")?;
    let started = Instant::now();
    let mut clients = Vec::with_capacity(args.users);
    for _ in 0..args.users {
        clients.push(sign_in(&args.url, &email, &password).await?);
    }
    println!("signed in {} sessions as {email} in {:.1} s", args.users, started.elapsed().as_secs_f64());
    let urls: Vec<(String, usize)> =
        page_paths().into_iter().map(|(p, kind)| (format!("{}{p}", args.url), kind)).collect();
    for (url, kind) in &urls {
        page_one(&clients[0], url, *kind).await.map_err(|e| format!("the first page loads failed: {e}"))?;
    }

    let phase = |until: Instant| {
        let tasks: Vec<_> = clients
            .iter()
            .enumerate()
            .map(|(user, client)| {
                let (client, urls) = (client.clone(), urls.clone());
                let think = args.think;
                tokio::spawn(async move {
                    // Users start at different pages so that they do not move in step.
                    run_until(until, think, |n| {
                        let (client, (url, kind)) = (client.clone(), urls[(user + n as usize) % urls.len()].clone());
                        async move { page_one(&client, &url, kind).await }
                    })
                    .await
                })
            })
            .collect();
        gather(tasks)
    };
    measure(args, phase).await
}

async fn gather(tasks: Vec<tokio::task::JoinHandle<Tally>>) -> Tally {
    let mut all = Tally::default();
    for t in tasks {
        match t.await {
            Ok(tally) => all.merge(tally),
            Err(e) => all.error(format!("a client panicked: {e}")),
        }
    }
    all
}

/// Warms up (results thrown away), then measures for the requested duration.
async fn measure<P, Fut>(args: &Args, phase: P) -> Result<(Tally, Duration), String>
where
    P: Fn(Instant) -> Fut,
    Fut: Future<Output = Tally>,
{
    if !args.warmup.is_zero() {
        let warm = phase(Instant::now() + args.warmup).await;
        if warm.latencies_us.is_empty() {
            return Err(format!("nothing succeeded while warming up: {}", warm.first_error.unwrap_or_default()));
        }
    }
    let start = Instant::now();
    let tally = phase(start + args.duration).await;
    Ok((tally, start.elapsed().min(args.duration)))
}

/// The `q`th quantile (0..=1) of sorted values, nearest rank, in milliseconds.
fn percentile_ms(sorted_us: &[u64], q: f64) -> f64 {
    if sorted_us.is_empty() {
        return f64::NAN;
    }
    let rank = ((q * sorted_us.len() as f64).ceil() as usize).clamp(1, sorted_us.len());
    sorted_us[rank - 1] as f64 / 1000.0
}

fn report(args: &Args, mut tally: Tally, elapsed: Duration) {
    let per_kind = per_kind_lines(&tally);
    tally.latencies_us.sort_unstable();
    let ok = tally.latencies_us.len();
    let rate = ok as f64 / elapsed.as_secs_f64();
    let (unit, what) = match args.scenario {
        Scenario::Check => ("requests/s", "POST /api/v1/check, 2,000-word assessment"),
        Scenario::Pages => ("pages/s", "page loads by signed-in users"),
    };
    let (p50, p95, p99) = (
        percentile_ms(&tally.latencies_us, 0.50),
        percentile_ms(&tally.latencies_us, 0.95),
        percentile_ms(&tally.latencies_us, 0.99),
    );
    let max = tally.latencies_us.last().map_or(f64::NAN, |&v| v as f64 / 1000.0);
    println!("{what}: {} concurrent users, {:.1} s measured", args.users, elapsed.as_secs_f64());
    println!("  {ok} answered, {} errors", tally.errors);
    println!("  throughput: {rate:.0} {unit}");
    println!("  latency: p50 {p50:.2} ms, p95 {p95:.2} ms, p99 {p99:.2} ms, max {max:.2} ms");
    for line in per_kind {
        println!("{line}");
    }
    if let Some(e) = &tally.first_error {
        println!("  first error: {e}");
    }
    let scenario = if args.scenario == Scenario::Check { "check" } else { "pages" };
    println!(
        "RESULT scenario={scenario} users={} rate={rate:.1} p50_ms={p50:.2} p95_ms={p95:.2} p99_ms={p99:.2} errors={}",
        args.users, tally.errors
    );
}

/// Latency by kind of page, when there is more than one kind.
fn per_kind_lines(tally: &Tally) -> Vec<String> {
    let mut by_kind: Vec<Vec<u64>> = vec![vec![]; PAGE_KINDS.len()];
    for (&us, &kind) in tally.latencies_us.iter().zip(&tally.kinds) {
        by_kind[kind].push(us);
    }
    if by_kind.iter().filter(|v| !v.is_empty()).count() < 2 {
        return vec![];
    }
    by_kind
        .iter_mut()
        .zip(PAGE_KINDS)
        .filter(|(v, _)| !v.is_empty())
        .map(|(v, name)| {
            v.sort_unstable();
            format!(
                "    {name:<27} p50 {:.2} ms, p95 {:.2} ms ({} loads)",
                percentile_ms(v, 0.5),
                percentile_ms(v, 0.95),
                v.len()
            )
        })
        .collect()
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    // One thread: the server under test shares the machine, so the load generator should take as
    // little of it as it can.
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a tokio runtime");
    let result = runtime.block_on(async {
        match args.scenario {
            Scenario::Check => check_scenario(&args).await,
            Scenario::Pages => pages_scenario(&args).await,
        }
    });
    match result {
        Ok((tally, elapsed)) => {
            let failed = tally.errors > 0;
            report(&args, tally, elapsed);
            if failed { ExitCode::FAILURE } else { ExitCode::SUCCESS }
        }
        Err(e) => {
            eprintln!("load: {e}");
            ExitCode::FAILURE
        }
    }
}
