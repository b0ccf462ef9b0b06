//! Fits exact cost counts to growth classes.
//!
//! Costs are exact (fuel), so the difficulty is not noise but lower-order terms: `n log n + 60 n` looks
//! linear to a one-term fit. We fit non-negative combinations of all terms at once, weighted by relative
//! error, and name the highest-order term that still carries a real share of the cost at the largest n.
//! Exponential growth is told apart first, by whether log C is linear in n.

use catalog::GrowthClass;
use serde::Serialize;

/// Share of the cost at the largest n a term needs to name the class.
pub(super) const DOMINANT_SHARE: f64 = 0.2;
/// Below this share for the top term, the next one down is named as well. Measured gap: O(n) solutions
/// with slowly rising per-element costs reach about 0.55 in their n log n term (it drifts between guest
/// builds, whose string-hash secrets differ); a true n log n solution sits above 0.8.
const CLEAR_SHARE: f64 = 0.65;

/// The outcome of a fit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Fit {
    /// The class named.
    pub class: GrowthClass,
    /// The next most likely class.
    pub runner_up: Option<GrowthClass>,
    /// True when the data cannot separate `class` and `runner_up`.
    pub ambiguous: bool,
    /// 0 to 1: how clearly the data names the class.
    pub confidence: f64,
    /// Each term's share of the fitted cost at the largest n, as (term, share), largest first.
    pub term_shares: Vec<(GrowthClass, f64)>,
    /// The fitted coefficients, one per polynomial term (1, log n, n, n log n, n², n³).
    #[serde(skip)]
    coefficients: [f64; 6],
    /// For exponential fits: cost = exp(a + b n).
    #[serde(skip)]
    exponential: Option<(f64, f64)>,
}

impl Fit {
    /// The fitted cost at `n`.
    pub fn predict(&self, n: f64) -> f64 {
        match self.exponential {
            Some((a, b)) => (a + b * n).exp(),
            None => terms(n).iter().zip(&self.coefficients).map(|(t, c)| t * c).sum(),
        }
    }
}

fn terms(n: f64) -> [f64; 6] {
    let log = n.max(1.0).ln();
    [1.0, log, n, n * log, n * n, n * n * n]
}

/// Classifies points `(n, cost)`, cost already net of the fixed call overhead. Needs at least 3 points.
pub fn classify(points: &[(f64, f64)]) -> Option<Fit> {
    if points.len() >= 3 && (points.iter().all(|&(_, c)| c <= FLAT_FUEL) || !grows(points)) {
        return Some(flat(points));
    }
    let points: Vec<(f64, f64)> = points.iter().copied().filter(|&(n, c)| n > 0.0 && c > 0.0).collect();
    if points.len() < 3 {
        return None;
    }
    if let Some(fit) = exponential(&points) {
        return Some(fit);
    }
    Some(polynomial(&points))
}

/// Where the class is a square but the cost's local slope still rises past 2 over the largest sizes, a
/// cube is there, small at the sizes measured (a scan at C speed inside a double loop costs a few fuel
/// per item against the interpreter's thousands per iteration, so it leads only past a few thousand).
/// Fuel is exact, so its coefficient is fitted from the largest sizes, and the class is the term that
/// leads at the statement's largest input, `max_n`, where the extrapolation is made too.
pub fn toward(fit: Fit, points: &[(f64, f64)], max_n: f64) -> Fit {
    let mut sorted: Vec<(f64, f64)> = points.iter().copied().filter(|&(n, c)| n > 0.0 && c > 0.0).collect();
    sorted.sort_by(|a, b| a.0.total_cmp(&b.0));
    if fit.class != GrowthClass::Quadratic || fit.exponential.is_some() || sorted.len() < 5 {
        return fit;
    }
    let tail = &sorted[sorted.len() - 5..];
    let local = |a: (f64, f64), b: (f64, f64)| (b.1 / a.1).ln() / (b.0 / a.0).ln();
    let (before, last) = (local(tail[2], tail[3]), local(tail[3], tail[4]));
    if last < RISING_PAST_SQUARE || last <= before {
        return fit;
    }
    let coefficients = fit_terms(tail, [true, false, true, false, true, true]);
    let shares = shares_at(max_n, &coefficients);
    if shares[5] < 0.5 {
        return fit;
    }
    let mut term_shares: Vec<(GrowthClass, f64)> = (0..6)
        .zip(shares)
        .filter(|&(_, share)| share >= 0.005)
        .map(|(k, share)| (GrowthClass::ALL[k], round2(share)))
        .collect();
    term_shares.sort_by(|a, b| b.1.total_cmp(&a.1));
    Fit {
        class: GrowthClass::Cubic,
        runner_up: Some(GrowthClass::Quadratic),
        ambiguous: false,
        confidence: round2(shares[5]),
        term_shares,
        coefficients,
        exponential: None,
    }
}

