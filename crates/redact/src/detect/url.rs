//! Web addresses: `http(s)://…`, `www.…`, and bare domains with a path (`example.org/x`) or a
//! common top-level domain (`example.co.uk`).
//!
//! The text is cut into runs of ASCII characters that may appear in a URL; each run that looks
//! like a web address is hidden, less the sentence's trailing punctuation and an unbalanced
//! closing bracket. Email addresses are left to the email detector.

use crate::entity::{Candidate, EntityKind};

/// Top-level domains that make a bare domain without a path a web address ("example.org").
const BARE_TLDS: [&str; 8] = ["com", "org", "net", "uk", "io", "info", "scot", "wales"];

pub(crate) fn find(text: &str, out: &mut Vec<Candidate>) {
    let bytes = text.as_bytes();
    // Only a run holding a '.' or a ':' can be a web address (a scheme needs "://", anything else
    // a dot), so runs are found around those bytes instead of reading every word.
    let mut from = 0;
    while let Some(p) = memchr::memchr2(b'.', b':', &bytes[from..]) {
        let at = from + p;
        let mut start = at;
        while start > from && is_url_byte(bytes[start - 1]) {
            start -= 1;
        }
        let mut end = at + 1;
        while end < bytes.len() && is_url_byte(bytes[end]) {
            end += 1;
        }
        if could_be_url(&bytes[start..end])
            && let Some((s, e)) = url_in(&bytes[start..end])
        {
            let (s, e) = (start + s, start + e);
            let key = text[s..e].to_ascii_lowercase();
            out.push(Candidate { kind: EntityKind::Url, start: s, end: e, key, role: None });
        }
        from = end;
    }
}

/// A cheap necessary condition for [`url_in`]: a scheme has ":/", `www.` and every domain a dot
/// followed by a letter or digit. Most runs that reach here are words ending a sentence.
fn could_be_url(run: &[u8]) -> bool {
    run.windows(2).any(|w| (w[0] == b'.' && w[1].is_ascii_alphanumeric()) || (w[0] == b':' && w[1] == b'/'))
}

fn is_url_byte(b: u8) -> bool {
    b.is_ascii_graphic() && !matches!(b, b'<' | b'>' | b'"' | b'`' | b'|' | b'\\' | b'^' | b'{' | b'}')
}

/// The part of a run that is a web address, if any.
fn url_in(run: &[u8]) -> Option<(usize, usize)> {
    let mut s = 0;
    while s < run.len() && matches!(run[s], b'(' | b'[' | b'\'' | b'*' | b',' | b'.' | b';' | b':') {
        s += 1;
    }
    let mut e = run.len();
    // Bracket counts, kept up to date as the end moves in, so stripping stays linear.
    let (open_round, open_square) = (count(&run[s..e], b'('), count(&run[s..e], b'['));
    let (mut close_round, mut close_square) = (count(&run[s..e], b')'), count(&run[s..e], b']'));
    loop {
        if e <= s {
            return None;
        }
        let last = run[e - 1];
        let unbalanced_close = match last {
            b')' => open_round < close_round,
            b']' => open_square < close_square,
            _ => false,
        };
        if matches!(last, b'.' | b',' | b';' | b':' | b'!' | b'?' | b'\'' | b'*') || unbalanced_close {
            close_round -= usize::from(last == b')');
            close_square -= usize::from(last == b']');
            e -= 1;
        } else {
            break;
        }
    }
    let u = &run[s..e];
    let slash = u.iter().position(|&b| b == b'/').unwrap_or(u.len());
    if u[..slash].contains(&b'@') && !has_scheme(u) {
        return None; // an email address, or user@host without a scheme
    }
    if has_scheme(u) {
        let after = u.iter().position(|&b| b == b':').map_or(u.len(), |p| p + 3);
        return (after < u.len() && u[after].is_ascii_alphanumeric()).then_some((s, e));
    }
    if starts_with_ci(u, b"www.") {
        return (u.len() > 4 && u[4].is_ascii_alphanumeric()).then_some((s, e));
    }
    let host_end = u.iter().position(|&b| b == b'/').unwrap_or(u.len());
    let host = &u[..host_end];
    let tld = domain_tld(host)?;
    let has_path = host_end + 1 < u.len() && u[host_end + 1].is_ascii_alphanumeric();
    let common = BARE_TLDS.iter().any(|t| tld.eq_ignore_ascii_case(t.as_bytes()));
    (has_path || common).then_some((s, e))
}

