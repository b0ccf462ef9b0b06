//! The interviewer's score sheet: domains scored 1–4 with notes, flags, the decision computed from the
//! scores for the candidate's level, and the interviewer's final decision (`export` writes it out).

use catalog::Level;
use serde::{Deserialize, Serialize};

/// A hiring decision: computed from the scores, or recorded by the interviewer (never `incomplete`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// Well above the bar.
    StrongHire,
    /// Meets the bar for the level.
    Hire,
    /// Below the bar, basics there.
    Maybe,
    /// Below 2 somewhere.
    NoHire,
    /// Not enough scored yet.
    Incomplete,
}

impl Decision {
    /// The JSON spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::StrongHire => "strong_hire",
            Decision::Hire => "hire",
            Decision::Maybe => "maybe",
            Decision::NoHire => "no_hire",
            Decision::Incomplete => "incomplete",
        }
    }

    /// The decision in words, for people.
    pub fn words(self) -> &'static str {
        match self {
            Decision::StrongHire => "strong hire",
            Decision::Hire => "hire",
            Decision::Maybe => "maybe",
            Decision::NoHire => "no hire",
            Decision::Incomplete => "not scored yet",
        }
    }
}

/// What a score from 1 to 4 stands for: the decision of that strength (none outside 1 to 4).
pub fn meaning(score: u8) -> Option<Decision> {
    match score {
        1 => Some(Decision::NoHire),
        2 => Some(Decision::Maybe),
        3 => Some(Decision::Hire),
        4 => Some(Decision::StrongHire),
        _ => None,
    }
}

/// The domains scored beside the foundational questions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DomainKind {
    /// The coding problem.
    Coding,
    /// Real-world experience.
    Experience,
    /// Communication.
    Communication,
}

impl DomainKind {
    /// Every domain, in the sheet's order.
    pub const ALL: [DomainKind; 3] = [DomainKind::Coding, DomainKind::Experience, DomainKind::Communication];

    /// Its name, for people.
    pub fn words(self) -> &'static str {
        match self {
            DomainKind::Coding => "Coding problem",
            DomainKind::Experience => "Real-world experience",
            DomainKind::Communication => "Communication",
        }
    }
}

/// One scored domain.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Domain {
    /// 1 (no hire) to 4 (strong hire), or none yet.
    pub score: Option<u8>,
    /// The interviewer's notes.
    #[serde(default)]
    pub notes: String,
}

/// A foundational question and its score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuestionScore {
    /// The question's id in the bank (or free text for one of the interviewer's own).
    pub question: String,
    /// 1 to 4.
    pub score: Option<u8>,
    /// Notes.
    #[serde(default)]
    pub notes: String,
}

/// The sheet as the interviewer edits it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Sheet {
    /// Foundational questions, each scored on its own.
    #[serde(default)]
    pub foundations: Vec<QuestionScore>,
    /// The coding problem: the interviewer's own score (the grader's suggestion is shown beside it).
    #[serde(default)]
    pub coding: Domain,
    /// Real-world experience.
    #[serde(default)]
    pub experience: Domain,
    /// Communication.
    #[serde(default)]
    pub communication: Domain,
    /// Red flags ticked, by id from `RED_FLAGS`.
    #[serde(default)]
    pub red_flags: Vec<String>,
    /// Green flags ticked, by id from `GREEN_FLAGS`.
    #[serde(default)]
    pub green_flags: Vec<String>,
    /// Recorded by the interviewer (`incomplete` is refused).
    #[serde(default)]
    pub final_decision: Option<Decision>,
    /// General notes.
    #[serde(default)]
    pub notes: String,
}

impl Sheet {
    /// One domain's score and notes.
    pub fn domain(&self, kind: DomainKind) -> &Domain {
        match kind {
            DomainKind::Coding => &self.coding,
            DomainKind::Experience => &self.experience,
            DomainKind::Communication => &self.communication,
        }
    }
}

/// The text of a flag by its id (the id itself for one not in `flags`).
pub fn flag_text<'a>(flags: &[Flag], id: &'a str) -> &'a str {
    flags.iter().find(|f| f.id == id).map_or(id, |f| f.text)
}

/// A flag the interviewer can tick: its id, as a sheet stores it, and what it says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Flag {
    /// As a sheet stores it.
    pub id: &'static str,
    /// What it says.
    pub text: &'static str,
}

const fn flag(id: &'static str, text: &'static str) -> Flag {
    Flag { id, text }
}

/// Red flags to tick.
pub const RED_FLAGS: [Flag; 6] = [
    flag("no_basics", "Says 'I don't know' to basics (lists, dicts, exceptions) without reasoning about it"),
    flag("no_reasons", "Cannot say why a design choice was made"),
    flag("no_tests", "Has never written tests or used version control"),
    flag("vague_projects", "Vague about the projects on the CV"),
    flag("dismisses_production", "Waves away error handling, monitoring or failure modes"),
    flag("defensive", "Claims to know everything; defensive when challenged"),
];

