//! Reads the outcome the guest returns from each step, against a strict schema.
//!
//! The harness writes a small marshal dict of known keys (see `sandbox/guest/app.py`). Candidate code
//! shares the interpreter with the harness, so this reader trusts nothing: an unknown key, a field the
//! job did not ask for, a value of the wrong type, a text longer than the harness ever writes, or two
//! outcomes at once is a reply the harness as built never writes. The outcome carries no figure: fuel and
//! memory are the host's own readings.

use crate::marshal::{self, Malformed, Py};
use crate::outcome::{Frame, Outcome, PyError, StepReport};
use value::Value;

/// The longest text the harness writes for a name, message or source line (its `MAX_TEXT`).
const MAX_TEXT: usize = 2_000;
/// The most traceback frames the harness reports.
const MAX_FRAMES: usize = 50;
/// Longest string value reported in full (the harness's `MAX_STR`).
const MAX_STR_CHARS: usize = 4_000_000;

/// What the host expects of this step's outcome.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Expect {
    /// Characters of output the harness keeps before it stops the step.
    pub(crate) output_chars: usize,
    /// Values are discarded: a returned value must be `None`.
    pub(crate) discard: bool,
    /// The call asked for its arguments back: only then may `args_after` be there.
    pub(crate) args: bool,
}

