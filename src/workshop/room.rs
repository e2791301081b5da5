//! The facilitator's comparison of the room: reads saved answer sheets one at a time,
//! re-evaluates each with the current engine, and keeps only tallies.
//!
//! Memory: one sheet at a time, plus the tallies (answers per scenario and question, verdicts,
//! flags), plus about 100 bytes per file to spot copies and repeated participants, plus at most
//! [`MAX_LISTED`] skipped files and sheets to discuss.
//!
//! Rules, in the order they are applied to each file:
//! - a file larger than [`MAX_SHEET_BYTES`], unreadable, empty, not JSON, JSON that is not a
//!   weighup answer sheet, or a sheet that does not load is skipped, with the reason;
//! - a file with exactly the same content as one already counted is a copy: skipped;
//! - a participant label used twice for the same scenario (case and spaces ignored) counts
//!   once: the most recently updated sheet counts (on a tie, the path that sorts last), the
//!   other is skipped. Anonymous sheets are never merged;
//! - everything else counts, partial or complete, from any bank version. Each sheet's answers
//!   are evaluated again with this bank; the result saved in the file is not used.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::answers::{Answer, Answers};
use crate::bank::{Bank, Verdict};
use crate::catalogue::Severity;
use crate::engine::{Clarity, evaluate};
use crate::persist::{self, PersistError};
use crate::sheet::{SCHEMA_PREFIX, Sheet};

use super::scenario::Scenario;

/// A file larger than this is not an answer sheet (a full sheet is a few kilobytes).
pub const MAX_SHEET_BYTES: u64 = 1024 * 1024;
/// At most this many skipped files and sheets to discuss are listed; the rest are counted.
pub const MAX_LISTED: usize = 200;
/// How deep folders are searched for sheets.
const MAX_DEPTH: usize = 8;
/// Participant labels and unknown scenario ids are shortened to this many characters.
const MAX_LABEL: usize = 40;

/// Where each verdict is counted: the three verdicts, and sheets with too few answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Outcome {
    Verdict(Verdict),
    /// Fewer answers than the engine needs: counted apart, never as "hybrid".
    TooFew,
}

impl Outcome {
    pub const ALL: [Outcome; 4] = [
        Outcome::Verdict(Verdict::OpenWeights),
        Outcome::Verdict(Verdict::Hybrid),
        Outcome::Verdict(Verdict::Closed),
        Outcome::TooFew,
    ];

    fn slot(self) -> usize {
        match self {
            Outcome::Verdict(Verdict::OpenWeights) => 0,
            Outcome::Verdict(Verdict::Hybrid) => 1,
            Outcome::Verdict(Verdict::Closed) => 2,
            Outcome::TooFew => 3,
        }
    }

    /// A short column title.
    pub fn short(self) -> &'static str {
        match self {
            Outcome::Verdict(Verdict::OpenWeights) => "open",
            Outcome::Verdict(Verdict::Hybrid) => "hybrid",
            Outcome::Verdict(Verdict::Closed) => "closed",
            Outcome::TooFew => "too few",
        }
    }

    /// In words.
    pub fn words(self) -> &'static str {
        match self {
            Outcome::Verdict(Verdict::OpenWeights) => "open weights",
            Outcome::Verdict(Verdict::Hybrid) => "hybrid",
            Outcome::Verdict(Verdict::Closed) => "closed",
            Outcome::TooFew => "too few answers",
        }
    }

    /// A stable id for CSV.
    pub fn id(self) -> &'static str {
        match self {
            Outcome::Verdict(v) => v.id(),
            Outcome::TooFew => "too-few-answers",
        }
    }
}

/// Which card a group of sheets played.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum GroupKind {
    /// A card this version knows (index in the card list).
    Card(usize),
    /// A scenario id this version does not know.
    Unknown(String),
    /// Sheets answered without a scenario.
    NoScenario,
}

/// How many sheets gave each answer to one question, within one group.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Spread {
    /// (answer in words, count), most common first; "Not sure" is an answer.
    pub counts: Vec<(String, usize)>,
    /// Sheets that were asked the question but left it open.
    pub no_answer: usize,
}

