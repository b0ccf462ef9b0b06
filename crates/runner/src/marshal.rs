//! The wire format between host and guest: CPython's `marshal`, version 2 (no back-references).
//!
//! Inside the sandbox `json` is slow (encoding a small dict costs about 34,000 fuel, reading an int
//! about 2,600) while `marshal` is C throughout and checks exact types as it writes. So requests go in,
//! and outcomes come out, as marshal. The reader trusts nothing: candidate code can reach the harness,
//! so a malformed or hostile byte string is an error, never a panic, a huge allocation or deep recursion.

use num_bigint::{BigInt, BigUint, Sign};
use std::collections::HashMap;
use std::fmt;
use value::Value;

/// Ints longer than this many bits are reported by size only (as the guest's encoder does).
pub(crate) const MAX_INT_BITS: u64 = 30_000;
/// Nesting the reader follows: the harness's encoder follows 40 levels of a value, and a dict's level
/// takes three marshal levels (the tag's tuple, the list of pairs, the pair).
const MAX_DEPTH: usize = 160;
/// Bits per digit of a marshalled long.
const DIGIT_BITS: u32 = 15;

/// A value as marshal wrote it. Strings that are not valid UTF-8 (lone surrogates, written with
/// `surrogatepass`) arrive escaped as `Unpaired`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Py {
    None,
    Bool(bool),
    Int(Value),
    Float(f64),
    Str(String),
    Unpaired(String),
    Bytes(usize),
    Tuple(Vec<Py>),
    List(Vec<Py>),
    Dict(Vec<(Py, Py)>),
    Set(Vec<Py>),
}

/// Why bytes could not be read as marshal data.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Malformed(String);

impl fmt::Display for Malformed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Reads one value that spans all of `bytes`.
pub(crate) fn read(bytes: &[u8]) -> Result<Py, Malformed> {
    let mut reader = Reader { bytes, at: 0 };
    let value = reader.value(0)?;
    if reader.at != bytes.len() {
        return Err(Malformed(format!("{} bytes after the value", bytes.len() - reader.at)));
    }
    Ok(value)
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Result<&[u8], Malformed> {
        let end = self.at.checked_add(n).filter(|&end| end <= self.bytes.len());
        let end = end.ok_or_else(|| Malformed(format!("cut short at byte {}", self.at)))?;
        let slice = &self.bytes[self.at..end];
        self.at = end;
        Ok(slice)
    }

    fn i32(&mut self) -> Result<i32, Malformed> {
        Ok(i32::from_le_bytes(self.take(4)?.try_into().expect("four bytes")))
    }

    /// A count of items that follow, each at least one byte long: never more than the bytes left.
    fn count(&mut self) -> Result<usize, Malformed> {
        let n = self.i32()?;
        usize::try_from(n)
            .ok()
            .filter(|&n| n <= self.bytes.len() - self.at)
            .ok_or_else(|| Malformed(format!("a count of {n} at byte {}", self.at)))
    }

    fn items(&mut self, n: usize, depth: usize) -> Result<Vec<Py>, Malformed> {
        (0..n).map(|_| self.value(depth + 1)).collect()
    }

    fn value(&mut self, depth: usize) -> Result<Py, Malformed> {
        if depth > MAX_DEPTH {
            return Err(Malformed("nested too deeply".into()));
        }
        let code = self.take(1)?[0];
        Ok(match code {
            b'N' => Py::None,
            b'T' => Py::Bool(true),
            b'F' => Py::Bool(false),
            b'i' => Py::Int(Value::Int(self.i32()?.into())),
            b'l' => {
                let n = self.i32()?;
                let len = n.unsigned_abs() as usize;
                let raw = self.take(len.checked_mul(2).ok_or_else(|| Malformed("a long too long".into()))?)?;
                let digits: Vec<u16> = raw.chunks_exact(2).map(|d| u16::from_le_bytes([d[0], d[1]])).collect();
                Py::Int(long_value(n < 0, &digits)?)
            }
            b'g' => Py::Float(f64::from_le_bytes(self.take(8)?.try_into().expect("eight bytes"))),
            b'u' | b't' => {
                let n = self.count()?;
                text(self.take(n)?)
            }
            b's' => {
                let n = self.count()?;
                self.take(n)?;
                Py::Bytes(n)
            }
            b'(' => {
                let n = self.count()?;
                Py::Tuple(self.items(n, depth)?)
            }
            b'[' => {
                let n = self.count()?;
                Py::List(self.items(n, depth)?)
            }
            b'<' | b'>' => {
                let n = self.count()?;
                Py::Set(self.items(n, depth)?)
            }
            b'{' => {
                let mut pairs = Vec::new();
                while self.bytes.get(self.at) != Some(&b'0') {
                    let key = self.value(depth + 1)?;
                    pairs.push((key, self.value(depth + 1)?));
                }
                self.at += 1;
                Py::Dict(pairs)
            }
            other => {
                return Err(Malformed(format!("type code {other:#04x} at byte {}", self.at - 1)));
            }
        })
    }
}

