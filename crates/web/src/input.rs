//! What text the platform accepts from forms and JSON: valid UTF-8 without control characters
//! (other than tab and line and page breaks). Text that is not UTF-8 would be turned into
//! replacement characters by a lenient reader, silently changing what someone wrote; NUL is
//! stored by SQLite and refused by PostgreSQL, and no record needs it. Both are refused with a
//! message that names the field.

/// The first control character in `text` other than tab, line breaks and page breaks.
pub fn first_unstorable(text: &str) -> Option<char> {
    text.chars().find(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{b}' | '\u{c}'))
}

/// The first such control character in any string or key of a JSON value. (Invalid UTF-8 never
/// gets this far: the JSON reader refuses it.)
pub fn json_unstorable(value: &serde_json::Value) -> Option<char> {
    match value {
        serde_json::Value::String(s) => first_unstorable(s),
        serde_json::Value::Array(items) => items.iter().find_map(json_unstorable),
        serde_json::Value::Object(map) => {
            map.iter().find_map(|(k, v)| first_unstorable(k).or_else(|| json_unstorable(v)))
        }
        _ => None,
    }
}

/// What to say about a control character found in JSON.
pub fn json_unstorable_message(c: char) -> String {
    format!("the JSON holds a control character (U+{:04X}) that cannot be stored; remove it and send again", c as u32)
}

/// What is wrong with an urlencoded form's text, if anything: a field that is not UTF-8 once
/// decoded, or that holds a control character other than tab, line breaks and page breaks.
pub fn form_problem(body: &[u8]) -> Option<String> {
    for pair in body.split(|b| *b == b'&') {
        let (name, value) = match pair.iter().position(|b| *b == b'=') {
            Some(i) => (&pair[..i], &pair[i + 1..]),
            None => (pair, &[][..]),
        };
        let name = decode(name);
        let Ok(field) = std::str::from_utf8(&name) else {
            return Some(
                "A field's name is not valid text (UTF-8). Go back, and send the form from the page again.".into(),
            );
        };
        let field = field.to_owned();
        let value = decode(value);
        let Ok(text) = std::str::from_utf8(&value) else {
            return Some(format!(
                "The field “{field}” holds characters that are not valid text (UTF-8), so it was not saved. \
                 Copy the text again from where it came from, or type it, and send it again."
            ));
        };
        if let Some(c) = first_unstorable(text) {
            return Some(format!(
                "The field “{field}” holds a control character (U+{:04X}) that cannot be stored, so nothing was saved. \
                 Remove it (it often comes with text copied from another program) and send the form again.",
                c as u32
            ));
        }
    }
    None
}

/// An urlencoded component's bytes: `+` as a space, `%XX` decoded.
fn decode(component: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(component.len());
    let mut i = 0;
    while i < component.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match component[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < component.len() => match (hex(component[i + 1]), hex(component[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push((h * 16 + l) as u8);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::form_problem;

    #[test]
    fn good_forms_pass() {
        assert_eq!(form_problem(b"title=Home+visit&body=Line+one%0D%0ALine%09two%C2%A3&empty="), None);
        assert_eq!(form_problem(b""), None);
        assert_eq!(form_problem(b"percent=100%25&odd=%&odd2=%4"), None);
    }

    #[test]
    fn invalid_utf8_and_control_characters_are_refused_naming_the_field() {
        let bad = form_problem(b"title=ok&body=caf%E9").unwrap();
        assert!(bad.contains("“body”") && bad.contains("UTF-8"), "{bad}");
        let raw = form_problem(b"title=caf\xe9").unwrap();
        assert!(raw.contains("“title”"), "{raw}");
        let nul = form_problem(b"title=Visit%00&body=x").unwrap();
        assert!(nul.contains("“title”") && nul.contains("U+0000"), "{nul}");
        assert!(form_problem(b"title=a%1Bb").unwrap().contains("U+001B"));
        assert!(form_problem(b"title=a%C2%85b").unwrap().contains("U+0085"));
        assert!(form_problem(b"t%FFx=1").unwrap().contains("name"));
    }
}
