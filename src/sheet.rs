//! The saved answer sheet: a versioned JSON document a reader can follow without the bank.
//!
//! The format is described field by field in `assets/answers.schema.json` and in the README.
//! Older schema versions are upgraded on load by the steps in [`MIGRATIONS`].

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::answers::{Answer, Answers};
use crate::bank::{Bank, Verdict};
use crate::catalogue::Severity;
use crate::engine::{Clarity, Evaluation, evaluate_quick};

/// The schema this version writes.
pub const SCHEMA: &str = "weighup.answers/1";
/// Every schema version starts with this.
pub const SCHEMA_PREFIX: &str = "weighup.answers/";
/// The number in [`SCHEMA`].
pub const SCHEMA_VERSION: u32 = 1;

/// The version number in a `schema` string: `Some(1)` for `weighup.answers/1`.
pub fn schema_version(schema: &str) -> Option<u32> {
    let n = schema.strip_prefix(SCHEMA_PREFIX)?;
    if n.is_empty() || !n.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    n.parse().ok()
}

/// One upgrade step: turns a sheet of schema version `from` into version `from + 1`, in place,
/// on the raw JSON (so fields this version never knew pass through untouched).
#[derive(Debug, Clone, Copy)]
pub struct Migration {
    /// The version this step reads.
    pub from: u32,
    /// What the step changes, in a few words (shown when a sheet is upgraded).
    pub what: &'static str,
    pub apply: fn(&mut serde_json::Map<String, serde_json::Value>) -> Result<(), String>,
}

/// The upgrade steps, oldest first. To change the format: bump [`SCHEMA_VERSION`], add the
/// step from the previous version here, and keep a fixture of the previous version in
/// `tests/fixtures/sheets/` so it keeps loading.
///
/// | from | to | what changes |
/// |------|----|--------------|
/// | (none yet: `weighup.answers/1` is the first published format) | | |
pub const MIGRATIONS: &[Migration] = &[];

