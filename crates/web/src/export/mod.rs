//! Exports for people outside Recordwell: PDF documents (post-box summaries, invitation
//! letters, cohort reports) and XLSX workbooks with charts. Both are made in-process: no
//! headless browser, no office suite, no fonts to install (PDFs use the standard Helvetica).

pub mod pdf;
pub mod svg;
pub mod xlsx;
