//! The question bank: loading (built in, or from a folder), validation, and look-ups.

pub mod model;
mod validate;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

pub use model::{
    BankMeta, Choice, Condition, Dimension, Effect, Excludes, Kind, NotSure, NumberSpec, Part,
    Question, Requires, Route, Rule, RulesOut, Section, Side, Verdict,
};

use crate::answers::{Answer, Answers};
use crate::catalogue::Catalogue;
use crate::problem::{Problem, Problems};

include!(concat!(env!("OUT_DIR"), "/builtin_questions.rs"));

/// The name of the file that describes the bank.
pub const META_FILE: &str = "bank.json";

/// Where a bank came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BankOrigin {
    BuiltIn,
    Folder(PathBuf),
}

/// A section as the app shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct SectionInfo {
    pub id: String,
    pub title: String,
    pub intro: String,
    /// The file it was read from.
    pub file: String,
}

/// A validated question bank, with the licence catalogue it raises flags from.
#[derive(Debug, Clone)]
pub struct Bank {
    pub meta: BankMeta,
    pub origin: BankOrigin,
    pub sections: Vec<SectionInfo>,
    /// Every question, in the order they are asked.
    pub questions: Vec<Question>,
    /// For each question, the index of its section.
    pub section_of: Vec<usize>,
    pub rules: Vec<Rule>,
    pub catalogue: Catalogue,
    /// SHA-256 of the bank's files, so a saved sheet knows which bank it was answered on.
    pub hash: String,
    index: HashMap<String, usize>,
}

impl Bank {
    /// The bank shipped inside the binary.
    pub fn builtin() -> Result<Bank, Problems> {
        let files: Vec<(String, String)> = BUILTIN_FILES
            .iter()
            .map(|(n, c)| ((*n).to_string(), (*c).to_string()))
            .collect();
        Bank::from_files(&files, BankOrigin::BuiltIn, Catalogue::builtin()?)
    }

    /// A bank read from a folder of JSON files (`bank.json` plus one file per section).
    pub fn from_dir(dir: &Path) -> Result<Bank, Problems> {
        let files: Vec<(String, String)> =
            crate::problem::read_json_folder(dir, "bank.json and the section files")?
                .into_iter()
                .map(|(path, text)| {
                    let name = path
                        .file_name()
                        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
                    (name, text)
                })
                .collect();
        let catalogue = Catalogue::builtin()?;
        Bank::from_files(&files, BankOrigin::Folder(dir.to_path_buf()), catalogue).map_err(
            |Problems(ps)| {
                // Name files by their path in the folder, so the message points at them.
                Problems(
                    ps.into_iter()
                        .map(|mut p| {
                            if !p.file.contains('/') {
                                p.file = dir.join(&p.file).display().to_string();
                            }
                            p
                        })
                        .collect(),
                )
            },
        )
    }

    /// Parses and validates a bank from (file name, contents) pairs. Every problem in every
    /// file is reported at once.
    pub fn from_files(
        files: &[(String, String)],
        origin: BankOrigin,
        catalogue: Catalogue,
    ) -> Result<Bank, Problems> {
        let mut problems = Vec::new();
        let mut meta = None;
        let mut sections: Vec<(String, String, Section)> = Vec::new();
        let mut hasher = Sha256::new();
        for (name, text) in files {
            hasher.update(name.as_bytes());
            hasher.update([0]);
            hasher.update(text.as_bytes());
            hasher.update([0]);
            if name == META_FILE {
                meta = parse::<BankMeta>(name, text, &mut problems);
            } else if let Some(s) = parse::<Section>(name, text, &mut problems) {
                sections.push((name.clone(), text.clone(), s));
            }
        }
        if meta.is_none() && !files.iter().any(|(n, _)| n == META_FILE) {
            problems.push(Problem::new(
                META_FILE,
                "file",
                "the bank has no bank.json",
                "add bank.json with \"id\", \"version\" and \"title\"",
            ));
        }
        if sections.is_empty() && problems.is_empty() {
            problems.push(Problem::new(
                "(bank)",
                "folder",
                "the bank has no section files",
                "add at least one section file such as 01-privacy.json",
            ));
        }
        problems.extend(validate::validate(&sections, &catalogue));
        problems.extend(validate::control_chars(files));
        if !problems.is_empty() {
            // Point at the line and column of each problem too, for editors.
            for p in &mut problems {
                if p.place.contains(':') {
                    continue;
                }
                if let Some((_, text)) = files.iter().find(|(n, _)| *n == p.file) {
                    if let Some((line, col)) = crate::problem::locate(text, &p.place) {
                        p.place = format!("{line}:{col} ({})", p.place);
                    }
                }
            }
            let order = |f: &str| files.iter().position(|(n, _)| n == f).unwrap_or(usize::MAX);
            problems.sort_by_key(|p| order(&p.file));
            return Err(Problems(problems));
        }
        let meta = meta.expect("checked above");
        let mut bank = Bank {
            meta,
            origin,
            sections: Vec::new(),
            questions: Vec::new(),
            section_of: Vec::new(),
            rules: Vec::new(),
            catalogue,
            hash: format!("sha256:{:x}", hasher.finalize()),
            index: HashMap::new(),
        };
        for (i, (file, _, section)) in sections.into_iter().enumerate() {
            bank.sections.push(SectionInfo {
                id: section.id,
                title: section.title,
                intro: section.intro,
                file,
            });
            for q in section.questions {
                bank.index.insert(q.id.clone(), bank.questions.len());
                bank.questions.push(q);
                bank.section_of.push(i);
            }
            bank.rules.extend(section.rules);
        }
        Ok(bank)
    }

