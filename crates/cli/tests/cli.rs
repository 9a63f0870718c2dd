//! End-to-end tests: run the built `recordwell` binary over temporary files.

mod common;

use common::*;

const JUDGEMENTAL: &str = "Visit to the family home.\nMum was non-compliant with the plan.\n";
const JARGON: &str = "We talked with Mum about the respite placement.\n";

// ---- text output -------------------------------------------------------------------------

#[test]
fn text_output_has_location_excerpt_suggestion_and_summary() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(dir.path(), "visit.txt", JUDGEMENTAL);
    let r = run(&["check", s(&f)]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let head = format!("{}:2:9: warning [judgemental-language", s(&f));
    assert!(r.stdout.contains(&head), "{}", r.stdout);
    assert!(r.stdout.contains("2 | Mum was non-compliant with the plan.\n  |         ^^^^^^^^^^^^^\n"), "{}", r.stdout);
    assert!(r.stdout.contains("= suggestion: "));
    let summary = r.stdout.lines().last().unwrap();
    assert!(summary.starts_with(&format!("{}: 1 warning", s(&f))), "{summary}");
    for part in ["colleague ", "family ", "words", "reading ease"] {
        assert!(summary.contains(part), "{summary}");
    }
    assert!(!r.stdout.contains('\u{1b}'), "no colour when not a terminal");
}

#[test]
fn clean_record_exits_zero() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(dir.path(), "ok.txt", "");
    let r = run(&["check", s(&f)]);
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains("no findings"), "{}", r.stdout);
}

#[test]
fn several_files_get_a_total() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(dir.path(), "a.txt", JUDGEMENTAL);
    let b = write(dir.path(), "b.txt", JARGON);
    let r = run(&["check", s(&a), s(&b)]);
    assert_eq!(r.code, 1);
    assert!(r.stdout.contains("[jargon/placement]") && r.stdout.contains("[jargon/respite]"), "{}", r.stdout);
    let last = r.stdout.lines().last().unwrap();
    assert!(last.starts_with("total: ") && last.contains("in 2 records"), "{last}");
}

#[test]
fn stdin_is_read_and_named() {
    let r = run_stdin(&["check", "-"], JUDGEMENTAL.as_bytes());
    assert_eq!(r.code, 1);
    assert!(r.stdout.contains("<stdin>:2:9: warning"), "{}", r.stdout);
    // With no path at all, piped input is read too.
    let r = run_stdin(&["check"], JARGON.as_bytes());
    assert!(r.stdout.contains("<stdin>:1:30: info [jargon/respite]"), "{}", r.stdout);
}

#[test]
fn wide_characters_and_tabs_line_up() {
    let r = run_stdin(&["check", "-"], "子供\tsaw the placement.\n".as_bytes());
    let lines: Vec<&str> = r.stdout.lines().collect();
    let i = lines.iter().position(|l| l.starts_with("1 | ")).unwrap();
    assert_eq!(lines[i], "1 | 子供    saw the placement.");
    assert_eq!(lines[i + 1], "  |                 ^^^^^^^^^");
}

#[test]
fn colour_follows_the_flag_and_environment() {
    let r = run_stdin(&["check", "--color", "always", "-"], JUDGEMENTAL.as_bytes());
    assert!(r.stdout.contains("\u{1b}["));
    let r = run_stdin(&["check", "--color", "never", "-"], JUDGEMENTAL.as_bytes());
    assert!(!r.stdout.contains('\u{1b}'));
    let mut cmd = command(&["check", "-"]);
    cmd.env("CLICOLOR_FORCE", "1");
    assert!(run_cmd(cmd, Some(JUDGEMENTAL.as_bytes())).stdout.contains("\u{1b}["));
    let mut cmd = command(&["check", "-"]);
    cmd.env("CLICOLOR_FORCE", "1").env("NO_COLOR", "1");
    assert!(!run_cmd(cmd, Some(JUDGEMENTAL.as_bytes())).stdout.contains('\u{1b}'));
}

// ---- flags and exit codes ----------------------------------------------------------------

#[test]
fn fail_level_decides_the_exit_code() {
    // Jargon is info by default.
    assert_eq!(run_stdin(&["check", "-"], JARGON.as_bytes()).code, 0);
    assert_eq!(run_stdin(&["check", "--fail-level", "info", "-"], JARGON.as_bytes()).code, 1);
    assert_eq!(run_stdin(&["check", "--fail-level", "warning", "-"], JUDGEMENTAL.as_bytes()).code, 1);
    assert_eq!(run_stdin(&["check", "--fail-level", "error", "-"], JUDGEMENTAL.as_bytes()).code, 0);
}

