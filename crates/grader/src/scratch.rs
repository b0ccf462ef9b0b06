//! A scratch run: the interviewer's own input, given to the candidate's code and to the trusted reference,
//! side by side. The input is the interviewer's text, read strictly here (a closed set of value tags, caps
//! on size and depth); what the candidate's code does with it is a result, never an error.
//!
//! What it is not: a grading. Nothing is scored, and the input is never one of the hidden tests.

use crate::options::GradeError;
use catalog::{CaseInput, Kind, Problem};
use runner::Value;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value as Json};

/// Largest input text, in bytes: room for an input of the statements' largest size (100,000 integers of
/// up to about 40 digits, or 100,000 characters of any kind written as JSON escapes).
pub const MAX_INPUT_BYTES: usize = 4 << 20;
/// Deepest nesting of an argument.
const MAX_DEPTH: usize = 32;
/// Most requests in a scratch trace.
pub const MAX_REQUESTS: usize = 1_000;
/// Longest key of a scratch trace, in characters.
const MAX_KEY_CHARS: usize = 100;
/// Largest limit of a scratch trace.
const MAX_LIMIT: i64 = 10_000;
/// Longest window of a scratch trace, in seconds.
const MAX_WINDOW: f64 = 1e6;

/// What a scratch run feeds the code.
#[derive(Debug, Clone, PartialEq)]
pub enum ScratchInput {
    /// The arguments of one call of a function problem's entry point.
    Args(Vec<Value>),
    /// One fresh limiter and its requests, for a rate limiter.
    Trace(ScratchTrace),
}

/// A rate limiter's scratch trace.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScratchTrace {
    /// Requests allowed per window.
    pub limit: i64,
    /// Window length in seconds.
    pub window: f64,
    /// `(key, time)` pairs, in order.
    pub requests: Vec<(String, f64)>,
}

/// What the candidate's code did on one call.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CallResult {
    /// The value returned, as Python would print it (cut when long).
    pub value: Option<String>,
    /// Why there is no value, or why the value is not the reference's (a wrong type), in words.
    pub error: Option<String>,
    /// The line of the candidate's code where it failed, when known.
    pub line: Option<u32>,
    /// What the code printed.
    pub output: String,
}

/// One request of a scratch trace with both decisions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TraceDecision {
    /// The key.
    pub key: String,
    /// The time, in seconds.
    pub time: f64,
    /// Whether the candidate's limiter admitted it (none when it stopped before).
    pub candidate: Option<bool>,
    /// Whether the reference admitted it.
    pub reference: bool,
}

/// A scratch run's answer.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ScratchResult {
    /// A function problem: one call.
    Call {
        /// The arguments as Python would print them.
        input: String,
        /// What the candidate's code did.
        candidate: CallResult,
        /// The reference's answer.
        reference: String,
        /// Whether the candidate's answer is the reference's, by exact type and value.
        agrees: bool,
    },
    /// A rate limiter: one trace.
    Trace {
        /// Requests allowed per window.
        limit: i64,
        /// Window length in seconds.
        window: f64,
        /// Each request with both decisions.
        requests: Vec<TraceDecision>,
        /// Why the candidate's limiter stopped answering, in words.
        error: Option<String>,
        /// The line of the candidate's code where it failed, when known.
        line: Option<u32>,
        /// What the candidate's code printed.
        output: String,
        /// Whether every decision is the reference's.
        agrees: bool,
    },
}