/// Upgrades a sheet's raw JSON from schema version `from` to [`SCHEMA_VERSION`] with `steps`,
/// and sets its `schema` field. Returns what each step did. Fails when a step is missing (a
/// version weighup never wrote) or a step cannot read the file.
pub fn upgrade(
    value: &mut serde_json::Value,
    from: u32,
    steps: &[Migration],
) -> Result<Vec<&'static str>, String> {
    let serde_json::Value::Object(map) = value else {
        return Err("an answer sheet is a JSON object".to_string());
    };
    let mut done = Vec::new();
    let mut version = from;
    while version < SCHEMA_VERSION {
        let Some(step) = steps.iter().find(|m| m.from == version) else {
            return Err(format!(
                "weighup never wrote schema {SCHEMA_PREFIX}{from}, so it cannot read it"
            ));
        };
        (step.apply)(map)?;
        done.push(step.what);
        version += 1;
    }
    map.insert("schema".into(), serde_json::Value::String(SCHEMA.into()));
    Ok(done)
}

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
    /// The whole question as it was asked (empty when the bank did not know the question).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub prompt: String,
    pub answer: Answer,
    /// The answer in words when answered ("Not sure" for not sure).
    pub label: String,
    /// An optional note the person added to this answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Fields this version does not know, kept and written back.
    #[serde(flatten)]
    pub extra: BTreeMap<String, serde_json::Value>,
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

    /// The answers, for the engine (a copy: the sheet keeps the words shown at the time).
    pub fn to_answers(&self) -> Answers {
        let mut a = Answers::new();
        for (id, s) in &self.answers {
            a.set(id.clone(), s.answer.clone());
        }
        a
    }

    /// Sets or replaces an answer, keeping its note, and refreshes completeness and result.
    pub fn set_answer(&mut self, bank: &Bank, id: &str, answer: Answer, now: OffsetDateTime) {
        self.put_answer(bank, id, answer);
        self.refresh(bank, now);
    }

    /// Sets or replaces an answer with the words shown for it, keeping its note, without
    /// evaluating (the caller records the result: see [`Sheet::record`]).
    pub fn put_answer(&mut self, bank: &Bank, id: &str, answer: Answer) {
        let label = bank
            .question(id)
            .map_or_else(String::new, |q| bank.answer_label(q, &answer));
        let (question, prompt) = bank.question(id).map_or_else(
            || (id.to_string(), String::new()),
            |q| (q.short.clone(), q.prompt.clone()),
        );
        let old = self.answers.remove(id);
        let (note, extra) = old.map_or_else(Default::default, |a| (a.note, a.extra));
        self.answers.insert(
            id.to_string(),
            SavedAnswer {
                question,
                prompt,
                answer,
                label,
                note,
                extra,
            },
        );
    }

    /// Sets or clears the note on an answer. Returns `false` (and changes nothing) when the
    /// question has no answer yet: a note belongs to an answer.
    pub fn set_note(&mut self, id: &str, note: Option<String>, now: OffsetDateTime) -> bool {
        let Some(saved) = self.answers.get_mut(id) else {
            return false;
        };
        saved.note = note.filter(|n| !n.trim().is_empty());
        self.updated = timestamp(now);
        true
    }

    /// Removes an answer (for "clear answer").
    pub fn clear_answer(&mut self, bank: &Bank, id: &str, now: OffsetDateTime) {
        self.answers.remove(id);
        self.refresh(bank, now);
    }

    /// Recomputes completeness and the saved result, and stamps the update time. The saved
    /// result needs no "what would change it", so the quick evaluation serves (the same
    /// verdict, confidence and flags); the returned evaluation has no `would_change`.
    pub fn refresh(&mut self, bank: &Bank, now: OffsetDateTime) -> Evaluation {
        let answers = self.to_answers();
        let eval = evaluate_quick(bank, &answers);
        self.record(bank, &answers, &eval, now);
        eval
    }

    /// Records completeness and the result of an evaluation of these answers, and stamps the
    /// update time.
    pub fn record(
        &mut self,
        bank: &Bank,
        answers: &Answers,
        eval: &Evaluation,
        now: OffsetDateTime,
    ) {
        let shown = bank.visible(answers);
        self.complete = bank
            .questions
            .iter()
            .enumerate()
            .filter(|(i, q)| shown[*i] && q.kind.is_decision())
            .all(|(_, q)| {
                self.answers
                    .get(&q.id)
                    .is_some_and(|a| answer_fits(q, &a.answer))
            });
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

    /// The asked questions (by index) still waiting for an answer: no answer, or one this bank
    /// cannot use (an option it no longer has, a number out of range). Text notes are never
    /// waiting: they are optional.
    pub fn waiting(&self, bank: &Bank) -> Vec<usize> {
        let answers = self.to_answers();
        bank.asked(&answers)
            .into_iter()
            .filter(|&i| {
                let q = &bank.questions[i];
                q.kind.is_decision()
                    && !self
                        .answers
                        .get(&q.id)
                        .is_some_and(|a| answer_fits(q, &a.answer))
            })
            .collect()
    }

    /// (answered, asked): decision questions asked with these answers, and how many of them
    /// have an answer this bank can use ("Not sure" counts as an answer).
    pub fn progress(&self, bank: &Bank) -> (usize, usize) {
        let answers = self.to_answers();
        let asked: Vec<usize> = bank
            .asked(&answers)
            .into_iter()
            .filter(|&i| bank.questions[i].kind.is_decision())
            .collect();
        let waiting = self.waiting(bank).len();
        (asked.len() - waiting, asked.len())
    }

    /// What differs between the bank a sheet was answered on and this one, in plain words:
    /// another bank version, answers this bank no longer asks (kept), options it no longer has.
    pub fn bank_notices(&self, bank: &Bank) -> Vec<String> {
        let mut notices = Vec::new();
        if self.bank_differs(bank) {
            if self.bank.id != bank.meta.id || self.bank.version != bank.meta.version {
                notices.push(format!(
                    "These answers were given on question bank {} version {}; this is {} version {}. Some questions may have changed.",
                    self.bank.id, self.bank.version, bank.meta.id, bank.meta.version
                ));
            } else {
                notices.push(format!(
                    "These answers were given on an edited copy of question bank {} version {}; some questions may have changed.",
                    self.bank.id, self.bank.version
                ));
            }
        }
        let unknown = self.unknown_answers(bank);
        if !unknown.is_empty() {
            let names: Vec<&str> = unknown
                .iter()
                .map(|id| self.answers[*id].question.as_str())
                .collect();
            notices.push(format!(
                "{} answer{} {} for questions this bank no longer asks ({}); {} kept in the file but not counted.",
                unknown.len(),
                if unknown.len() == 1 { "" } else { "s" },
                if unknown.len() == 1 { "is" } else { "are" },
                names.join(", "),
                if unknown.len() == 1 { "it is" } else { "they are" },
            ));
        }
        for (id, what) in self.stale_options(bank) {
            let short = bank.question(&id).map_or(id.as_str(), |q| q.short.as_str());
            notices.push(format!(
                "{short}: your answer {what} is an option this question bank no longer has, so it is not counted; answer the question again to count it."
            ));
        }
        notices
    }

    /// Was it answered on a different bank (id, version or content)?
    pub fn bank_differs(&self, bank: &Bank) -> bool {
        self.bank.id != bank.meta.id
            || self.bank.version != bank.meta.version
            || self.bank.hash != bank.hash
    }
}