#[test]
fn record_type_is_passed_on() {
    let r = run_stdin(&["check", "--type", "case-summary", "--format", "json", "-"], b"Short.");
    assert_eq!(json(&r.stdout)["results"][0]["record_type"], "case-summary");
    let r = run_stdin(&["check", "-t", "chronology", "--format", "json", "-"], b"Short.");
    assert_eq!(json(&r.stdout)["results"][0]["record_type"], "chronology");
    let r = run_stdin(&["check", "--format", "json", "-"], b"Short.");
    assert_eq!(json(&r.stdout)["results"][0]["record_type"], "detailed");
}

#[test]
fn usage_errors_exit_two() {
    let r = run(&["check", "--type", "letter", "x.txt"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("case-summary") && r.stderr.contains("supervision"), "{}", r.stderr);
    assert_eq!(run(&["check", "--format", "yaml", "x"]).code, 2);
    assert_eq!(run(&["check", "--fail-level", "loud", "x"]).code, 2);
    assert_eq!(run(&["check", "--no-such-flag"]).code, 2);
    assert_eq!(run(&["frobnicate"]).code, 2);
    assert_eq!(run(&[]).code, 2);
    assert_eq!(run(&["check", "--jsonl", "-", "a.txt"]).code, 2);
    let r = run(&["check", "--help"]);
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains("Exit codes") && r.stdout.contains("--jsonl"));
    assert_eq!(run(&["--version"]).code, 0);
}

#[test]
fn jsonl_with_format_text_is_a_usage_error() {
    let r = run_stdin(&["check", "--jsonl", "-", "--format", "text"], b"");
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("JSON Lines"), "{}", r.stderr);
}

// ---- JSON output -------------------------------------------------------------------------

#[test]
fn json_output_has_the_documented_shape() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(dir.path(), "visit.txt", JUDGEMENTAL);
    let missing = dir.path().join("missing.txt");
    let r = run(&["check", "--format", "json", "--type", "contact", s(&f), s(&missing)]);
    assert_eq!(r.code, 2, "a missing file makes the run exit 2");
    let v = json(&r.stdout);
    let results = v["results"].as_array().unwrap();
    assert_eq!(results.len(), 2);
    let ok = &results[0];
    assert_eq!(ok["path"], s(&f));
    assert_eq!(ok["record_type"], "contact");
    let finding = ok["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["category"] == "judgemental-language")
        .expect("judgemental finding");
    for key in ["id", "category", "lens", "severity", "message", "suggestion", "start", "end", "line", "column", "text"]
    {
        assert!(finding.get(key).is_some(), "finding lacks {key}");
    }
    assert_eq!(finding["text"], "non-compliant");
    assert_eq!((finding["line"].as_u64(), finding["column"].as_u64()), (Some(2), Some(9)));
    assert_eq!(
        &JUDGEMENTAL[finding["start"].as_u64().unwrap() as usize..finding["end"].as_u64().unwrap() as usize],
        "non-compliant"
    );
    for key in ["words", "sentences", "flesch_reading_ease", "flesch_kincaid_grade"] {
        assert!(ok["metrics"].get(key).is_some(), "metrics lacks {key}");
    }
    assert!(ok["scores"]["colleague"].is_u64() && ok["scores"]["family"].is_u64());
    assert_eq!(results[1]["path"], s(&missing));
    assert!(results[1]["error"].as_str().unwrap().contains("no such file"));
}

// ---- bad input ---------------------------------------------------------------------------

#[test]
fn missing_file_is_named_and_others_still_checked() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(dir.path(), "ok.txt", JARGON);
    let missing = dir.path().join("nope.txt");
    let r = run(&["check", s(&missing), s(&f)]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains(s(&missing)) && r.stderr.contains("no such file"), "{}", r.stderr);
    assert!(r.stdout.contains("[jargon/respite]"), "the other file is still checked");
}

#[test]
fn directory_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let r = run(&["check", s(dir.path())]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("is a directory"), "{}", r.stderr);
}

#[test]
fn invalid_utf8_is_an_error_unless_lossy() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(dir.path(), "latin1.txt", b"The respite was caf\xE9 based.\n");
    let r = run(&["check", s(&f)]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains(s(&f)) && r.stderr.contains("byte offset 19"), "{}", r.stderr);
    assert!(r.stderr.contains("--lossy"));
    let r = run(&["check", "--lossy", s(&f)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("[jargon/respite]"));
    assert!(r.stdout.contains('\u{FFFD}'));
}

