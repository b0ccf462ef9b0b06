//! The space class, from the peak allocation traced at every other probe size.

use super::Point;
use catalog::GrowthClass;

/// Peak allocation grows in steps (hash tables and lists resize by factors), which defeats a term-by-term
/// fit; the slope from the smallest to the largest measured size, over two or more decades, does not.
/// A few dozen bytes are added to both ends so that the noise of tiny peaks is not read as growth.
pub(crate) fn classify_space(points: &[Point]) -> Option<GrowthClass> {
    let measured: Vec<(u64, u64)> =
        points.iter().filter(|p| p.n >= 16).filter_map(|p| Some((p.n, p.memory?))).collect();
    let (Some(&(first_n, first)), Some(&(last_n, last))) = (measured.first(), measured.last()) else { return None };
    // No floor on the bytes: the label follows the plotted peaks, however small they are.
    let slope = ((last as f64 + 64.0) / (first as f64 + 64.0)).ln() / (last_n as f64 / first_n as f64).ln();
    Some(match slope {
        s if s < 0.15 => GrowthClass::Constant,
        s if s < 0.6 => GrowthClass::Log,
        s if s < 1.5 => GrowthClass::Linear,
        s if s < 2.5 => GrowthClass::Quadratic,
        _ => GrowthClass::Cubic,
    })
}