impl Sheet {
    /// Checks every answer against this bank as strictly as the simple answers file is
    /// checked, with the same messages: the right kind of answer, a number in range, no
    /// option twice, an exclusive option ("None of these") alone. Answers to questions the
    /// bank does not have are kept and not checked. Options the bank does not have are
    /// tolerated (and reported as out of date elsewhere) only when the sheet was answered on
    /// another bank: on the same bank they cannot come from weighup.
    pub fn check_answers(&self, bank: &Bank, file: &str) -> Result<(), crate::problem::Problems> {
        use crate::problem::{Problem, Problems};
        let other_bank = self.bank_differs(bank);
        let mut problems = Vec::new();
        for (id, saved) in &self.answers {
            let Some(q) = bank.question(id) else { continue };
            let has = |c: &String| q.options.iter().any(|o| &o.id == c);
            let answer = match &saved.answer {
                Answer::Choice(c) if other_bank && !has(c) => continue,
                Answer::Choices(ids) if other_bank => {
                    let known: Vec<String> = ids.iter().filter(|c| has(c)).cloned().collect();
                    if known.is_empty() {
                        continue;
                    }
                    Answer::Choices(known)
                }
                a => a.clone(),
            };
            let value = crate::answers::simple_value(&answer);
            if let Err(message) = crate::answers::answer_from_value(q, &value) {
                problems.push(Problem::new(
                    file,
                    format!("answers.{id}.answer"),
                    message,
                    crate::answers::fix_for(q),
                ));
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(Problems(problems))
        }
    }
}

/// Can this bank's question use this answer? (The right kind, options it has, a number in
/// range; "Not sure" where the question offers it.)
pub fn answer_fits(q: &crate::bank::Question, answer: &Answer) -> bool {
    use crate::bank::Kind;
    let has = |id: &String| q.options.iter().any(|o| &o.id == id);
    match (q.kind, answer) {
        (_, Answer::NotSure) => q.not_sure.is_some(),
        (Kind::Single | Kind::YesNo | Kind::Scale, Answer::Choice(id)) => has(id),
        (Kind::Multi, Answer::Choices(ids)) => !ids.is_empty() && ids.iter().all(has),
        (Kind::Number, Answer::Number(v)) => crate::answers::check_number(q, *v).is_ok(),
        (Kind::Text, Answer::Text(_)) => true,
        _ => false,
    }
}
