//! O(n) or O(n log n), told apart by measurement. The interpreter's own cost per element rises slowly
//! with n (hash tables and lists resize, memory gets colder), which lends a linear solution a share of
//! an n log n term in any fit of its curve alone. Divided by the cost of a linear baseline on the same
//! inputs (the problem's reference solution, O(n) by the statement), that drift largely cancels, and
//! what remains has a shape: a log factor raises the ratio by about the same step at every doubling of n,
//! while a linear solution's ratio wanders (steps of both signs, or a levelling off).
//!
//! So the test is a sign test on the ratio's steps over successive doublings at the larger sizes: a
//! run of `STEADY_STEPS` rises at the top names a log factor (were the steps noise, each would rise with
//! even odds, so the chance is 1 in 2^k); any step that does not rise, among those, names none.
//!
//! A rise counts only if it is as large as a log factor that names the class would make it. With a
//! ratio of (a·log n + b) / c, a doubling raises it by a·ln 2 / c, which is f / log2 n of the ratio when
//! the n log n term is a share f of the cost at n; the fit names a class from `DOMINANT_SHARE` of the
//! cost on, so a smaller step is drift, not a log factor. (Measured: O(n log n) solutions rise by 3 to
//! 13% of the ratio per doubling; linear ones by under 1% where they rise steadily at all.)

use super::Point;
use super::fit::DOMINANT_SHARE;
use catalog::GrowthClass;

/// Sizes below this are dominated by the fixed cost of a call, not by the growth.
const FROM_N: u64 = 256;
/// Consecutive rises at the largest sizes that name a log factor.
const STEADY_STEPS: usize = 4;

/// The class the ratio names, and how sure the sign test is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Decision {
    pub class: GrowthClass,
    pub confidence: f64,
}

/// Linear or linearithmic, from `points` and a linear `baseline` measured on the same inputs; `None`
/// when too few sizes are shared to make `STEADY_STEPS` steps.
pub(crate) fn decide(points: &[Point], baseline: &[Point]) -> Option<Decision> {
    let ratios: Vec<(u64, f64)> = points
        .iter()
        .filter(|p| p.n >= FROM_N)
        .filter_map(|p| {
            let base = baseline.iter().find(|b| b.n == p.n)?;
            (base.fuel > 0).then(|| (p.n, p.fuel as f64 / base.fuel as f64))
        })
        .collect();
    // Each step as a share of the ratio it reaches, and the least share a log factor gives it there.
    let steps: Vec<(f64, f64)> =
        ratios.windows(2).map(|w| ((w[1].1 - w[0].1) / w[1].1, DOMINANT_SHARE / (w[1].0 as f64).log2())).collect();
    if steps.len() < STEADY_STEPS {
        return None;
    }
    let rising_at_top = steps.iter().rev().take_while(|(step, least)| step >= least).count();
    let even_odds = |k: usize| 1.0 - 0.5f64.powi(k as i32);
    if rising_at_top >= STEADY_STEPS {
        return Some(Decision { class: GrowthClass::Linearithmic, confidence: round2(even_odds(rising_at_top)) });
    }
    let not_rising = steps.iter().filter(|(step, least)| step < least).count();
    Some(Decision { class: GrowthClass::Linear, confidence: round2(even_odds(not_rising)) })
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn curve(cost: impl Fn(f64) -> f64) -> Vec<Point> {
        (6..15)
            .map(|k| 1u64 << k)
            .map(|n| Point { n, fuel: cost(n as f64) as u64, memory: None, family: String::new() })
            .collect()
    }

    /// Per-element cost rising in steps, as an interpreter's does.
    fn drift(n: f64) -> f64 {
        1.0 + 0.04 * (n.log2() / 3.0).floor()
    }

    #[test]
    fn a_log_factor_shows_against_a_baseline_with_the_same_drift() {
        let baseline = curve(|n| 1500.0 * n * drift(n));
        let decided = decide(&curve(|n| 300.0 * n * n.log2() * drift(n) + 2000.0 * n), &baseline).unwrap();
        assert_eq!(decided.class, GrowthClass::Linearithmic);
        let decided =
            decide(&curve(|n| 2300.0 * n * drift(n) * (1.0 + 0.01 * (n.log2() as i64 % 2) as f64)), &baseline).unwrap();
        assert_eq!(decided.class, GrowthClass::Linear);
        assert!(decide(&curve(|n| n)[..4], &baseline).is_none(), "too few sizes to tell");
    }

    #[test]
    fn a_ratio_that_creeps_up_by_less_than_a_log_factor_gives_is_linear() {
        // Up by about 0.3% at every doubling: steady, but a fifth of the cost in an n log n term would
        // add over 1.4% at these sizes.
        let baseline = curve(|n| 1500.0 * n);
        let decided = decide(&curve(|n| 1600.0 * n * (1.0 + 0.003 * n.log2())), &baseline).unwrap();
        assert_eq!(decided.class, GrowthClass::Linear);
    }
}
