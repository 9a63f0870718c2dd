//! # recordwell-web
//!
//! The web platform: `recordwell serve`. Practitioners write records with the checker's feedback
//! beside them; administrators manage people, API tokens and the audit log; other systems use the
//! JSON API under `/api/v1`.
//!
//! Where things are:
//! - [`settings`]: what the server is told (listen address, database, mail).
//! - [`server`]: building the app, serving it, shutting down gracefully.
//! - [`access`]: the role rule of every route, in one table.
//! - [`auth`]: passwords, sessions, CSRF protection, sign-in throttling.
//! - [`pages`]: server-rendered HTML, one module per area (set-up, sign-in, records, admin).
//! - [`api`]: JSON for other systems, and its OpenAPI document.
//! - [`security`], [`metrics`], [`mail`], [`audit`], [`demo`]: the rest of the platform.
//!
//! HTML is rendered on the server and works without JavaScript; `static/workspace.js` adds live
//! feedback while typing.

#![forbid(unsafe_code)]
#![recursion_limit = "256"]

pub mod access;
pub mod api;
pub mod audit;
pub mod auth;
pub mod clock;
pub mod demo;
pub mod error;
pub mod export;
pub mod input;
pub mod jobs;
pub mod mail;
pub mod metrics;
pub mod pages;
pub mod programme;
pub mod security;
pub mod server;
pub mod settings;
pub mod state;
pub mod views;

pub use server::{ServeError, app, serve};
pub use settings::Settings;
pub use state::AppState;