impl Spread {
    pub fn answered(&self) -> usize {
        self.counts.iter().map(|(_, n)| n).sum()
    }

    /// The most common answer and its count.
    pub fn top(&self) -> Option<(&str, usize)> {
        self.counts.first().map(|(l, n)| (l.as_str(), *n))
    }

    fn add(&mut self, slot: &Slot, sign: i8) {
        match slot {
            Slot::NoAnswer => bump(&mut self.no_answer, sign),
            Slot::Label(l) => {
                if let Some(e) = self.counts.iter_mut().find(|(x, _)| x == l) {
                    bump(&mut e.1, sign);
                } else if sign > 0 {
                    self.counts.push((l.clone(), 1));
                }
            }
        }
    }

    fn finish(&mut self) {
        self.counts.retain(|(_, n)| *n > 0);
        // Most common first; ties by answer text, so the order is stable.
        self.counts
            .sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    }
}

fn bump(n: &mut usize, sign: i8) {
    if sign > 0 {
        *n += 1;
    } else {
        *n = n.saturating_sub(1);
    }
}

/// The sheets that played one card (or none).
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub kind: GroupKind,
    /// The card's id, or the unknown id as saved; `None` for sheets without a scenario.
    pub id: Option<String>,
    pub title: String,
    /// A short name for tables.
    pub short: String,
    /// The verdicts the card expects (empty when there is no card).
    pub expected: Vec<Verdict>,
    pub sheets: usize,
    /// Sheets with questions left open.
    pub partial: usize,
    /// Counts by [`Outcome`]: open weights, hybrid, closed, too few answers.
    pub outcomes: [usize; 4],
    /// By question index in the bank.
    pub spreads: Vec<Spread>,
    /// Flag id -> sheets that raised it.
    pub flags: BTreeMap<String, usize>,
}

impl Group {
    pub fn outcome(&self, o: Outcome) -> usize {
        self.outcomes[o.slot()]
    }

    /// Sheets whose verdict the card expects.
    pub fn as_expected(&self) -> usize {
        self.expected
            .iter()
            .map(|v| self.outcome(Outcome::Verdict(*v)))
            .sum()
    }

    /// Sheets with a verdict (not too few answers) that the card does not expect.
    pub fn unexpected(&self) -> usize {
        if self.expected.is_empty() {
            return 0;
        }
        self.sheets - self.as_expected() - self.outcome(Outcome::TooFew)
    }
}

/// One question across the room.
#[derive(Debug, Clone, PartialEq)]
pub struct QuestionSpread {
    /// Index in the bank.
    pub index: usize,
    pub id: String,
    pub short: String,
    pub prompt: String,
    /// Answers counted (not "no answer").
    pub answered: usize,
    pub no_answer: usize,
    /// Answers that differ from the most common answer on the same card, counted only on
    /// cards with at least two answers to this question.
    pub differ: usize,
    /// Answers on cards with at least two answers to this question.
    pub compared: usize,
    /// (group index, spread) for each group with an answer or a "no answer".
    pub groups: Vec<(usize, Spread)>,
}

impl QuestionSpread {
    /// `differ / compared`: 0 when everyone on the same card agreed, `None` when no card has
    /// two answers to compare.
    pub fn disagreement(&self) -> Option<f64> {
        (self.compared > 0).then(|| self.differ as f64 / self.compared as f64)
    }

    /// The disagreement as a whole percentage, or "-" when there is nothing to compare.
    pub fn percent(&self) -> String {
        self.disagreement()
            .map_or_else(|| "-".to_string(), |d| format!("{:.0}%", d * 100.0))
    }
}

/// A flag across the room.
#[derive(Debug, Clone, PartialEq)]
pub struct FlagCount {
    pub id: String,
    pub title: String,
    pub severity: Severity,
    /// Sheets that raised it.
    pub sheets: usize,
    /// (group index, sheets) for each group that raised it.
    pub groups: Vec<(usize, usize)>,
}