/// What a reply held that the harness as built never writes: the host's proof that it was rewritten.
#[derive(Debug, thiserror::Error)]
pub(crate) enum Broken {
    #[error("{0} that is not a dict")]
    NotADict(&'static str),
    #[error("an unreadable outcome ({0})")]
    Unreadable(Malformed),
    #[error("{0} in no known encoding")]
    NoKnownEncoding(&'static str),
    #[error("{0}")]
    NotAsked(&'static str),
    #[error("{0} that is not {1}")]
    WrongType(&'static str, &'static str),
    #[error("an outcome with {0} results")]
    Results(usize),
    #[error("an unknown field '{0}'")]
    UnknownField(String),
    #[error("the field '{0}' twice")]
    Twice(String),
    #[error("{0} longer than {1} {2}")]
    TooLong(&'static str, usize, &'static str),
}

/// Reads one outcome: the report, less the figures only the host knows (fuel, growth). `Err` says what
/// the harness as built would never have written.
pub(crate) fn outcome(bytes: &[u8], expect: Expect) -> Result<StepReport, Broken> {
    let pairs = match marshal::read(bytes) {
        Ok(Py::Dict(pairs)) => pairs,
        Ok(_) => return Err(Broken::NotADict("an outcome")),
        Err(e) => return Err(Broken::Unreadable(e)),
    };
    let fields = Fields::new(&pairs, OUTCOME_KEYS)?;
    let mut report = StepReport::ended(Outcome::NotRun, 0);
    let mut kinds = 0;
    if let Some(value) = fields.get("value") {
        kinds += 1;
        let value = decode_value(value).ok_or(Broken::NoKnownEncoding("a returned value"))?;
        if expect.discard && value != Value::None {
            return Err(Broken::NotAsked("a value sent back from a step that discards values"));
        }
        report.outcome = Outcome::Returned { value };
    }
    if let Some(error) = fields.get("error") {
        kinds += 1;
        report.outcome = Outcome::Raised { error: raised(error)? };
    }
    if let Some(syntax) = fields.get("syntax") {
        kinds += 1;
        let syntax = Fields::new(dict(syntax)?, &["message", "line", "column", "text"])?;
        report.outcome = Outcome::SyntaxError {
            message: text(syntax.get("message"))?,
            line: line(syntax.get("line"))?,
            column: line(syntax.get("column"))?,
            text: text(syntax.get("text"))?,
        };
    }
    if let Some(code) = fields.get("exit") {
        kinds += 1;
        let code = match code {
            Py::Int(Value::Int(code)) => code.to_string(),
            other => text(Some(other))?,
        };
        report.outcome = Outcome::Exit { code };
    }
    if let Some(why) = fields.get("unencodable") {
        kinds += 1;
        report.outcome = Outcome::Crashed { detail: format!("the result could not be encoded: {}", text(Some(why))?) };
    }
    if let Some(what) = fields.get("missing") {
        kinds += 1;
        report.outcome = Outcome::Missing { what: text(Some(what))? };
    }
    let output_limit = match fields.get("output_limit") {
        None => false,
        Some(Py::Bool(true)) => true,
        Some(_) => return Err(Broken::WrongType("an output flag", "True")),
    };
    if kinds > 1 || (kinds == 0 && !output_limit) {
        return Err(Broken::Results(kinds));
    }
    report.output = match fields.get("output") {
        None => String::new(),
        Some(Py::Str(s) | Py::Unpaired(s)) => s.clone(),
        Some(_) => return Err(Broken::WrongType("output", "text")),
    };
    // The guest's own cap is an object candidate code can reach; this one it cannot.
    let chars = report.output.chars().count();
    if output_limit || chars > expect.output_chars {
        let limit = expect.output_chars;
        report.output = report.output.chars().take(limit).collect();
        report.output.push_str(&format!("\n[output cut at {limit} characters]"));
        report.outcome = Outcome::OutputLimit { limit_chars: limit as u64 };
    }
    report.args_after = match fields.get("args_after") {
        None => None,
        Some(_) if !expect.args => {
            return Err(Broken::NotAsked("arguments sent back from a call that did not ask for them"));
        }
        Some(Py::List(args)) => {
            let values = args.iter().map(decode_value);
            Some(values.collect::<Option<Vec<_>>>().ok_or(Broken::NoKnownEncoding("arguments"))?)
        }
        Some(_) => return Err(Broken::WrongType("arguments", "a list")),
    };
    Ok(report)
}

const OUTCOME_KEYS: &[&str] =
    &["value", "error", "syntax", "exit", "unencodable", "missing", "output_limit", "output", "args_after"];

/// A marshal dict whose keys are all known and appear once.
struct Fields<'a>(&'a [(Py, Py)]);

impl<'a> Fields<'a> {
    fn new(pairs: &'a [(Py, Py)], known: &[&str]) -> Result<Fields<'a>, Broken> {
        for (i, (key, _)) in pairs.iter().enumerate() {
            let Py::Str(key) = key else {
                return Err(Broken::WrongType("a field name", "text"));
            };
            if !known.contains(&key.as_str()) {
                return Err(Broken::UnknownField(key.chars().take(40).collect()));
            }
            if pairs[..i].iter().any(|(k, _)| matches!(k, Py::Str(k) if k == key)) {
                return Err(Broken::Twice(key.clone()));
            }
        }
        Ok(Fields(pairs))
    }

    fn get(&self, key: &str) -> Option<&'a Py> {
        self.0.iter().find(|(k, _)| matches!(k, Py::Str(s) if s == key)).map(|(_, v)| v)
    }
}

fn dict(py: &Py) -> Result<&[(Py, Py)], Broken> {
    match py {
        Py::Dict(pairs) => Ok(pairs),
        _ => Err(Broken::WrongType("a field", "a dict")),
    }
}

/// Text the harness cut to `MAX_TEXT` characters; anything longer was not written by it.
fn text(py: Option<&Py>) -> Result<String, Broken> {
    match py {
        Some(Py::Str(s) | Py::Unpaired(s)) if s.chars().count() <= MAX_TEXT => Ok(s.clone()),
        Some(Py::Str(_) | Py::Unpaired(_)) => Err(Broken::TooLong("a text", MAX_TEXT, "characters")),
        _ => Err(Broken::WrongType("a field", "text")),
    }
}

/// A line or column: an int or None.
fn line(py: Option<&Py>) -> Result<Option<u32>, Broken> {
    match py {
        Some(Py::None) => Ok(None),
        Some(Py::Int(Value::Int(n))) => Ok(u32::try_from(*n).ok()),
        _ => Err(Broken::WrongType("a line number", "an int")),
    }
}

fn raised(error: &Py) -> Result<PyError, Broken> {
    let error = Fields::new(dict(error)?, &["type", "message", "traceback", "line"])?;
    let Some(Py::List(frames)) = error.get("traceback") else {
        return Err(Broken::WrongType("a traceback", "a list"));
    };
    if frames.len() > MAX_FRAMES {
        return Err(Broken::TooLong("a traceback", MAX_FRAMES, "frames"));
    }
    let traceback = frames
        .iter()
        .map(|frame| {
            let frame = Fields::new(dict(frame)?, &["line", "function", "text"])?;
            Ok(Frame {
                line: line(frame.get("line"))?.unwrap_or(0),
                function: text(frame.get("function"))?,
                text: text(frame.get("text"))?,
            })
        })
        .collect::<Result<Vec<_>, Broken>>()?;
    Ok(PyError {
        type_name: text(error.get("type"))?,
        message: text(error.get("message"))?,
        line: line(error.get("line"))?,
        traceback,
    })
}

/// A value as the guest encodes it: `("plain", v)` for a scalar or a flat list or tuple of them, or
/// `("tagged", tree)` from its encoder, where lists stay lists and everything else is a tagged tuple.
fn decode_value(py: &Py) -> Option<Value> {
    let Py::Tuple(pair) = py else { return None };
    match pair.as_slice() {
        [Py::Str(kind), plain] if kind == "plain" => match plain {
            Py::List(items) | Py::Tuple(items) => {
                let values = items.iter().map(scalar).collect::<Option<Vec<_>>>()?;
                Some(if matches!(plain, Py::List(_)) { Value::List(values) } else { Value::Tuple(values) })
            }
            other => scalar(other),
        },
        [Py::Str(kind), tree] if kind == "tagged" => tagged(tree, 0),
        _ => None,
    }
}

/// A scalar of an exact built-in type.
fn scalar(py: &Py) -> Option<Value> {
    Some(match py {
        Py::None => Value::None,
        Py::Bool(b) => Value::Bool(*b),
        Py::Int(v) => v.clone(),
        Py::Float(x) => Value::Float(*x),
        Py::Str(s) if s.chars().count() > MAX_STR_CHARS => Value::TooLarge,
        Py::Str(s) => Value::Str(s.clone()),
        Py::Unpaired(s) => Value::UnpairedStr(s.clone()),
        _ => return None,
    })
}

/// Nesting the encoder follows (40 levels), with room for the tags it adds (three marshal levels for a dict).
const MAX_TAGGED_DEPTH: usize = 150;

fn tagged(py: &Py, depth: usize) -> Option<Value> {
    if depth > MAX_TAGGED_DEPTH {
        return None;
    }
    let all = |items: &[Py]| items.iter().map(|i| tagged(i, depth + 1)).collect::<Option<Vec<_>>>();
    Some(match py {
        Py::List(items) => Value::List(all(items)?),
        Py::Tuple(parts) => match parts.as_slice() {
            [Py::Str(tag), Py::List(items)] if tag == "tuple" => Value::Tuple(all(items)?),
            [Py::Str(tag), Py::List(items)] if tag == "set" => Value::Set(all(items)?),
            [Py::Str(tag), Py::List(pairs)] if tag == "dict" => Value::Dict(
                pairs
                    .iter()
                    .map(|pair| match pair {
                        Py::List(kv) if kv.len() == 2 => Some((tagged(&kv[0], depth + 1)?, tagged(&kv[1], depth + 1)?)),
                        _ => None,
                    })
                    .collect::<Option<Vec<_>>>()?,
            ),
            [Py::Str(tag), Py::Str(name), Py::Str(_module), Py::List(bases)] if tag == "object" => Value::Object {
                type_name: name.clone(),
                bases: bases
                    .iter()
                    .map(|b| if let Py::Str(b) = b { Some(b.clone()) } else { None })
                    .collect::<Option<_>>()?,
            },
            [Py::Str(tag), Py::Int(Value::Int(bits))] if tag == "int_bits" => {
                Value::HugeInt { bits: u64::try_from(*bits).ok()? }
            }
            [Py::Str(tag)] if tag == "too_deep" => Value::TooDeep,
            [Py::Str(tag)] if tag == "too_large" => Value::TooLarge,
            _ => return None,
        },
        other => scalar(other)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXPECT: Expect = Expect { output_chars: 100, discard: false, args: false };

    /// Marshal bytes for a dict of string keys (values already marshalled).
    fn dict_of(fields: &[(&str, &[u8])]) -> Vec<u8> {
        let mut out = vec![b'{'];
        for (key, value) in fields {
            out.push(b'u');
            out.extend_from_slice(&(key.len() as i32).to_le_bytes());
            out.extend_from_slice(key.as_bytes());
            out.extend_from_slice(value);
        }
        out.push(b'0');
        out
    }

    fn str_of(s: &str) -> Vec<u8> {
        let mut out = vec![b'u'];
        out.extend_from_slice(&(s.len() as i32).to_le_bytes());
        out.extend_from_slice(s.as_bytes());
        out
    }

    fn plain_int(n: i32) -> Vec<u8> {
        let mut out = b"(\x02\x00\x00\x00".to_vec();
        out.extend(str_of("plain"));
        out.push(b'i');
        out.extend_from_slice(&n.to_le_bytes());
        out
    }

    #[test]
    fn a_plain_value_is_read() {
        let decoded = outcome(&dict_of(&[("value", &plain_int(7))]), EXPECT).unwrap();
        assert_eq!(decoded.outcome, Outcome::Returned { value: Value::Int(7) });
    }

    #[test]
    fn unknown_fields_long_texts_and_two_results_are_tampering() {
        let padded = dict_of(&[("value", &plain_int(1)), ("padding", &str_of("x"))]);
        assert_eq!(outcome(&padded, EXPECT).unwrap_err().to_string(), "an unknown field 'padding'");
        let long = dict_of(&[("missing", &str_of(&"x".repeat(MAX_TEXT + 1)))]);
        assert!(outcome(&long, EXPECT).unwrap_err().to_string().contains("longer than"));
        let both = dict_of(&[("value", &plain_int(1)), ("missing", &str_of("f"))]);
        assert_eq!(outcome(&both, EXPECT).unwrap_err().to_string(), "an outcome with 2 results");
        let none = dict_of(&[("output", &str_of("hi"))]);
        assert_eq!(outcome(&none, EXPECT).unwrap_err().to_string(), "an outcome with 0 results");
    }

    #[test]
    fn fields_the_job_did_not_ask_for_are_refused() {
        let bytes = dict_of(&[("value", &plain_int(1))]);
        let with_args = dict_of(&[("value", &plain_int(1)), ("args_after", b"[\x00\x00\x00\x00")]);
        assert_eq!(
            outcome(&with_args, EXPECT).unwrap_err().to_string(),
            "arguments sent back from a call that did not ask for them"
        );
        assert!(outcome(&with_args, Expect { args: true, ..EXPECT }).is_ok());
        let memory = dict_of(&[("value", &plain_int(1)), ("memory_peak", &plain_int(1))]);
        assert_eq!(outcome(&memory, EXPECT).unwrap_err().to_string(), "an unknown field 'memory_peak'");
        let discarded = Expect { discard: true, ..EXPECT };
        assert_eq!(
            outcome(&bytes, discarded).unwrap_err().to_string(),
            "a value sent back from a step that discards values"
        );
    }

    #[test]
    fn output_past_the_cap_is_cut_by_the_host() {
        let bytes = dict_of(&[("value", &plain_int(1)), ("output", &str_of(&"y".repeat(150)))]);
        let decoded = outcome(&bytes, EXPECT).unwrap();
        assert_eq!(decoded.outcome, Outcome::OutputLimit { limit_chars: 100 });
        assert!(decoded.output.ends_with("[output cut at 100 characters]"));
    }
}
