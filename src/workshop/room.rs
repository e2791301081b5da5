//! The facilitator's comparison of the room: reads saved answer sheets, re-evaluates each
//! with the current engine (the result saved in a file is never trusted), and keeps only
//! tallies.
//!
//! Memory: a sheet is dropped as soon as it is tallied. With many files, worker threads read
//! and evaluate ahead of the tallies, at most [`WINDOW`] files. Besides the tallies (answers
//! per card and question, verdicts, flags), compare keeps the sorted file list, a 16-byte
//! content hash per sheet (to spot copies), the label, date and file of each labelled sheet
//! (to replace it if the same participant answered the same card again: the older file is
//! then read again and taken out), and at most [`MAX_LISTED`] skipped files and sheets to
//! discuss: a few hundred bytes per file in all.
//!
//! Rules, in the order they are applied to each file:
//! - a file larger than [`MAX_SHEET_BYTES`], unreadable, empty, not JSON, JSON that is not a
//!   weighup answer sheet, or a sheet that does not load is skipped, with the reason;
//! - a file with exactly the same content as one already counted (earlier by path) is a copy:
//!   skipped, naming the file that is counted;
//! - a participant label used twice for the same scenario (case and spaces ignored) counts
//!   once: the most recently updated sheet counts (on a tie, the path that sorts last), the
//!   other is skipped. Anonymous sheets are never merged;
//! - everything else counts, partial or complete, from any bank version. Each sheet's answers
//!   are evaluated again with this bank; answers it cannot use (questions or options it does
//!   not have) are left out and counted in `unusable_answers`.
//!
//! Files are taken in path order, so the result never depends on the number of threads.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

use sha2::{Digest, Sha256};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::answers::{Answer, Answers};
use crate::bank::{Bank, Verdict};
use crate::catalogue::Severity;
use crate::engine::{Clarity, evaluate_quick};
use crate::persist::{self, PersistError};

use super::scenario::Scenario;

/// A file larger than this is not an answer sheet (a full sheet is a few kilobytes).
pub const MAX_SHEET_BYTES: u64 = 1024 * 1024;
/// At most this many skipped files and sheets to discuss are listed; the rest are counted.
pub const MAX_LISTED: usize = 200;
/// How deep folders are searched for sheets.
const MAX_DEPTH: usize = 8;
/// Participant labels and unknown scenario ids are shortened to this many characters.
const MAX_LABEL: usize = 40;

/// Where each sheet is counted: the three verdicts, conflicting answers, and undecided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Outcome {
    Verdict(Verdict),
}

impl Outcome {
    /// Undecided sheets (too few or too unsure answers) are counted apart, never as "hybrid".
    pub const UNDECIDED: Outcome = Outcome::Verdict(Verdict::Undecided);

    pub const ALL: [Outcome; 5] = [
        Outcome::Verdict(Verdict::OpenWeights),
        Outcome::Verdict(Verdict::Hybrid),
        Outcome::Verdict(Verdict::Closed),
        Outcome::Verdict(Verdict::Conflict),
        Outcome::Verdict(Verdict::Undecided),
    ];

    fn slot(self) -> usize {
        match self {
            Outcome::Verdict(Verdict::OpenWeights) => 0,
            Outcome::Verdict(Verdict::Hybrid) => 1,
            Outcome::Verdict(Verdict::Closed) => 2,
            Outcome::Verdict(Verdict::Conflict) => 3,
            Outcome::Verdict(Verdict::Undecided) => 4,
        }
    }

