//! The bank of foundational questions (`problems/questions.json`): each question with its level, topic,
//! what a strong answer holds, the warning signs and a follow-up, read strictly (an unknown field or level
//! fails the load, as for a problem).

use crate::invalid::Invalid;
use crate::problem::{CatalogError, Level};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// One foundational question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// Its id, which score sheets name.
    pub id: String,
    /// The level it is asked at.
    pub level: Level,
    /// Its topic.
    pub topic: String,
    /// The question as asked.
    pub question: String,
    /// What a strong answer holds.
    pub strong_answer: Vec<String>,
    /// What a weak answer shows.
    pub warning_signs: Vec<String>,
    /// A question to follow with.
    pub follow_up: String,
}

/// Every question, in the bank's order.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionBank {
    /// The questions.
    pub questions: Vec<Question>,
}

impl QuestionBank {
    /// Reads `dir/questions.json`.
    pub fn load(dir: &Path) -> Result<QuestionBank, CatalogError> {
        let path = dir.join("questions.json");
        let text =
            std::fs::read_to_string(&path).map_err(|source| CatalogError::Read { path: path.clone(), source })?;
        serde_json::from_str(&text).map_err(|e| CatalogError::Invalid { path, reason: Invalid::Json(e) })
    }

    /// The question with this id.
    pub fn get(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }

    /// The questions of a level, or all of them.
    pub fn of_level(&self, level: Option<Level>) -> impl Iterator<Item = &Question> {
        self.questions.iter().filter(move |q| level.is_none_or(|l| q.level == l))
    }
}
