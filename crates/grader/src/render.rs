//! The report as readable text for a terminal: verdict, failures with evidence, the growth table,
//! the rate limiter's behaviour, the suggested score and follow-up questions.

use crate::report::Report;
use catalog::GrowthClass;
use std::fmt::Write;

/// Renders the interviewer's view of a report.
pub fn render(report: &Report) -> String {
    let mut out = String::new();
    let w = &mut out;
    let _ = writeln!(w, "problem   {}", report.problem);
    let _ = writeln!(w, "verdict   {}", report.verdict.as_str());
    if let Some(load) = &report.load_error {
        let _ = writeln!(w, "load      {}", load.message);
    }
    let _ = writeln!(w, "tests     {}/{} passed", report.tests.passed, report.tests.total);
    for c in &report.tests.categories {
        let _ = writeln!(w, "  {:<10} {}/{}", c.category, c.passed, c.total);
    }
    for e in &report.examples {
        let mark = if e.passed { "ok  " } else { "FAIL" };
        let _ = writeln!(w, "example   {mark} {}: {} -> {}", e.name, e.input, e.actual);
    }
    for f in &report.tests.failed {
        let _ = writeln!(w, "\nfailed    [{}] {} ({:?})", f.category, f.name, f.kind);
        match &f.shrunk_input {
            Some(small) => {
                let _ = writeln!(w, "  fails on {small}  (shrunk from {})", f.input);
            }
            None => {
                let _ = writeln!(w, "  input    {}", f.input);
            }
        }
        let _ = writeln!(w, "  expected {}\n  actual   {}", f.expected, f.actual);
        if let Some(error) = &f.error {
            let _ = writeln!(w, "  error    {error}");
        }
    }
    for finding in &report.findings {
        let _ = writeln!(w, "\nfinding   {finding}");
    }
    if let Some(c) = &report.complexity {
        let alt = c.runner_up.map(|r| format!(", runner-up {r}")).unwrap_or_default();
        let both = if c.ambiguous { " (cannot tell apart)" } else { "" };
        let unknown = |class: Option<GrowthClass>| class.map_or("unknown", GrowthClass::as_str);
        let _ = writeln!(w, "\ntime      {}{alt}{both}, confidence {:.2}", unknown(c.time), c.confidence);
        let _ = writeln!(w, "space     {}", unknown(c.space));
        if let Some(e) = &c.extrapolation {
            let _ = writeln!(w, "at n={}  ~{:.1}x the reference ({:.2e} fuel, ~{:.3} s native)", e.n, e.ratio, e.fuel, e.native_seconds);
        }
        if c.extrapolation.is_none() && c.time == Some(GrowthClass::Exponential) {
            let _ = writeln!(w, "at n={}  cannot finish: the cost doubles with every few more characters", c.largest_n.max(1));
        }
        match c.stopped_at {
            Some(n) => {
                let _ = writeln!(w, "budget    a probe at n={n} used up what was left: the cost there is at least the budget");
            }
            None if c.budget_exhausted => {
                let _ = writeln!(w, "budget    probes stopped at n={} to stay within the fuel budget", c.largest_n);
            }
            None => {}
        }
        let _ = writeln!(w, "  {:>8} {:>14} {:>12}  worst family", "n", "fuel", "memory");
        for p in &c.points {
            let memory = p.memory.map_or("-".to_string(), |m| m.to_string());
            let _ = writeln!(w, "  {:>8} {:>14} {:>12}  {}", p.n, p.fuel, memory, p.family);
        }
        if c.points.iter().any(|p| p.memory.is_none()) {
            let _ = writeln!(w, "  (memory is traced at every other size, from the largest down)");
        }
        if c.wrong_answers > 0 {
            let _ = writeln!(w, "  {} probe answers were wrong", c.wrong_answers);
        }
    }
    if let Some(r) = &report.rate_limiter {
        let _ = writeln!(w, "\nalgorithm {} ({} of {} decisions differ from the model)", r.algorithm.as_str(), r.divergences, r.decisions);
        if r.limit_offset != 0 {
            let _ = writeln!(w, "          behaves as if the limit were one higher than asked");
        }
        let _ = writeln!(w, "max in any window: {:.2}x limit; false rejections: {}", r.max_in_window_ratio, r.false_rejections);
        let c = &r.per_call_cost;
        let _ = writeln!(
            w,
            "per call  {} ({} fuel at limit {}, {} at limit {}); ~{} req/s native; 1,000 req/s {}",
            c.class.as_str(),
            c.fuel_small_limit,
            c.small_limit,
            c.fuel_large_limit,
            c.large_limit,
            c.native_requests_per_second,
            if c.meets_1000_per_second { "met" } else { "NOT met comfortably" }
        );
        if let Some(m) = &r.memory_per_key {
            let idle = if m.idle_keys_released { "idle keys are released" } else { "idle keys are never released" };
            let _ = writeln!(w, "memory    {} bytes per key; {idle}", m.bytes_per_key);
        }
        for p in &r.properties {
            let _ = writeln!(w, "  {} {}{}", if p.ok { "ok  " } else { "FAIL" }, p.name, p.counterexample.as_deref().map(|c| format!(": {c}")).unwrap_or_default());
        }
        for s in &r.static_signals {
            let _ = writeln!(w, "  {s}");
        }
    }
    let _ = writeln!(w, "\nscore     {} / 4", report.score.suggested);
    for r in &report.score.reasons {
        let _ = writeln!(w, "  - {r}");
    }
    if !report.follow_ups.is_empty() {
        let _ = writeln!(w, "\nfollow-up questions");
        for q in &report.follow_ups {
            let _ = writeln!(w, "  - {q}");
        }
    }
    out
}
