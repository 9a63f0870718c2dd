//! Reading records: files or standard input, with clear errors for everything that can go wrong.

use std::fmt;
use std::io::{self, IsTerminal, Read};
use std::path::{Path, PathBuf};

use crate::Outcome;

/// The UTF-8 byte-order mark, dropped from the front of an input.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Where a record comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// Standard input, shown as `<stdin>`.
    Stdin,
    /// A file.
    File(PathBuf),
}

impl Source {
    /// `-` means standard input; anything else is a file.
    pub fn from_arg(path: &Path) -> Source {
        if path.as_os_str() == "-" { Source::Stdin } else { Source::File(path.to_path_buf()) }
    }

    /// The name shown in output.
    pub fn display_name(&self) -> String {
        match self {
            Source::Stdin => "<stdin>".to_string(),
            Source::File(p) => p.display().to_string(),
        }
    }
}

/// Why an input could not be checked. The message names the input and says what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    /// The input's display name.
    pub name: String,
    /// What went wrong and what to do.
    pub message: String,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.name, self.message)
    }
}

impl InputError {
    /// Prints the error to standard error, coloured under the `--color` choice.
    pub fn report(&self, color: crate::ColorWhen) {
        let palette = crate::style::Palette::for_stderr(color);
        crate::say!("{}: {}: {}", palette.bad(&"recordwell: error"), self.name, self.message);
    }

    fn new(name: &str, message: impl Into<String>) -> InputError {
        InputError { name: name.to_string(), message: message.into() }
    }
}

/// Reads a whole input into memory as bytes.
pub fn read_bytes(source: &Source) -> Result<Vec<u8>, InputError> {
    let name = source.display_name();
    match source {
        Source::Stdin => {
            let mut buf = Vec::new();
            io::stdin()
                .lock()
                .read_to_end(&mut buf)
                .map_err(|e| InputError::new(&name, format!("cannot read: {e}")))?;
            Ok(buf)
        }
        Source::File(path) => {
            let meta = std::fs::metadata(path).map_err(|e| InputError::new(&name, io_message(&e)))?;
            if meta.is_dir() {
                return Err(InputError::new(
                    &name,
                    "is a directory; give the record files inside it (for example `dir/*.txt`)",
                ));
            }
            std::fs::read(path).map_err(|e| InputError::new(&name, io_message(&e)))
        }
    }
}

/// A record read from a file or standard input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// The text, without any UTF-8 byte-order mark.
    pub text: String,
    /// Bytes of byte-order mark dropped from the front (0 or 3), so offsets into `text` can be
    /// turned back into offsets into the input as it was read.
    pub bom: usize,
}

/// Reads and decodes one input (see [`decode`]).
pub fn read(source: &Source, lossy: bool) -> Result<Record, InputError> {
    let bytes = read_bytes(source)?;
    let bom = if bytes.starts_with(BOM) { BOM.len() } else { 0 };
    let text = decode(&source.display_name(), bytes, lossy)?;
    Ok(Record { text, bom })
}

/// The inputs named on the command line: `-` is standard input, and no name at all means standard
/// input when it is piped. With no name and a terminal for standard input, this is a usage error
/// of `subcommand`, saying there is no record to `verb`.
pub fn sources(paths: &[PathBuf], subcommand: &str, verb: &str) -> Result<Vec<Source>, Outcome> {
    if !paths.is_empty() {
        return Ok(paths.iter().map(|p| Source::from_arg(p)).collect());
    }
    if io::stdin().is_terminal() {
        return Err(crate::usage_error(
            subcommand,
            clap::error::ErrorKind::MissingRequiredArgument,
            format!("no record to {verb}: give one or more files, or `-` to read standard input"),
        ));
    }
    Ok(vec![Source::Stdin])
}

/// A plain description of an I/O error opening or reading a file.
pub fn io_message(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file; check the path".to_string(),
        io::ErrorKind::PermissionDenied => "permission denied; check the file's permissions".to_string(),
        _ => format!("cannot read: {e}"),
    }
}

