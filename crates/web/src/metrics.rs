//! Prometheus metrics at `/metrics`: requests by route template and status class, and a latency
//! histogram. Route templates (`/records/{id}`), never actual paths, so no ids or text appear.

use axum::extract::{MatchedPath, Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Mutex;
use std::time::Instant;

/// Latency bucket upper bounds, in seconds.
const BUCKETS: [f64; 10] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0];

/// The counters.
#[derive(Debug, Default)]
pub struct Metrics {
    inner: Mutex<Inner>,
}

#[derive(Debug, Default)]
struct Inner {
    requests: BTreeMap<(String, String, &'static str), u64>,
    buckets: [u64; BUCKETS.len()],
    count: u64,
    sum: f64,
}

impl Metrics {
    fn observe(&self, method: &str, route: &str, status: u16, seconds: f64) {
        let class = match status {
            200..=299 => "2xx",
            300..=399 => "3xx",
            400..=499 => "4xx",
            _ => "5xx",
        };
        let mut m = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        *m.requests.entry((method.to_owned(), route.to_owned(), class)).or_default() += 1;
        for (i, bound) in BUCKETS.iter().enumerate() {
            if seconds <= *bound {
                m.buckets[i] += 1;
            }
        }
        m.count += 1;
        m.sum += seconds;
    }

    /// The Prometheus text exposition.
    pub fn render(&self) -> String {
        let m = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        let mut out = String::from(
            "# HELP recordwell_http_requests_total HTTP requests answered.\n# TYPE recordwell_http_requests_total counter\n",
        );
        for ((method, route, class), n) in &m.requests {
            let _ = writeln!(
                out,
                "recordwell_http_requests_total{{method=\"{method}\",route=\"{route}\",status=\"{class}\"}} {n}"
            );
        }
        out.push_str("# HELP recordwell_http_request_duration_seconds Time to answer.\n# TYPE recordwell_http_request_duration_seconds histogram\n");
        for (bound, n) in BUCKETS.iter().zip(m.buckets) {
            let _ = writeln!(out, "recordwell_http_request_duration_seconds_bucket{{le=\"{bound}\"}} {n}");
        }
        let _ = writeln!(out, "recordwell_http_request_duration_seconds_bucket{{le=\"+Inf\"}} {}", m.count);
        let _ = writeln!(out, "recordwell_http_request_duration_seconds_sum {}", m.sum);
        let _ = writeln!(out, "recordwell_http_request_duration_seconds_count {}", m.count);
        out
    }
}

/// Middleware counting each request.
pub async fn track(State(metrics): State<std::sync::Arc<Metrics>>, req: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = req.method().to_string();
    let route = req.extensions().get::<MatchedPath>().map_or("unmatched", |p| p.as_str()).to_owned();
    let res = next.run(req).await;
    let elapsed = started.elapsed().as_secs_f64();
    metrics.observe(&method, &route, res.status().as_u16(), elapsed);
    tracing::info!(method, route, status = res.status().as_u16(), ms = elapsed * 1000.0, "request");
    res
}

/// `GET /metrics`.
pub async fn endpoint(State(state): State<crate::AppState>) -> impl IntoResponse {
    ([("content-type", "text/plain; version=0.0.4")], state.metrics.render())
}