/// A marshalled long (base 2^15 digits, least significant first) as a `Value`.
fn long_value(negative: bool, digits: &[u16]) -> Result<Value, Malformed> {
    if digits.iter().any(|&d| d >> DIGIT_BITS != 0) {
        return Err(Malformed("a long digit out of range".into()));
    }
    let top = digits.iter().rposition(|&d| d != 0);
    let bits = top.map_or(0, |i| i as u64 * DIGIT_BITS as u64 + (16 - digits[i].leading_zeros()) as u64);
    if bits > MAX_INT_BITS {
        return Ok(Value::HugeInt { bits });
    }
    let mut words = Vec::with_capacity(digits.len() / 2 + 1);
    let (mut acc, mut held) = (0u64, 0u32);
    for &d in digits {
        acc |= u64::from(d) << held;
        held += DIGIT_BITS;
        if held >= 32 {
            words.push(acc as u32);
            acc >>= 32;
            held -= 32;
        }
    }
    words.push(acc as u32);
    let magnitude = BigUint::new(words);
    let int = BigInt::from_biguint(if negative { Sign::Minus } else { Sign::Plus }, magnitude);
    Ok(match i64::try_from(&int) {
        Ok(small) => Value::Int(small),
        Err(_) => Value::BigInt(int.to_string()),
    })
}

/// UTF-8 text; lone surrogates (written by `surrogatepass`) escaped the way Python's
/// `backslashreplace` writes them.
fn text(bytes: &[u8]) -> Py {
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Py::Str(s.to_string());
    }
    let mut out = String::with_capacity(bytes.len() + 8);
    let mut rest = bytes;
    while !rest.is_empty() {
        let valid = match std::str::from_utf8(rest) {
            Ok(all) => all,
            Err(e) => std::str::from_utf8(&rest[..e.valid_up_to()]).expect("checked as valid"),
        };
        out.push_str(valid);
        rest = &rest[valid.len()..];
        match rest {
            [] => {}
            // A surrogate is ED A0..BF 80..BF.
            [0xED, hi @ 0xA0..=0xBF, lo @ 0x80..=0xBF, ..] => {
                let code = 0xD000 | (u32::from(hi & 0x3F) << 6) | u32::from(lo & 0x3F);
                out.push_str(&format!("\\u{code:04x}"));
                rest = &rest[3..];
            }
            [byte, ..] => {
                out.push_str(&format!("\\x{byte:02x}"));
                rest = &rest[1..];
            }
        }
    }
    Py::Unpaired(out)
}

/// Writes marshal data for the guest. Short strings that repeat (method names, keys) are written once
/// and then referenced, so the guest builds one string object instead of one per call.
#[derive(Default)]
pub(crate) struct Writer {
    pub(crate) out: Vec<u8>,
    shared: HashMap<String, i32>,
}