/// Green flags to tick.
pub const GREEN_FLAGS: [Flag; 6] = [
    flag("finds_out", "Not sure, but explains how they would find out"),
    flag("trade_offs", "Explains trade-offs between options"),
    flag("names_tools", "Names specific testing frameworks and CI tools they used"),
    flag("specific_story", "Describes a hard problem they solved, with specifics"),
    flag("production_minded", "Asks about monitoring, logging and failure modes"),
    flag("admits_gaps", "Admits gaps and asks questions to learn"),
];

/// Minimum averages for a `hire` at one level.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Threshold {
    /// Average over foundational questions.
    pub foundations: f64,
    /// The coding problem's score.
    pub coding: f64,
}

/// Thresholds per level. The mid-level rule is the framework's: 2.8+ on foundations and 2.5+ on the
/// problem. Junior and senior defaults are ours and configurable.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Thresholds {
    /// Junior.
    pub junior: Threshold,
    /// Mid-level.
    pub mid: Threshold,
    /// Senior.
    pub senior: Threshold,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            junior: Threshold { foundations: 2.3, coding: 2.0 },
            mid: Threshold { foundations: 2.8, coding: 2.5 },
            senior: Threshold { foundations: 3.2, coding: 3.0 },
        }
    }
}

/// Threshold overrides that do not read.
#[derive(Debug, PartialEq, thiserror::Error)]
pub enum BadThresholds {
    /// A part not shaped `level=foundations/coding`.
    #[error("'{0}': expected level=foundations/coding, e.g. mid=2.8/2.5")]
    Shape(String),
    /// A threshold outside the scores' range.
    #[error("'{0}': thresholds lie between 1 and 4")]
    Range(String),
    /// A level that is none of them.
    #[error("'{0}' is not a level (junior, mid, senior)")]
    Level(String),
}

impl std::str::FromStr for Thresholds {
    type Err = BadThresholds;

    /// Overrides of the defaults, e.g. `junior=2.3/2.0,senior=3.2/3.0` (foundations/coding per level).
    fn from_str(text: &str) -> Result<Thresholds, BadThresholds> {
        let mut out = Thresholds::default();
        for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let bad = || BadThresholds::Shape(part.to_string());
            let (level, pair) = part.split_once('=').ok_or_else(bad)?;
            let (f, c) = pair.split_once('/').ok_or_else(bad)?;
            let (foundations, coding): (f64, f64) =
                (f.trim().parse().map_err(|_| bad())?, c.trim().parse().map_err(|_| bad())?);
            if !(1.0..=4.0).contains(&foundations) || !(1.0..=4.0).contains(&coding) {
                return Err(BadThresholds::Range(part.to_string()));
            }
            let slot = match crate::model::parse_level(level.trim()) {
                Ok(Level::Junior) => &mut out.junior,
                Ok(Level::Mid) => &mut out.mid,
                Ok(Level::Senior) => &mut out.senior,
                Err(_) => return Err(BadThresholds::Level(level.trim().to_string())),
            };
            *slot = Threshold { foundations, coding };
        }
        Ok(out)
    }
}

impl Thresholds {
    fn for_level(&self, level: Level) -> Threshold {
        match level {
            Level::Junior => self.junior,
            Level::Mid => self.mid,
            Level::Senior => self.senior,
        }
    }
}

/// What follows from the scores.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Computed {
    /// Average of the scored foundational questions.
    pub foundations_average: Option<f64>,
    /// The coding score.
    pub coding: Option<u8>,
    /// The threshold applied.
    pub threshold: Threshold,
    /// `incomplete` until both are scored.
    pub decision: Decision,
    /// Why, in words.
    pub reason: String,
}