#[test]
fn binary_input_is_recognised() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(dir.path(), "image.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    let r = run(&["check", s(&f)]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("image.png") && r.stderr.contains("byte offset"), "{}", r.stderr);
    let r = run_stdin(&["check", "-"], b"placement\0\0\0");
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("<stdin>") && r.stderr.contains("binary"), "{}", r.stderr);
    assert_eq!(run_stdin(&["check", "--lossy", "-"], b"placement\0\0\0").code, 0);
}

#[test]
fn huge_input_works() {
    let dir = tempfile::tempdir().unwrap();
    let para = "The family were seen at home on 3 March. The child said she liked her new school. \
                Mum was non-compliant with the plan.\n";
    let big = para.repeat(50 * 1024 * 1024 / para.len() + 1);
    let f = write(dir.path(), "big.txt", &big);
    let r = run(&["check", "--format", "json", s(&f)]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let v = json(&r.stdout);
    assert!(v["results"][0]["metrics"]["words"].as_u64().unwrap() > 5_000_000);
}

#[test]
fn very_long_line_is_cut_around_the_span() {
    let text = format!("{} non-compliant {}", "word ".repeat(2000), "word ".repeat(2000));
    let r = run_stdin(&["check", "-"], text.as_bytes());
    let lines: Vec<&str> = r.stdout.lines().collect();
    let at = lines.iter().position(|l| l.contains("[judgemental-language")).unwrap();
    let line = lines[at + 2];
    assert!(line.contains("…") && line.contains("non-compliant"), "{line}");
    assert!(line.chars().count() < 120);
}

// ---- config, rules, explain --------------------------------------------------------------

#[test]
fn config_changes_levels_and_lists() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = write(
        dir.path(),
        "org.toml",
        "[rules]\n\"jargon/placement\" = \"error\"\n\n[lists.jargon]\nremove = [\"respite\"]\n",
    );
    let r = run_stdin(&["check", "--config", s(&cfg), "-"], JARGON.as_bytes());
    assert_eq!(r.code, 1);
    assert!(r.stdout.contains("error [jargon/placement]"), "{}", r.stdout);
    assert!(!r.stdout.contains("jargon/respite"));
}

#[test]
fn config_errors_exit_two_and_list_valid_ids() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = write(dir.path(), "bad.toml", "[rules]\nnot-a-rule = \"off\"\n");
    let r = run_stdin(&["check", "--config", s(&cfg), "-"], JARGON.as_bytes());
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("not-a-rule") && r.stderr.contains("judgemental-language"), "{}", r.stderr);
    let cfg = write(dir.path(), "broken.toml", "[rules\n");
    assert_eq!(run_stdin(&["check", "--config", s(&cfg), "-"], b"x").code, 2);
    let r = run_stdin(&["check", "--config", s(&dir.path().join("none.toml")), "-"], b"x");
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("none.toml"), "{}", r.stderr);
}

#[test]
fn rules_lists_the_whole_catalogue() {
    let r = run(&["check", "--rules"]);
    assert_eq!(r.code, 0);
    for id in ["judgemental-language", "jargon", "hard-to-read", "personal-data"] {
        assert!(r.stdout.contains(id), "{id}");
    }
    assert!(r.stdout.contains("TACT"), "the why is shown");
    let r = run(&["check", "--rules", "--format", "json"]);
    let v = json(&r.stdout);
    let rules = v["rules"].as_array().unwrap();
    assert_eq!(rules.len(), 21);
    for key in ["id", "title", "lens", "severity", "why"] {
        assert!(rules[0].get(key).is_some(), "{key}");
    }
}

#[test]
fn explain_accepts_category_and_specific_ids() {
    let r = run(&["check", "--explain", "judgemental-language"]);
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains("Judgemental language") && r.stdout.contains("TACT"));
    let r = run(&["check", "--explain", "jargon/placement"]);
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains("jargon/placement") && r.stdout.contains("suggestion: \"home\""), "{}", r.stdout);
    let r = run(&["check", "--explain", "jargon/placement", "--format", "json"]);
    let v = json(&r.stdout);
    assert_eq!(v["rule"]["id"], "jargon");
    assert!(v["entry"]["match"].as_array().is_some());
    let r = run(&["check", "--explain", "hard-to-read"]);
    assert_eq!(r.code, 0);
}