/// Longest string the writer shares.
const SHARED_STR_BYTES: usize = 64;
/// Marks an object the reader keeps for later references.
const FLAG_REF: u8 = 0x80;

impl Writer {
    /// Appends `value`. Values that only ever come back from the guest (objects, sizes, markers)
    /// cannot be arguments and are written as `None`.
    pub(crate) fn value(&mut self, value: &Value) {
        match value {
            Value::None | Value::HugeInt { .. } | Value::Object { .. } | Value::TooDeep | Value::TooLarge => {
                self.out.push(b'N')
            }
            Value::Bool(b) => self.out.push(if *b { b'T' } else { b'F' }),
            Value::Int(i) => write_i64(*i, &mut self.out),
            Value::BigInt(digits) => {
                let int: BigInt = digits.parse().unwrap_or_default();
                write_long(int.sign() == Sign::Minus, int.magnitude().iter_u32_digits(), &mut self.out);
            }
            Value::Float(x) => {
                self.out.push(b'g');
                self.out.extend_from_slice(&x.to_le_bytes());
            }
            Value::Str(s) | Value::UnpairedStr(s) => self.str(s),
            Value::List(items) => self.seq(b'[', items),
            Value::Tuple(items) => self.seq(b'(', items),
            Value::Set(items) => self.seq(b'<', items),
            Value::Dict(pairs) => {
                self.out.push(b'{');
                for (k, v) in pairs {
                    self.value(k);
                    self.value(v);
                }
                self.out.push(b'0');
            }
        }
    }

    /// Appends `s` as a `str`, or a reference to the same string written before.
    pub(crate) fn str(&mut self, s: &str) {
        if let Some(&index) = self.shared.get(s) {
            self.out.push(b'r');
            self.out.extend_from_slice(&index.to_le_bytes());
            return;
        }
        let mut code = b'u';
        if s.len() <= SHARED_STR_BYTES {
            let index = i32::try_from(self.shared.len()).expect("fewer than 2^31 shared strings");
            self.shared.insert(s.to_string(), index);
            code |= FLAG_REF;
        }
        self.out.push(code);
        write_len(s.len(), &mut self.out);
        self.out.extend_from_slice(s.as_bytes());
    }

    /// Appends the header of a tuple (`(`), list (`[`) or set (`<`) of `n` items; the items follow.
    pub(crate) fn header(&mut self, code: u8, n: usize) {
        self.out.push(code);
        write_len(n, &mut self.out);
    }

    fn seq(&mut self, code: u8, items: &[Value]) {
        self.header(code, items.len());
        for item in items {
            self.value(item);
        }
    }
}

fn write_len(n: usize, out: &mut Vec<u8>) {
    let n = i32::try_from(n).expect("marshal sizes fit in 32 bits");
    out.extend_from_slice(&n.to_le_bytes());
}

/// An int that fits in 64 bits: without a bignum, as most arguments are.
fn write_i64(i: i64, out: &mut Vec<u8>) {
    match i32::try_from(i) {
        Ok(small) => {
            out.push(b'i');
            out.extend_from_slice(&small.to_le_bytes());
        }
        Err(_) => {
            let magnitude = i.unsigned_abs();
            write_long(i < 0, [magnitude as u32, (magnitude >> 32) as u32].into_iter(), out);
        }
    }
}

