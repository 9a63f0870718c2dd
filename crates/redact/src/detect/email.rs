//! Email addresses: `local@domain.tld`, found from each `@` outwards.
//!
//! Deliberately generous: anything shaped like an address is hidden, including ones with unusual
//! but legal characters, because a missed address is a breach and an over-hidden one is not.

use crate::entity::{Candidate, EntityKind};

pub(crate) fn find(text: &str, out: &mut Vec<Candidate>) {
    let bytes = text.as_bytes();
    let mut taken_to = 0;
    for at in memchr::memchr_iter(b'@', bytes) {
        if at < taken_to {
            continue;
        }
        let start = local_start(bytes, at);
        let end = domain_end(bytes, at);
        if start < at && end > at + 1 && has_dot_inside(&bytes[at + 1..end]) {
            out.push(Candidate::plain(text, EntityKind::Email, start, end));
            taken_to = end;
        }
    }
}

fn is_local(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"._%+-'".contains(&b)
}

fn is_domain(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'.' || b == b'-'
}

fn local_start(bytes: &[u8], at: usize) -> usize {
    let mut i = at;
    while i > 0 && is_local(bytes[i - 1]) {
        i -= 1;
    }
    // An apostrophe or dot that opens the run is punctuation, not part of the address.
    while i < at && matches!(bytes[i], b'\'' | b'.') {
        i += 1;
    }
    i
}

fn domain_end(bytes: &[u8], at: usize) -> usize {
    let mut i = at + 1;
    while i < bytes.len() && is_domain(bytes[i]) {
        i += 1;
    }
    // A full stop or hyphen at the end is the sentence's, not the address's.
    while i > at + 1 && matches!(bytes[i - 1], b'.' | b'-') {
        i -= 1;
    }
    i
}

fn has_dot_inside(domain: &[u8]) -> bool {
    domain.iter().skip(1).any(|&b| b == b'.')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn emails(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        find(text, &mut out);
        out.iter().map(|c| &text[c.start..c.end]).collect()
    }

    #[test]
    fn finds_addresses_without_trailing_punctuation() {
        assert_eq!(emails("Email jo.smith+sw@east-ayrshire.gov.uk."), ["jo.smith+sw@east-ayrshire.gov.uk"]);
        assert_eq!(emails("(amy_b99@mail.co.uk)"), ["amy_b99@mail.co.uk"]);
        assert_eq!(emails("Mum's email is o'neill.k@example.org, she said."), ["o'neill.k@example.org"]);
    }

    #[test]
    fn ignores_at_signs_that_are_not_addresses() {
        assert!(emails("Meet @ 3pm at the office").is_empty());
        assert!(emails("user@localhost").is_empty());
        assert!(emails("@@@").is_empty());
    }
}
