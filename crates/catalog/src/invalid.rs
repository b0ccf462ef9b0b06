//! What makes a `problem.json` invalid beyond its JSON shape: each way the data can fail the model, with
//! the case it concerns, so a misspelt or misplaced field fails when the catalogue loads.

/// Why a problem's data does not fit the model.
#[derive(Debug, thiserror::Error)]
pub enum Invalid {
    /// The JSON does not match the model's shape.
    #[error(transparent)]
    Json(#[from] serde_json::Error),
    /// A function problem's case is a trace or a property.
    #[error("case '{0}': a function problem's cases have args or generate")]
    FunctionCase(String),
    /// A rate limiter's case has arguments.
    #[error("case '{0}': a rate limiter's cases are traces or properties")]
    LimiterCase(String),
    /// The entry is not the kind's.
    #[error("a {0} problem needs a matching entry (function, or class and method)")]
    Entry(&'static str),
    /// The statement asks for an examples table of a class.
    #[error("an examples table needs a function entry")]
    TableEntry,
    /// An example in the table has no arguments.
    #[error("example '{0}' has no args")]
    ExampleArgs(String),
    /// An example in the table does not say what it shows.
    #[error("example '{0}' does not say what it shows")]
    ExampleShows(String),
    /// A hidden test names no category.
    #[error("case '{0}' has no category")]
    NoCategory(String),
    /// A property case that does not read.
    #[error("{case}: {error}")]
    Property {
        /// The case.
        case: String,
        /// Why it does not read.
        error: serde_json::Error,
    },
    /// A case with fields the model does not have.
    #[error("case '{case}' has unknown fields {fields:?}")]
    UnknownFields {
        /// The case.
        case: String,
        /// The fields.
        fields: Vec<String>,
    },
    /// A case with no input.
    #[error("case '{0}' has no args, generate, trace or property")]
    NoInput(String),
}