/// Turns an input's bytes into text.
///
/// A UTF-8 byte-order mark is dropped. Text that is not UTF-8 is an error naming the byte offset
/// of the first bad byte (UTF-16 is recognised by its byte-order mark and named), unless `lossy`
/// is set, when bad bytes become U+FFFD and checking carries on. A NUL byte means the input is
/// almost certainly not a text record (a word-processor file or an image), and is treated the
/// same way.
pub fn decode(name: &str, bytes: Vec<u8>, lossy: bool) -> Result<String, InputError> {
    let bytes = match bytes.strip_prefix(BOM) {
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
    if let Some(problem) = problem(&bytes) {
        if !lossy {
            return Err(InputError::new(name, problem));
        }
        let text = match String::from_utf8(bytes) {
            Ok(s) => s,
            Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
        };
        return Ok(text.replace('\0', "\u{FFFD}"));
    }
    // `problem` returned None, so the bytes are valid UTF-8.
    String::from_utf8(bytes).map_err(|e| InputError::new(name, bad_utf8(e.utf8_error().valid_up_to())))
}

/// Describes why bytes are not a plain UTF-8 text, or returns `None` if they are.
pub fn problem(bytes: &[u8]) -> Option<String> {
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Some(
            "is UTF-16 text, not UTF-8; save it as UTF-8 (\"Plain text, UTF-8\"), or use --lossy to check it anyway"
                .to_string(),
        );
    }
    if let Err(e) = std::str::from_utf8(bytes) {
        return Some(bad_utf8(e.valid_up_to()));
    }
    memchr::memchr(0, bytes).map(|at| {
        format!(
            "looks like a binary file, not text (NUL byte at byte offset {at}); save the record as plain text, \
             or use --lossy to check it anyway"
        )
    })
}

fn bad_utf8(at: usize) -> String {
    format!(
        "is not valid UTF-8 text (first bad byte at byte offset {at}); save it as UTF-8, or use --lossy to replace \
         bad bytes and check it anyway"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_passes() {
        assert_eq!(decode("x", b"hello".to_vec(), false).unwrap(), "hello");
        assert_eq!(decode("x", b"\xEF\xBB\xBFhi".to_vec(), false).unwrap(), "hi");
        assert_eq!(decode("x", Vec::new(), false).unwrap(), "");
    }

    #[test]
    fn invalid_utf8_names_the_offset() {
        let err = decode("notes.txt", b"abc\xFFdef".to_vec(), false).unwrap_err();
        assert_eq!(err.name, "notes.txt");
        assert!(err.message.contains("byte offset 3"), "{}", err.message);
        assert_eq!(decode("x", b"abc\xFFdef".to_vec(), true).unwrap(), "abc\u{FFFD}def");
    }

    #[test]
    fn binary_and_utf16_are_recognised() {
        assert!(decode("x", b"ab\0cd".to_vec(), false).unwrap_err().message.contains("binary"));
        assert!(decode("x", b"\xFF\xFEa\0".to_vec(), false).unwrap_err().message.contains("UTF-16"));
        assert!(!decode("x", b"ab\0cd".to_vec(), true).unwrap().contains('\0'));
    }

    #[test]
    fn read_counts_the_byte_order_mark() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, b"\xEF\xBB\xBFhi").unwrap();
        assert_eq!(read(&Source::File(path), false).unwrap(), Record { text: "hi".into(), bom: 3 });
    }

    #[test]
    fn stdin_is_named() {
        assert_eq!(Source::from_arg(Path::new("-")).display_name(), "<stdin>");
        assert_eq!(Source::from_arg(Path::new("a.txt")).display_name(), "a.txt");
    }
}

/// The key naming a file's result in JSON output: `{"path": …}`.
#[derive(serde::Serialize)]
pub(crate) struct PathKey<'a> {
    pub path: &'a str,
}

/// A file that could not be read or processed, as JSON: `{"path": …, "error": …}`.
#[derive(serde::Serialize)]
pub(crate) struct FileErrorView<'a> {
    pub path: &'a str,
    pub error: &'a str,
}
