//! Figures and outcomes in the words an interviewer reads aloud: estimated native time instead of fuel,
//! ratios rounded to what a person says, and each way a call can end in a plain sentence.

use crate::calibration::{FUEL_PER_NATIVE_SECOND, NATIVE_BYTES_PER_GUEST_BYTE};
use runner::Outcome;

/// Seconds of native CPython that `fuel` stands for, in words: "~3 ms", "~2.4 s", "~5 min", "~3 h",
/// or "would not finish in a day".
pub fn native_time(fuel: f64) -> String {
    seconds(fuel / FUEL_PER_NATIVE_SECOND)
}

/// The guest heap's growth as estimated native CPython bytes, in words: "~134 B", "~2.8 MB".
pub fn native_bytes(guest: u64) -> String {
    let bytes = guest as f64 * NATIVE_BYTES_PER_GUEST_BYTE;
    match bytes {
        b if b >= 1e9 => format!("~{:.1} GB", b / 1e9),
        b if b >= 1e6 => format!("~{:.1} MB", b / 1e6),
        b if b >= 1e3 => format!("~{:.0} kB", b / 1e3),
        b => format!("~{b:.0} B"),
    }
}

/// A duration in words, rounded to what a person says.
pub fn seconds(s: f64) -> String {
    match s {
        s if !s.is_finite() || s >= 86_400.0 => "would not finish in a day".into(),
        s if s >= 3_600.0 => format!("~{:.0} h", s / 3_600.0),
        s if s >= 60.0 => format!("~{:.0} min", s / 60.0),
        s if s >= 10.0 => format!("~{:.0} s", s),
        s if s >= 1.0 => format!("~{:.1} s", s),
        s if s >= 0.001 => format!("~{:.0} ms", s * 1e3),
        _ => "under 1 ms".into(),
    }
}

/// A ratio in words, as every view writes one (pages, exports, the command line): "~1.8×", "~37×",
/// "~7,000×", "~370,000,000×".
pub fn ratio(r: f64) -> String {
    match r {
        r if !r.is_finite() => "beyond measure".into(),
        r if r < 10.0 => format!("~{r:.1}×"),
        r => format!("~{}×", roughly(r)),
    }
}

/// An exact ratio as the pages write one: "0.9×", "2×", "1.3×", "42×", "61,000×" (no "~": nothing is
/// estimated; `ratio` is for estimates).
pub fn times(r: f64) -> String {
    match r {
        r if !r.is_finite() => "beyond measure".into(),
        r if r < 10.0 => format!("{}×", (r * 10.0).round() / 10.0),
        r if r < 1_000.0 => format!("{}×", thousands(r.round() as u64)),
        r => format!("{}×", roughly(r)),
    }
}

/// A call that did not finish, against the reference's work on the same input: `spent` is what the call
/// had been allowed when it was stopped, `reference` the fuel the reference's call took. The figure is a
/// floor ("more than 2,000×"), never a limit read as the cost itself.
pub fn unfinished(spent: u64, reference: u64) -> String {
    unfinished_times(spent as f64 / reference.max(1) as f64, "the same input")
}

/// As `unfinished`, from the multiple of the reference's work, on `inputs` ("the same input", "each input").
pub(crate) fn unfinished_times(times: f64, inputs: &str) -> String {
    if times >= 2.0 {
        format!("did not finish: still running after more than {}× the reference's work on {inputs}", at_least(times))
    } else if times >= 1.0 {
        format!("did not finish: still running after as much work as the reference's on {inputs}")
    } else {
        format!("did not finish: stopped before it had done as much work as the reference's on {inputs}")
    }
}

/// A figure rounded down to one significant digit (two when the first is 1), grouped by thousands:
/// 2,345 as "2,000", 15,300 as "15,000", 7.9 as "7".
pub(crate) fn at_least(n: f64) -> String {
    if n < 10.0 {
        return thousands(n.floor() as u64);
    }
    let digits = n.log10().floor() as i32;
    let leading = n / 10f64.powi(digits);
    let magnitude = 10f64.powi(if leading < 2.0 { digits - 1 } else { digits });
    thousands(((n / magnitude).floor() * magnitude) as u64)
}

