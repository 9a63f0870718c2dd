//! Redacts arbitrary bytes (decoded lossily as UTF-8) with the default options and with every
//! option switched on, and asserts the invariants of `crates/redact/tests/properties.rs`: entities
//! sorted, non-overlapping, on char boundaries, `text` equal to the slice; the output is the input
//! with exactly the entities replaced; mask mode keeps the length in characters; a second pass
//! changes nothing more.

#![no_main]

use libfuzzer_sys::fuzz_target;
use recordwell_redact::{Options, redact};

fn check(text: &str, options: &Options) {
    let out = redact(text, options);
    let mut expected = String::with_capacity(text.len());
    let mut at = 0;
    for e in &out.entities {
        assert!(e.start < e.end && e.start >= at && e.end <= text.len(), "bad span {e:?}");
        assert!(text.is_char_boundary(e.start) && text.is_char_boundary(e.end), "not on char boundaries: {e:?}");
        assert_eq!(e.text, text[e.start..e.end]);
        if options.mask {
            assert_eq!(e.replacement.chars().count(), e.text.chars().count());
        }
        expected.push_str(&text[at..e.start]);
        expected.push_str(&e.replacement);
        at = e.end;
    }
    expected.push_str(&text[at..]);
    assert_eq!(out.text, expected, "output is not the input with the entities replaced");
    let again = redact(&out.text, options);
    assert_eq!(again.text, out.text, "a second pass hid more: {:?}", again.entities);
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    check(&text, &Options::default());
    let all = Options {
        all_dates: true,
        organisations: true,
        custom_terms: vec!["Hillview Estate".into(), "Mossgiel".into()],
        ..Options::default()
    };
    check(&text, &all);
    check(&text, &Options { mask: true, ..all });
});
