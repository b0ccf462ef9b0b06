//! Deterministic input generators: the same spec and size give the same input on every machine.

use crate::shape::Shape;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::Deserialize;
use value::Value;

/// How to build one input. `n` may be left out when the size comes from a probe.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Generator {
    /// Uniform random ints in `lo..=hi` (or `lo..=hi_per_n * n`).
    Ints {
        /// Length.
        n: Option<usize>,
        /// Smallest value.
        lo: i64,
        /// Largest value.
        hi: Option<i64>,
        /// Largest value as a fraction of `n` (so repeats stay frequent at every size).
        hi_per_n: Option<f64>,
        /// Seed.
        seed: u64,
    },
    /// `0..n` shuffled.
    DistinctInts {
        /// Length.
        n: Option<usize>,
        /// Seed.
        seed: u64,
    },
    /// `0..n` in ascending order.
    SortedInts {
        /// Length.
        n: Option<usize>,
    },
    /// `0..n` in descending order.
    ReversedInts {
        /// Length.
        n: Option<usize>,
    },
    /// `n` copies of 7.
    EqualInts {
        /// Length.
        n: Option<usize>,
    },
    /// Random characters from an alphabet.
    String {
        /// Length.
        n: Option<usize>,
        /// The characters to draw from.
        alphabet: String,
        /// Seed.
        seed: u64,
    },
    /// `n` distinct non-ASCII code points (from U+4E00 on), shuffled.
    DistinctChars {
        /// Length.
        n: Option<usize>,
        /// Seed.
        seed: u64,
    },
    /// A repeat-free block of `n / blocks` distinct non-ASCII code points, repeated to length `n`: the
    /// repeats recur at a distance that grows with `n`.
    RepeatedBlock {
        /// Length.
        n: Option<usize>,
        /// How many times the block recurs.
        blocks: usize,
    },
    /// A pattern repeated to length `n`.
    Periodic {
        /// Length.
        n: Option<usize>,
        /// The repeated pattern.
        pattern: String,
    },
    /// A structured shape (see `Shape`), scaled to length `n`.
    Shaped {
        /// Length.
        n: Option<usize>,
        /// The shape.
        shape: Shape,
    },
}

impl Generator {
    /// The input at the spec's own size.
    pub fn build(&self) -> Value {
        self.build_at(self.size().unwrap_or(0))
    }

    /// The size written in the spec, if any.
    pub fn size(&self) -> Option<usize> {
        match self {
            Generator::Ints { n, .. }
            | Generator::DistinctInts { n, .. }
            | Generator::SortedInts { n }
            | Generator::ReversedInts { n }
            | Generator::RepeatedBlock { n, .. }
            | Generator::EqualInts { n }
            | Generator::String { n, .. }
            | Generator::DistinctChars { n, .. }
            | Generator::Periodic { n, .. }
            | Generator::Shaped { n, .. } => *n,
        }
    }

    /// The input at size `n`.
    pub fn build_at(&self, n: usize) -> Value {
        self.build_salted(n, 0)
    }

    /// The input at size `n`, its seed (for the generators that draw at random) mixed with `salt`: with a
    /// salt nobody outside the grader knows, nobody can compute the input ahead of its call. Generators
    /// of a fixed shape (sorted, reversed, equal, periodic, a repeated block) give the same input.
    pub fn build_salted(&self, n: usize, salt: u64) -> Value {
        let mixed = |seed: u64| seed ^ salt.rotate_left(17).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        match self {
            Generator::Ints { lo, hi, hi_per_n, seed, .. } => {
                let hi = hi.unwrap_or_else(|| lo + (hi_per_n.unwrap_or(1.0) * n as f64).max(1.0) as i64);
                let mut rng = ChaCha8Rng::seed_from_u64(mixed(*seed));
                Value::List((0..n).map(|_| Value::Int(rng.random_range(*lo..=hi))).collect())
            }
            Generator::DistinctInts { seed, .. } => {
                let values = shuffled((0..n as i64).collect(), mixed(*seed));
                Value::List(values.into_iter().map(Value::Int).collect())
            }
            Generator::SortedInts { .. } => Value::List((0..n as i64).map(Value::Int).collect()),
            Generator::ReversedInts { .. } => Value::List((0..n as i64).rev().map(Value::Int).collect()),
            Generator::RepeatedBlock { blocks, .. } => {
                let block: Vec<char> =
                    (0x4E00u32..).filter_map(char::from_u32).take((n / (*blocks).max(1)).max(1)).collect();
                Value::Str(block.iter().cycle().take(n).collect())
            }
            Generator::EqualInts { .. } => Value::List(vec![Value::Int(7); n]),
            Generator::String { alphabet, seed, .. } => {
                let chars: Vec<char> = alphabet.chars().collect();
                let mut rng = ChaCha8Rng::seed_from_u64(mixed(*seed));
                Value::Str((0..n).map(|_| chars[rng.random_range(0..chars.len())]).collect())
            }
            Generator::DistinctChars { seed, .. } => {
                let points: Vec<char> = (0x4E00u32..).filter_map(char::from_u32).take(n).collect();
                Value::Str(shuffled(points, mixed(*seed)).into_iter().collect())
            }
            Generator::Periodic { pattern, .. } => Value::Str(pattern.chars().cycle().take(n).collect()),
            Generator::Shaped { shape, .. } => shape.build_at(n),
        }
    }
}

fn shuffled<T>(mut items: Vec<T>, seed: u64) -> Vec<T> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    for i in (1..items.len()).rev() {
        items.swap(i, rng.random_range(0..=i));
    }
    items
}