/// An answer that differs from what most of the room gave on the same card.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    pub short: String,
    pub answer: String,
    /// The most common answer on the card, and how many of how many gave it.
    pub most: String,
    pub most_count: usize,
    pub of: usize,
}

/// A sheet whose verdict its card does not expect: a place to start the debrief.
#[derive(Debug, Clone, PartialEq)]
pub struct Surprise {
    pub path: String,
    /// The participant label, cleaned for display; `None` when anonymous.
    pub respondent: Option<String>,
    pub group: usize,
    pub verdict: Verdict,
    pub clarity: Clarity,
    pub partial: bool,
    /// Hard constraints behind the verdict, in words.
    pub constraints: Vec<String>,
    /// Answers that differ from most of the room on the same card (at most four).
    pub differences: Vec<Difference>,
}

/// A file that was not counted, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub path: String,
    pub reason: String,
}

/// The whole comparison.
#[derive(Debug, Clone, PartialEq)]
pub struct Room {
    pub bank_id: String,
    pub bank_version: String,
    /// What was asked for, for the heading.
    pub sources: Vec<String>,
    /// Files looked at (sheets or not).
    pub files: usize,
    /// Sheets counted.
    pub sheets: usize,
    /// Counted sheets with questions left open.
    pub partial: usize,
    /// Groups with at least one sheet: cards in card order, then unknown ids, then sheets
    /// without a scenario.
    pub groups: Vec<Group>,
    /// Every decision question, the most disagreed first.
    pub questions: Vec<QuestionSpread>,
    /// Flags raised, the most raised first.
    pub flags: Vec<FlagCount>,
    /// Sheets whose verdict differs from their card's expected verdicts (at most
    /// [`MAX_LISTED`]; see `surprises_total`).
    pub surprises: Vec<Surprise>,
    pub surprises_total: usize,
    /// "weighup.default version 2025.10.1" -> sheets answered on a different bank.
    pub other_banks: BTreeMap<String, usize>,
    /// Counted sheets with answers this bank cannot use (questions or options it does not
    /// have); those answers are left out.
    pub unusable_answers: usize,
    /// Files not counted (at most [`MAX_LISTED`]; see `skipped_total`).
    pub skipped: Vec<Skipped>,
    pub skipped_total: usize,
    /// Files in the folders that are not `.json` (not looked at).
    pub ignored: usize,
}

impl Room {
    /// Groups that played a card this version knows.
    pub fn cards_played(&self) -> usize {
        self.groups
            .iter()
            .filter(|g| matches!(g.kind, GroupKind::Card(_)))
            .count()
    }

    /// How many sheets have each outcome, across the room.
    pub fn outcome(&self, o: Outcome) -> usize {
        self.groups.iter().map(|g| g.outcome(o)).sum()
    }

    /// Questions everyone on the same card answered alike (0% differ).
    pub fn agreed(&self) -> impl Iterator<Item = &QuestionSpread> {
        self.questions
            .iter()
            .filter(|q| q.disagreement() == Some(0.0))
    }
}

/// An answer as tallied: its words, or none.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Slot {
    Label(String),
    NoAnswer,
}

/// What one sheet adds to the tallies; kept for labelled sheets so that a newer sheet by the
/// same participant can replace it.
#[derive(Debug, Clone)]
struct Contribution {
    group: usize,
    outcome: Outcome,
    partial: bool,
    answers: Vec<(usize, Slot)>,
    flags: Vec<String>,
    other_bank: Option<String>,
    unusable: bool,
    surprise: Option<Surprise>,
}

/// Compares the sheets found in `paths` (files, or folders searched for `*.json`).
/// Never fails: what cannot be read is listed in `skipped`.
pub fn compare(bank: &Bank, cards: &[Scenario], paths: &[PathBuf]) -> Room {
    let mut t = Tally::new(bank, cards, paths);
    let files = t.collect(paths);
    for path in &files {
        t.file(path);
    }
    t.finish()
}