/// Why a scratch run could not be made. What the candidate's code does is never one of these.
#[derive(Debug, thiserror::Error)]
pub enum ScratchError {
    /// The input cannot be read, or does not fit the problem.
    #[error("{0}")]
    Input(String),
    /// The trusted reference did not answer this input: it does not fit what the problem takes.
    #[error("the reference solution does not accept this input ({outcome}); check it against the signature")]
    Reference {
        /// What the reference did instead of answering, in words.
        outcome: String,
    },
    /// The sandbox or the problem's data failed.
    #[error(transparent)]
    Grade(#[from] GradeError),
}

/// Reads the interviewer's text for `problem`: for a function, a JSON list with one item per argument
/// (the same tagged JSON as `problem.json`: `{"$tuple": [...]}`, `{"$set": [...]}`, `{"$dict": [[k, v]]}`,
/// `{"$int": "digits"}`, `{"$float": "inf"}`); for a rate limiter, `{"limit", "window", "requests": [[key,
/// time], ...]}`.
pub fn parse(problem: &Problem, text: &str) -> Result<ScratchInput, ScratchError> {
    let bad = |message: String| Err(ScratchError::Input(message));
    check_size(text)?;
    if text.trim().is_empty() {
        return bad("the input is empty".into());
    }
    match problem.kind {
        Kind::Function => parse_args(problem, text),
        Kind::RateLimiter => parse_trace(text),
    }
}

/// Refuses a text over `MAX_INPUT_BYTES`, saying both sizes in megabytes.
pub fn check_size(text: &str) -> Result<(), ScratchError> {
    if text.len() <= MAX_INPUT_BYTES {
        return Ok(());
    }
    let megabytes = |bytes: usize| bytes as f64 / (1 << 20) as f64;
    Err(ScratchError::Input(format!(
        "the input is {:.1} MB; an input can be at most {:.0} MB (enough for the statement's largest inputs)",
        megabytes(text.len()),
        megabytes(MAX_INPUT_BYTES)
    )))
}

fn parse_args(problem: &Problem, text: &str) -> Result<ScratchInput, ScratchError> {
    let json: Json = serde_json::from_str(text).map_err(|e| {
        ScratchError::Input(format!("the input is not valid JSON ({e}); write the arguments as a JSON list"))
    })?;
    let Json::Array(items) = json else {
        return Err(ScratchError::Input("the input must be a JSON list with one item per argument".into()));
    };
    let arity = problem.examples.iter().find_map(|c| match &c.input {
        CaseInput::Args(args) => Some(args.len()),
        _ => None,
    });
    if let Some(n) = arity.filter(|&n| n != items.len()) {
        let plural = |k: usize| if k == 1 { "argument" } else { "arguments" };
        return Err(ScratchError::Input(format!(
            "the function takes {n} {}; the list holds {} (a single list argument is written inside the list, e.g. [[3, 1, 3]])",
            plural(n),
            items.len()
        )));
    }
    let args = items.iter().map(|item| strict(item, 0)).collect::<Result<Vec<_>, _>>()?;
    Ok(ScratchInput::Args(args))
}

fn parse_trace(text: &str) -> Result<ScratchInput, ScratchError> {
    let trace: ScratchTrace = serde_json::from_str(text).map_err(|e| {
        ScratchError::Input(format!(
            "the trace is not readable ({e}); write {{\"limit\": 3, \"window\": 1.0, \"requests\": [[\"alice\", 0.0], ...]}}"
        ))
    })?;
    if !(1..=MAX_LIMIT).contains(&trace.limit) {
        return Err(ScratchError::Input(format!("the limit must be between 1 and {MAX_LIMIT}")));
    }
    if !(trace.window > 0.0 && trace.window <= MAX_WINDOW) {
        return Err(ScratchError::Input(format!("the window must be more than 0 and at most {MAX_WINDOW} seconds")));
    }
    if trace.requests.is_empty() || trace.requests.len() > MAX_REQUESTS {
        return Err(ScratchError::Input(format!("the trace must hold 1 to {MAX_REQUESTS} requests")));
    }
    if let Some((key, _)) = trace.requests.iter().find(|(k, _)| k.chars().count() > MAX_KEY_CHARS) {
        return Err(ScratchError::Input(format!(
            "the key '{}…' is longer than {MAX_KEY_CHARS} characters",
            key.chars().take(20).collect::<String>()
        )));
    }
    if trace.requests.iter().any(|(_, t)| !t.is_finite()) {
        return Err(ScratchError::Input("every time must be a finite number of seconds".into()));
    }
    Ok(ScratchInput::Trace(trace))
}

/// One argument from tagged JSON, refusing what `Value::from_json` would take as an object description.
fn strict(json: &Json, depth: usize) -> Result<Value, ScratchError> {
    if depth > MAX_DEPTH {
        return Err(ScratchError::Input(format!("the input is nested more than {MAX_DEPTH} levels deep")));
    }
    let all = |items: &[Json]| items.iter().map(|i| strict(i, depth + 1)).collect::<Result<Vec<_>, _>>();
    Ok(match json {
        Json::Array(items) => Value::List(all(items)?),
        Json::Object(map) => tagged(map, depth)?,
        plain => Value::from_json(plain),
    })
}

fn tagged(map: &Map<String, Json>, depth: usize) -> Result<Value, ScratchError> {
    let bad = |message: &str| ScratchError::Input(message.to_string());
    let mut entries = map.iter();
    let (Some((tag, inner)), None) = (entries.next(), entries.next()) else {
        return Err(bad(TAGS));
    };
    let list = |v: &Json| -> Result<Vec<Value>, ScratchError> {
        let items = v.as_array().ok_or_else(|| bad(&format!("{tag} takes a list")))?;
        items.iter().map(|i| strict(i, depth + 1)).collect()
    };
    let hashable = |values: &[Value]| match values.iter().find(|v| !is_hashable(v)) {
        Some(v) => Err(bad(&format!("a {} cannot be in a set or be a dict key", v.type_name()))),
        None => Ok(()),
    };
    Ok(match tag.as_str() {
        "$tuple" => Value::Tuple(list(inner)?),
        "$set" => {
            let items = list(inner)?;
            hashable(&items)?;
            Value::Set(items)
        }
        "$dict" => {
            let pairs = inner.as_array().ok_or_else(|| bad("$dict takes a list of [key, value] pairs"))?;
            let pairs = pairs
                .iter()
                .map(|p| match p.as_array().map(Vec::as_slice) {
                    Some([k, v]) => Ok((strict(k, depth + 1)?, strict(v, depth + 1)?)),
                    _ => Err(bad("$dict takes a list of [key, value] pairs")),
                })
                .collect::<Result<Vec<_>, _>>()?;
            hashable(&pairs.iter().map(|(k, _)| k.clone()).collect::<Vec<_>>())?;
            Value::Dict(pairs)
        }
        "$int" => match inner.as_str() {
            Some(d) if is_integer(d) => Value::BigInt(d.trim_start_matches('+').to_string()),
            _ => return Err(bad("$int takes the integer's decimal digits as a string")),
        },
        "$float" => match inner.as_str() {
            Some("inf") => Value::Float(f64::INFINITY),
            Some("-inf") => Value::Float(f64::NEG_INFINITY),
            Some("nan") => Value::Float(f64::NAN),
            _ => return Err(bad("$float takes \"inf\", \"-inf\" or \"nan\"")),
        },
        _ => return Err(bad(TAGS)),
    })
}

const TAGS: &str = "a JSON object in the input must be one tagged value: {\"$tuple\": [...]}, {\"$set\": [...]}, \
                    {\"$dict\": [[key, value], ...]}, {\"$int\": \"digits\"} or {\"$float\": \"inf\"}";

fn is_integer(text: &str) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    !digits.is_empty() && digits.len() <= 4_300 && digits.bytes().all(|b| b.is_ascii_digit())
}

