//! The question bank loads strictly, every id once, every level represented.

use catalog::{Catalog, Level, QuestionBank};
use std::collections::HashSet;

#[test]
fn the_bank_loads_with_each_id_once_and_every_level() {
    let bank = QuestionBank::load(&Catalog::default_dir()).unwrap();
    let ids: HashSet<&str> = bank.questions.iter().map(|q| q.id.as_str()).collect();
    assert_eq!(ids.len(), bank.questions.len());
    for level in [Level::Junior, Level::Mid, Level::Senior] {
        assert!(bank.of_level(Some(level)).count() > 0, "{level:?}");
    }
    let first = &bank.questions[0];
    assert_eq!(bank.get(&first.id), Some(first));
}

#[test]
fn a_field_the_model_does_not_have_fails_the_load() {
    let dir = std::env::temp_dir().join(format!("catalog-bank-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let text = std::fs::read_to_string(Catalog::default_dir().join("questions.json")).unwrap();
    std::fs::write(dir.join("questions.json"), text.replacen("\"topic\"", "\"topik\"", 1)).unwrap();
    let loaded = QuestionBank::load(&dir);
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(loaded.is_err());
}