struct Tally<'a> {
    bank: &'a Bank,
    cards: &'a [Scenario],
    room: Room,
    /// Content hash -> the path counted with it.
    hashes: HashMap<[u8; 16], String>,
    /// (participant, scenario) -> (updated, path, contribution).
    labelled: HashMap<(String, Option<String>), (String, String, Contribution)>,
    group_index: HashMap<Option<String>, usize>,
    surprise_list: Vec<Surprise>,
}

impl<'a> Tally<'a> {
    fn new(bank: &'a Bank, cards: &'a [Scenario], paths: &[PathBuf]) -> Self {
        Tally {
            bank,
            cards,
            room: Room {
                bank_id: bank.meta.id.clone(),
                bank_version: bank.meta.version.clone(),
                sources: paths
                    .iter()
                    .map(|p| clean(&p.display().to_string()))
                    .collect(),
                files: 0,
                sheets: 0,
                partial: 0,
                groups: Vec::new(),
                questions: Vec::new(),
                flags: Vec::new(),
                surprises: Vec::new(),
                surprises_total: 0,
                other_banks: BTreeMap::new(),
                unusable_answers: 0,
                skipped: Vec::new(),
                skipped_total: 0,
                ignored: 0,
            },
            hashes: HashMap::new(),
            labelled: HashMap::new(),
            group_index: HashMap::new(),
            surprise_list: Vec::new(),
        }
    }

    fn skip(&mut self, path: &str, reason: impl Into<String>) {
        self.room.skipped_total += 1;
        if self.room.skipped.len() < MAX_LISTED {
            self.room.skipped.push(Skipped {
                path: clean(path),
                reason: clean(&reason.into()),
            });
        }
    }

    /// The files to read, sorted, each once.
    fn collect(&mut self, paths: &[PathBuf]) -> Vec<PathBuf> {
        let mut files = Vec::new();
        for p in paths {
            match std::fs::metadata(p) {
                Ok(m) if m.is_dir() => self.walk(p, 0, &mut files),
                Ok(_) => files.push(p.clone()),
                Err(e) => {
                    self.room.files += 1;
                    self.skip(&p.display().to_string(), io_reason(&e));
                }
            }
        }
        files.sort();
        files.dedup();
        files
    }

    fn walk(&mut self, dir: &Path, depth: usize, files: &mut Vec<PathBuf>) {
        let entries = match std::fs::read_dir(dir) {
            Ok(e) => e,
            Err(e) => {
                self.skip(&dir.display().to_string(), io_reason(&e));
                return;
            }
        };
        for entry in entries.filter_map(Result::ok) {
            let path = entry.path();
            let hidden = entry.file_name().to_string_lossy().starts_with('.');
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if hidden {
                continue;
            }
            if kind.is_dir() {
                if depth < MAX_DEPTH {
                    self.walk(&path, depth + 1, files);
                }
            } else if path
                .extension()
                .is_some_and(|x| x.eq_ignore_ascii_case("json"))
            {
                files.push(path);
            } else {
                self.room.ignored += 1;
            }
        }
    }

    fn group_for(&mut self, scenario: Option<&str>) -> usize {
        let key = scenario.map(str::to_string);
        if let Some(i) = self.group_index.get(&key) {
            return *i;
        }
        let (kind, title, short, expected) = match scenario {
            None => (
                GroupKind::NoScenario,
                "No scenario card".to_string(),
                "No scenario".to_string(),
                Vec::new(),
            ),
            Some(id) => {
                if let Some(ci) = self.cards.iter().position(|c| c.id == id) {
                    let c = &self.cards[ci];
                    (
                        GroupKind::Card(ci),
                        c.title.clone(),
                        c.short.clone(),
                        c.facilitator.expected.clone(),
                    )
                } else {
                    let shown = shorten(&clean(id), MAX_LABEL);
                    (
                        GroupKind::Unknown(shown.clone()),
                        format!("Scenario '{shown}' (not a card this version knows)"),
                        format!("'{}'", shorten(&shown, 20)),
                        Vec::new(),
                    )
                }
            }
        };
        self.room.groups.push(Group {
            kind,
            id: key.as_deref().map(clean),
            title,
            short,
            expected,
            sheets: 0,
            partial: 0,
            outcomes: [0; 4],
            spreads: vec![Spread::default(); self.bank.questions.len()],
            flags: BTreeMap::new(),
        });
        let i = self.room.groups.len() - 1;
        self.group_index.insert(key, i);
        i
    }

