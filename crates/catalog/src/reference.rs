//! Expected answers, computed on the host in Rust. Python never produces an expected value.

use runner::Value;

/// The expected return value of a function problem's entry point for `args`, or `None` when the
/// problem has no such reference (class problems are judged by properties instead).
pub fn expected(problem_id: &str, args: &[Value]) -> Option<Value> {
    match (problem_id, args) {
        ("dedupe", [Value::List(items)]) => Some(Value::List(dedupe(items))),
        ("longest-substring", [Value::Str(s)]) => Some(Value::Int(longest_unique_run(s) as i64)),
        _ => None,
    }
}

fn dedupe(items: &[Value]) -> Vec<Value> {
    // Values are ints here. Ints within 64 bits are keyed by value (probe inputs hold tens of thousands);
    // any other value by its text, which keeps big ints apart without a bignum type.
    let mut small = std::collections::HashSet::new();
    let mut other = std::collections::HashSet::new();
    let text_as_int = |v: &Value| v.to_string().parse::<i64>().map_err(|_| v.to_string());
    items
        .iter()
        .filter(|v| match v {
            Value::Int(i) => small.insert(*i),
            v => match text_as_int(v) {
                Ok(i) => small.insert(i),
                Err(text) => other.insert(text),
            },
        })
        .cloned()
        .collect()
}

fn longest_unique_run(s: &str) -> usize {
    let mut last = std::collections::HashMap::new();
    let (mut start, mut best) = (0, 0);
    for (i, c) in s.chars().enumerate() {
        if let Some(&j) = last.get(&c) {
            start = start.max(j + 1);
        }
        last.insert(c, i);
        best = best.max(i + 1 - start);
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(s: &str) -> usize {
        longest_unique_run(s)
    }

    #[test]
    fn substring_examples_from_the_statement() {
        assert_eq!([run("abcabcbb"), run("bbbbb"), run("pwwkew"), run(""), run("abba"), run("tmmzuxt")], [3, 1, 3, 0, 2, 5]);
        assert_eq!(run("🙂🙃🙂😀😁"), 4);
    }

    #[test]
    fn dedupe_keeps_first_occurrences_in_order() {
        let got = expected("dedupe", &[Value::from(vec![3i64, 1, 3, 2, 1])]);
        assert_eq!(got, Some(Value::from(vec![3i64, 1, 2])));
    }
}
