//! Integers typed by a person kept exact. JSON readers take a number beyond 64 bits as a float, so
//! `99999999999999999999999` would reach the candidate's code as `1e23`; before an interviewer's input is
//! read, every integer literal that does not fit in 64 bits is written as the tagged integer the grader
//! reads exactly (`{"$int": "digits"}`). Text inside strings, floats and everything else stay as typed.

use std::borrow::Cow;

/// `text` with each integer literal outside `i64` tagged as `{"$int": "…"}`; borrowed when nothing changes.
pub fn tag_big_integers(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let mut out: Option<String> = None;
    let (mut i, mut copied) = (0, 0);
    while i < bytes.len() {
        match bytes[i] {
            b'"' => i = string_end(bytes, i),
            b'-' | b'0'..=b'9' => {
                let end = number_end(bytes, i);
                let token = &text[i..end];
                let integer = token.bytes().all(|b| b == b'-' || b.is_ascii_digit());
                if integer && token.len() > 1 && token.parse::<i64>().is_err() {
                    let out = out.get_or_insert_with(|| String::with_capacity(text.len() + 16));
                    out.push_str(&text[copied..i]);
                    out.push_str(&format!("{{\"$int\": \"{token}\"}}"));
                    copied = end;
                }
                i = end;
            }
            _ => i += 1,
        }
    }
    match out {
        Some(mut out) => {
            out.push_str(&text[copied..]);
            Cow::Owned(out)
        }
        None => Cow::Borrowed(text),
    }
}

/// The index just past the string that opens at `start` (or the end of the text when it never closes).
fn string_end(bytes: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}

/// The index just past the number that begins at `start`.
fn number_end(bytes: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    while i < bytes.len() && matches!(bytes[i], b'0'..=b'9' | b'.' | b'e' | b'E' | b'+' | b'-') {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::tag_big_integers;

    #[test]
    fn integers_beyond_64_bits_are_tagged_and_the_rest_is_left_as_typed() {
        assert_eq!(tag_big_integers("[[1, -2, 3.5, 1e30]]"), "[[1, -2, 3.5, 1e30]]");
        assert_eq!(tag_big_integers("[99999999999999999999999]"), r#"[{"$int": "99999999999999999999999"}]"#);
        assert_eq!(
            tag_big_integers("[[12345678901234567890123, -12345678901234567890124, 5]]"),
            r#"[[{"$int": "12345678901234567890123"}, {"$int": "-12345678901234567890124"}, 5]]"#
        );
        assert_eq!(
            tag_big_integers("[9223372036854775807, 9223372036854775808]"),
            r#"[9223372036854775807, {"$int": "9223372036854775808"}]"#
        );
    }

    #[test]
    fn digits_inside_strings_stay_text() {
        let text = r#"["99999999999999999999999", "a \" 99999999999999999999999", 1]"#;
        assert_eq!(tag_big_integers(text), text);
    }
}