/// A large count rounded to two significant figures and grouped by thousands: "2,100,000", "61,000", "370".
pub fn roughly(n: f64) -> String {
    if !n.is_finite() || n < 0.0 {
        return "0".into();
    }
    let magnitude = if n >= 100.0 { 10f64.powi(n.log10().floor() as i32 - 1) } else { 1.0 };
    thousands(((n / magnitude).round() * magnitude) as u64)
}

/// 100000 as "100,000".
pub(crate) fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// How a call ended, for the candidate and the interviewer alike.
pub fn outcome(outcome: &Outcome) -> String {
    match outcome {
        // No figure: the allowance differs between a Run, a first test and later ones, and a figure read
        // as the limit itself ("stopped after 3 ms") sounds harsh; what a person needs is that it never finished.
        Outcome::Timeout { .. } => {
            "did not finish: still running when its time for this input ran out (an infinite loop, or far too slow)"
                .into()
        }
        Outcome::Deadline { .. } => {
            "did not finish: still running when its time ran out (an infinite loop, or far too slow)".into()
        }
        Outcome::MemoryLimit { limit_bytes } => {
            format!("ran out of memory: used more than the {} MiB allowed", limit_bytes >> 20)
        }
        Outcome::StackOverflow => "ran out of stack: recursion far too deep".into(),
        Outcome::OutputLimit { limit_chars } => format!("printed more than {limit_chars} characters"),
        Outcome::NotRun => "not run: an earlier call ended the run".into(),
        other => other.summary(),
    }
}

/// How calls in a row ended: as `outcome` says when they all ended alike, else by their one cause.
pub(crate) fn endings(endings: &[Outcome]) -> String {
    let alike = |last: &Outcome| endings.iter().all(|e| std::mem::discriminant(e) == std::mem::discriminant(last));
    match endings.last() {
        Some(Outcome::Returned { .. }) if endings.iter().all(|e| matches!(e, Outcome::Returned { .. })) => {
            "returned a value too large or too deeply nested to show".into()
        }
        Some(last) if alike(last) => outcome(last),
        _ => "outgrew the sandbox: ran out of memory, printed too much or returned a value too large to show".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_read_as_a_person_says_them() {
        assert_eq!(seconds(0.0123), "~12 ms");
        assert_eq!(seconds(2.41), "~2.4 s");
        assert_eq!(seconds(300.0), "~5 min");
        assert_eq!(seconds(1e9), "would not finish in a day");
        assert_eq!(ratio(1.84), "~1.8×");
        assert_eq!(ratio(372_705_362.5), "~370,000,000×");
        assert_eq!(ratio(6_960.0), "~7,000×");
        assert_eq!(ratio(37.4), "~37×");
        assert_eq!(roughly(2_128_225.0), "2,100,000");
        assert_eq!(
            (times(2.0), times(1.27), times(372.4), times(61_234.0)),
            ("2×".into(), "1.3×".into(), "372×".into(), "61,000×".into())
        );
        assert_eq!(native_bytes(1_310_720), "~2.8 MB");
        assert_eq!(native_bytes(64), "~134 B");
        let most = "did not finish: still running after more than";
        assert_eq!(unfinished(2_000_000_000, 853_000), format!("{most} 2,000× the reference's work on the same input"));
        assert_eq!(unfinished(1_000_000_000, 65_000), format!("{most} 15,000× the reference's work on the same input"));
        assert_eq!(unfinished(100_000_000, 12_500_000), format!("{most} 8× the reference's work on the same input"));
        assert!(unfinished(100, 70).contains("as much work as the reference's"));
        assert!(unfinished(100, 700).contains("stopped before"));
        let timeout = outcome(&Outcome::Timeout { fuel_limit: 20_000_000_000 });
        assert_eq!(
            timeout,
            "did not finish: still running when its time for this input ran out (an infinite loop, or far too slow)"
        );
    }
}
