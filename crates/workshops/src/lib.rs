//! # recordwell-workshops
//!
//! The rules of a cross-service workshop series on recording practice (test a change, reflect,
//! review), with no I/O: the web platform and the command line use them on what they load.
//!
//! - [`disclosure`]: services with fewer than [`MIN_GROUP`] people are pooled into "Other
//!   services" in every output, so nobody is identifiable by their service.
//! - [`groups`]: small groups for sharing, services mixed.
//! - [`votes`]: one vote per person per item, and an optional number of votes each.
//! - [`priorities`]: how each service prioritised the core elements of recording, and where
//!   services connect (an element every service ranks high) and diverge (one ranks it high,
//!   another low).
//! - [`assets`]: assets that support meaningful recording (personal, cultural, structural),
//!   barriers, and recommendations with the level they are for.
//! - [`publish`]: whether a text (the emerging-learning update) is safe to publish: no one's name,
//!   no service too small to stand on its own.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod assets;
pub mod disclosure;
pub mod groups;
pub mod priorities;
pub mod publish;
pub mod votes;

/// The fewest people a figure may be about: a service, a chart bar or an impact measure with
/// fewer is pooled or left out, as statistical disclosure control for small groups asks.
pub const MIN_GROUP: usize = 3;