    /// The index of a question by id.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }

    pub fn question(&self, id: &str) -> Option<&Question> {
        self.position(id).map(|i| &self.questions[i])
    }

    pub fn section_for(&self, question_index: usize) -> &SectionInfo {
        &self.sections[self.section_of[question_index]]
    }

    /// Which questions are asked, given these answers: a question is asked when it has no
    /// condition, or its condition holds on the answers to questions that are themselves asked.
    pub fn visible(&self, answers: &Answers) -> Vec<bool> {
        let mut shown = vec![false; self.questions.len()];
        for (i, q) in self.questions.iter().enumerate() {
            shown[i] = match &q.when {
                None => true,
                Some(c) => self.holds(c, answers, &shown, None),
            };
        }
        shown
    }

    /// Does a condition hold? Answers to questions that are not asked do not count.
    /// `verdict` is `None` while questions are shown (conditions on the verdict then fail).
    pub fn holds(
        &self,
        cond: &Condition,
        answers: &Answers,
        shown: &[bool],
        verdict: Option<Verdict>,
    ) -> bool {
        if let (Some(qid), Some(any_of)) = (&cond.question, &cond.any_of) {
            let Some(i) = self.position(qid) else {
                return false;
            };
            if !shown.get(i).copied().unwrap_or(false) {
                return false;
            }
            return match answers.get(qid) {
                Some(a) => self
                    .chosen_ids(&self.questions[i], a)
                    .iter()
                    .any(|id| any_of.iter().any(|x| x == id)),
                None => false,
            };
        }
        if let Some(all) = &cond.all {
            return all.iter().all(|c| self.holds(c, answers, shown, verdict));
        }
        if let Some(any) = &cond.any {
            return any.iter().any(|c| self.holds(c, answers, shown, verdict));
        }
        if let Some(not) = &cond.not {
            return !self.holds(not, answers, shown, verdict);
        }
        if let Some(vs) = &cond.verdict {
            return verdict.is_some_and(|v| vs.contains(&v));
        }
        false
    }

    /// The option or band ids an answer stands for (`not_sure` for "Not sure").
    pub fn chosen_ids(&self, q: &Question, answer: &Answer) -> Vec<String> {
        match answer {
            Answer::NotSure => vec!["not_sure".to_string()],
            Answer::Choice(id) => vec![id.clone()],
            Answer::Choices(ids) => ids.clone(),
            Answer::Number(v) => band_for(q, *v)
                .map(|b| vec![b.id.clone()])
                .unwrap_or_default(),
            Answer::Text(_) => Vec::new(),
        }
    }

    /// The options an answer picks (bands for numbers).
    pub fn chosen<'a>(&self, q: &'a Question, answer: &Answer) -> Vec<&'a Choice> {
        match answer {
            Answer::Choice(id) => q.options.iter().filter(|o| &o.id == id).collect(),
            Answer::Choices(ids) => q.options.iter().filter(|o| ids.contains(&o.id)).collect(),
            Answer::Number(v) => band_for(q, *v).into_iter().collect(),
            Answer::NotSure | Answer::Text(_) => Vec::new(),
        }
    }

    /// The answer in words, as a manager reads it.
    pub fn answer_label(&self, q: &Question, answer: &Answer) -> String {
        match answer {
            Answer::NotSure => "Not sure".to_string(),
            Answer::Text(t) => t.clone(),
            Answer::Number(v) => {
                let unit = q.number.as_ref().map_or("", |n| n.unit.as_str());
                format!("{} {unit}", format_number(*v))
                    .trim_end()
                    .to_string()
            }
            Answer::Choice(_) | Answer::Choices(_) => {
                let labels: Vec<&str> = self
                    .chosen(q, answer)
                    .iter()
                    .map(|o| o.label.as_str())
                    .collect();
                if labels.is_empty() {
                    "(an option this bank no longer has)".to_string()
                } else {
                    labels.join("; ")
                }
            }
        }
    }
}