/// The local slope above which a rising slope means a term beyond the square.
const RISING_PAST_SQUARE: f64 = 2.15;

/// Net of the fixed cost of a call, at most this much fuel at every size (a few dozen native
/// nanoseconds: less than any loop over an input) is no growth: there is nothing to fit, and no term is
/// named from noise.
const FLAT_FUEL: f64 = 1_000.0;

/// Whether the cost at the largest third of the sizes is clearly above that at the smallest third.
fn grows(points: &[(f64, f64)]) -> bool {
    let mut sorted = points.to_vec();
    sorted.sort_by(|a, b| a.0.total_cmp(&b.0));
    let third = (sorted.len() / 3).max(1);
    let mean = |part: &[(f64, f64)]| part.iter().map(|p| p.1).sum::<f64>() / part.len() as f64;
    mean(&sorted[sorted.len() - third..]) > 1.5 * mean(&sorted[..third])
}

/// A cost that does not grow: constant, said plainly.
fn flat(points: &[(f64, f64)]) -> Fit {
    let mean = points.iter().map(|p| p.1).sum::<f64>() / points.len() as f64;
    Fit {
        class: GrowthClass::Constant,
        runner_up: None,
        ambiguous: false,
        confidence: 1.0,
        term_shares: vec![(GrowthClass::Constant, 1.0)],
        coefficients: [mean, 0.0, 0.0, 0.0, 0.0, 0.0],
        exponential: None,
    }
}

fn polynomial(points: &[(f64, f64)]) -> Fit {
    let coefficients = fit_terms(points, [true; 6]);
    let n_max = points.iter().map(|p| p.0).fold(0.0, f64::max);
    let shares = shares_at(n_max, &coefficients);
    // A polynomial term names the class only if the growth at the largest sizes bears it out: step-shaped
    // costs (loops of ceil(log2 n) rounds, resizes) can lend a higher term a share it does not have.
    let slope = end_slope(points);
    let supported = |k: usize| match k {
        4 => slope >= 1.5,
        5 => slope >= 2.5,
        _ => true,
    };
    let class = (0..6).rev().find(|&k| shares[k] >= DOMINANT_SHARE && supported(k)).unwrap_or(0);
    let runner_up = (0..6).filter(|&k| k != class).max_by(|&a, &b| shares[a].total_cmp(&shares[b]));
    let residual = relative_rms(points, |n| terms(n).iter().zip(&coefficients).map(|(t, c)| t * c).sum());
    let ambiguous = shares[class] < CLEAR_SHARE && runner_up.is_some_and(|r| shares[r] >= DOMINANT_SHARE);
    // When two neighbouring classes cannot be told apart, name the simpler one and keep the other as
    // runner-up: slowly rising per-element costs (allocator, hash resizes) are not a log factor.
    let (class, runner_up) = match runner_up {
        Some(r) if ambiguous && r + 1 == class => (r, Some(class)),
        other => (class, other),
    };
    // A term the growth does not bear out is no contender, unless it is what makes the label ambiguous.
    let runner_up = runner_up.filter(|&r| ambiguous || supported(r));
    let confidence = (shares[class].min(1.0) * (1.0 - (residual * 5.0).min(1.0))).clamp(0.0, 1.0);
    // What the fit predicts further out, and the shares shown, leave out a term the growth does not bear
    // out: a few percent of n³ at n = 4,096 would be most of the cost at n = 100,000.
    let coefficients =
        if (0..6).all(supported) { coefficients } else { fit_terms(points, std::array::from_fn(supported)) };
    let mut term_shares: Vec<(GrowthClass, f64)> = (0..6)
        .zip(shares_at(n_max, &coefficients))
        .filter(|&(_, share)| share >= 0.005)
        .map(|(k, share)| (GrowthClass::ALL[k], round2(share)))
        .collect();
    term_shares.sort_by(|a, b| b.1.total_cmp(&a.1));
    Fit {
        class: GrowthClass::ALL[class],
        runner_up: runner_up.map(|r| GrowthClass::ALL[r]),
        ambiguous,
        confidence: round2(confidence),
        term_shares,
        coefficients,
        exponential: None,
    }
}

