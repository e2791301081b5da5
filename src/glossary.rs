//! The glossary: every term a manager may not know, in our own words, each with where the fact
//! comes from (`assets/glossary.json`, embedded in the binary).

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::catalogue::Source;
use crate::problem::{Problem, Problems};

const GLOSSARY_FILE: &str = "assets/glossary.json";
static GLOSSARY_JSON: &str = include_str!("../assets/glossary.json");

/// `assets/glossary.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Glossary {
    pub terms: Vec<Term>,
}

/// One term and its plain-words definition.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    /// Stable id, for example `open-weights`.
    pub id: String,
    /// The term as shown.
    pub term: String,
    /// One to three sentences in our own words.
    pub definition: String,
    /// Where the facts in the definition come from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Source>,
    /// An everyday term explained in our own general words, with no specific source.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub general: bool,
}

impl Term {
    /// Where the definition comes from, in one line per source.
    pub fn source_lines(&self) -> Vec<String> {
        if self.sources.is_empty() {
            return vec!["Our own general explanation, not taken from a specific source.".into()];
        }
        self.sources
            .iter()
            .map(|s| format!("{} ({}), checked {}", s.title, s.url, s.checked))
            .collect()
    }
}

impl Glossary {
    /// The glossary shipped in the binary.
    ///
    /// # Panics
    /// Never in a released build: the shipped file is checked by the tests.
    pub fn builtin() -> Glossary {
        Glossary::parse(GLOSSARY_FILE, GLOSSARY_JSON).expect("the shipped glossary is valid")
    }

    /// Parses and checks a glossary; every problem is reported at once.
    pub fn parse(file: &str, text: &str) -> Result<Glossary, Problems> {
        let g: Glossary =
            serde_json::from_str(text).map_err(|e| Problems(vec![Problem::from_json(file, &e)]))?;
        let mut problems = Vec::new();
        let mut ids = HashSet::new();
        for (i, t) in g.terms.iter().enumerate() {
            let place = format!("terms[{i}]");
            if !ids.insert(t.id.as_str()) {
                problems.push(Problem::new(
                    file,
                    format!("{place}.id"),
                    format!("term id '{}' is used twice", t.id),
                    "give every term its own id",
                ));
            }
            if t.term.trim().is_empty() || t.definition.trim().is_empty() {
                problems.push(Problem::new(
                    file,
                    place.clone(),
                    format!("term '{}' has no name or no definition", t.id),
                    "write the term and a definition in plain words",
                ));
            }
            match (t.sources.is_empty(), t.general) {
                (true, false) => problems.push(Problem::new(
                    file,
                    format!("{place}.sources"),
                    format!("term '{}' has no source", t.id),
                    "add a source with \"title\", \"url\" and \"checked\", or mark an everyday term \"general\": true",
                )),
                (false, true) => problems.push(Problem::new(
                    file,
                    format!("{place}.general"),
                    format!("term '{}' is marked general but also has sources", t.id),
                    "remove \"general\" when the definition has a source",
                )),
                _ => {}
            }
            for (si, s) in t.sources.iter().enumerate() {
                if !is_date(&s.checked) {
                    problems.push(Problem::new(
                        file,
                        format!("{place}.sources[{si}].checked"),
                        format!("the date checked '{}' is not a date", s.checked),
                        "write the date as YYYY-MM-DD",
                    ));
                }
            }
        }
        if problems.is_empty() {
            Ok(g)
        } else {
            Err(Problems(problems))
        }
    }

    /// A term by id.
    pub fn term(&self, id: &str) -> Option<&Term> {
        self.terms.iter().find(|t| t.id == id)
    }
}

fn is_date(s: &str) -> bool {
    s.len() == 10
        && s.chars().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                c == '-'
            } else {
                c.is_ascii_digit()
            }
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_glossary_is_valid_and_covers_the_terms_managers_meet() {
        let g = Glossary::builtin();
        for id in [
            "open-weights",
            "closed-model",
            "inference",
            "fine-tuning",
            "gpu",
            "mau",
            "aup",
            "distillation",
            "osaid",
            "open-source",
            "api",
            "zero-data-retention",
            "indemnity",
            "territory",
        ] {
            assert!(g.term(id).is_some(), "the glossary lacks '{id}'");
        }
    }

    #[test]
    fn every_term_has_a_source_or_is_marked_general() {
        let g = Glossary::builtin();
        for t in &g.terms {
            assert!(
                !t.sources.is_empty() || t.general,
                "'{}' has no source and is not marked general",
                t.id
            );
            assert!(!t.source_lines().is_empty());
        }
    }

    #[test]
    fn a_term_without_source_is_refused_with_the_place_and_the_fix() {
        let text = r#"{"terms": [{"id": "x", "term": "X", "definition": "An x."}]}"#;
        let err = Glossary::parse("g.json", text).unwrap_err().to_string();
        assert!(err.contains("terms[0].sources"), "{err}");
        assert!(err.contains("has no source"), "{err}");
        assert!(err.contains("general"), "{err}");
    }

    #[test]
    fn a_bad_date_and_a_duplicate_id_are_both_reported() {
        let text = r#"{"terms": [
            {"id": "x", "term": "X", "definition": "An x.", "sources": [{"title": "t", "url": "u", "checked": "30/11/2026"}]},
            {"id": "x", "term": "Y", "definition": "A y.", "general": true}
        ]}"#;
        let err = Glossary::parse("g.json", text).unwrap_err().to_string();
        assert!(err.contains("'30/11/2026' is not a date"), "{err}");
        assert!(err.contains("used twice"), "{err}");
    }

    #[test]
    fn unknown_fields_are_errors() {
        let text = r#"{"terms": [{"id": "x", "term": "X", "definition": "An x.", "general": true, "colour": "red"}]}"#;
        assert!(Glossary::parse("g.json", text).is_err());
    }
}
