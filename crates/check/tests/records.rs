//! The fixture records: good practice draws no warnings or errors, faulty records show the faults
//! their `.expect` sidecar lists, and every report is snapshotted as JSON.
//!
//! See `tests/fixtures/README.md` for the conventions.

mod support;

use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind};

use recordwell_check::{Category, Config, RecordType, Severity};
use support::fixtures::{self, Fixture};
use support::invariants;

fn report_of(f: &Fixture) -> recordwell_check::Report {
    invariants::check_stable(&f.text, f.record_type, Config::shared_default())
}

#[test]
fn good_records_draw_no_warnings_or_errors() {
    let mut problems = Vec::new();
    for f in fixtures::load("good") {
        let report = report_of(&f);
        for finding in report.findings.iter().filter(|x| x.severity >= Severity::Warning) {
            problems.push(format!(
                "{} ({}) {}:{} {} {}: {:?} — {}",
                f.name,
                f.record_type,
                finding.line,
                finding.column,
                finding.severity,
                finding.id,
                finding.text,
                finding.message
            ));
        }
    }
    assert!(problems.is_empty(), "good records drew warnings or errors:\n{}", problems.join("\n"));
}

#[test]
fn faulty_records_show_their_expected_faults() {
    let mut missing = Vec::new();
    for f in fixtures::load("faulty") {
        let report = report_of(&f);
        let expected = f.expectations().unwrap_or_else(|| panic!("{} has no .expect file", f.path.display()));
        for id in &expected {
            if !report.findings.iter().any(|x| x.category.id() == id) {
                let found: Vec<&str> = report.findings.iter().map(|x| x.id.as_str()).collect();
                missing.push(format!("{} ({}): expected `{id}`, found {found:?}", f.name, f.record_type));
            }
        }
    }
    assert!(missing.is_empty(), "expected faults not found:\n{}", missing.join("\n"));
}

#[test]
fn expectation_files_are_valid_and_cover_the_catalogue() {
    let faulty = fixtures::load("faulty");
    let mut per_category: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut per_type: BTreeMap<RecordType, usize> = BTreeMap::new();
    for f in &faulty {
        let expected = f.expectations().unwrap_or_else(|| panic!("{} has no .expect file", f.path.display()));
        assert!(!expected.is_empty(), "{}: empty .expect file", f.name);
        for id in &expected {
            let cat = Category::from_id(id).unwrap_or_else(|| panic!("{}: `{id}` is not a catalogue id", f.name));
            assert!(f.record_type.applies(cat), "{}: `{id}` is never checked on a {}", f.name, f.record_type);
            *per_category.entry(cat.id()).or_default() += 1;
        }
        *per_type.entry(f.record_type).or_default() += 1;
    }
    for cat in Category::ALL.into_iter().filter(|c| *c != Category::PersonalData) {
        let n = per_category.get(cat.id()).copied().unwrap_or(0);
        assert!(n >= 2, "`{}` is expected by {n} faulty fixtures; cover it at least twice", cat.id());
    }
    for t in RecordType::ALL {
        let n = per_type.get(&t).copied().unwrap_or(0);
        assert!(n >= 2, "{n} faulty fixtures of type {t}; write at least two");
    }
    // Every sidecar belongs to a record.
    let dir = fixtures::root().join("faulty");
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) == Some("expect") {
            assert!(path.with_extension("txt").exists(), "{} has no record beside it", path.display());
        }
    }
}

#[test]
fn fixture_names_map_to_record_types() {
    assert_eq!(fixtures::record_type_of("case-summary"), Some(RecordType::CaseSummary));
    assert_eq!(fixtures::record_type_of("case-summary-dense"), Some(RecordType::CaseSummary));
    assert_eq!(fixtures::record_type_of("contact-phone-call"), Some(RecordType::Contact));
    assert_eq!(fixtures::record_type_of("contacts"), None);
    assert_eq!(fixtures::record_type_of("letter"), None);
}

/// One named JSON snapshot per fixture. Every fixture is compared even when an earlier one differs,
/// so `INSTA_UPDATE=always` rewrites them all in one run and a failure lists every mismatch.
#[test]
fn report_snapshots() {
    let mut failed = Vec::new();
    for f in fixtures::all() {
        let report = report_of(&f);
        let label = f.label();
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            insta::with_settings!({
                description => format!("{} checked as {}", f.path.strip_prefix(fixtures::root()).unwrap().display(), f.record_type),
                omit_expression => true,
            }, {
                insta::assert_json_snapshot!(label.as_str(), report);
            });
        }));
        if outcome.is_err() {
            failed.push(label);
        }
    }
    assert!(
        failed.is_empty(),
        "report snapshots differ for: {}\nreview the diff, then re-accept with INSTA_UPDATE=always",
        failed.join(", ")
    );
}
