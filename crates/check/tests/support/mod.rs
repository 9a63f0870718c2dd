//! Shared helpers for the integration tests: fixture loading and report invariants.
#![allow(dead_code)]

pub mod fixtures;
pub mod invariants;
