//! Python values as plain data. Problems write them as tagged JSON, and the guest describes values that
//! are not plain data (objects, nesting, sizes) the same way; plain values cross in marshal format.
//!
//! Every value keeps its exact Python type: a tuple is not a list, a `bool` is not an `int`, and an
//! instance of a user class (a `list` subclass included) is an `Object` naming its class. Equality here
//! is structural on the host, so a candidate's `__eq__` never decides whether an answer is right.

use serde_json::{Map, Value as Json, json};
use std::fmt;

/// A Python value that crossed the sandbox boundary.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `None`.
    None,
    /// `True` / `False`.
    Bool(bool),
    /// An `int` that fits in 64 bits.
    Int(i64),
    /// An `int` outside 64 bits, as decimal digits.
    BigInt(String),
    /// An `int` too large to print; only its bit length is known.
    HugeInt {
        /// `int.bit_length()` of the value.
        bits: u64,
    },
    /// A `float` (NaN and infinities included).
    Float(f64),
    /// A `str`.
    Str(String),
    /// A `list`.
    List(Vec<Value>),
    /// A `tuple`.
    Tuple(Vec<Value>),
    /// A `dict`, in insertion order.
    Dict(Vec<(Value, Value)>),
    /// A `set` or `frozenset`, in iteration order.
    Set(Vec<Value>),
    /// An instance of any other type, described but not looked into.
    Object {
        /// The class's qualified name.
        type_name: String,
        /// Built-in bases, e.g. `list` for a `list` subclass.
        bases: Vec<String>,
    },
    /// A string with unpaired surrogates, escaped.
    UnpairedStr(String),
    /// Nesting deeper than the encoder follows.
    TooDeep,
    /// More elements than the encoder follows.
    TooLarge,
}

impl Value {
    /// Decodes the guest's tagged JSON. Unknown shapes become `Object` so nothing is silently dropped.
    pub fn from_json(json: &Json) -> Value {
        match json {
            Json::Null => Value::None,
            Json::Bool(b) => Value::Bool(*b),
            Json::Number(n) => match n.as_i64() {
                Some(i) => Value::Int(i),
                None if n.is_u64() => Value::BigInt(n.to_string()),
                None => Value::Float(n.as_f64().unwrap_or(f64::NAN)),
            },
            Json::String(s) => Value::Str(s.clone()),
            Json::Array(items) => Value::List(items.iter().map(Value::from_json).collect()),
            Json::Object(map) => Value::from_tagged(map),
        }
    }

    fn from_tagged(map: &Map<String, Json>) -> Value {
        let list = |v: &Json| v.as_array().map(|a| a.iter().map(Value::from_json).collect()).unwrap_or_default();
        let text = |v: &Json| v.as_str().unwrap_or_default().to_string();
        if let Some(v) = map.get("$int") {
            return Value::BigInt(text(v));
        }
        if let Some(v) = map.get("$int_bits") {
            return Value::HugeInt { bits: v.as_u64().unwrap_or(0) };
        }
        if let Some(v) = map.get("$float") {
            return Value::Float(match v.as_str() {
                Some("inf") => f64::INFINITY,
                Some("-inf") => f64::NEG_INFINITY,
                _ => f64::NAN,
            });
        }
        if let Some(v) = map.get("$tuple") {
            return Value::Tuple(list(v));
        }
        if let Some(v) = map.get("$set") {
            return Value::Set(list(v));
        }
        if let Some(v) = map.get("$dict") {
            let pairs = v.as_array().map(Vec::as_slice).unwrap_or_default();
            return Value::Dict(
                pairs.iter().filter_map(|p| Some((Value::from_json(p.get(0)?), Value::from_json(p.get(1)?)))).collect(),
            );
        }
        if let Some(v) = map.get("$str_unpaired") {
            return Value::UnpairedStr(text(v));
        }
        if map.contains_key("$too_deep") {
            return Value::TooDeep;
        }
        if map.contains_key("$too_large") {
            return Value::TooLarge;
        }
        let type_name = map.get("$object").map(text).unwrap_or_else(|| "unknown".into());
        let bases = map.get("bases").map(list).unwrap_or_default();
        let bases = bases.into_iter().filter_map(|b| if let Value::Str(s) = b { Some(s) } else { None }).collect();
        Value::Object { type_name, bases }
    }

    /// The value as tagged JSON (how reports serialize it).
    pub fn to_json(&self) -> Json {
        let all = |items: &[Value]| Json::Array(items.iter().map(Value::to_json).collect());
        match self {
            Value::None => Json::Null,
            Value::Bool(b) => json!(b),
            Value::Int(i) => json!(i),
            Value::BigInt(digits) => json!({ "$int": digits }),
            Value::HugeInt { bits } => json!({ "$int_bits": bits }),
            Value::Float(f) if f.is_finite() => json!(f),
            Value::Float(f) => {
                json!({ "$float": if f.is_nan() { "nan" } else if *f > 0.0 { "inf" } else { "-inf" } })
            }
            Value::Str(s) => json!(s),
            Value::List(items) => all(items),
            Value::Tuple(items) => json!({ "$tuple": all(items) }),
            Value::Set(items) => json!({ "$set": all(items) }),
            Value::Dict(pairs) => {
                json!({ "$dict": pairs.iter().map(|(k, v)| json!([k.to_json(), v.to_json()])).collect::<Vec<_>>() })
            }
            Value::Object { type_name, bases } => json!({ "$object": type_name, "bases": bases }),
            Value::UnpairedStr(s) => json!({ "$str_unpaired": s }),
            Value::TooDeep => json!({ "$too_deep": true }),
            Value::TooLarge => json!({ "$too_large": true }),
        }
    }