/// A long from its magnitude's 32-bit words, least significant first.
fn write_long(negative: bool, words: impl Iterator<Item = u32>, out: &mut Vec<u8>) {
    let mut digits: Vec<u16> = Vec::new();
    let (mut acc, mut held) = (0u64, 0u32);
    for word in words {
        acc |= u64::from(word) << held;
        held += 32;
        while held >= DIGIT_BITS {
            digits.push((acc & 0x7FFF) as u16);
            acc >>= DIGIT_BITS;
            held -= DIGIT_BITS;
        }
    }
    digits.push(acc as u16);
    while digits.last() == Some(&0) {
        digits.pop();
    }
    let n = i32::try_from(digits.len()).expect("a long of fewer than 2^31 digits");
    out.push(b'l');
    out.extend_from_slice(&(if negative { -n } else { n }).to_le_bytes());
    for d in digits {
        out.extend_from_slice(&d.to_le_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Short strings are written as shared references, which the reader refuses: these values hold none.
    fn round_trip(value: Value) {
        let mut writer = Writer::default();
        writer.value(&value);
        let back = read(&writer.out).expect("reads what it wrote");
        assert_eq!(exact(back), value);
    }

    fn exact(py: Py) -> Value {
        match py {
            Py::None => Value::None,
            Py::Bool(b) => Value::Bool(b),
            Py::Int(v) => v,
            Py::Float(x) => Value::Float(x),
            Py::Str(s) => Value::Str(s),
            Py::List(items) => Value::List(items.into_iter().map(exact).collect()),
            Py::Tuple(items) => Value::Tuple(items.into_iter().map(exact).collect()),
            Py::Set(items) => Value::Set(items.into_iter().map(exact).collect()),
            Py::Dict(pairs) => Value::Dict(pairs.into_iter().map(|(k, v)| (exact(k), exact(v))).collect()),
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn values_survive_a_round_trip() {
        round_trip(Value::List(vec![
            Value::Int(0),
            Value::Int(-1),
            Value::Int(i64::MAX),
            Value::Int(i64::MIN),
            Value::BigInt("717897987691852588770249".into()),
            Value::BigInt("-717897987691852588770249".into()),
            Value::Float(-0.5),
            Value::Str("x".repeat(SHARED_STR_BYTES + 1)),
            Value::Str("naïve ✓ and more than sixty-four bytes of text, so that it is not shared".into()),
            Value::Tuple(vec![Value::Bool(true), Value::None]),
            Value::Dict(vec![(Value::Int(1), Value::Set(vec![Value::Str("y".repeat(SHARED_STR_BYTES + 1))]))]),
        ]));
    }

    #[test]
    fn repeated_short_strings_are_written_once() {
        let mut writer = Writer::default();
        let long = "x".repeat(SHARED_STR_BYTES + 1);
        writer.value(&Value::List(vec!["ab".into(), "ab".into(), long.as_str().into(), long.as_str().into()]));
        let mut want = b"[\x04\x00\x00\x00\xf5\x02\x00\x00\x00abr\x00\x00\x00\x00".to_vec();
        for _ in 0..2 {
            want.extend_from_slice(b"u\x41\x00\x00\x00");
            want.extend_from_slice(long.as_bytes());
        }
        assert_eq!(writer.out, want);
        // The reader takes only what the guest writes (version 2, no references): a reference is refused.
        assert!(read(&writer.out).is_err());
    }

    #[test]
    fn hostile_bytes_are_errors() {
        for bad in [&b""[..], b"[\xff\xff\xff\x7f", b"l\x01\x00\x00\x00\xff\xff", b"u\x05\x00\x00\x00ab", b"NN", b"?"] {
            assert!(read(bad).is_err(), "{bad:?}");
        }
        let deep: Vec<u8> = std::iter::repeat_n(*b"[\x01\x00\x00\x00", 1000).flatten().chain(*b"N").collect();
        assert_eq!(read(&deep), Err(Malformed("nested too deeply".into())));
    }

    #[test]
    fn huge_ints_and_surrogates_are_described() {
        let mut out = vec![b'l'];
        out.extend_from_slice(&3000i32.to_le_bytes());
        out.extend(std::iter::repeat_n([0xFF, 0x7F], 3000).flatten());
        assert_eq!(read(&out), Ok(Py::Int(Value::HugeInt { bits: 45_000 })));
        assert_eq!(read(b"u\x04\x00\x00\x00a\xed\xa0\x80"), Ok(Py::Unpaired("a\\ud800".into())));
    }
}
