//! Other shapes of the entry point that candidates write, tried when the one the statement asks for is
//! missing: the LeetCode shape (a `Solution` class with the camelCase method) for a function, and a class
//! by another name that has the method for a rate limiter. The adapter is Python appended after the
//! candidate's code (so their line numbers do not move); it defines the entry only if it is missing and
//! the other shape is there, and the report says which call was made.

use catalog::{Entry, Problem};

/// The candidate's source with an adapter appended, and the call it makes, in words.
pub(crate) struct Adapted {
    pub source: String,
    pub called: String,
}

/// The line the adapter begins with: what follows it is not the candidate's code.
pub(crate) const ADAPTER_MARK: &str = "# screenjudge: the entry point, adapted";

/// The adapted source for the problem's entry point.
pub(crate) fn adapt(problem: &Problem, source: &str) -> Adapted {
    match &problem.entry {
        Entry::Function { function } => {
            let method = camel_case(function);
            let adapter = format!(
                "\n\nif {function:?} not in globals() and isinstance(globals().get(\"Solution\"), type) \
                 and hasattr(Solution, {method:?}):\n    def {function}(*args):\n        return Solution().{method}(*args)\n"
            );
            Adapted { source: format!("{source}\n{ADAPTER_MARK}{adapter}"), called: format!("Solution().{method}") }
        }
        Entry::Class { class, method } => {
            let adapter = format!(
                "\n\nif {class:?} not in globals():\n    for _entry in list(globals().values()):\n        \
                 if isinstance(_entry, type) and callable(getattr(_entry, {method:?}, None)):\n            \
                 {class} = _entry\n            break\n"
            );
            Adapted {
                source: format!("{source}\n{ADAPTER_MARK}{adapter}"),
                called: format!("the class that defines `{method}`, as `{class}`"),
            }
        }
    }
}

/// Runs `run` on `source` as written and, when `missing` says its answer found no entry point, once more
/// with the adapter appended. The second answer stands where the adapter found the other shape, with
/// the call it made in words; otherwise the first does, with none. Every caller retries through here.
pub(crate) fn or_adapted<T, E>(
    problem: &Problem,
    source: &str,
    run: impl Fn(&str) -> Result<T, E>,
    missing: impl Fn(&T) -> bool,
) -> Result<(T, Option<String>), E> {
    let first = run(source)?;
    if !missing(&first) {
        return Ok((first, None));
    }
    let adapted = adapt(problem, source);
    let again = run(&adapted.source)?;
    if missing(&again) { Ok((first, None)) } else { Ok((again, Some(adapted.called))) }
}

/// `length_of_longest_substring` as `lengthOfLongestSubstring`.
fn camel_case(name: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in name.chars() {
        match c {
            '_' if !out.is_empty() => upper = true,
            c if upper => {
                out.extend(c.to_uppercase());
                upper = false;
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::camel_case;

    #[test]
    fn snake_case_names_become_leetcode_method_names() {
        assert_eq!(camel_case("length_of_longest_substring"), "lengthOfLongestSubstring");
        assert_eq!(camel_case("remove_duplicates"), "removeDuplicates");
    }
}