    /// The Python type's name, as a candidate would read it in an error message.
    pub fn type_name(&self) -> &str {
        match self {
            Value::None => "NoneType",
            Value::Bool(_) => "bool",
            Value::Int(_) | Value::BigInt(_) | Value::HugeInt { .. } => "int",
            Value::Float(_) => "float",
            Value::Str(_) | Value::UnpairedStr(_) => "str",
            Value::List(_) => "list",
            Value::Tuple(_) => "tuple",
            Value::Dict(_) => "dict",
            Value::Set(_) => "set",
            Value::Object { type_name, .. } => type_name,
            Value::TooDeep => "<nested too deeply>",
            Value::TooLarge => "<too large>",
        }
    }

    /// True when the value, or anything in it, was too large or too deep to send back whole.
    pub fn unshowable(&self) -> bool {
        match self {
            Value::TooDeep | Value::TooLarge => true,
            Value::List(items) | Value::Tuple(items) | Value::Set(items) => items.iter().any(Value::unshowable),
            Value::Dict(pairs) => pairs.iter().any(|(key, value)| key.unshowable() || value.unshowable()),
            _ => false,
        }
    }

    /// Items of a list, tuple, set or dict, or characters of a string; `None` for other values.
    pub fn length(&self) -> Option<usize> {
        match self {
            Value::List(items) | Value::Tuple(items) | Value::Set(items) => Some(items.len()),
            Value::Dict(pairs) => Some(pairs.len()),
            Value::Str(s) => Some(s.chars().count()),
            _ => None,
        }
    }

    /// Python-like text, cut to about `max` characters with an ellipsis.
    pub fn preview(&self, max: usize) -> String {
        let full = self.to_string();
        if full.chars().count() <= max {
            return full;
        }
        let cut: String = full.chars().take(max.saturating_sub(1)).collect();
        format!("{cut}…")
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fn seq(f: &mut fmt::Formatter<'_>, open: &str, items: &[Value], close: &str) -> fmt::Result {
            f.write_str(open)?;
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    f.write_str(", ")?;
                }
                write!(f, "{item}")?;
            }
            if open == "(" && items.len() == 1 {
                f.write_str(",")?;
            }
            f.write_str(close)
        }
        match self {
            Value::None => f.write_str("None"),
            Value::Bool(true) => f.write_str("True"),
            Value::Bool(false) => f.write_str("False"),
            Value::Int(i) => write!(f, "{i}"),
            Value::BigInt(d) => f.write_str(d),
            Value::HugeInt { bits } => write!(f, "<int of {bits} bits>"),
            Value::Float(x) if x.is_nan() => f.write_str("nan"),
            Value::Float(x) if x.is_infinite() => f.write_str(if *x > 0.0 { "inf" } else { "-inf" }),
            Value::Float(x) if x.fract() == 0.0 && x.abs() < 1e16 => write!(f, "{x:.1}"),
            Value::Float(x) => write!(f, "{x}"),
            Value::Str(s) | Value::UnpairedStr(s) => write!(f, "{}", py_str_repr(s)),
            Value::List(items) => seq(f, "[", items, "]"),
            Value::Tuple(items) => seq(f, "(", items, ")"),
            Value::Set(items) if items.is_empty() => f.write_str("set()"),
            Value::Set(items) => seq(f, "{", items, "}"),
            Value::Dict(pairs) => {
                f.write_str("{")?;
                for (i, (k, v)) in pairs.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{k}: {v}")?;
                }
                f.write_str("}")
            }
            Value::Object { type_name, .. } => write!(f, "<{type_name} object>"),
            Value::TooDeep => f.write_str("<nested too deeply to show>"),
            Value::TooLarge => f.write_str("<too large to show>"),
        }
    }
}

/// A string written the way Python's `repr` writes it, for the common cases.
fn py_str_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') { '"' } else { '\'' };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => out.push_str(&format!("\\x{:02x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

impl From<i64> for Value {
    fn from(i: i64) -> Self {
        Value::Int(i)
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Self {
        Value::Str(s.to_string())
    }
}

impl From<f64> for Value {
    fn from(x: f64) -> Self {
        Value::Float(x)
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Self {
        Value::Bool(b)
    }
}

impl<T: Into<Value>> From<Vec<T>> for Value {
    fn from(items: Vec<T>) -> Self {
        Value::List(items.into_iter().map(Into::into).collect())
    }
}

impl serde::Serialize for Value {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.to_json().serialize(serializer)
    }
}
