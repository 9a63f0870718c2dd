//! Security headers on every response, set in this one layer rather than by handlers, so that a
//! new route cannot forget them:
//! - a Content-Security-Policy that allows no inline script and nothing from other sites (every
//!   script and style is a file under `/static`), and the usual framing, sniffing and referrer
//!   rules;
//! - `Cache-Control: no-store` on every answer except the static files: pages, JSON, the audit
//!   CSV, the PDF and XLSX exports, even error pages and redirects can hold personal data, and
//!   none of it may stay in a shared proxy or on a library computer's disk;
//! - `Strict-Transport-Security` when the server's public address is `https://`, so browsers
//!   never try plain HTTP to reach it again.

use crate::auth::cookies::is_https;
use axum::extract::{Request, State};
use axum::http::HeaderValue;
use axum::http::header::{CACHE_CONTROL, STRICT_TRANSPORT_SECURITY};
use axum::middleware::Next;
use axum::response::Response;

/// The Content-Security-Policy.
pub const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
     connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

/// HSTS for two years, subdomains included (sent only under an `https://` public URL).
pub const HSTS: &str = "max-age=63072000; includeSubDomains";

/// The only path whose answers may be cached: the stylesheet, scripts and fonts, which hold no
/// one's data.
const STATIC_PREFIX: &str = "/static/";

/// Middleware adding the headers; the state is the server's public URL.
pub async fn headers(State(public_url): State<std::sync::Arc<str>>, req: Request, next: Next) -> Response {
    let cacheable = req.uri().path().starts_with(STATIC_PREFIX);
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    h.insert("content-security-policy", HeaderValue::from_static(CSP));
    h.insert("x-content-type-options", HeaderValue::from_static("nosniff"));
    h.insert("x-frame-options", HeaderValue::from_static("DENY"));
    h.insert("referrer-policy", HeaderValue::from_static("no-referrer"));
    h.insert("cross-origin-opener-policy", HeaderValue::from_static("same-origin"));
    h.insert("permissions-policy", HeaderValue::from_static("camera=(), microphone=(), geolocation=()"));
    if !cacheable {
        h.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    if is_https(&public_url) {
        h.insert(STRICT_TRANSPORT_SECURITY, HeaderValue::from_static(HSTS));
    }
    res
}