/// Parses one file. Unknown fields do not stop the parse: each is reported with its JSON path,
/// so a customiser sees all of them at once.
fn parse<T: serde::de::DeserializeOwned>(
    name: &str,
    text: &str,
    problems: &mut Vec<Problem>,
) -> Option<T> {
    let mut unknown = Vec::new();
    let mut de = serde_json::Deserializer::from_str(text);
    let parsed =
        serde_ignored::deserialize(&mut de, |path| unknown.push(json_path(&path.to_string())))
            .and_then(|v| de.end().map(|()| v));
    match parsed {
        Ok(v) => {
            for path in unknown {
                let field = path.rsplit('.').next().unwrap_or(&path).to_string();
                problems.push(Problem::new(
                    name,
                    path.clone(),
                    format!("unknown field '{field}'"),
                    "remove the field or correct its spelling (the README lists the fields)",
                ));
            }
            Some(v)
        }
        Err(e) => {
            problems.push(Problem::from_json(name, &e));
            None
        }
    }
}

/// `questions.0.colour` becomes `questions[0].colour`.
fn json_path(dotted: &str) -> String {
    let mut out = String::new();
    for part in dotted.split('.').filter(|p| !p.is_empty() && *p != "?") {
        if part.chars().all(|c| c.is_ascii_digit()) {
            out.push('[');
            out.push_str(part);
            out.push(']');
        } else {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(part);
        }
    }
    out
}

/// The band of a number question that holds `value`.
pub fn band_for(q: &Question, value: f64) -> Option<&Choice> {
    let spec = q.number.as_ref()?;
    if spec.upper_inclusive {
        // "More than `from`, up to `below`": a value on a boundary belongs to the lower band.
        return spec.bands.iter().find(|b| {
            b.from
                .is_none_or(|f| value > f || (f <= spec.min && value >= f))
                && b.below.is_none_or(|e| value <= e)
        });
    }
    spec.bands
        .iter()
        .find(|b| b.from.is_none_or(|f| value >= f) && b.below.is_none_or(|e| value < e))
}

/// A number as people write it: no trailing `.0`.
pub fn format_number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        let s = format!("{v:.3}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// Where a question stands in the questionnaire, counting only the questions asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    /// 1-based.
    pub section_no: usize,
    pub section_count: usize,
    /// 1-based.
    pub question_no: usize,
    pub question_count: usize,
}

impl Bank {
    /// The indices of the questions asked with these answers, in order.
    pub fn asked(&self, answers: &Answers) -> Vec<usize> {
        self.visible(answers)
            .iter()
            .enumerate()
            .filter_map(|(i, s)| s.then_some(i))
            .collect()
    }

    /// "Section 2 of 6 · Question 7 of 24" for question `index`, recomputed from the answers
    /// (conditional questions come and go). `None` when the question is not asked.
    pub fn position_of(&self, answers: &Answers, index: usize) -> Option<Position> {
        let asked = self.asked(answers);
        let question_no = asked.iter().position(|&i| i == index)? + 1;
        let mut sections: Vec<usize> = asked.iter().map(|&i| self.section_of[i]).collect();
        sections.dedup();
        let section_no = sections.iter().position(|&s| s == self.section_of[index])? + 1;
        Some(Position {
            section_no,
            section_count: sections.len(),
            question_no,
            question_count: asked.len(),
        })
    }

    /// The next question asked after `index` (or the first, for `None`).
    pub fn next_asked(&self, answers: &Answers, index: Option<usize>) -> Option<usize> {
        self.asked(answers)
            .into_iter()
            .find(|&i| index.is_none_or(|cur| i > cur))
    }

    /// The question asked before `index`.
    pub fn prev_asked(&self, answers: &Answers, index: usize) -> Option<usize> {
        self.asked(answers).into_iter().rev().find(|&i| i < index)
    }

    /// The first question asked that has no answer yet.
    pub fn first_unanswered(&self, answers: &Answers) -> Option<usize> {
        self.asked(answers)
            .into_iter()
            .find(|&i| answers.get(&self.questions[i].id).is_none())
    }
}