#[test]
fn explain_unknown_id_lists_valid_ids() {
    let r = run(&["check", "--explain", "nonsense"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("nonsense") && r.stderr.contains("scare-quotes"), "{}", r.stderr);
}

// ---- batch mode --------------------------------------------------------------------------

#[test]
fn jsonl_preserves_order_and_survives_a_malformed_line() {
    let n = 3000;
    let bad_at = 1500;
    let mut input = String::new();
    for i in 0..n {
        if i == bad_at {
            input.push_str("{this is not json\n");
        } else if i % 3 == 0 {
            input.push_str(&format!("{{\"id\": {i}, \"type\": \"contact\", \"text\": \"Mum was non-compliant.\"}}\n"));
        } else {
            input.push_str(&format!(
                "{{\"id\": \"r{i}\", \"text\": \"{}\"}}\n",
                "The child said hello. ".repeat(i % 40)
            ));
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let f = write(dir.path(), "in.jsonl", &input);
    for source in [s(&f), "-"] {
        let r = if source == "-" {
            run_stdin(&["check", "--jsonl", "-"], input.as_bytes())
        } else {
            run(&["check", "--jsonl", source])
        };
        assert_eq!(r.code, 1, "{}", r.stderr);
        let out = jsonl_lines(&r.stdout);
        assert_eq!(out.len(), n);
        for (i, v) in out.iter().enumerate() {
            assert_eq!(v["line"], i + 1);
            if i == bad_at {
                assert!(v["error"].as_str().unwrap().contains("not valid JSON"), "{v}");
                assert!(v.get("id").is_none());
            } else if i % 3 == 0 {
                assert_eq!(v["id"], i);
                assert_eq!(v["record_type"], "contact");
                assert!(v["findings"].as_array().unwrap().iter().any(|f| f["category"] == "judgemental-language"));
            } else {
                assert_eq!(v["id"], format!("r{i}"));
                assert_eq!(v["record_type"], "detailed");
                assert!(v.get("path").is_none() && v.get("scores").is_some() && v.get("metrics").is_some());
            }
        }
    }
}

#[test]
fn jsonl_line_errors_say_what_is_wrong() {
    let input: &[u8] = b"{\"id\": 1, \"text\": \"Fine.\"}\n\
        {\"id\": 2}\n\
        {\"id\": 3, \"type\": \"letter\", \"text\": \"x\"}\n\
        {\"id\": 4, \"text\": \"caf\xE9\"}\n\
        \n\
        [1, 2]\n\
        {\"id\": 6, \"text\": 42}\n";
    let r = run_stdin(&["check", "--jsonl", "-"], input);
    assert_eq!(r.code, 1, "errors but some lines checked: 1");
    let out = jsonl_lines(&r.stdout);
    assert_eq!(out.len(), 6, "the blank line is skipped");
    assert!(out[0].get("error").is_none());
    assert_eq!(out[1]["id"], 2);
    assert!(out[1]["error"].as_str().unwrap().contains("\"text\""));
    assert!(out[2]["error"].as_str().unwrap().contains("case-summary"));
    assert_eq!(out[3]["line"], 4);
    assert!(out[3]["error"].as_str().unwrap().contains("UTF-8"));
    assert_eq!(out[4]["line"], 6);
    assert!(out[5]["error"].as_str().unwrap().contains("string"));
    // With --lossy the Latin-1 line is checked.
    let r = run_stdin(&["check", "--jsonl", "-", "--lossy"], input);
    assert!(jsonl_lines(&r.stdout)[3].get("error").is_none());
}

#[test]
fn jsonl_exit_codes() {
    assert_eq!(run_stdin(&["check", "--jsonl", "-"], b"").code, 0, "empty input is fine");
    assert_eq!(run_stdin(&["check", "--jsonl", "-"], b"{\"text\": \"Fine.\"}\n").code, 0);
    let r = run_stdin(&["check", "--jsonl", "-"], b"garbage\nmore garbage\n");
    assert_eq!(r.code, 2, "no line could be read");
    assert_eq!(jsonl_lines(&r.stdout).len(), 2);
    let r = run(&["check", "--jsonl", "/no/such/file.jsonl"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("/no/such/file.jsonl"));
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(run(&["check", "--jsonl", s(dir.path())]).code, 2);
    let jargon = b"{\"text\": \"The respite placement.\"}\n";
    assert_eq!(run_stdin(&["check", "--jsonl", "-"], jargon).code, 0);
    assert_eq!(run_stdin(&["check", "--jsonl", "-", "--fail-level", "info"], jargon).code, 1);
    let r = run_stdin(&["check", "--jsonl", "-", "--type", "assessment"], jargon);
    assert_eq!(jsonl_lines(&r.stdout)[0]["record_type"], "assessment");
}

// ---- broken pipe -------------------------------------------------------------------------

#[test]
fn broken_pipe_exits_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(dir.path(), "big.txt", "Mum was non-compliant. The respite placement ended.\n".repeat(20_000));
    closes_early(&["check", s(&f)], None);
    closes_early(&["check", "--format", "json", s(&f)], None);
    let line = "{\"id\": 1, \"text\": \"Mum was non-compliant.\"}\n".repeat(20_000);
    closes_early(&["check", "--jsonl", "-"], Some(line.into_bytes()));
}
