//! A growth class as measured: a class, or unknown (too few sizes for time, too little growth of the
//! heap for space). Unknown is a value of its own, written `"unknown"` in JSON as every stored report
//! has it, and read back as itself.

use catalog::GrowthClass;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// What a measurement names: a growth class, or that it could not name one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Measured {
    /// The measurement names this class.
    Class(GrowthClass),
    /// Too little evidence to name one.
    Unknown,
}

impl Measured {
    /// The class, when one was named.
    pub fn known(self) -> Option<GrowthClass> {
        match self {
            Measured::Class(class) => Some(class),
            Measured::Unknown => None,
        }
    }

    /// The JSON spelling: the class's (`O(n log n)`) or `unknown`.
    pub fn as_str(self) -> &'static str {
        self.known().map_or("unknown", GrowthClass::as_str)
    }
}

impl From<Option<GrowthClass>> for Measured {
    fn from(class: Option<GrowthClass>) -> Measured {
        class.map_or(Measured::Unknown, Measured::Class)
    }
}

impl Serialize for Measured {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Measured {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Measured, D::Error> {
        let text = String::deserialize(deserializer)?;
        if text == "unknown" {
            return Ok(Measured::Unknown);
        }
        text.parse().map(Measured::Class).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_and_every_class_read_back_as_themselves() {
        let all = GrowthClass::ALL.into_iter().map(Measured::Class).chain([Measured::Unknown]);
        for measured in all {
            let json = serde_json::to_string(&measured).unwrap();
            assert_eq!(serde_json::from_str::<Measured>(&json).unwrap(), measured, "{json}");
        }
        assert_eq!(serde_json::to_string(&Measured::Unknown).unwrap(), "\"unknown\"");
        assert!(serde_json::from_str::<Measured>("\"O(n^4)\"").is_err());
    }
}