    fn file(&mut self, path: &Path) {
        self.room.files += 1;
        let shown = path.display().to_string();
        match std::fs::metadata(path) {
            Ok(m) if m.len() > MAX_SHEET_BYTES => {
                self.skip(
                    &shown,
                    format!(
                        "too large to be an answer sheet ({} KB; a sheet is a few KB)",
                        m.len() / 1024
                    ),
                );
                return;
            }
            Err(e) => {
                self.skip(&shown, io_reason(&e));
                return;
            }
            Ok(_) => {}
        }
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => {
                self.skip(&shown, io_reason(&e));
                return;
            }
        };
        let sheet = match serde_json::from_slice::<Sheet>(&bytes) {
            Ok(s) if s.schema.starts_with(SCHEMA_PREFIX) => s,
            _ => {
                // Let the loader everyone else uses say what is wrong.
                let reason = match persist::load(path) {
                    Err(e) => load_reason(&e),
                    Ok(_) => "this file could not be read as an answer sheet".to_string(),
                };
                self.skip(&shown, reason);
                return;
            }
        };
        if !self.hash_ok(&shown, &bytes) {
            return;
        }
        drop(bytes);
        self.sheet(&shown, &sheet);
    }

    /// Records the file's content; false (and skipped) if it is a copy of one counted.
    fn hash_ok(&mut self, shown: &str, bytes: &[u8]) -> bool {
        let digest = Sha256::digest(bytes);
        let mut key = [0u8; 16];
        key.copy_from_slice(&digest[..16]);
        if let Some(first) = self.hashes.get(&key) {
            let first = first.clone();
            self.skip(
                shown,
                format!("a copy: the same content as {first}, which is counted"),
            );
            return false;
        }
        self.hashes.insert(key, clean(shown));
        true
    }

    fn sheet(&mut self, shown: &str, sheet: &Sheet) {
        let bank = self.bank;
        let answers = sheet.answers();
        let eval = evaluate(bank, &answers);
        let group = self.group_for(sheet.scenario.as_deref());
        let outcome = if eval.clarity == Clarity::TooFewAnswers {
            Outcome::TooFew
        } else {
            Outcome::Verdict(eval.verdict)
        };
        let partial = eval.progress.unanswered > 0;
        let shown_q = bank.visible(&answers);
        let mut slots = Vec::new();
        let mut unusable = !sheet.unknown_answers(bank).is_empty();
        for (i, q) in bank.questions.iter().enumerate() {
            if !shown_q[i] || !q.kind.is_decision() {
                continue;
            }
            let slot = match answers.get(&q.id) {
                None => Slot::NoAnswer,
                Some(a) => {
                    if let Some(w) = answer_words(bank, i, a) {
                        Slot::Label(w)
                    } else {
                        unusable = true;
                        Slot::NoAnswer
                    }
                }
            };
            slots.push((i, slot));
        }
        let other_bank = sheet.bank_differs(bank).then(|| {
            let mut s = format!(
                "{} version {}",
                shorten(&clean(&sheet.bank.id), MAX_LABEL),
                shorten(&clean(&sheet.bank.version), MAX_LABEL)
            );
            if sheet.bank.id == bank.meta.id && sheet.bank.version == bank.meta.version {
                s.push_str(" (with edited questions)");
            }
            s
        });
        let respondent = sheet
            .respondent
            .as_deref()
            .map(str::trim)
            .filter(|r| !r.is_empty())
            .map(|r| shorten(&clean(r), MAX_LABEL));
        let expected = &self.room.groups[group].expected;
        let surprise = match outcome {
            Outcome::Verdict(v) if !expected.is_empty() && !expected.contains(&v) => {
                Some(Surprise {
                    path: clean(shown),
                    respondent: respondent.clone(),
                    group,
                    verdict: v,
                    clarity: eval.clarity,
                    partial,
                    constraints: eval
                        .constraints
                        .iter()
                        .map(|c| {
                            format!(
                                "{}: \"{}\" rules out {}",
                                c.short,
                                c.answer,
                                c.rules_out.label()
                            )
                        })
                        .collect(),
                    differences: Vec::new(),
                })
            }
            _ => None,
        };
        let c = Contribution {
            group,
            outcome,
            partial,
            answers: slots,
            flags: eval.flags.iter().map(|f| f.id.clone()).collect(),
            other_bank,
            unusable,
            surprise,
        };
        // A participant who answered the same card twice counts once: the latest sheet.
        if let Some(who) = &respondent {
            let key = (who.to_lowercase(), sheet.scenario.clone());
            let updated = sheet.updated.clone();
            if let Some((prev_updated, prev_path, prev)) = self.labelled.get(&key) {
                if newer(&updated, shown, prev_updated, prev_path) {
                    let (prev_path, prev) = (prev_path.clone(), prev.clone());
                    self.apply(&prev, -1);
                    self.skip(
                        &prev_path,
                        format!(
                            "an older sheet by '{who}' for the same scenario; {} is counted",
                            clean(shown)
                        ),
                    );
                } else {
                    let prev_path = prev_path.clone();
                    self.skip(
                        shown,
                        format!(
                            "an older sheet by '{who}' for the same scenario; {prev_path} is counted"
                        ),
                    );
                    return;
                }
            }
            self.apply(&c, 1);
            self.labelled.insert(key, (updated, clean(shown), c));
        } else {
            self.apply(&c, 1);
        }
    }

    fn apply(&mut self, c: &Contribution, sign: i8) {
        let g = &mut self.room.groups[c.group];
        bump(&mut g.sheets, sign);
        bump(&mut g.outcomes[c.outcome.slot()], sign);
        bump(&mut self.room.sheets, sign);
        if c.partial {
            bump(&mut g.partial, sign);
            bump(&mut self.room.partial, sign);
        }
        for (i, slot) in &c.answers {
            g.spreads[*i].add(slot, sign);
        }
        for f in &c.flags {
            let n = g.flags.entry(f.clone()).or_insert(0);
            bump(n, sign);
        }
        if let Some(b) = &c.other_bank {
            let n = self.room.other_banks.entry(b.clone()).or_insert(0);
            bump(n, sign);
        }
        if c.unusable {
            bump(&mut self.room.unusable_answers, sign);
        }
        if let Some(s) = &c.surprise {
            bump(&mut self.room.surprises_total, sign);
            if sign > 0 {
                if self.surprise_list.len() < MAX_LISTED {
                    self.surprise_list.push(s.clone());
                }
            } else if let Some(p) = self.surprise_list.iter().position(|x| x.path == s.path) {
                self.surprise_list.remove(p);
            }
        }
    }

    fn finish(mut self) -> Room {
        let bank = self.bank;
        for g in &mut self.room.groups {
            for s in &mut g.spreads {
                s.finish();
            }
            g.flags.retain(|_, n| *n > 0);
        }
        self.room.other_banks.retain(|_, n| *n > 0);
        // Groups with sheets only, in card order, then unknown ids, then no scenario.
        let mut order: Vec<usize> = (0..self.room.groups.len())
            .filter(|&i| self.room.groups[i].sheets > 0)
            .collect();
        order.sort_by(|&a, &b| self.room.groups[a].kind.cmp(&self.room.groups[b].kind));
        let mut remap = vec![usize::MAX; self.room.groups.len()];
        for (new, &old) in order.iter().enumerate() {
            remap[old] = new;
        }
        let mut old_groups: Vec<Option<Group>> = std::mem::take(&mut self.room.groups)
            .into_iter()
            .map(Some)
            .collect();
        self.room.groups = order
            .iter()
            .map(|&i| old_groups[i].take().expect("each group once"))
            .collect();
        for s in &mut self.surprise_list {
            s.group = remap[s.group];
        }

        // Questions: spread per group, and how much each card disagreed.
        let mut questions = Vec::new();
        for (qi, q) in bank.questions.iter().enumerate() {
            if !q.kind.is_decision() {
                continue;
            }
            let mut qs = QuestionSpread {
                index: qi,
                id: q.id.clone(),
                short: q.short.clone(),
                prompt: q.prompt.clone(),
                answered: 0,
                no_answer: 0,
                differ: 0,
                compared: 0,
                groups: Vec::new(),
            };
            for (gi, g) in self.room.groups.iter().enumerate() {
                let s = &g.spreads[qi];
                let n = s.answered();
                qs.answered += n;
                qs.no_answer += s.no_answer;
                if n >= 2 {
                    qs.compared += n;
                    qs.differ += n - s.top().map_or(0, |t| t.1);
                }
                if n > 0 || s.no_answer > 0 {
                    qs.groups.push((gi, s.clone()));
                }
            }
            if qs.answered + qs.no_answer > 0 {
                questions.push(qs);
            }
        }
        questions.sort_by(|a, b| {
            let da = a.disagreement().unwrap_or(-1.0);
            let db = b.disagreement().unwrap_or(-1.0);
            db.total_cmp(&da)
                .then(b.compared.cmp(&a.compared))
                .then(a.index.cmp(&b.index))
        });
        self.room.questions = questions;

        // Flags, the most raised first; ties: the most severe, then by id.
        let mut flags: BTreeMap<&str, FlagCount> = BTreeMap::new();
        for (gi, g) in self.room.groups.iter().enumerate() {
            for (id, n) in &g.flags {
                let e = flags.entry(id.as_str()).or_insert_with(|| {
                    let def = bank.catalogue.flag(id);
                    FlagCount {
                        id: id.clone(),
                        title: def.map_or_else(|| id.clone(), |d| d.title.clone()),
                        severity: def.map_or(Severity::Note, |d| d.severity),
                        sheets: 0,
                        groups: Vec::new(),
                    }
                });
                e.sheets += n;
                e.groups.push((gi, *n));
            }
        }
        let mut flags: Vec<FlagCount> = flags.into_values().collect();
        for f in &mut flags {
            f.groups.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        }
        flags.sort_by(|a, b| {
            b.sheets
                .cmp(&a.sheets)
                .then(a.severity.cmp(&b.severity))
                .then(a.id.cmp(&b.id))
        });
        self.room.flags = flags;

        // Sheets to discuss: what each did differently from most of its card.
        let mut surprises = std::mem::take(&mut self.surprise_list);
        for s in &mut surprises {
            s.differences = self.differences(s);
        }
        surprises.sort_by(|a, b| a.group.cmp(&b.group).then(a.path.cmp(&b.path)));
        self.room.surprises = surprises;
        self.room.skipped.sort_by(|a, b| a.path.cmp(&b.path));
        self.room
    }

    /// Reads a surprising sheet again and lists up to four answers that differ from what
    /// most of its card gave, where the card agreed most.
    fn differences(&self, s: &Surprise) -> Vec<Difference> {
        let bank = self.bank;
        let Ok(sheet) = persist::load(Path::new(&s.path)) else {
            return Vec::new();
        };
        let answers = sheet.answers();
        let shown = bank.visible(&answers);
        let g = &self.room.groups[s.group];
        let mut out: Vec<(f64, usize, Difference)> = Vec::new();
        for (i, q) in bank.questions.iter().enumerate() {
            if !shown[i] || !q.kind.is_decision() {
                continue;
            }
            let Some(a) = answers.get(&q.id) else {
                continue;
            };
            let Some(words) = answer_words(bank, i, a) else {
                continue;
            };
            let spread = &g.spreads[i];
            let n = spread.answered();
            let Some((top, top_n)) = spread.top() else {
                continue;
            };
            // Only where most of the others agreed on something else.
            if n < 3 || top == words || top_n * 2 <= n {
                continue;
            }
            out.push((
                top_n as f64 / n as f64,
                i,
                Difference {
                    short: q.short.clone(),
                    answer: words,
                    most: top.to_string(),
                    most_count: top_n,
                    of: n,
                },
            ));
        }
        out.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        out.into_iter().take(4).map(|x| x.2).collect()
    }
}

