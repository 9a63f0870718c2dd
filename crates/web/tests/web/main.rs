//! Integration tests: the real app on a random port, on SQLite and on PostgreSQL (a fresh
//! database on the server at `RECORDWELL_TEST_POSTGRES` for each test), driven over HTTP.
//!
//! One test binary (it links once). Each `both!` test runs twice, once per backend.

mod harness;
mod smtp;

mod access;
mod api;
mod auth;
mod bad_input;
mod operations;
mod programme_access;
mod programme_cohorts;
mod programme_followup;
mod records;
mod route_table;
mod security;
mod series;