/// Each term's share of the fitted cost at `n`.
fn shares_at(n: f64, coefficients: &[f64; 6]) -> [f64; 6] {
    let at_n = terms(n);
    let parts: [f64; 6] = std::array::from_fn(|k| at_n[k] * coefficients[k]);
    let total = parts.iter().sum::<f64>().max(f64::MIN_POSITIVE);
    parts.map(|part| part / total)
}

/// Non-negative coefficients of the terms (1, log n, n, n log n, n², n³) that best fit the points by
/// relative error, with the terms not `allowed` held at zero.
fn fit_terms(points: &[(f64, f64)], allowed: [bool; 6]) -> [f64; 6] {
    // Rows scaled by 1/C so every point counts by its relative error; columns scaled to unit maximum.
    let rows: Vec<[f64; 6]> = points.iter().map(|&(n, c)| terms(n).map(|t| t / c)).collect();
    let mut scale = [0.0f64; 6];
    for row in &rows {
        for (s, v) in scale.iter_mut().zip(row) {
            *s = s.max(*v);
        }
    }
    let scaled: Vec<Vec<f64>> =
        rows.iter().map(|r| (0..6).map(|k| if allowed[k] { r[k] / scale[k] } else { 0.0 }).collect()).collect();
    let solution = nnls(&scaled, &vec![1.0; points.len()]);
    std::array::from_fn(|k| if allowed[k] { solution[k] / scale[k] } else { 0.0 })
}

/// Exponential when log C is close to linear in n and grows by at least 30% per unit of n, and a
/// straight line in (n, log C) explains the points much better than one in (log n, log C).
fn exponential(points: &[(f64, f64)]) -> Option<Fit> {
    let tail = &points[points.len().saturating_sub(6)..];
    if tail.len() < 4 {
        return None;
    }
    let logs: Vec<(f64, f64)> = tail.iter().map(|&(n, c)| (n, c.ln())).collect();
    let loglogs: Vec<(f64, f64)> = tail.iter().map(|&(n, c)| (n.ln(), c.ln())).collect();
    let (a, b, rss_exp) = line(&logs);
    let (_, slope, rss_pow) = line(&loglogs);
    if b < 0.26 || rss_exp * 4.0 > rss_pow || slope < 3.0 {
        return None;
    }
    let confidence = round2((1.0 - rss_exp / rss_pow.max(f64::MIN_POSITIVE)).clamp(0.0, 1.0));
    Some(Fit {
        class: GrowthClass::Exponential,
        runner_up: Some(GrowthClass::Cubic),
        ambiguous: false,
        confidence,
        term_shares: vec![(GrowthClass::Exponential, 1.0)],
        coefficients: [0.0; 6],
        exponential: Some((a, b)),
    })
}