/// The answer in words as tallied: numbers by their band, choices by their labels. `None`
/// when this bank cannot use it (an option it does not have, a number outside every band).
fn answer_words(bank: &Bank, index: usize, answer: &Answer) -> Option<String> {
    let q = &bank.questions[index];
    match answer {
        Answer::NotSure => Some("Not sure".to_string()),
        Answer::Text(_) => None,
        Answer::Number(v) => crate::bank::band_for(q, *v).map(|b| b.label.clone()),
        Answer::Choices(ids) if ids.is_empty() => Some("(nothing chosen)".to_string()),
        Answer::Choice(_) | Answer::Choices(_) => {
            let chosen = bank.chosen(q, answer);
            let wanted = match answer {
                Answer::Choices(ids) => ids.len(),
                _ => 1,
            };
            if chosen.is_empty() || chosen.len() < wanted {
                return None;
            }
            Some(
                chosen
                    .iter()
                    .map(|o| o.label.as_str())
                    .collect::<Vec<_>>()
                    .join(" + "),
            )
        }
    }
}

/// Is a sheet updated at `a_updated`, at `a_path`, newer than one at `b_updated`, `b_path`?
fn newer(a_updated: &str, a_path: &str, b_updated: &str, b_path: &str) -> bool {
    let parse = |s: &str| OffsetDateTime::parse(s, &Rfc3339).ok();
    let order = match (parse(a_updated), parse(b_updated)) {
        (Some(a), Some(b)) => a.cmp(&b),
        (Some(_), None) => std::cmp::Ordering::Greater,
        (None, Some(_)) => std::cmp::Ordering::Less,
        (None, None) => a_updated.cmp(b_updated),
    };
    order.then_with(|| a_path.cmp(b_path)).is_gt()
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "there is no such file or folder".to_string(),
        std::io::ErrorKind::PermissionDenied => "weighup may not read it (permissions)".to_string(),
        _ => format!("cannot read it: {e}"),
    }
}

