//! The catalogue: every problem in a folder, loaded and validated at start.

use crate::problem::{CatalogError, Problem};
use std::path::{Path, PathBuf};

/// Every problem in a folder.
#[derive(Debug, Clone)]
pub struct Catalog {
    problems: Vec<Problem>,
}

impl Catalog {
    /// The `problems/` folder of this repository, unless `SCREENJUDGE_PROBLEMS` names another.
    pub fn default_dir() -> PathBuf {
        std::env::var_os("SCREENJUDGE_PROBLEMS")
            .map(PathBuf::from)
            .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../problems"))
    }

    /// Loads every `*/problem.json` under `dir`, sorted by id.
    pub fn load(dir: &Path) -> Result<Catalog, CatalogError> {
        let entries = std::fs::read_dir(dir).map_err(|source| CatalogError::Read { path: dir.into(), source })?;
        let mut problems = Vec::new();
        for entry in entries.flatten() {
            if entry.path().join("problem.json").is_file() {
                problems.push(Problem::load(&entry.path())?);
            }
        }
        problems.sort_by(|a, b| a.id.cmp(&b.id));
        Ok(Catalog { problems })
    }

    /// All problems.
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    /// The problem with this id.
    pub fn get(&self, id: &str) -> Result<&Problem, CatalogError> {
        self.problems.iter().find(|p| p.id == id).ok_or_else(|| CatalogError::Unknown(id.into()))
    }
}