    /// A short column title.
    pub fn short(self) -> &'static str {
        match self {
            Outcome::Verdict(Verdict::OpenWeights) => "open",
            Outcome::Verdict(Verdict::Hybrid) => "hybrid",
            Outcome::Verdict(Verdict::Closed) => "closed",
            Outcome::Verdict(Verdict::Conflict) => "conflict",
            Outcome::Verdict(Verdict::Undecided) => "undecided",
        }
    }

    /// In words.
    pub fn words(self) -> &'static str {
        match self {
            Outcome::Verdict(Verdict::OpenWeights) => "open weights",
            Outcome::Verdict(Verdict::Hybrid) => "hybrid",
            Outcome::Verdict(Verdict::Closed) => "closed",
            Outcome::Verdict(Verdict::Conflict) => "conflicting answers",
            Outcome::Verdict(Verdict::Undecided) => "undecided",
        }
    }

    /// A stable id for CSV.
    pub fn id(self) -> &'static str {
        match self {
            Outcome::Verdict(v) => v.id(),
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
    /// Counts by [`Outcome`]: open weights, hybrid, closed, conflict, undecided.
    pub outcomes: [usize; 5],
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

    /// Sheets with a verdict (not undecided) that the card does not expect; a conflict is one.
    pub fn unexpected(&self) -> usize {
        if self.expected.is_empty() {
            return 0;
        }
        self.sheets - self.as_expected() - self.outcome(Outcome::UNDECIDED)
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
    /// Decision questions answered (not "Not sure"), and asked.
    pub answered: usize,
    pub asked: usize,
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
    /// When no sheet's verdict differs from its card: what to say instead of a list, without
    /// claiming a check that was not made (a room where nobody played a card).
    pub fn no_surprises(&self) -> &'static str {
        if self.groups.iter().all(|g| g.expected.is_empty()) {
            "No sheet played a scenario card with expected verdicts, so there is nothing to check against a card."
        } else {
            "Every sheet that played a card got a verdict the card expects."
        }
    }

    /// The whole room's row of the verdict table: every sheet's outcome counted by column,
    /// and "N of M" sheets played as a card that got the card's verdict ("-" with no cards).
    pub fn all_sheets(&self) -> ([usize; 5], String) {
        let mut all = [0usize; 5];
        for g in &self.groups {
            for (a, n) in all.iter_mut().zip(g.outcomes) {
                *a += n;
            }
        }
        let expected: usize = self.groups.iter().map(Group::as_expected).sum();
        let with_card: usize = self
            .groups
            .iter()
            .filter(|g| !g.expected.is_empty())
            .map(|g| g.sheets)
            .sum();
        let tail = if with_card == 0 {
            "-".to_string()
        } else {
            format!("{expected} of {with_card}")
        };
        (all, tail)
    }

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

/// No answer to an asked question, in the tallies.
const NO_ANSWER: u32 = u32::MAX;
/// Files read ahead of the tallies, at most (bounds memory when reading in parallel).
pub const WINDOW: usize = 32;
/// Below this many files, everything is read on one thread.
const PARALLEL_FROM: usize = 64;

/// What reading one file gives, before anything is tallied. Built on worker threads.
enum FileResult {
    Skip(String),
    Sheet(Box<ReadSheet>),
}

/// A sheet, evaluated, reduced to what the tallies need.
struct ReadSheet {
    hash: [u8; 16],
    /// Cleaned and shortened; `None` when anonymous.
    respondent: Option<String>,
    /// As saved.
    scenario: Option<String>,
    updated: String,
    outcome: Outcome,
    verdict: Verdict,
    clarity: Clarity,
    partial: bool,
    answered: usize,
    asked: usize,
    /// Each decision question asked: (question index, answer in words or `None`).
    answers: Vec<(u16, Option<String>)>,
    flags: Vec<String>,
    constraints: Vec<String>,
    other_bank: Option<String>,
    unusable: bool,
}

/// Reads, checks and evaluates one file. Pure apart from reading the file.
fn read_file(bank: &Bank, path: &Path) -> FileResult {
    // Only regular files, never more than the cap (enforced while reading: a device claims
    // a size of 0), and never waiting on a named pipe.
    let bytes = match persist::read_regular(path, MAX_SHEET_BYTES) {
        Ok(b) => b,
        Err(persist::ReadError::Io(e)) => return FileResult::Skip(io_reason(&e)),
        Err(persist::ReadError::TooLarge(_)) => {
            return FileResult::Skip(format!(
                "too large to be an answer sheet (over {} KB; a sheet is a few KB)",
                MAX_SHEET_BYTES / 1024
            ));
        }
        Err(e) => return FileResult::Skip(e.to_string()),
    };
    let digest = Sha256::digest(&bytes);
    // Checked by the loader every command uses, with the same messages.
    let shown = path.display().to_string();
    let sheet = match persist::parse_detailed(&shown, bytes)
        .and_then(|l| persist::check_loaded(shown, l, bank))
    {
        Ok(l) => l.sheet,
        Err(e) => return FileResult::Skip(load_reason(&e)),
    };
    let mut hash = [0u8; 16];
    hash.copy_from_slice(&digest[..16]);

    let answers = sheet.to_answers();
    let eval = evaluate_quick(bank, &answers);
    let outcome = Outcome::Verdict(eval.verdict);
    let shown = bank.visible(&answers);
    let mut unusable = !sheet.unknown_answers(bank).is_empty();
    let mut tallied = Vec::new();
    for (i, q) in bank.questions.iter().enumerate() {
        if !shown[i] || !q.kind.is_decision() {
            continue;
        }
        let words = answers.get(&q.id).and_then(|a| {
            let w = answer_words(bank, i, a);
            unusable |= w.is_none();
            w
        });
        tallied.push((u16::try_from(i).unwrap_or(u16::MAX), words));
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
    FileResult::Sheet(Box::new(ReadSheet {
        hash,
        respondent: sheet
            .respondent
            .as_deref()
            .map(str::trim)
            .filter(|r| !r.is_empty())
            .map(|r| shorten(&clean(r), MAX_LABEL)),
        scenario: sheet.scenario,
        updated: sheet.updated,
        outcome,
        verdict: eval.verdict,
        clarity: eval.clarity,
        partial: eval.progress.unanswered > 0,
        answered: eval.progress.answered,
        asked: eval.progress.asked,
        answers: tallied,
        flags: eval.flags.into_iter().map(|f| f.id).collect(),
        constraints: eval
            .constraints
            .iter()
            .map(|c| format!("{}: \"{}\" ({})", c.short, c.answer, c.rules_out_text()))
            .collect(),
        other_bank,
        unusable,
    }))
}

/// Reads every file and hands the results to `apply` in file order. With many files, worker
/// threads read and evaluate ahead (at most [`WINDOW`] files), so memory stays bounded.
fn read_all(
    bank: &Bank,
    files: &[PathBuf],
    threads: Option<usize>,
    mut apply: impl FnMut(usize, FileResult),
) {
    let workers = match threads {
        Some(n) => n.max(1),
        None if files.len() < PARALLEL_FROM => 1,
        None => std::thread::available_parallelism().map_or(1, |n| n.get().min(4)),
    };
    if workers == 1 {
        for (i, p) in files.iter().enumerate() {
            apply(i, read_file(bank, p));
        }
        return;
    }
    let next = AtomicUsize::new(0);
    let applied = AtomicUsize::new(0);
    let (tx, rx) = mpsc::sync_channel::<(usize, FileResult)>(WINDOW);
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let tx = tx.clone();
            let (next, applied) = (&next, &applied);
            scope.spawn(move || {
                loop {
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    if i >= files.len() {
                        break;
                    }
                    // Do not run too far ahead of the tallies.
                    while i >= applied.load(Ordering::Acquire) + WINDOW {
                        std::thread::park_timeout(std::time::Duration::from_millis(1));
                    }
                    if tx.send((i, read_file(bank, &files[i]))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        let mut pending: BTreeMap<usize, FileResult> = BTreeMap::new();
        let mut want = 0;
        for (i, r) in rx {
            pending.insert(i, r);
            while let Some(r) = pending.remove(&want) {
                apply(want, r);
                want += 1;
                applied.store(want, Ordering::Release);
            }
        }
    });
}

/// One group's running counts, by interned answer and flag ids.
#[derive(Debug, Clone, Default)]
struct GroupTally {
    /// By question index: (answer id, count).
    answers: Vec<Vec<(u32, usize)>>,
    no_answer: Vec<usize>,
    flags: Vec<(u32, usize)>,
}

/// What one sheet adds to the tallies (or takes away, when a newer sheet by the same
/// participant takes its place).
#[derive(Debug, Clone)]
struct Contribution {
    group: usize,
    outcome: Outcome,
    partial: bool,
    /// (question index, answer id or [`NO_ANSWER`]).
    answers: Vec<(u16, u32)>,
    flags: Vec<u32>,
    other_bank: Option<u32>,
    unusable: bool,
    surprise: bool,
}

/// Compares the sheets found in `paths` (files, or folders searched for `*.json`).
/// Never fails: what cannot be read is listed in `skipped`.
pub fn compare(bank: &Bank, cards: &[Scenario], paths: &[PathBuf]) -> Room {
    compare_with_threads(bank, cards, paths, None)
}

/// [`compare`] with a chosen number of reading threads (`None`: one per core, up to four,
/// when there are many files). The result does not depend on it; tests check that.
pub fn compare_with_threads(
    bank: &Bank,
    cards: &[Scenario],
    paths: &[PathBuf],
    threads: Option<usize>,
) -> Room {
    let mut t = Tally::new(bank, cards, paths);
    let files = t.collect(paths);
    read_all(bank, &files, threads, |i, r| t.take(&files, i, r));
    t.finish()
}

/// A labelled sheet counted: when it was updated, its file index, and its content hash.
type Counted = (Option<OffsetDateTime>, usize, [u8; 16]);

struct Tally<'a> {
    bank: &'a Bank,
    cards: &'a [Scenario],
    room: Room,
    tallies: Vec<GroupTally>,
    /// Interned texts: answers in words, flag ids, bank versions.
    words: Vec<String>,
    word_ids: HashMap<String, u32>,
    /// Content hash -> index of the file counted with it.
    hashes: HashMap<[u8; 16], usize>,
    /// (participant, group) -> (updated, file index, content hash) of the sheet counted.
    labelled: HashMap<(String, usize), Counted>,
    group_index: HashMap<Option<String>, usize>,
    surprise_list: Vec<Surprise>,
    /// With a single folder to read, file names are shown relative to it.
    base: Option<PathBuf>,
    /// Where each listed surprise's file is, to read it again at the end.
    surprise_files: HashMap<String, PathBuf>,
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
            tallies: Vec::new(),
            words: Vec::new(),
            word_ids: HashMap::new(),
            hashes: HashMap::new(),
            labelled: HashMap::new(),
            group_index: HashMap::new(),
            surprise_list: Vec::new(),
            surprise_files: HashMap::new(),
            base: match paths {
                [one] if one.is_dir() => Some(one.clone()),
                _ => None,
            },
        }
    }

    /// A file as shown: relative to the folder when a single folder was given.
    fn shown(&self, path: &Path) -> String {
        let rel = self
            .base
            .as_deref()
            .and_then(|b| path.strip_prefix(b).ok())
            .unwrap_or(path);
        clean(&rel.display().to_string())
    }

    fn intern(&mut self, w: &str) -> u32 {
        if let Some(id) = self.word_ids.get(w) {
            return *id;
        }
        let id = u32::try_from(self.words.len()).unwrap_or(NO_ANSWER - 1);
        self.words.push(w.to_string());
        self.word_ids.insert(w.to_string(), id);
        id
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
        let n = self.bank.questions.len();
        self.room.groups.push(Group {
            kind,
            id: key.as_deref().map(clean),
            title,
            short,
            expected,
            sheets: 0,
            partial: 0,
            outcomes: [0; 5],
            spreads: Vec::new(),
            flags: BTreeMap::new(),
        });
        self.tallies.push(GroupTally {
            answers: vec![Vec::new(); n],
            no_answer: vec![0; n],
            flags: Vec::new(),
        });
        let i = self.room.groups.len() - 1;
        self.group_index.insert(key, i);
        i
    }

    /// What a read sheet adds to the tallies of `group`.
    fn contribution(&mut self, group: usize, r: &ReadSheet) -> Contribution {
        let expected = &self.room.groups[group].expected;
        // Undecided sheets are counted apart, not as verdicts the card does not expect (as in
        // `Group::unexpected`).
        let surprise = r.outcome != Outcome::UNDECIDED
            && matches!(r.outcome, Outcome::Verdict(v) if !expected.is_empty() && !expected.contains(&v));
        let answers: Vec<(u16, u32)> = r
            .answers
            .iter()
            .map(|(q, w)| (*q, w.as_deref().map_or(NO_ANSWER, |w| self.intern(w))))
            .collect();
        let flags: Vec<u32> = r.flags.iter().map(|f| self.intern(f)).collect();
        let other_bank = r.other_bank.as_deref().map(|b| self.intern(b));
        Contribution {
            group,
            outcome: r.outcome,
            partial: r.partial,
            answers,
            flags,
            other_bank,
            unusable: r.unusable,
            surprise,
        }
    }

    /// Takes the result of reading file `i` into the tallies.
    fn take(&mut self, files: &[PathBuf], i: usize, result: FileResult) {
        self.room.files += 1;
        let shown = self.shown(&files[i]);
        let r = match result {
            FileResult::Skip(reason) => {
                self.skip(&shown, reason);
                return;
            }
            FileResult::Sheet(r) => r,
        };
        if let Some(&first) = self.hashes.get(&r.hash) {
            let first = self.shown(&files[first]);
            self.skip(
                &shown,
                format!(
                    "the same content as {first}: the same sheet is counted once, under the file that comes first by name"
                ),
            );
            return;
        }
        self.hashes.insert(r.hash, i);
        let group = self.group_for(r.scenario.as_deref());
        // A participant who answered the same card twice counts once: the latest sheet. Only
        // the date, file and content hash of a labelled sheet are kept; if a newer sheet comes,
        // the older one is read again and taken out of the tallies.
        if let Some(who) = r.respondent.clone() {
            let key = (who.to_lowercase(), group);
            let updated = parse_time(&r.updated);
            if let Some((prev_updated, prev_i, prev_hash)) = self.labelled.get(&key).copied() {
                let prev_path = self.shown(&files[prev_i]);
                if !newer_at(updated, &shown, prev_updated, &prev_path) {
                    self.skip(
                        &shown,
                        format!(
                            "an older sheet by '{who}' for the same scenario; {prev_path} is counted"
                        ),
                    );
                    return;
                }
                match read_file(self.bank, &files[prev_i]) {
                    FileResult::Sheet(old) if old.hash == prev_hash => {
                        let c = self.contribution(group, &old);
                        self.apply(&c, -1, None);
                        if c.surprise {
                            self.forget_surprise(&prev_path);
                        }
                        self.skip(
                            &prev_path,
                            format!(
                                "an older sheet by '{who}' for the same scenario; {shown} is counted"
                            ),
                        );
                    }
                    _ => {
                        self.skip(
                            &shown,
                            format!(
                                "'{who}' has another sheet for the same scenario, {prev_path}, which changed while weighup was reading; read the files again"
                            ),
                        );
                        return;
                    }
                }
            }
            self.labelled.insert(key, (updated, i, r.hash));
        }
        let c = self.contribution(group, &r);
        let surprise = c.surprise.then(|| {
            (
                Surprise {
                    path: shown.clone(),
                    respondent: r.respondent.clone(),
                    group,
                    verdict: r.verdict,
                    clarity: r.clarity,
                    partial: r.partial,
                    answered: r.answered,
                    asked: r.asked,
                    constraints: r.constraints.clone(),
                    differences: Vec::new(),
                },
                files[i].clone(),
            )
        });
        self.apply(&c, 1, surprise);
    }

    fn forget_surprise(&mut self, path: &str) {
        if let Some(p) = self.surprise_list.iter().position(|x| x.path == path) {
            self.surprise_list.remove(p);
        }
    }

    fn apply(&mut self, c: &Contribution, sign: i8, surprise: Option<(Surprise, PathBuf)>) {
        let g = &mut self.room.groups[c.group];
        let t = &mut self.tallies[c.group];
        bump(&mut g.sheets, sign);
        bump(&mut g.outcomes[c.outcome.slot()], sign);
        bump(&mut self.room.sheets, sign);
        if c.partial {
            bump(&mut g.partial, sign);
            bump(&mut self.room.partial, sign);
        }
        for &(q, w) in &c.answers {
            let q = usize::from(q);
            if w == NO_ANSWER {
                bump(&mut t.no_answer[q], sign);
            } else if let Some(e) = t.answers[q].iter_mut().find(|(x, _)| *x == w) {
                bump(&mut e.1, sign);
            } else if sign > 0 {
                t.answers[q].push((w, 1));
            }
        }
        for &f in &c.flags {
            if let Some(e) = t.flags.iter_mut().find(|(x, _)| *x == f) {
                bump(&mut e.1, sign);
            } else if sign > 0 {
                t.flags.push((f, 1));
            }
        }
        if let Some(b) = c.other_bank {
            let n = self
                .room
                .other_banks
                .entry(self.words[b as usize].clone())
                .or_insert(0);
            bump(n, sign);
        }
        if c.unusable {
            bump(&mut self.room.unusable_answers, sign);
        }
        if c.surprise {
            bump(&mut self.room.surprises_total, sign);
        }
        if let Some((s, file)) = surprise {
            if self.surprise_list.len() < MAX_LISTED {
                self.surprise_files.insert(s.path.clone(), file);
                self.surprise_list.push(s);
            }
        }
    }

    fn finish(mut self) -> Room {
        let bank = self.bank;
        for (g, t) in self.room.groups.iter_mut().zip(&self.tallies) {
            g.spreads = t
                .answers
                .iter()
                .zip(&t.no_answer)
                .map(|(counts, &no_answer)| {
                    let mut counts: Vec<(String, usize)> = counts
                        .iter()
                        .filter(|(_, n)| *n > 0)
                        .map(|(w, n)| (self.words[*w as usize].clone(), *n))
                        .collect();
                    // Most common first; ties by answer text, so the order is stable.
                    counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
                    Spread { counts, no_answer }
                })
                .collect();
            g.flags = t
                .flags
                .iter()
                .filter(|(_, n)| *n > 0)
                .map(|(f, n)| (self.words[*f as usize].clone(), *n))
                .collect();
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
        let Some(file) = self.surprise_files.get(&s.path) else {
            return Vec::new();
        };
        let Ok(sheet) = persist::load(file) else {
            return Vec::new();
        };
        let answers = sheet.to_answers();
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

fn parse_time(s: &str) -> Option<OffsetDateTime> {
    OffsetDateTime::parse(s, &Rfc3339).ok()
}

/// Is a sheet updated at `a`, at `a_path`, newer than one at `b`, `b_path`? A sheet whose date
/// cannot be read counts as older; on a tie, the path that sorts last is newer.
fn newer_at(
    a: Option<OffsetDateTime>,
    a_path: &str,
    b: Option<OffsetDateTime>,
    b_path: &str,
) -> bool {
    a.cmp(&b).then_with(|| a_path.cmp(b_path)).is_gt()
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
        PersistError::Answers { problems, .. } => problems.0.first().map_or_else(
            || "has answers this question bank cannot take".to_string(),
            |p| format!("{} ({})", p.message, p.place),
        ),
        PersistError::Link { .. } => "a link weighup will not write through".to_string(),
        PersistError::Busy { pid, .. } => {
            format!("being written by another weighup (process {pid})")
        }
        PersistError::Newer { schema, .. } => {
            format!("made by a newer weighup (format {schema}); update weighup to read it")
        }
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
    crate::text::sanitize_line(s)
}

pub use crate::text::shorten;

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

    fn newer(a_updated: &str, a_path: &str, b_updated: &str, b_path: &str) -> bool {
        newer_at(parse_time(a_updated), a_path, parse_time(b_updated), b_path)
    }

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