fn load_reason(e: &PersistError) -> String {
    match e {
        PersistError::Io { message, .. } => format!("cannot read it: {message}"),
        PersistError::NotASheet { .. } => "not a weighup answer sheet".to_string(),
        PersistError::Invalid {
            line,
            column,
            message,
            ..
        } if *line > 1 || *column > 1 => format!("{message} (line {line}, column {column})"),
        PersistError::Invalid { message, .. } => message.clone(),
    }
}

/// Text from a file, safe to print: control characters (which could drive the terminal)
/// become '?'.
pub fn clean(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { '?' } else { c })
        .collect()
}

/// Shortens to at most `max` characters, with an ellipsis.
pub fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// The answers of a sheet in words, by question index, as `compare` tallies them (for tests
/// and tools).
pub fn tallied_answers(bank: &Bank, answers: &Answers) -> Vec<(usize, Option<String>)> {
    let shown = bank.visible(answers);
    bank.questions
        .iter()
        .enumerate()
        .filter(|(i, q)| shown[*i] && q.kind.is_decision())
        .map(|(i, q)| (i, answers.get(&q.id).and_then(|a| answer_words(bank, i, a))))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newer_compares_times_then_paths() {
        assert!(newer(
            "2026-11-30T10:00:01Z",
            "a",
            "2026-11-30T10:00:00Z",
            "b"
        ));
        assert!(!newer(
            "2026-11-30T10:00:00Z",
            "b",
            "2026-11-30T11:00:00+01:00",
            "c"
        ));
        assert!(newer(
            "2026-11-30T10:00:00Z",
            "b",
            "2026-11-30T10:00:00Z",
            "a"
        ));
        assert!(newer("2026-11-30T10:00:00Z", "a", "garbage", "b"));
    }

    #[test]
    fn clean_removes_terminal_controls() {
        assert_eq!(clean("Ana\u{1b}[2J\n"), "Ana?[2J?");
        assert_eq!(shorten("abcdef", 4), "abc…");
        assert_eq!(shorten("abc", 4), "abc");
    }
}
