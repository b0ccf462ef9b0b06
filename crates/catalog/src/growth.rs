//! Growth classes: how a cost grows with the input size, from O(1) to O(2^n).

use serde::{Deserialize, Serialize};
use std::fmt;

/// A growth class, in increasing order. Serialised as written in reports: `O(n log n)`, `O(n^2)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum GrowthClass {
    /// Constant.
    #[serde(rename = "O(1)")]
    Constant,
    /// Logarithmic.
    #[serde(rename = "O(log n)")]
    Log,
    /// Linear.
    #[serde(rename = "O(n)")]
    Linear,
    /// Linearithmic.
    #[serde(rename = "O(n log n)")]
    Linearithmic,
    /// Quadratic.
    #[serde(rename = "O(n^2)")]
    Quadratic,
    /// Cubic.
    #[serde(rename = "O(n^3)")]
    Cubic,
    /// Exponential.
    #[serde(rename = "O(2^n)")]
    Exponential,
}

impl GrowthClass {
    /// Every class, cheapest first; the first six are the polynomial terms in the order the growth fit
    /// uses (1, log n, n, n log n, n², n³).
    pub const ALL: [GrowthClass; 7] = [
        GrowthClass::Constant,
        GrowthClass::Log,
        GrowthClass::Linear,
        GrowthClass::Linearithmic,
        GrowthClass::Quadratic,
        GrowthClass::Cubic,
        GrowthClass::Exponential,
    ];

    /// The label, e.g. `O(n log n)`.
    pub fn as_str(self) -> &'static str {
        match self {
            GrowthClass::Constant => "O(1)",
            GrowthClass::Log => "O(log n)",
            GrowthClass::Linear => "O(n)",
            GrowthClass::Linearithmic => "O(n log n)",
            GrowthClass::Quadratic => "O(n^2)",
            GrowthClass::Cubic => "O(n^3)",
            GrowthClass::Exponential => "O(2^n)",
        }
    }

    /// The label as people write it: `O(n²)`, `O(2ⁿ)`.
    pub fn pretty(self) -> &'static str {
        match self {
            GrowthClass::Quadratic => "O(n²)",
            GrowthClass::Cubic => "O(n³)",
            GrowthClass::Exponential => "O(2ⁿ)",
            other => other.as_str(),
        }
    }

    /// Position from the cheapest (0) to the dearest.
    pub fn rank(self) -> usize {
        self as usize
    }
}

impl fmt::Display for GrowthClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A name that is no growth class.
#[derive(Debug, PartialEq, thiserror::Error)]
#[error("unknown growth class '{0}'")]
pub struct UnknownGrowthClass(pub String);

impl std::str::FromStr for GrowthClass {
    type Err = UnknownGrowthClass;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        GrowthClass::ALL.into_iter().find(|c| c.as_str() == s).ok_or_else(|| UnknownGrowthClass(s.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_round_trip_through_json_and_text() {
        for class in GrowthClass::ALL {
            let json = serde_json::to_string(&class).unwrap();
            assert_eq!(json, format!("\"{}\"", class.as_str()));
            assert_eq!(serde_json::from_str::<GrowthClass>(&json).unwrap(), class);
            assert_eq!(class.as_str().parse::<GrowthClass>().unwrap(), class);
        }
        assert!(GrowthClass::Linear < GrowthClass::Linearithmic);
    }
}
