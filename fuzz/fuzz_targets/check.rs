//! Checks arbitrary bytes (decoded lossily as UTF-8) as every record type and asserts the report
//! invariants shared with the integration tests.

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../crates/check/tests/support/invariants.rs"]
#[allow(dead_code)]
mod invariants;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    invariants::check_every_type(&text);
});
