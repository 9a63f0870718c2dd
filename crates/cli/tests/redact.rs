//! End-to-end tests of `recordwell redact` and of `recordwell check --training`.
//!
//! Detectors arrive one at a time, so these tests pin down the emails in each fixture and the
//! structure of the output, and never the whole output: a name or date hidden by a later detector
//! must not break them. Every detail here is fictional.

mod common;

use common::*;
use serde_json::Value;
use std::path::PathBuf;

/// A fictional record with two emails, a multi-byte character before them (so byte and character
/// offsets differ) and a line break in the middle.
const RECORD: &str = "Home visit. Zoë's mum said her email is k.fenwick@example.org.\n\
                      I wrote to the school at office@hillview.example.sch.uk and heard nothing.\n";
const EMAIL_1: &str = "k.fenwick@example.org";
const EMAIL_2: &str = "office@hillview.example.sch.uk";

fn entities(result: &Value) -> &Vec<Value> {
    result["entities"].as_array().expect("entities is an array")
}

/// Every entity's offsets are in order, on char boundaries of `original`, and slice out its text.
fn assert_offsets_slice(original: &[u8], result: &Value) {
    let mut last_end = 0;
    for e in entities(result) {
        let (start, end) = (e["start"].as_u64().unwrap() as usize, e["end"].as_u64().unwrap() as usize);
        assert!(last_end <= start && start < end && end <= original.len(), "{e}");
        let slice = std::str::from_utf8(&original[start..end]).expect("offsets on char boundaries");
        assert_eq!(slice, e["text"].as_str().unwrap(), "{e}");
        for key in ["kind", "start", "end", "text", "replacement"] {
            assert!(e.get(key).is_some(), "missing {key} in {e}");
        }
        last_end = end;
    }
}

fn email_entities(result: &Value) -> Vec<&str> {
    entities(result).iter().filter(|e| e["kind"] == "email").map(|e| e["text"].as_str().unwrap()).collect()
}

// ---- text ----------------------------------------------------------------------------------

#[test]
fn text_output_is_the_redacted_record() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(dir.path(), "visit.txt", RECORD);
    let r = run(&["redact", s(&f)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!r.stdout.contains(EMAIL_1) && !r.stdout.contains(EMAIL_2), "{}", r.stdout);
    assert!(r.stdout.contains("[email]"));
    assert!(r.stdout.starts_with("Home visit."), "{}", r.stdout);
    assert!(r.stdout.ends_with("heard nothing.\n"), "the record's own ending is kept: {}", r.stdout);
    assert!(!r.stdout.contains("==>"), "no header for one file");
    assert!(r.stderr.is_empty(), "{}", r.stderr);
}

