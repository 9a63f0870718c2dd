//! Character classes with a short cut for mask mode's █.
//!
//! Outside ASCII, `char::is_alphabetic` searches a Unicode table. Redacted text in mask mode is
//! full of █ (U+2588), and every detector reads it again on the second pass: answering for the
//! box-drawing, block and geometric-shape blocks (U+2500..U+25FF, none of them letters or digits)
//! without the table search keeps that reading cheap. Every answer equals the standard library's.

/// Box drawing, block elements and geometric shapes: symbols, never letters or digits.
fn is_shape(c: char) -> bool {
    ('\u{2500}'..='\u{25FF}').contains(&c)
}

/// `c.is_alphabetic()`, quicker for █.
pub(crate) fn alphabetic(c: char) -> bool {
    c.is_ascii_alphabetic() || (!c.is_ascii() && !is_shape(c) && c.is_alphabetic())
}

/// `c.is_alphanumeric()`, quicker for █.
pub(crate) fn alphanumeric(c: char) -> bool {
    c.is_ascii_alphanumeric() || (!c.is_ascii() && !is_shape(c) && c.is_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agrees_with_the_standard_library_on_every_char_up_to_u_ffff() {
        for c in (0..=0xFFFFu32).filter_map(char::from_u32) {
            assert_eq!(alphabetic(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(alphanumeric(c), c.is_alphanumeric(), "{c:?}");
        }
    }
}
