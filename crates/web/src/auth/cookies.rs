//! Every `Set-Cookie` the server sends is made here, so that each cookie, setting or removing,
//! carries the same attributes: `HttpOnly` (no script reads it), `SameSite=Lax` (not sent on
//! other sites' form posts), the whole site as its path, and `Secure` whenever the server's
//! public address is `https://` (never sent over plain HTTP).

use axum::http::HeaderValue;

/// Whether a public URL is served over HTTPS (so cookies are `Secure` and HSTS is sent).
pub fn is_https(public_url: &str) -> bool {
    public_url.get(..8).is_some_and(|s| s.eq_ignore_ascii_case("https://"))
}

/// A cookie to set or remove.
#[derive(Debug, Clone, Copy)]
pub struct Cookie<'a> {
    /// Its name.
    pub name: &'a str,
    /// Its value: one of our own tokens (URL-safe base64), or empty to remove.
    pub value: &'a str,
    /// Seconds to keep it; none for a browser-session cookie, `Some(0)` to remove it.
    pub max_age: Option<i64>,
}

impl<'a> Cookie<'a> {
    /// A cookie kept for `max_age` seconds (none: until the browser closes).
    pub fn new(name: &'a str, value: &'a str, max_age: Option<i64>) -> Cookie<'a> {
        Cookie { name, value, max_age }
    }

    /// The cookie that removes `name` from the browser.
    pub fn removal(name: &'a str) -> Cookie<'a> {
        Cookie { name, value: "", max_age: Some(0) }
    }

    /// The `Set-Cookie` line's value.
    pub fn line(&self, secure: bool) -> String {
        let mut line = format!("{}={}; Path=/; HttpOnly; SameSite=Lax", self.name, self.value);
        if let Some(age) = self.max_age {
            line.push_str(&format!("; Max-Age={age}"));
        }
        if secure {
            line.push_str("; Secure");
        }
        line
    }

    /// The `Set-Cookie` header value, `Secure` when `public_url` is `https://`.
    pub fn header(&self, public_url: &str) -> HeaderValue {
        // Names are constants and values our own URL-safe tokens, so the line is always valid;
        // the fallback removes nothing and sets nothing rather than panic.
        HeaderValue::from_str(&self.line(is_https(public_url)))
            .unwrap_or(HeaderValue::from_static("rw_invalid=; Max-Age=0"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_cookie_is_http_only_lax_and_secure_under_https() {
        for cookie in [
            Cookie::new("rw_session", "abc", Some(3600)),
            Cookie::new("rw_csrf", "x", None),
            Cookie::removal("rw_session"),
        ] {
            let plain = cookie.header("http://127.0.0.1:8080").to_str().unwrap().to_owned();
            let secure = cookie.header("HTTPS://recordwell.example.org").to_str().unwrap().to_owned();
            for line in [&plain, &secure] {
                assert!(line.contains("; Path=/; HttpOnly; SameSite=Lax"), "{line}");
            }
            assert!(!plain.contains("Secure"), "{plain}");
            assert!(secure.ends_with("; Secure"), "{secure}");
        }
        assert_eq!(Cookie::removal("rw_session").line(false), "rw_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0");
    }
}