#[test]
fn several_files_get_tail_style_headers_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(dir.path(), "a.txt", "Write to a@example.org");
    let b = write(dir.path(), "b.txt", "Write to b@example.org\n");
    let r = run(&["redact", s(&a), s(&b)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let want = format!("==> {} <==\nWrite to [email]\n\n==> {} <==\nWrite to [email]\n", s(&a), s(&b));
    assert_eq!(r.stdout, want);
}

#[test]
fn stdin_is_read_when_piped_or_named() {
    for args in [&["redact"][..], &["redact", "-"][..]] {
        let r = run_stdin(args, RECORD.as_bytes());
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert!(!r.stdout.contains(EMAIL_1) && r.stdout.contains("[email]"));
    }
    let r = run_stdin(&["redact", "--report", "-"], RECORD.as_bytes());
    assert!(r.stderr.starts_with("<stdin>: "), "{}", r.stderr);
}

// ---- json ----------------------------------------------------------------------------------

#[test]
fn json_offsets_slice_the_original() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(dir.path(), "visit.txt", RECORD);
    let r = run(&["redact", "--format", "json", s(&f)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v = json(&r.stdout);
    let result = &v["results"][0];
    assert_eq!(result["path"], s(&f));
    assert_offsets_slice(RECORD.as_bytes(), result);
    assert_eq!(email_entities(result), [EMAIL_1, EMAIL_2]);
    let text = result["text"].as_str().unwrap();
    assert!(!text.contains(EMAIL_1) && !text.contains(EMAIL_2));
    // Splicing the replacements into the original gives the redacted text.
    let mut spliced = String::new();
    let mut at = 0;
    for e in entities(result) {
        let start = e["start"].as_u64().unwrap() as usize;
        spliced.push_str(&RECORD[at..start]);
        spliced.push_str(e["replacement"].as_str().unwrap());
        at = e["end"].as_u64().unwrap() as usize;
    }
    spliced.push_str(&RECORD[at..]);
    assert_eq!(spliced, text);
    assert!(result.get("report").is_none(), "no report unless asked");
}

#[test]
fn json_offsets_count_a_byte_order_mark() {
    let dir = tempfile::tempdir().unwrap();
    let original = [b"\xEF\xBB\xBF".as_slice(), RECORD.as_bytes()].concat();
    let f = write(dir.path(), "bom.txt", &original);
    let r = run(&["redact", "-f", "json", s(&f)]);
    let v = json(&r.stdout);
    assert_offsets_slice(&original, &v["results"][0]);
    assert_eq!(email_entities(&v["results"][0]), [EMAIL_1, EMAIL_2]);
}

#[test]
fn mask_keeps_the_length_in_characters() {
    let r = run_stdin(&["redact", "--mask", "-f", "json"], RECORD.as_bytes());
    let v = json(&r.stdout);
    let text = v["results"][0]["text"].as_str().unwrap();
    assert_eq!(text.chars().count(), RECORD.chars().count());
    assert_eq!(text.lines().count(), RECORD.lines().count());
    assert!(text.contains(&"█".repeat(EMAIL_1.len())) && !text.contains(EMAIL_1));
    let r = run_stdin(&["redact", "--mask"], RECORD.as_bytes());
    assert_eq!(r.stdout, text);
}

// ---- report --------------------------------------------------------------------------------

#[test]
fn report_goes_to_stderr_and_pairs_originals_with_labels() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(dir.path(), "visit.txt", RECORD);
    let r = run(&["redact", "--report", "--color", "never", s(&f)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!r.stdout.contains(EMAIL_1), "the report never reaches standard output");
    assert!(r.stderr.starts_with(&format!("{}: ", s(&f))), "{}", r.stderr);
    assert!(r.stderr.contains("removed"), "{}", r.stderr);
    assert!(r.stderr.contains("2 email addresses\n"), "{}", r.stderr);
    assert!(r.stderr.contains(&format!("{EMAIL_1} → [email] (1 mention)")), "{}", r.stderr);
    assert!(r.stderr.contains(EMAIL_2));
    assert!(r.stderr.contains("personal data"), "warns that the report holds personal data");

    let clean = run_stdin(&["redact", "--report"], b"Nothing to hide here.\n");
    assert!(clean.stderr.contains("nothing found to remove"), "{}", clean.stderr);
}

#[test]
fn report_in_json_counts_by_kind() {
    let r = run_stdin(&["redact", "--report", "-f", "json"], RECORD.as_bytes());
    let v = json(&r.stdout);
    let report = v["results"][0]["report"].as_array().unwrap();
    let email = report.iter().find(|k| k["kind"] == "email").expect("an email entry");
    assert_eq!(email["mentions"], 2);
    let items = email["items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    assert_eq!(items[0]["originals"][0], EMAIL_1);
    assert_eq!(items[0]["replacement"], "[email]");
    assert_eq!(items[0]["mentions"], 1);
}

#[test]
fn help_says_the_report_holds_personal_data() {
    let r = run(&["redact", "--help"]);
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains("CONTAINS THE PERSONAL DATA"), "{}", r.stdout);
    assert!(r.stdout.contains("--jsonl") && r.stdout.contains("Exit codes"));
}

// ---- batch ---------------------------------------------------------------------------------

#[test]
fn jsonl_keeps_order_and_survives_malformed_lines() {
    let mut input = String::new();
    for i in 0..1500 {
        match i {
            700 => input.push_str(&format!("{{\"id\": {i}, \"text\": \"write to p{i}@example.org\n")),
            701 => input.push_str(&format!("{{\"id\": {i}, \"text\": [\"p{i}@example.org\"]}}\n")),
            702 => input.push('\n'),
            _ => input.push_str(&format!("{{\"id\": {i}, \"text\": \"Line {i}: write to p{i}@example.org.\"}}\n")),
        }
    }
    let r = run_stdin(&["redact", "--jsonl", "-"], input.as_bytes());
    assert_eq!(r.code, 1, "some lines bad: {}", r.stderr);
    let out = jsonl_lines(&r.stdout);
    assert_eq!(out.len(), 1499, "blank lines skipped");
    for (i, v) in out.iter().enumerate() {
        let n = if i >= 702 { i + 1 } else { i };
        assert_eq!(v["line"], n + 1);
        match n {
            700 => {
                assert!(v["error"].as_str().unwrap().contains("not valid JSON"));
                assert!(v.get("id").is_none());
            }
            701 => {
                assert_eq!(v["id"], 701);
                assert!(v["error"].as_str().unwrap().contains("\"text\""));
            }
            _ => {
                assert_eq!(v["id"], n);
                let email = format!("p{n}@example.org");
                assert_eq!(email_entities(v), [email.as_str()]);
                let text = v["text"].as_str().unwrap();
                assert!(text.contains("[email]") && !text.contains(&email), "{text}");
                let original = format!("Line {n}: write to {email}.");
                assert_offsets_slice(original.as_bytes(), v);
            }
        }
    }
    for secret in ["p700@", "p701@"] {
        assert!(!r.stderr.contains(secret), "stderr quotes a record: {}", r.stderr);
        let errors: Vec<&Value> = out.iter().filter(|v| v.get("error").is_some()).collect();
        assert!(errors.iter().all(|v| !v.to_string().contains(secret)), "an error quotes a record");
    }
}

#[test]
fn jsonl_report_and_exit_codes() {
    let r = run_stdin(&["redact", "--jsonl", "-", "--report"], b"{\"id\": \"x\", \"text\": \"a@example.org\"}\n");
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(jsonl_lines(&r.stdout)[0]["report"][0]["kind"], "email");
    assert_eq!(run_stdin(&["redact", "--jsonl", "-"], b"").code, 0, "empty input is fine");
    let r = run_stdin(&["redact", "--jsonl", "-"], b"garbage\n{\"text\": 1}\n");
    assert_eq!(r.code, 2, "no line could be redacted");
    assert_eq!(jsonl_lines(&r.stdout).len(), 2);
    assert_eq!(run(&["redact", "--jsonl", "/no/such/file.jsonl"]).code, 2);
    let r = run_stdin(&["redact", "--jsonl", "-", "--format", "text"], b"");
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("JSON Lines"));
    assert_eq!(run(&["redact", "--jsonl", "-", "a.txt"]).code, 2, "--jsonl takes no paths");
}

#[test]
fn jsonl_invalid_utf8_line_is_an_error_unless_lossy() {
    let input = b"{\"id\": 1, \"text\": \"a\xFFb c@example.org\"}\n";
    let r = run_stdin(&["redact", "--jsonl", "-"], input);
    let v = &jsonl_lines(&r.stdout)[0];
    assert!(v["error"].as_str().unwrap().contains("UTF-8") && !r.stdout.contains("c@example.org"));
    let r = run_stdin(&["redact", "--jsonl", "-", "--lossy"], input);
    let v = &jsonl_lines(&r.stdout)[0];
    assert_eq!(email_entities(v), ["c@example.org"]);
}

// ---- bad input -----------------------------------------------------------------------------

#[test]
fn invalid_utf8_is_an_error_unless_lossy() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(dir.path(), "latin1.txt", b"Caf\xE9 visit. Email k@example.org\n");
    let r = run(&["redact", s(&f)]);
    assert_eq!(r.code, 2);
    assert!(r.stdout.is_empty(), "nothing half-redacted is printed");
    assert!(r.stderr.contains("byte offset 3") && r.stderr.contains("--lossy"), "{}", r.stderr);
    assert!(!r.stderr.contains("k@example.org"), "{}", r.stderr);
    let r = run(&["redact", "--lossy", s(&f)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("Caf\u{FFFD} visit") && r.stdout.contains("[email]") && !r.stdout.contains("k@example"));
}

#[test]
fn missing_file_is_named_and_others_still_redacted() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(dir.path(), "good.txt", RECORD);
    let missing: PathBuf = dir.path().join("missing.txt");
    let r = run(&["redact", s(&missing), s(&good)]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains(s(&missing)) && r.stderr.contains("no such file"), "{}", r.stderr);
    assert!(r.stdout.contains("[email]") && r.stdout.contains(&format!("==> {} <==", s(&good))));
    let r = run(&["redact", "-f", "json", s(&missing), s(&good)]);
    assert_eq!(r.code, 2);
    let v = json(&r.stdout);
    assert_eq!(v["results"][0]["path"], s(&missing));
    assert!(v["results"][0]["error"].as_str().unwrap().contains("no such file"));
    assert_eq!(email_entities(&v["results"][1]), [EMAIL_1, EMAIL_2]);
    assert_eq!(run(&["redact", s(dir.path())]).code, 2, "a directory is an error");
}