fn count(bytes: &[u8], b: u8) -> usize {
    bytes.iter().filter(|&&x| x == b).count()
}

fn starts_with_ci(u: &[u8], prefix: &[u8]) -> bool {
    u.len() >= prefix.len() && u[..prefix.len()].eq_ignore_ascii_case(prefix)
}

fn has_scheme(u: &[u8]) -> bool {
    starts_with_ci(u, b"http://") || starts_with_ci(u, b"https://") || starts_with_ci(u, b"ftp://")
}

/// The last label of a domain name (`example.org` → `org`), if `host` is one: labels of letters,
/// digits and hyphens, at least two of them, and an alphabetic last label of 2 to 24 letters.
fn domain_tld(host: &[u8]) -> Option<&[u8]> {
    let host = host.strip_suffix(b".").unwrap_or(host);
    let mut labels = host.split(|&b| b == b'.');
    let first = labels.next()?;
    if first.is_empty() || !first.iter().any(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    let mut last = None;
    for label in std::iter::once(first).chain(labels) {
        let ok = !label.is_empty()
            && label.iter().all(|&b| b.is_ascii_alphanumeric() || b == b'-')
            && label[0] != b'-'
            && label[label.len() - 1] != b'-';
        if !ok {
            return None;
        }
        last = Some(label);
    }
    let tld = last.filter(|t| !std::ptr::eq(*t, first))?;
    (tld.len() >= 2 && tld.len() <= 24 && tld.iter().all(u8::is_ascii_alphabetic)).then_some(tld)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn urls(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        find(text, &mut out);
        out.iter().map(|c| &text[c.start..c.end]).collect()
    }

    #[test]
    fn finds_schemes_and_www_without_trailing_punctuation() {
        assert_eq!(urls("See https://example.org/page?id=3."), ["https://example.org/page?id=3"]);
        assert_eq!(urls("(http://example.com/a_(b))"), ["http://example.com/a_(b)"]);
        assert_eq!(urls("Her page (www.example.co.uk/amy-k), she said"), ["www.example.co.uk/amy-k"]);
        assert_eq!(urls("WWW.EXAMPLE.ORG!"), ["WWW.EXAMPLE.ORG"]);
        assert_eq!(urls("«https://example.net/x»"), ["https://example.net/x"]);
    }

    #[test]
    fn finds_bare_domains_with_a_path_or_a_common_tld() {
        assert_eq!(urls("posted on example.org/x yesterday"), ["example.org/x"]);
        assert_eq!(urls("facebook.com/amy.k.99; tiktok.com/@amyk"), ["facebook.com/amy.k.99", "tiktok.com/@amyk"]);
        assert_eq!(urls("Try family-help.co.uk."), ["family-help.co.uk"]);
        assert_eq!(urls("photos.example.gallery/2024/x"), ["photos.example.gallery/2024/x"]);
    }

    #[test]
    fn runs_are_whole_words_around_dots_and_colons() {
        assert_eq!(urls("a.b x:y http://h xhttp://h (http://h) example.org"), ["http://h", "http://h", "example.org"]);
        assert_eq!(urls("é.org http://a.b.c.org.\nwww.x.org"), ["http://a.b.c.org", "www.x.org"]);
    }

    #[test]
    fn keys_are_lowercase() {
        let mut out = Vec::new();
        find("WWW.Example.org", &mut out);
        assert_eq!(out[0].key, "www.example.org");
    }

    #[test]
    fn ignores_ordinary_text() {
        assert!(urls("and/or 12/03/2015 e.g. i.e. Mr.Smith 3.5 kg 1.2.3 etc. end.").is_empty());
        assert!(urls("jo@example.org").is_empty());
        assert!(urls("http:// www. ... https:").is_empty());
        assert!(urls("St.Mary's visit.Then, file.txt report.docx").is_empty());
        assert!(urls("").is_empty());
    }
}
