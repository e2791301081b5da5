//! The saved answer sheet: a versioned JSON document a reader can follow without the bank.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::answers::{Answer, Answers};
use crate::bank::{Bank, Verdict};
use crate::catalogue::Severity;
use crate::engine::{Clarity, Evaluation, evaluate};

/// The schema this version writes.
pub const SCHEMA: &str = "weighup.answers/1";
/// Every schema version starts with this.
pub const SCHEMA_PREFIX: &str = "weighup.answers/";

/// Which bank the sheet was answered on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BankRef {
    pub id: String,
    pub version: String,
    pub hash: String,
}

/// One answer as saved, with the words shown at the time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SavedAnswer {
    /// The question's short name when answered.
    pub question: String,
    pub answer: Answer,
    /// The answer in words when answered ("Not sure" for not sure).
    pub label: String,
    /// An optional note the person added to this answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A flag, as saved with the result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SavedFlag {
    pub id: String,
    pub severity: Severity,
    pub title: String,
}

/// The result at the time of saving.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SavedResult {
    pub verdict: Verdict,
    pub clarity: Clarity,
    pub confidence: u8,
    pub headline: String,
    pub flags: Vec<SavedFlag>,
}

/// A whole answer sheet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sheet {
    pub schema: String,
    pub bank: BankRef,
    pub app_version: String,
    /// RFC 3339.
    pub created: String,
    /// RFC 3339.
    pub updated: String,
    /// A participant label; `None` means anonymous.
    #[serde(default)]
    pub respondent: Option<String>,
    /// The workshop scenario played, if any.
    #[serde(default)]
    pub scenario: Option<String>,
    /// Every question asked has an answer (or "Not sure").
    pub complete: bool,
    /// By question id. Answers to questions the bank no longer has are kept.
    pub answers: BTreeMap<String, SavedAnswer>,
    #[serde(default)]
    pub result: Option<SavedResult>,
    /// Fields this version does not know, kept and written back.
    #[serde(flatten)]
    pub extra: BTreeMap<String, serde_json::Value>,
}

/// An RFC 3339 timestamp, to the second.
pub fn timestamp(now: OffsetDateTime) -> String {
    now.replace_nanosecond(0)
        .unwrap_or(now)
        .format(&Rfc3339)
        .unwrap_or_default()
}

impl Sheet {
    /// A new, empty sheet for this bank.
    pub fn new(bank: &Bank, now: OffsetDateTime) -> Sheet {
        let t = timestamp(now);
        Sheet {
            schema: SCHEMA.to_string(),
            bank: BankRef {
                id: bank.meta.id.clone(),
                version: bank.meta.version.clone(),
                hash: bank.hash.clone(),
            },
            app_version: env!("CARGO_PKG_VERSION").to_string(),
            created: t.clone(),
            updated: t,
            respondent: None,
            scenario: None,
            complete: false,
            answers: BTreeMap::new(),
            result: None,
            extra: BTreeMap::new(),
        }
    }

    /// The answers, for the engine.
    pub fn answers(&self) -> Answers {
        let mut a = Answers::new();
        for (id, s) in &self.answers {
            a.set(id.clone(), s.answer.clone());
        }
        a
    }

    /// Sets or replaces an answer, keeping its note, and refreshes completeness and result.
    pub fn set_answer(&mut self, bank: &Bank, id: &str, answer: Answer, now: OffsetDateTime) {
        let label = bank
            .question(id)
            .map_or_else(String::new, |q| bank.answer_label(q, &answer));
        let question = bank
            .question(id)
            .map_or_else(|| id.to_string(), |q| q.short.clone());
        let note = self.answers.get(id).and_then(|a| a.note.clone());
        self.answers.insert(
            id.to_string(),
            SavedAnswer {
                question,
                answer,
                label,
                note,
            },
        );
        self.refresh(bank, now);
    }

    /// Removes an answer (for "clear answer").
    pub fn clear_answer(&mut self, bank: &Bank, id: &str, now: OffsetDateTime) {
        self.answers.remove(id);
        self.refresh(bank, now);
    }

    /// Recomputes completeness and the saved result, and stamps the update time.
    pub fn refresh(&mut self, bank: &Bank, now: OffsetDateTime) -> Evaluation {
        let eval = evaluate(bank, &self.answers());
        let shown = bank.visible(&self.answers());
        self.complete = bank
            .questions
            .iter()
            .enumerate()
            .filter(|(i, q)| shown[*i] && q.kind.is_decision())
            .all(|(_, q)| self.answers.contains_key(&q.id));
        self.result = Some(SavedResult {
            verdict: eval.verdict,
            clarity: eval.clarity,
            confidence: eval.confidence,
            headline: eval.headline.clone(),
            flags: eval
                .flags
                .iter()
                .map(|f| SavedFlag {
                    id: f.id.clone(),
                    severity: f.severity,
                    title: f.title.clone(),
                })
                .collect(),
        });
        self.updated = timestamp(now);
        eval
    }

    /// Answers whose question this bank does not have.
    pub fn unknown_answers<'a>(&'a self, bank: &Bank) -> Vec<&'a str> {
        self.answers
            .keys()
            .filter(|id| bank.question(id).is_none())
            .map(String::as_str)
            .collect()
    }

    /// Answers that name options this bank does not have: (question id, what was saved).
    pub fn stale_options(&self, bank: &Bank) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for (id, saved) in &self.answers {
            let Some(q) = bank.question(id) else { continue };
            let ids: Vec<String> = match &saved.answer {
                Answer::Choice(c) => vec![c.clone()],
                Answer::Choices(c) => c.clone(),
                _ => continue,
            };
            for c in ids {
                if !q.options.iter().any(|o| o.id == c) {
                    out.push((id.clone(), format!("{c} ({})", saved.label)));
                }
            }
        }
        out
    }

    /// Was it answered on a different bank (id, version or content)?
    pub fn bank_differs(&self, bank: &Bank) -> bool {
        self.bank.id != bank.meta.id
            || self.bank.version != bank.meta.version
            || self.bank.hash != bank.hash
    }
}
