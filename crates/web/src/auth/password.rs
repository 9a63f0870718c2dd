//! Passwords: argon2id hashes with a random salt; a minimum length and nothing cleverer, as
//! the NCSC advises.

use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use argon2::{Argon2, PasswordHash};

/// The shortest password accepted.
pub const MIN_LENGTH: usize = 10;

/// Why a new password is refused, in words for the person choosing it.
pub fn problem_with(password: &str) -> Option<String> {
    if password.chars().count() < MIN_LENGTH {
        return Some(format!("Choose a password of at least {MIN_LENGTH} characters. Three random words work well."));
    }
    if password.len() > 1024 {
        return Some("Choose a password of at most 1,024 characters.".to_owned());
    }
    None
}

/// Hashes a password with argon2id (PHC string).
pub fn hash(password: &str) -> String {
    Argon2::default()
        .hash_password(password.as_bytes())
        .expect("argon2 hashing with default parameters cannot fail")
        .to_string()
}

/// Whether `password` matches the stored hash.
pub fn verify(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored).is_ok_and(|h| Argon2::default().verify_password(password.as_bytes(), &h).is_ok())
}

/// Burns the same time as a real check, so that sign-in takes as long for an unknown email as for
/// a known one (no telling which addresses have accounts).
pub fn verify_dummy(password: &str) {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let stored = DUMMY.get_or_init(|| hash("not-a-real-password"));
    let _ = verify(password, stored);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_verify_and_differ() {
        let a = hash("correct horse battery");
        assert!(a.starts_with("$argon2id$"));
        assert!(verify("correct horse battery", &a));
        assert!(!verify("wrong", &a));
        assert_ne!(a, hash("correct horse battery"), "salted");
        assert!(!verify("x", "not a hash"));
    }

    #[test]
    fn short_passwords_are_refused_with_advice() {
        assert!(problem_with("short").unwrap().contains("at least 10"));
        assert!(problem_with("three random words").is_none());
    }
}
