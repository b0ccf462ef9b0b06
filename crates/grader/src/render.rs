//! The report as readable text for a terminal, the verdict first: the summary, then failures grouped by
//! cause with their evidence, the growth table in estimated native time, the rate limiter's behaviour,
//! the score's reasons and the follow-up questions. No raw fuel: that stays in the JSON.

use crate::complexity::CostlyLines;
use crate::report::{Report, Summary};
use crate::words;
use std::fmt::Write;

/// Renders the interviewer's view of a report.
pub fn render(report: &Report) -> String {
    let mut out = String::new();
    let w = &mut out;
    summary(w, &report.summary);
    let _ = writeln!(w, "\nproblem   {} ({})", report.problem, report.verdict.words());
    if let Some(load) = &report.load_error {
        let _ = writeln!(w, "load      {}", load.message);
    }
    let _ = writeln!(w, "tests     {}/{} passed", report.tests.passed, report.tests.total);
    for c in &report.tests.categories {
        let _ = writeln!(w, "  {:<10} {}/{}", c.category.as_str(), c.passed, c.total);
    }
    for e in &report.examples {
        let mark = if e.passed { "ok  " } else { "FAIL" };
        let _ = writeln!(w, "example   {mark} {}: {} -> {}", e.name, e.input, e.actual);
    }
    failures(w, report);
    for finding in &report.findings {
        let _ = writeln!(w, "\nfinding   {finding}");
    }
    growth(w, report);
    limiter(w, report);
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

fn summary(w: &mut String, s: &Summary) {
    let _ = writeln!(w, "{}", s.headline);
    let _ = writeln!(w, "  correctness  {}", s.correctness);
    for (label, line) in [("time", &s.time), ("space", &s.space), ("at scale", &s.at_largest_input)] {
        if let Some(line) = line {
            let _ = writeln!(w, "  {label:<12} {line}");
        }
    }
}

/// One block per cause; a wrong value shows its own evidence, shrunk when it was large.
fn failures(w: &mut String, report: &Report) {
    for cause in &report.tests.causes {
        let Some(f) = report.tests.failed.iter().find(|f| f.name == cause.tests[0]) else { continue };
        if cause.tests.len() > 1 {
            let at = cause.line.map(|l| format!(" (line {l})")).unwrap_or_default();
            let _ = writeln!(w, "\nfailed    {} tests: {}{at}", cause.tests.len(), cause.what);
            let _ = writeln!(w, "  tests    {}", cause.tests.join("; "));
            continue;
        }
        let _ = writeln!(w, "\nfailed    [{}] {} ({})", f.category, f.name, f.kind.words());
        match &f.shrunk {
            Some(small) => {
                let _ = writeln!(w, "  fails on {}  (shrunk from {})", small.input, f.input);
                let _ = writeln!(w, "  expected {}\n  actual   {}", small.expected, small.actual);
            }
            None => {
                let _ = writeln!(w, "  input    {}", f.input);
                let _ = writeln!(w, "  expected {}\n  actual   {}", f.expected, f.actual);
            }
        }
        if let Some(error) = &f.error {
            let _ = writeln!(w, "  error    {error}");
        }
    }
}

fn growth(w: &mut String, report: &Report) {
    if let Some(note) = &report.complexity_note {
        let _ = writeln!(w, "\n{note}");
    }
    let Some(c) = &report.complexity else { return };
    let class = |class: Option<catalog::GrowthClass>| class.map_or("not measured", |c| c.pretty());
    let alt = c
        .runner_up
        .filter(|_| c.ambiguous)
        .map(|r| format!(" or {}: the data cannot tell them apart", r.pretty()))
        .unwrap_or_default();
    let _ = writeln!(w, "\ntime      {}{alt}", class(c.time.known()));
    let space = match c.space.known() {
        Some(s) => s.pretty(),
        None if c.points.iter().any(|p| p.memory.is_some()) => "too small to tell (the memory hardly grew)",
        None => "not measured",
    };
    let _ = writeln!(w, "space     {space}");
    match c.stopped_at {
        Some(n) => {
            let _ = writeln!(w, "budget    a probe at n={n} used up what was left: the cost there is at least that");
        }
        None if c.budget_exhausted => {
            let _ = writeln!(w, "budget    probes stopped at n={} to keep grading quick", c.largest_n);
        }
        None => {}
    }
    let _ = writeln!(w, "  {:>8} {:>14} {:>14}  worst family", "n", "native time", "native memory");
    for p in &c.points {
        let memory = match p.memory {
            None => "-".to_string(),
            // Less than one 64 KiB page of growth: the heap grows in whole pages.
            Some(0) => "too small".to_string(),
            Some(bytes) => words::native_bytes(bytes),
        };
        let _ = writeln!(w, "  {:>8} {:>14} {:>14}  {}", p.n, words::native_time(p.fuel as f64), memory, p.family);
    }
    if c.points.iter().any(|p| p.memory.is_none()) {
        let _ = writeln!(w, "  (memory is traced at every other size, from the largest down)");
    }
    if c.wrong_answers > 0 {
        let _ = writeln!(w, "  {} probe answers were wrong", c.wrong_answers);
    }
    costly_line(w, c.costly_lines.as_ref());
}

/// Where the work grows, when a line does.
fn costly_line(w: &mut String, lines: Option<&CostlyLines>) {
    if let Some(growing) = lines.and_then(|l| l.growing.as_ref()) {
        let _ = writeln!(w, "where the work grows (measured line by line)\n  {}", growing.said);
    }
}

fn limiter(w: &mut String, report: &Report) {
    let Some(r) = &report.rate_limiter else { return };
    let _ = writeln!(
        w,
        "\nalgorithm {} ({} of {} decisions differ from it)",
        r.algorithm.words(),
        r.divergences,
        r.decisions
    );
    if r.limit_offset != 0 {
        let _ = writeln!(w, "          behaves as if the limit were one higher than asked");
    }
    let _ = writeln!(
        w,
        "max in any window: {} the limit; false rejections: {}",
        words::times(r.max_in_window_ratio),
        r.false_rejections
    );
    let c = &r.per_call_cost;
    let _ = writeln!(
        w,
        "per call  {} ({} at limit {}, {} at limit {}); about {} requests a second on one core of native CPython; 1,000 a second {}",
        c.class.as_str(),
        words::native_time(c.fuel_small_limit as f64),
        c.small_limit,
        words::native_time(c.fuel_large_limit as f64),
        c.large_limit,
        words::roughly(c.native_requests_per_second as f64),
        if c.meets_1000_per_second { "met" } else { "not met comfortably" }
    );
    costly_line(w, r.costly_lines.as_ref());
    if let Some(m) = &r.memory_per_key {
        let idle = if m.idle_keys_released { "idle keys are released" } else { "idle keys are never released" };
        let _ = writeln!(w, "memory    {} per key in native CPython; {idle}", words::native_bytes(m.bytes_per_key));
    }
    for p in &r.properties {
        let _ = writeln!(
            w,
            "  {} {}{}",
            if p.ok { "ok  " } else { "FAIL" },
            p.name,
            p.counterexample.as_deref().map(|c| format!(": {c}")).unwrap_or_default()
        );
    }
    for s in &r.static_signals {
        let _ = writeln!(w, "  {s}");
    }
}
