//! Where the text already holds a label this crate would write ("Child A", "Mother 2",
//! "[address]", "School 1"), so that a record redacted once is left alone the second time.

use crate::options::Labels;

/// Byte ranges of label occurrences, sorted by start.
pub(crate) fn occurrences(text: &str, labels: &Labels) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for template in labels.all() {
        let (prefix, suffix) = match template.split_once("{}") {
            Some((p, s)) => (p, Some(s)),
            None => (template, None),
        };
        if prefix.trim().is_empty() {
            continue;
        }
        for (at, _) in text.match_indices(prefix) {
            if at > 0 && text[..at].chars().next_back().is_some_and(char::is_alphanumeric) {
                continue;
            }
            let after = at + prefix.len();
            let end = match suffix {
                // "Child {}": a letter or number mark, then the rest of the template.
                Some(rest) => match mark_end(text, after) {
                    Some(m) if text[m..].starts_with(rest) => m + rest.len(),
                    _ => continue,
                },
                // "Mother", "[address]": optionally " 2", " 3" for later identities.
                None => numbered_end(text, after),
            };
            if !text[end..].chars().next().is_some_and(char::is_alphanumeric) || template.ends_with(']') {
                out.push((at, end));
            }
        }
    }
    // Mask mode's labels: runs of █.
    let mut run_start = None;
    for (i, c) in text.char_indices() {
        match (c == '█', run_start) {
            (true, None) => run_start = Some(i),
            (false, Some(s)) => {
                out.push((s, i));
                run_start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = run_start {
        out.push((s, text.len()));
    }
    out.sort_unstable();
    out
}

/// Whether `start..end` lies inside one of the (sorted) label ranges.
pub(crate) fn covers(labels: &[(usize, usize)], start: usize, end: usize) -> bool {
    let i = labels.partition_point(|&(s, _)| s <= start);
    labels[..i].iter().rev().take(4).any(|&(s, e)| s <= start && end <= e)
}

/// The end of an upper-case letter run or a digit run starting at `at`.
fn mark_end(text: &str, at: usize) -> Option<usize> {
    let b = text.as_bytes();
    let run = |pred: fn(&u8) -> bool| b[at..].iter().take_while(|c| pred(c)).count();
    let n = run(u8::is_ascii_uppercase).max(run(u8::is_ascii_digit));
    (n > 0).then_some(at + n)
}

/// After a fixed label, " 2" and the like belong to it.
fn numbered_end(text: &str, at: usize) -> usize {
    let b = text.as_bytes();
    if b.get(at) == Some(&b' ') {
        let digits = b[at + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
        if digits > 0 && !b.get(at + 1 + digits).is_some_and(u8::is_ascii_alphanumeric) {
            return at + 1 + digits;
        }
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        occurrences(text, &Labels::default()).into_iter().map(|(s, e)| &text[s..e]).collect()
    }

    #[test]
    fn finds_every_shape_of_label() {
        assert_eq!(found("Child A told Mother 2 at School 1."), ["Child A", "Mother 2", "School 1"]);
        assert_eq!(found("Address: [address] 3, [postcode]"), ["[address] 3", "[postcode]"]);
    }

    #[test]
    fn ordinary_words_are_not_labels() {
        assert!(found("Children are at school. Motherwell FC. Child abuse.").is_empty());
    }

    #[test]
    fn covers_needs_the_whole_span_inside() {
        let labels = [(0, 7), (10, 19)];
        assert!(covers(&labels, 0, 7));
        assert!(covers(&labels, 12, 19));
        assert!(!covers(&labels, 5, 12));
    }
}