/// Computes the decision for a level.
pub fn compute(sheet: &Sheet, level: Level, thresholds: &Thresholds) -> Computed {
    let scored: Vec<f64> = sheet.foundations.iter().filter_map(|q| q.score).map(f64::from).collect();
    let average = (!scored.is_empty()).then(|| round2(scored.iter().sum::<f64>() / scored.len() as f64));
    let threshold = thresholds.for_level(level);
    let coding = sheet.coding.score;
    let (decision, reason) = match (average, coding) {
        (Some(f), Some(c)) => {
            let c = f64::from(c);
            let level = level.as_str();
            let needs =
                format!("{level} needs foundations ≥ {} and coding ≥ {}", threshold.foundations, threshold.coding);
            if f >= threshold.foundations && c >= threshold.coding {
                let strong = f >= 3.5 && c >= 3.5;
                (
                    if strong { Decision::StrongHire } else { Decision::Hire },
                    format!("foundations {f}, coding {c}: {needs}, met"),
                )
            } else if f >= 2.0 && c >= 2.0 {
                (Decision::Maybe, format!("foundations {f}, coding {c}: {needs}, not met; basics are there"))
            } else {
                (Decision::NoHire, format!("foundations {f}, coding {c}: below 2 on at least one"))
            }
        }
        _ => (Decision::Incomplete, "score at least one foundational question and the coding problem".to_string()),
    };
    Computed { foundations_average: average, coding, threshold, decision, reason }
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// A score sheet the service does not store.
#[derive(Debug, PartialEq, thiserror::Error)]
pub enum BadSheet {
    /// A score outside 1 to 4.
    #[error("score for '{what}' is {score}; scores go from 1 to 4")]
    Score {
        /// The question or domain scored.
        what: String,
        /// The score given.
        score: u8,
    },
    /// A red flag not in the list.
    #[error("unknown red flag '{0}'")]
    RedFlag(String),
    /// A green flag not in the list.
    #[error("unknown green flag '{0}'")]
    GreenFlag(String),
    /// "Incomplete" is computed, never decided.
    #[error("the final decision is strong_hire, hire, maybe or no_hire")]
    Decision,
}

/// Checks scores are 1–4 and flags are known.
pub fn validate(sheet: &Sheet) -> Result<(), BadSheet> {
    let domains =
        [("coding", &sheet.coding), ("experience", &sheet.experience), ("communication", &sheet.communication)];
    let scores = sheet
        .foundations
        .iter()
        .map(|q| (q.question.as_str(), q.score))
        .chain(domains.iter().map(|(n, d)| (*n, d.score)));
    for (what, score) in scores {
        if let Some(s) = score
            && !(1..=4).contains(&s)
        {
            return Err(BadSheet::Score { what: what.to_string(), score: s });
        }
    }
    for flag in &sheet.red_flags {
        if !RED_FLAGS.iter().any(|f| f.id == flag) {
            return Err(BadSheet::RedFlag(flag.clone()));
        }
    }
    for flag in &sheet.green_flags {
        if !GREEN_FLAGS.iter().any(|f| f.id == flag) {
            return Err(BadSheet::GreenFlag(flag.clone()));
        }
    }
    if sheet.final_decision == Some(Decision::Incomplete) {
        return Err(BadSheet::Decision);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet(foundations: &[u8], coding: u8) -> Sheet {
        Sheet {
            foundations: foundations
                .iter()
                .map(|s| QuestionScore { question: "q".into(), score: Some(*s), notes: String::new() })
                .collect(),
            coding: Domain { score: Some(coding), notes: String::new() },
            ..Sheet::default()
        }
    }

    #[test]
    fn the_mid_level_rule_is_the_frameworks() {
        let t = Thresholds::default();
        assert_eq!(compute(&sheet(&[3, 3, 3, 2, 3], 3), Level::Mid, &t).decision, Decision::Hire); // 2.8, 3
        assert_eq!(compute(&sheet(&[3, 3, 2, 2, 3], 3), Level::Mid, &t).decision, Decision::Maybe); // 2.6
        assert_eq!(compute(&sheet(&[3, 3, 3, 3], 2), Level::Mid, &t).decision, Decision::Maybe); // coding 2 < 2.5
        assert_eq!(compute(&sheet(&[4, 4, 4], 4), Level::Mid, &t).decision, Decision::StrongHire);
        assert_eq!(compute(&sheet(&[1, 2], 3), Level::Mid, &t).decision, Decision::NoHire);
        assert_eq!(compute(&Sheet::default(), Level::Mid, &t).decision, Decision::Incomplete);
    }

    #[test]
    fn scores_outside_one_to_four_are_refused() {
        assert!(validate(&sheet(&[5], 3)).is_err());
        assert!(validate(&sheet(&[4], 0)).is_err());
        assert!(validate(&sheet(&[4], 1)).is_ok());
    }

    #[test]
    fn thresholds_override_only_the_levels_named() {
        let t: Thresholds = "junior=2.0/1.5, senior=3.5/3.5".parse().unwrap();
        assert_eq!(t.junior, Threshold { foundations: 2.0, coding: 1.5 });
        assert_eq!(t.mid, Thresholds::default().mid);
        assert_eq!(t.senior, Threshold { foundations: 3.5, coding: 3.5 });
        assert_eq!("".parse::<Thresholds>().unwrap(), Thresholds::default());
        for bad in ["staff=3/3", "mid=2.8", "mid=five/2", "mid=4.5/2"] {
            assert!(bad.parse::<Thresholds>().is_err(), "{bad}");
        }
    }
}