#[test]
fn config_sets_labels_and_flags_override_it() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = write(dir.path(), "redact.toml", "mask = false\n[labels]\nemail = \"[e-mail address]\"\n");
    let r = run_stdin(&["redact", "--config", s(&cfg)], RECORD.as_bytes());
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("[e-mail address]") && !r.stdout.contains(EMAIL_1), "{}", r.stdout);
    let r = run_stdin(&["redact", "--config", s(&cfg), "--mask"], RECORD.as_bytes());
    assert!(r.stdout.contains(&"█".repeat(EMAIL_1.len())), "--mask overrides the file: {}", r.stdout);
    let r = run_stdin(&["redact", "--term", "Hillview Estate", "--term", "Mossgiel Road", "--all-dates"], b"ok\n");
    assert_eq!(r.code, 0, "{}", r.stderr);
}

#[test]
fn config_errors_exit_two_and_say_why() {
    let dir = tempfile::tempdir().unwrap();
    let r = run_stdin(&["redact", "--config", "/no/such/redact.toml"], b"x");
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("/no/such/redact.toml") && r.stderr.contains("no such file"), "{}", r.stderr);
    let bad = write(dir.path(), "bad.toml", "colour = 1\n");
    let r = run_stdin(&["redact", "--config", s(&bad)], b"x");
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("colour"), "{}", r.stderr);
    let empty = write(dir.path(), "empty.toml", "custom_terms = [\"\"]\n");
    assert_eq!(run_stdin(&["redact", "--config", s(&empty)], b"x").code, 2);
    let r = run_stdin(&["redact", "--term", "  "], b"x");
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("--term"), "{}", r.stderr);
}

