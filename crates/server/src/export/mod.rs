//! The session written out for people and other tools: one `Export` document (the score sheet with each
//! question's text and each flag's text, the decision, every submission's summary, the final code, ISO
//! 8601 times) rendered as JSON, CSV (one row per item, with its kind) or Markdown.
//!
//! - `document`: the document's parts, each read from what the store holds;
//! - `build`: the document from its sources, the feedback draft included (`feedback` reads the document
//!   and never this module's builder);
//! - `csv`, `markdown`: the two text forms (JSON is the document serialised).

mod build;
mod csv;
pub(crate) mod document;
mod markdown;

pub use build::Sources;
pub use csv::to_csv;
pub use document::{Export, iso};
pub use markdown::to_markdown;
