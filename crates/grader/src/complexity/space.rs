//! The space class, from the heap's growth that the host measured at every other probe size and, for
//! code fast enough, once more past them.
//!
//! The host reads growth in whole 64 KiB pages, so a figure of a page or less says only "small". The
//! slope is taken between the sizes whose growth is at least `MIN_BYTES` (a doubling apart at least);
//! where none grew that far, the code holds at most that much, which names a constant only at a size
//! where any linear structure would have shown (a pointer per element: 4 bytes in the guest); below
//! that size the class is not named.

use super::{MemoryPoint, Point};
use catalog::GrowthClass;

/// Growth that counts toward the slope: two of the host's pages.
const MIN_BYTES: u64 = 2 << 16;
/// The smallest n at which a pointer per element fills `MIN_BYTES`.
const CONSTANT_FROM_N: u64 = MIN_BYTES / 4;

/// The space class, or `None` when the measured sizes are too small for the host to tell.
pub(crate) fn classify_space(points: &[Point], reach: Option<MemoryPoint>) -> Option<GrowthClass> {
    let mut measured: Vec<(u64, u64)> = points.iter().filter_map(|p| Some((p.n, p.memory?))).collect();
    measured.extend(reach.map(|r| (r.n, r.bytes)));
    let &(largest_n, largest) = measured.last()?;
    let grown: Vec<(u64, u64)> = measured.iter().copied().filter(|&(_, bytes)| bytes >= MIN_BYTES).collect();
    match (grown.first(), grown.last()) {
        (Some(&(first_n, first)), Some(&(last_n, last))) if last_n >= 2 * first_n => {
            let slope = (last as f64 / first as f64).ln() / (last_n as f64 / first_n as f64).ln();
            Some(match slope {
                s if s < 0.15 => GrowthClass::Constant,
                s if s < 0.6 => GrowthClass::Log,
                s if s < 1.5 => GrowthClass::Linear,
                s if s < 2.5 => GrowthClass::Quadratic,
                _ => GrowthClass::Cubic,
            })
        }
        // Grew past the threshold at one size only: the one below it held less than two pages, so the
        // slope is at least that of reaching `largest` from `MIN_BYTES`, from the size before.
        (Some(_), Some(_)) => {
            let below = measured.iter().rev().find(|&&(n, bytes)| bytes < MIN_BYTES && n < largest_n)?;
            let slope = (largest as f64 / MIN_BYTES as f64).ln() / (largest_n as f64 / below.0 as f64).ln();
            Some(if slope < 1.5 { GrowthClass::Linear } else { GrowthClass::Quadratic })
        }
        _ if largest_n >= CONSTANT_FROM_N && largest < MIN_BYTES => Some(GrowthClass::Constant),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn points(pairs: &[(u64, u64)]) -> Vec<Point> {
        pairs.iter().map(|&(n, bytes)| Point { n, fuel: n, memory: Some(bytes), family: "f".into() }).collect()
    }

    const PAGE: u64 = 1 << 16;

    #[test]
    fn a_growth_that_doubles_with_n_is_linear_and_a_square_is_quadratic() {
        let linear = points(&[(4_096, PAGE), (16_384, 5 * PAGE)]);
        assert_eq!(
            classify_space(&linear, Some(MemoryPoint { n: 65_536, bytes: 20 * PAGE })),
            Some(GrowthClass::Linear)
        );
        let square = points(&[(1_024, 2 * PAGE), (4_096, 32 * PAGE), (16_384, 512 * PAGE)]);
        assert_eq!(classify_space(&square, None), Some(GrowthClass::Quadratic));
    }

    #[test]
    fn nothing_grown_is_constant_only_where_a_linear_structure_would_have_shown() {
        let flat = points(&[(1_024, 0), (16_384, 0)]);
        assert_eq!(classify_space(&flat, None), None);
        assert_eq!(classify_space(&flat, Some(MemoryPoint { n: 65_536, bytes: PAGE })), Some(GrowthClass::Constant));
    }

    #[test]
    fn one_size_past_the_threshold_is_read_against_the_size_below_it() {
        let late = points(&[(4_096, 0), (16_384, PAGE)]);
        assert_eq!(classify_space(&late, Some(MemoryPoint { n: 65_536, bytes: 4 * PAGE })), Some(GrowthClass::Linear));
        assert_eq!(
            classify_space(&late, Some(MemoryPoint { n: 65_536, bytes: 30 * PAGE })),
            Some(GrowthClass::Quadratic)
        );
    }
}