/// The log-log slope over the last few points (the largest sizes measured).
fn end_slope(points: &[(f64, f64)]) -> f64 {
    let tail = &points[points.len().saturating_sub(4)..];
    let (first, last) = (tail[0], tail[tail.len() - 1]);
    if last.0 <= first.0 {
        return 0.0;
    }
    (last.1 / first.1).ln() / (last.0 / first.0).ln()
}

/// Least-squares line through points: (intercept, slope, residual sum of squares).
fn line(points: &[(f64, f64)]) -> (f64, f64, f64) {
    let n = points.len() as f64;
    let (sx, sy) = points.iter().fold((0.0, 0.0), |(x, y), p| (x + p.0, y + p.1));
    let (mx, my) = (sx / n, sy / n);
    let sxx: f64 = points.iter().map(|p| (p.0 - mx).powi(2)).sum();
    let sxy: f64 = points.iter().map(|p| (p.0 - mx) * (p.1 - my)).sum();
    let slope = if sxx > 0.0 { sxy / sxx } else { 0.0 };
    let intercept = my - slope * mx;
    let rss = points.iter().map(|p| (p.1 - intercept - slope * p.0).powi(2)).sum();
    (intercept, slope, rss)
}

fn relative_rms(points: &[(f64, f64)], model: impl Fn(f64) -> f64) -> f64 {
    let sum: f64 = points.iter().map(|&(n, c)| ((model(n) - c) / c).powi(2)).sum();
    (sum / points.len() as f64).sqrt()
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// Non-negative least squares (Lawson and Hanson's active-set method): min |Ax − b| with x ≥ 0.
fn nnls(a: &[Vec<f64>], b: &[f64]) -> Vec<f64> {
    let cols = a.first().map_or(0, Vec::len);
    let mut x = vec![0.0; cols];
    let mut passive = vec![false; cols];
    for _ in 0..(3 * cols + 10) {
        let w = gradient(a, b, &x);
        let candidate = (0..cols).filter(|&j| !passive[j] && w[j] > 1e-12).max_by(|&i, &j| w[i].total_cmp(&w[j]));
        let Some(j) = candidate else { break };
        passive[j] = true;
        loop {
            let z = solve_passive(a, b, &passive);
            if (0..cols).all(|k| !passive[k] || z[k] > 0.0) {
                x = z;
                break;
            }
            let mut alpha = 1.0f64;
            for k in 0..cols {
                if passive[k] && z[k] <= 0.0 {
                    alpha = alpha.min(x[k] / (x[k] - z[k]));
                }
            }
            for k in 0..cols {
                x[k] += alpha * (z[k] - x[k]);
                if passive[k] && x[k] <= 1e-15 {
                    passive[k] = false;
                    x[k] = 0.0;
                }
            }
        }
    }
    x
}

/// Aᵀ(b − Ax).
fn gradient(a: &[Vec<f64>], b: &[f64], x: &[f64]) -> Vec<f64> {
    let cols = x.len();
    let mut w = vec![0.0; cols];
    for (row, bi) in a.iter().zip(b) {
        let r = bi - row.iter().zip(x).map(|(v, xi)| v * xi).sum::<f64>();
        for j in 0..cols {
            w[j] += row[j] * r;
        }
    }
    w
}

/// Unconstrained least squares on the passive columns (normal equations), zero elsewhere.
fn solve_passive(a: &[Vec<f64>], b: &[f64], passive: &[bool]) -> Vec<f64> {
    let idx: Vec<usize> = (0..passive.len()).filter(|&j| passive[j]).collect();
    let m = idx.len();
    let mut ata = vec![vec![0.0; m]; m];
    let mut atb = vec![0.0; m];
    for (row, bi) in a.iter().zip(b) {
        for (p, &i) in idx.iter().enumerate() {
            atb[p] += row[i] * bi;
            for (q, &j) in idx.iter().enumerate() {
                ata[p][q] += row[i] * row[j];
            }
        }
    }
    let solved = gauss(ata, atb);
    let mut z = vec![0.0; passive.len()];
    for (p, &i) in idx.iter().enumerate() {
        z[i] = solved[p];
    }
    z
}

/// Gaussian elimination with partial pivoting; singular directions get zero.
fn gauss(mut m: Vec<Vec<f64>>, mut v: Vec<f64>) -> Vec<f64> {
    let n = v.len();
    for col in 0..n {
        let pivot = (col..n).max_by(|&i, &j| m[i][col].abs().total_cmp(&m[j][col].abs())).unwrap_or(col);
        m.swap(col, pivot);
        v.swap(col, pivot);
        if m[col][col].abs() < 1e-14 {
            continue;
        }
        for row in (col + 1)..n {
            let f = m[row][col] / m[col][col];
            let (above, below) = m.split_at_mut(row);
            for (target, source) in below[0][col..].iter_mut().zip(&above[col][col..]) {
                *target -= f * source;
            }
            v[row] -= f * v[col];
        }
    }
    let mut x = vec![0.0; n];
    for row in (0..n).rev() {
        if m[row][row].abs() < 1e-14 {
            continue;
        }
        let s: f64 = ((row + 1)..n).map(|k| m[row][k] * x[k]).sum();
        x[row] = (v[row] - s) / m[row][row];
    }
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cube_at_c_speed_small_where_measured_names_the_class_at_the_statements_n() {
        let sizes = [16.0, 32.0, 64.0, 128.0, 256.0, 512.0, 829.0];
        let curve = |cost: fn(f64) -> f64| sizes.iter().map(|&n| (n, cost(n))).collect::<Vec<_>>();
        // Two fuel per item scanned beside the interpreter's 2,500 per pair: a square up to n = 829.
        let cube = curve(|n| 2_500.0 * n * n + 2.0 * n * n * n);
        let fit = toward(classify(&cube).unwrap(), &cube, 100_000.0);
        assert_eq!(fit.class, GrowthClass::Cubic);
        assert!(fit.predict(100_000.0) > 1.9e15, "{}", fit.predict(100_000.0));
        let square = curve(|n| 2_500.0 * n * n + 9_000.0 * n);
        assert_eq!(toward(classify(&square).unwrap(), &square, 100_000.0).class, GrowthClass::Quadratic);
    }

    #[test]
    fn a_cost_that_does_not_grow_is_constant_whatever_its_noise() {
        let near_zero = [(16.0, 3.0), (256.0, 900.0), (4_096.0, 1.0), (65_536.0, 12.0)];
        let level = [(16.0, 11_000.0), (256.0, 10_000.0), (4_096.0, 14_000.0), (65_536.0, 12_000.0)];
        for points in [near_zero, level] {
            let fit = classify(&points).unwrap();
            assert_eq!((fit.class, fit.runner_up, fit.ambiguous), (GrowthClass::Constant, None, false), "{points:?}");
        }
    }

    fn sizes() -> Vec<f64> {
        let mut n: f64 = 16.0;
        let mut out = vec![];
        while n < 30_000.0 {
            out.push(n.round());
            n *= 1.5;
        }
        out
    }

    fn label(cost: impl Fn(f64) -> f64) -> &'static str {
        let points: Vec<(f64, f64)> = sizes().into_iter().map(|n| (n, cost(n))).collect();
        classify(&points).unwrap().class.as_str()
    }

    #[test]
    fn pure_terms_are_named() {
        assert_eq!(label(|_| 5000.0), "O(1)");
        assert_eq!(label(|n| 300.0 * n.ln() + 50.0), "O(log n)");
        assert_eq!(label(|n| 6000.0 * n), "O(n)");
        assert_eq!(label(|n| 100.0 * n * n.ln()), "O(n log n)");
        assert_eq!(label(|n| 110.0 * n * n), "O(n^2)");
        assert_eq!(label(|n| 3.0 * n * n * n), "O(n^3)");
    }

    #[test]
    fn lower_order_terms_do_not_hide_the_leading_one() {
        assert_eq!(label(|n| 300.0 * n * n.ln() + 1000.0 * n), "O(n log n)");
        assert_eq!(label(|n| 2.0 * n * n + 6000.0 * n + 1e5), "O(n^2)");
    }

    #[test]
    fn a_term_the_growth_does_not_bear_out_is_not_extrapolated() {
        // Measured on a heap-based dedupe (heapify, then n pops) up to n = 4,096: the free fit lends n³ a
        // few percent there, which would be twenty times the whole cost at n = 100,000.
        let measured = [
            (2.0, 9_312.0),
            (4.0, 20_693.0),
            (6.0, 35_402.0),
            (8.0, 49_513.0),
            (10.0, 65_437.0),
            (12.0, 81_125.0),
            (14.0, 96_285.0),
            (16.0, 110_939.0),
            (32.0, 245_939.0),
            (64.0, 528_761.0),
            (128.0, 1_133_504.0),
            (256.0, 2_443_696.0),
            (512.0, 5_360_384.0),
            (1024.0, 11_549_483.0),
            (2048.0, 24_763_910.0),
            (4096.0, 54_383_090.0),
        ];
        let fit = classify(&measured).unwrap();
        assert!(matches!(fit.class.as_str(), "O(n)" | "O(n log n)"), "{:?}", fit.class);
        assert!(fit.term_shares.iter().all(|(class, _)| class.as_str() != "O(n^3)"), "{:?}", fit.term_shares);
        // Per element the cost rose by about 800 per doubling: about 26,000 per element at n = 100,000.
        let per_element = fit.predict(100_000.0) / 100_000.0;
        assert!((15_000.0..40_000.0).contains(&per_element), "{per_element}");
    }

    #[test]
    fn a_term_the_growth_does_not_bear_out_is_no_runner_up() {
        // Measured on a quadratic dedupe (`x not in out`): the free fit lends n³ a sliver, but the end
        // slope is about 2.1, so O(n³) is neither the class nor the runner-up beside "O(n²) 100%".
        let measured = [
            (2.0, 2_008.0),
            (4.0, 4_283.0),
            (6.0, 7_833.0),
            (8.0, 12_002.0),
            (10.0, 17_224.0),
            (12.0, 23_279.0),
            (14.0, 29_732.0),
            (16.0, 37_113.0),
            (32.0, 126_785.0),
            (64.0, 465_366.0),
            (128.0, 1_777_457.0),
            (256.0, 6_946_260.0),
            (512.0, 28_729_580.0),
            (1024.0, 115_554_040.0),
            (2620.0, 756_284_343.0),
        ];
        let fit = classify(&measured).unwrap();
        assert_eq!(fit.class.as_str(), "O(n^2)");
        assert!(!fit.ambiguous);
        assert!(fit.runner_up.is_none_or(|r| r.as_str() != "O(n^3)"), "{:?}", fit.runner_up);
    }

    #[test]
    fn a_stepped_log_factor_does_not_pass_for_a_square() {
        assert_eq!(label(|n| 400.0 * n * n.log2().ceil() + 50.0 * n), "O(n log n)");
    }

    #[test]
    fn exponential_growth_is_recognised_on_arithmetic_sizes() {
        let points: Vec<(f64, f64)> = (1..=8).map(|i| (2.0 * i as f64, 500.0 * 2f64.powf(2.0 * i as f64))).collect();
        assert_eq!(classify(&points).unwrap().class.as_str(), "O(2^n)");
    }

    #[test]
    fn nnls_solves_a_plain_system() {
        let a = vec![vec![1.0, 0.0], vec![0.0, 1.0], vec![1.0, 1.0]];
        let x = nnls(&a, &[1.0, 2.0, 3.0]);
        assert!((x[0] - 1.0).abs() < 1e-9 && (x[1] - 2.0).abs() < 1e-9, "{x:?}");
        let x = nnls(&a, &[-1.0, 2.0, 1.0]);
        assert!(x[0] == 0.0 && x[1] > 0.0, "{x:?}");
    }
}
