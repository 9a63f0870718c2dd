//! Loading the records under `tests/fixtures/`.

use std::fs;
use std::path::{Path, PathBuf};

use recordwell_check::RecordType;

/// One fixture record.
pub struct Fixture {
    /// `good` or `faulty`.
    pub kind: &'static str,
    /// File stem, e.g. `contact-phone-call`.
    pub name: String,
    /// The file itself.
    pub path: PathBuf,
    /// The record type named by the stem.
    pub record_type: RecordType,
    /// The record.
    pub text: String,
}

impl Fixture {
    /// A name unique across kinds, for snapshots and messages.
    pub fn label(&self) -> String {
        format!("{}__{}", self.kind, self.name)
    }

    /// The sidecar `.expect` file's category ids (comments and blank lines dropped), if there is one.
    pub fn expectations(&self) -> Option<Vec<String>> {
        let text = fs::read_to_string(self.path.with_extension("expect")).ok()?;
        Some(parse_expect(&text))
    }
}

/// Parses an `.expect` file: one id per line, `#` starts a comment line.
pub fn parse_expect(text: &str) -> Vec<String> {
    text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).map(str::to_string).collect()
}

/// The directory holding the fixtures.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("fixtures")
}

/// The record type a fixture stem names: the stem itself or its longest type-id prefix followed by `-`.
pub fn record_type_of(stem: &str) -> Option<RecordType> {
    RecordType::ALL
        .into_iter()
        .filter(|t| stem == t.id() || stem.strip_prefix(t.id()).is_some_and(|rest| rest.starts_with('-')))
        .max_by_key(|t| t.id().len())
}

/// Every `.txt` fixture of one kind, sorted by name. Panics on a file whose stem names no type.
pub fn load(kind: &'static str) -> Vec<Fixture> {
    let dir = root().join(kind);
    let mut out = Vec::new();
    for entry in fs::read_dir(&dir).unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display())) {
        let path = entry.expect("directory entry").path();
        if path.extension().and_then(|e| e.to_str()) != Some("txt") {
            continue;
        }
        let name = path.file_stem().and_then(|s| s.to_str()).expect("UTF-8 file name").to_string();
        let record_type = record_type_of(&name)
            .unwrap_or_else(|| panic!("{}: file name does not start with a record type id", path.display()));
        let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        out.push(Fixture { kind, name, path, record_type, text });
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    assert!(!out.is_empty(), "no fixtures in {}", dir.display());
    out
}

/// Good fixtures, then faulty ones.
pub fn all() -> Vec<Fixture> {
    let mut v = load("good");
    v.extend(load("faulty"));
    v
}
