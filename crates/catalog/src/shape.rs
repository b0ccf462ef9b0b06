//! Structured inputs that scale with n: a repeat-free block, laid out again and again in one of a few
//! arrangements. The grader's search for costly inputs walks these (see `grader`'s `search`), because a
//! shape found costly at a small size can be measured at growing sizes, as a probe family can.

use serde::Deserialize;
use value::Value;

/// How long the repeat-free block is, as a share of n.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Block {
    /// n / 2 items.
    Half,
    /// n / 4 items.
    Quarter,
    /// n / 16 items.
    Sixteenth,
    /// √n items.
    Root,
}

/// What follows the block, again and again until the input is n items long.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Arrangement {
    /// The block again: `P P P …`.
    Repeat,
    /// The block's last item, then the block without it: `P, P[-1], P[:-1], …`.
    LastFirst,
    /// The block reversed: `P, reversed(P), P, …`.
    Mirror,
    /// The block's second half, then its first: `P, P[b/2:] + P[:b/2], …`.
    Rotate,
}

/// What the items are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Items {
    /// Non-ASCII characters (from U+4E00 on), in one string.
    Chars,
    /// Ints `0..b`, in a list.
    Ints,
}

/// One structured shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub struct Shape {
    /// The block's length.
    pub block: Block,
    /// What follows it.
    pub arrangement: Arrangement,
    /// What the items are.
    pub items: Items,
}

impl Block {
    /// Every block length.
    pub const ALL: [Block; 4] = [Block::Half, Block::Quarter, Block::Sixteenth, Block::Root];

    fn length(self, n: usize) -> usize {
        match self {
            Block::Half => n / 2,
            Block::Quarter => n / 4,
            Block::Sixteenth => n / 16,
            Block::Root => (n as f64).sqrt() as usize,
        }
        .max(1)
    }

    fn words(self) -> &'static str {
        match self {
            Block::Half => "half the input",
            Block::Quarter => "a quarter of the input",
            Block::Sixteenth => "a sixteenth of the input",
            Block::Root => "√n items",
        }
    }
}

impl Arrangement {
    /// Every arrangement.
    pub const ALL: [Arrangement; 4] =
        [Arrangement::Repeat, Arrangement::LastFirst, Arrangement::Mirror, Arrangement::Rotate];
}

impl Shape {
    /// The input of `n` items.
    pub fn build_at(&self, n: usize) -> Value {
        let b = self.block.length(n);
        let order: Vec<usize> = self.order(n, b);
        match self.items {
            Items::Chars => {
                let block: Vec<char> = (0x4E00u32..).filter_map(char::from_u32).take(b).collect();
                Value::Str(order.iter().map(|&i| block[i]).collect())
            }
            Items::Ints => Value::List(order.iter().map(|&i| Value::Int(i as i64)).collect()),
        }
    }

    /// Indices into the block, `n` of them.
    fn order(&self, n: usize, b: usize) -> Vec<usize> {
        let block: Vec<usize> = (0..b).collect();
        let again: Vec<usize> = match self.arrangement {
            Arrangement::Repeat => block.clone(),
            Arrangement::LastFirst => std::iter::once(b - 1).chain(0..b - 1).collect(),
            Arrangement::Mirror => block.iter().rev().copied().collect(),
            Arrangement::Rotate => (b / 2..b).chain(0..b / 2).collect(),
        };
        block.iter().chain(again.iter().cycle()).take(n).copied().collect()
    }

    /// The shape in words a person reads, e.g. "a repeat-free block of a quarter of the input, its last
    /// character, then the block again".
    pub fn words(&self) -> String {
        let item = match self.items {
            Items::Chars => "character",
            Items::Ints => "value",
        };
        let block = format!("a repeat-free block of {}", self.block.words());
        match self.arrangement {
            Arrangement::Repeat => format!("{block}, repeated"),
            Arrangement::LastFirst => format!("{block}, then its last {item} and the block again, repeated"),
            Arrangement::Mirror => format!("{block}, then the block reversed, repeated"),
            Arrangement::Rotate => format!("{block}, then its second half and its first, repeated"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_first_shape_is_the_block_its_last_item_and_the_block_again() {
        let shape = Shape { block: Block::Half, arrangement: Arrangement::LastFirst, items: Items::Ints };
        let ints = |v: &[i64]| Value::List(v.iter().map(|&i| Value::Int(i)).collect());
        assert_eq!(shape.build_at(8), ints(&[0, 1, 2, 3, 3, 0, 1, 2]));
        let mirror = Shape { arrangement: Arrangement::Mirror, ..shape };
        assert_eq!(mirror.build_at(10), ints(&[0, 1, 2, 3, 4, 4, 3, 2, 1, 0]));
        let chars = Shape { items: Items::Chars, block: Block::Root, ..shape }.build_at(9);
        assert_eq!(chars, Value::Str("一丁丂丂一丁丂一丁".into()));
    }
}