#[test]
fn closed_pipe_ends_quietly() {
    let big = RECORD.repeat(20_000);
    closes_early(&["redact", "-"], Some(big.clone().into_bytes()));
    let line = "{\"id\": 1, \"text\": \"write to a@example.org\"}\n".repeat(20_000);
    closes_early(&["redact", "--jsonl", "-"], Some(line.into_bytes()));
}

// ---- check --training ----------------------------------------------------------------------

fn good_fixtures() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../check/tests/fixtures/good");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    assert!(!files.is_empty());
    files
}

#[test]
fn check_does_not_report_personal_data_unless_asked() {
    let files = good_fixtures();
    let mut args = vec!["check", "--format", "json"];
    args.extend(files.iter().map(|f| s(f)));
    let r = run(&args);
    let v = json(&r.stdout);
    for result in v["results"].as_array().unwrap() {
        for f in result["findings"].as_array().unwrap() {
            assert!(!f["id"].as_str().unwrap().starts_with("personal-data"), "{}: {f}", result["path"]);
        }
    }
    let r = run_stdin(&["check"], RECORD.as_bytes());
    assert!(!r.stdout.contains("personal-data"), "{}", r.stdout);
}

#[test]
fn check_training_reports_each_identifier_and_nothing_else_changes() {
    let r = run_stdin(&["check", "--training", "--color", "never"], RECORD.as_bytes());
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stdout.contains("warning [personal-data/email] an email address is left in"), "{}", r.stdout);
    assert!(r.stdout.contains("suggestion: replace with \"[email]\""), "{}", r.stdout);

    let plain = json(&run_stdin(&["check", "-f", "json"], RECORD.as_bytes()).stdout);
    let training = json(&run_stdin(&["check", "-f", "json", "--training"], RECORD.as_bytes()).stdout);
    let keys = |v: &Value| v["results"][0].as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    assert_eq!(keys(&plain), keys(&training), "the checker's JSON gains no fields");
    let found: Vec<&Value> = training["results"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["id"] == "personal-data/email")
        .collect();
    assert_eq!(found.len(), 2);
    assert_eq!(found[0]["text"], EMAIL_1);
    assert_eq!(found[0]["lens"], "both");
    let fkeys = |f: &Value| f.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    let other = &plain["results"][0]["findings"].as_array().unwrap();
    if let Some(o) = other.first() {
        assert_eq!(fkeys(o), fkeys(found[0]));
    }
}

#[test]
fn check_training_keeps_a_configured_level_and_config_alone_switches_it_on() {
    let dir = tempfile::tempdir().unwrap();
    let info = write(dir.path(), "info.toml", "[rules]\npersonal-data = \"info\"\n");
    let r = run_stdin(&["check", "--config", s(&info), "--color", "never"], RECORD.as_bytes());
    assert!(r.stdout.contains("info [personal-data/email]"), "{}", r.stdout);
    let r = run_stdin(&["check", "--config", s(&info), "--training", "--color", "never"], RECORD.as_bytes());
    assert!(r.stdout.contains("info [personal-data/email]"), "{}", r.stdout);
    let r = run_stdin(&["check", "--jsonl", "-", "--training"], b"{\"text\": \"a@example.org\"}\n");
    assert!(r.stdout.contains("personal-data/email"), "{}", r.stdout);
}

#[test]
fn rules_and_explain_say_personal_data_is_off_until_switched_on() {
    let r = run(&["check", "--rules", "--color", "never"]);
    let line = r.stdout.lines().find(|l| l.starts_with("personal-data ")).expect("listed");
    assert!(line.contains(" off "), "{line}");
    assert!(r.stdout.contains("--training"));
    let r = run(&["check", "--explain", "personal-data", "--color", "never"]);
    assert!(r.stdout.contains("Off unless switched on") && r.stdout.contains("--training"), "{}", r.stdout);
    let r = run(&["check", "--help"]);
    assert!(r.stdout.contains("--training"));
}