fn is_hashable(value: &Value) -> bool {
    match value {
        Value::List(_) | Value::Dict(_) | Value::Set(_) => false,
        Value::Tuple(items) => items.iter().all(is_hashable),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dedupe() -> Problem {
        catalog::Catalog::load(&catalog::Catalog::default_dir()).unwrap().get("dedupe").unwrap().clone()
    }

    #[test]
    fn arguments_are_a_list_with_one_item_per_argument() {
        let input = parse(&dedupe(), r#"[[3, {"$int": "123456789012345678901234"}, {"$tuple": [1, "a"]}]]"#).unwrap();
        let ScratchInput::Args(args) = input else { panic!("a call") };
        assert_eq!(args.len(), 1);
        assert_eq!(args[0].to_string(), "[3, 123456789012345678901234, (1, 'a')]");
    }

    #[test]
    fn bad_inputs_say_what_is_wrong() {
        let problem = dedupe();
        let message = |text: &str| parse(&problem, text).unwrap_err().to_string();
        assert!(message("[3, 1, 3]").contains("takes 1 argument; the list holds 3"));
        assert!(message("[[3, 1").contains("not valid JSON"));
        assert!(message(r#"[{"$object": "x"}]"#).contains("one tagged value"));
        assert!(message(r#"[{"$set": [[1]]}]"#).contains("cannot be in a set"));
        assert!(message(&format!("[{}1{}]", "[".repeat(40), "]".repeat(40))).contains("nested"));
        assert!(
            message(&" ".repeat(MAX_INPUT_BYTES + 1)).contains("the input is 4.0 MB; an input can be at most 4 MB")
        );
        assert!(message("  ").contains("empty"));
    }

    #[test]
    fn a_trace_is_a_limit_a_window_and_bounded_requests() {
        let limiter =
            catalog::Catalog::load(&catalog::Catalog::default_dir()).unwrap().get("rate-limiter").unwrap().clone();
        let read = |text: &str| parse(&limiter, text);
        let ScratchInput::Trace(trace) =
            read(r#"{"limit": 2, "window": 0.5, "requests": [["a", 0], ["b", 1.5]]}"#).unwrap()
        else {
            panic!("a trace")
        };
        assert_eq!(trace.requests, [("a".to_string(), 0.0), ("b".to_string(), 1.5)]);
        let message = |text: &str| read(text).unwrap_err().to_string();
        assert!(message(r#"{"limit": 0, "window": 1, "requests": [["a", 0]]}"#).contains("limit must be"));
        assert!(message(r#"{"limit": 1, "window": -1, "requests": [["a", 0]]}"#).contains("window must be"));
        assert!(message(r#"{"limit": 1, "window": 1, "requests": []}"#).contains("1 to 1000 requests"));
        assert!(message(r#"{"limit": 1, "window": 1, "requests": [["a", 0]], "x": 1}"#).contains("not readable"));
        assert!(
            message(&format!(r#"{{"limit": 1, "window": 1, "requests": [["{}", 0]]}}"#, "é".repeat(101)))
                .contains("longer")
        );
        assert!(message("[[1]]").contains("not readable"));
    }
}
