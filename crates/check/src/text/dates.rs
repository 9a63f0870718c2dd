//! Date and time expressions. Placeholder until the date detector lands.

use super::Span;

/// Finds date expressions ("4 March 2025", "04/03/2025", "10.01.2025", "2025-03-04") in `text`.
pub fn dates(_text: &str) -> Vec<Span> {
    Vec::new()
}
