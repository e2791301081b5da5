//! The questionnaire, once, for every front end.
//!
//! A [`Questionnaire`] owns the answer sheet, its evaluation, which question comes next, and
//! where every answer is saved (including the one rule for a reviewer's changes). The
//! full-screen app, the plain mode and the workshop server only render it and turn keys or
//! typed lines into calls here; [`input`] is the one grammar for typed answers.
//!
//! Every change is evaluated once: [`Questionnaire::answer`] updates the sheet, evaluates the
//! new answers and records the result on the sheet, so the screens, the saved file and the
//! reports agree.

pub mod input;

use std::path::{Path, PathBuf};

use time::OffsetDateTime;

use crate::answers::{Answer, Answers};
use crate::bank::{Bank, Position, Question};
use crate::engine::{Evaluation, evaluate};
use crate::persist;
use crate::session::Started;
use crate::sheet::{Sheet, answer_fits};

pub use input::{ChoiceRow, InputError, NOT_SURE, NOTE_MAX};

/// Reviewing a saved sheet: the original stays as it is unless the reviewer overwrites it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Review {
    pub original: PathBuf,
    /// Where the changed answers are saved: given with `--out`, or chosen next to the original
    /// at the first save ([`review_copy_path`]).
    pub copy: Option<PathBuf>,
    /// The reviewer chose to overwrite the original: saves now go there.
    pub overwritten: bool,
}

/// Whether the answers on screen are on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveState {
    /// Nothing changed since the last save (or since opening).
    Saved,
    /// A change waits to be saved.
    Unsaved,
    /// The last save failed: the message says why. The change is still waiting.
    Failed(String),
}

/// What an answer changed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Change {
    /// The answer differs from the one before (and must be saved).
    pub changed: bool,
    /// Questions the answer brought in that now wait for an answer (bank order).
    pub appeared: Vec<usize>,
}

/// One questionnaire: a sheet being answered or reviewed, and where it is saved.
#[derive(Debug, Clone)]
pub struct Questionnaire {
    bank: Bank,
    sheet: Sheet,
    answers: Answers,
    eval: Evaluation,
    /// Where the person's own sheet is saved (new or resumed), or the file opened for review.
    path: PathBuf,
    review: Option<Review>,
    save: SaveState,
    /// The sheet's file holds a saved version of it (resumed in place, or saved in this run).
    on_disk: bool,
    /// Saved at least once in this run.
    saved_once: bool,
    resumed: bool,
    /// An answer changed since the questionnaire opened.
    changed: bool,
    /// What to tell the person before starting (from [`crate::session::start`]).
    notices: Vec<String>,
}

impl Questionnaire {
    /// A new or resumed sheet from [`crate::session::start`], saved to its own file.
    pub fn new(bank: &Bank, started: Started) -> Questionnaire {
        let on_disk = started.resumed && started.path.is_file();
        Questionnaire::build(bank, started, None, on_disk)
    }

    /// A saved sheet opened for review: the original is only read. Changes go to `copy` when
    /// given (`--out`), else to a copy next to the original chosen at the first save.
    pub fn review(bank: &Bank, started: Started, copy: Option<PathBuf>) -> Questionnaire {
        let review = Review {
            original: started.path.clone(),
            copy,
            overwritten: false,
        };
        Questionnaire::build(bank, started, Some(review), false)
    }

    fn build(bank: &Bank, started: Started, review: Option<Review>, on_disk: bool) -> Self {
        let answers = started.sheet.to_answers();
        let eval = evaluate(bank, &answers);
        Questionnaire {
            bank: bank.clone(),
            sheet: started.sheet,
            answers,
            eval,
            path: started.path,
            review,
            save: SaveState::Saved,
            on_disk,
            saved_once: false,
            resumed: started.resumed,
            changed: false,
            notices: started.notices,
        }
    }

    /// Continues another sheet instead (the unfinished one offered on the welcome screen):
    /// answers now go to its file, which is reserved at the next save.
    pub fn switch_to(&mut self, sheet: Sheet, path: PathBuf) {
        persist::release(&self.path);
        self.answers = sheet.to_answers();
        self.eval = evaluate(&self.bank, &self.answers);
        self.sheet = sheet;
        self.path = path;
        self.resumed = true;
        self.on_disk = true;
        self.save = SaveState::Saved;
    }

    pub fn bank(&self) -> &Bank {
        &self.bank
    }

    pub fn sheet(&self) -> &Sheet {
        &self.sheet
    }

    pub fn answers(&self) -> &Answers {
        &self.answers
    }

    pub fn evaluation(&self) -> &Evaluation {
        &self.eval
    }

    pub fn question(&self, index: usize) -> &Question {
        &self.bank.questions[index]
    }

    /// Continued from a saved sheet (with `--resume`, `open`, or the welcome screen's offer).
    pub fn resumed(&self) -> bool {
        self.resumed
    }

    /// An answer changed since the questionnaire opened.
    pub fn changed(&self) -> bool {
        self.changed
    }

    /// Things to tell the person before starting (bank changed, answers kept...).
    pub fn notices(&self) -> &[String] {
        &self.notices
    }

    pub fn has_answers(&self) -> bool {
        !self.sheet.answers.is_empty()
    }

    /// The review, when a saved sheet was opened to review it.
    pub fn reviewing(&self) -> Option<&Review> {
        self.review.as_ref()
    }

    /// The file of the person's own sheet (or, when reviewing, the original).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Records the workshop card played and the participant label (the welcome screen's
    /// card list does what `--scenario` and `--label` do).
    pub fn set_start(&mut self, scenario: Option<String>, label: Option<String>) {
        self.sheet.scenario = scenario;
        self.sheet.respondent = label;
    }

    // ---- which question ----

    /// Questions asked with the current answers, by index in the bank.
    pub fn asked(&self) -> Vec<usize> {
        self.bank.asked(&self.answers)
    }

    /// For every question in the bank: is it asked with the current answers?
    pub fn visible(&self) -> Vec<bool> {
        self.bank.visible(&self.answers)
    }

    /// The asked questions still waiting for an answer this bank can use (no answer, or an
    /// option it no longer has). Optional notes never wait.
    pub fn waiting(&self) -> Vec<usize> {
        let shown = self.visible();
        (0..self.bank.questions.len())
            .filter(|&i| shown[i] && self.waits(i))
            .collect()
    }

    /// The first question waiting for an answer: where "continue" goes.
    pub fn first_waiting(&self) -> Option<usize> {
        self.waiting().into_iter().next()
    }

    /// Does question `index` need an answer (ignoring whether it is asked)?
    pub fn waits(&self, index: usize) -> bool {
        let q = self.question(index);
        q.kind.is_decision() && !self.fits(index)
    }

    /// Has question `index` an answer this bank can use?
    pub fn fits(&self, index: usize) -> bool {
        let q = self.question(index);
        self.sheet
            .answers
            .get(&q.id)
            .is_some_and(|a| answer_fits(q, &a.answer))
    }

    /// The question asked after `after` (the first one with `None`).
    pub fn next(&self, after: Option<usize>) -> Option<usize> {
        self.bank.next_asked(&self.answers, after)
    }

    /// The question asked before `index`.
    pub fn previous(&self, index: usize) -> Option<usize> {
        self.bank.prev_asked(&self.answers, index)
    }

    /// "Question 3 of 24, section 1 of 6".
    pub fn position(&self, index: usize) -> Option<Position> {
        self.bank.position_of(&self.answers, index)
    }

    /// (answered, asked) decision questions; "Not sure" counts as answered.
    pub fn progress(&self) -> (usize, usize) {
        let shown = self.visible();
        let asked = (0..self.bank.questions.len())
            .filter(|&i| shown[i] && self.question(i).kind.is_decision())
            .count();
        (asked - self.waiting().len(), asked)
    }

    /// Every question asked has an answer.
    pub fn complete(&self) -> bool {
        self.sheet.complete
    }

    // ---- answering ----

    /// Sets the answer to question `id` (keeping its note), evaluates once and records the
    /// result on the sheet. Nothing changes when the answer is the same.
    pub fn answer(&mut self, id: &str, answer: Answer, now: OffsetDateTime) -> Change {
        if self.answers.get(id) == Some(&answer) {
            return Change::default();
        }
        let before = self.waiting();
        self.sheet.put_answer(&self.bank, id, answer);
        self.after_change(now);
        let appeared = self
            .waiting()
            .into_iter()
            .filter(|j| !before.contains(j))
            .collect();
        Change {
            changed: true,
            appeared,
        }
    }

    /// Removes the answer to question `id`. Returns whether there was one.
    pub fn clear(&mut self, id: &str, now: OffsetDateTime) -> bool {
        if self.sheet.answers.remove(id).is_none() {
            return false;
        }
        self.after_change(now);
        true
    }

    fn after_change(&mut self, now: OffsetDateTime) {
        self.answers = self.sheet.to_answers();
        self.eval = evaluate(&self.bank, &self.answers);
        self.sheet
            .record(&self.bank, &self.answers, &self.eval, now);
        self.changed = true;
        self.save = SaveState::Unsaved;
    }

    // ---- saving ----

    /// Is anything waiting to be written? A change not saved yet, or answers that are not in
    /// their file at all (a resumed sheet continued in another file). A review saves only
    /// what changed.
    pub fn needs_save(&self) -> bool {
        match self.save {
            SaveState::Unsaved | SaveState::Failed(_) => true,
            SaveState::Saved => self.review.is_none() && !self.on_disk && self.has_answers(),
        }
    }

    pub fn save_state(&self) -> &SaveState {
        &self.save
    }

    /// Why the last save failed, until a save works.
    pub fn save_error(&self) -> Option<&str> {
        match &self.save {
            SaveState::Failed(m) => Some(m),
            _ => None,
        }
    }

    /// Where the next save goes. When reviewing, `None` until the copy is chosen (at the
    /// first save) unless `--out` gave it.
    pub fn save_target(&self) -> Option<&Path> {
        match &self.review {
            None => Some(&self.path),
            Some(r) if r.overwritten => Some(&r.original),
            Some(r) => r.copy.as_deref(),
        }
    }

    /// The one rule for where answers are written, then `write` does it (the disk in the app,
    /// nothing in tests). A reviewer's first save picks a copy next to the original.
    pub fn save_with(
        &mut self,
        write: impl FnOnce(&Path, &Sheet) -> Result<(), String>,
    ) -> Result<(), String> {
        if let Some(r) = &mut self.review {
            if r.copy.is_none() && !r.overwritten {
                r.copy = Some(review_copy_path(&r.original));
            }
        }
        let target = self
            .save_target()
            .map(Path::to_path_buf)
            .expect("a save target is chosen above");
        match write(&target, &self.sheet) {
            Ok(()) => {
                self.save = SaveState::Saved;
                self.on_disk = true;
                self.saved_once = true;
                Ok(())
            }
            Err(e) => {
                self.save = SaveState::Failed(e.clone());
                Err(e)
            }
        }
    }

    /// Saves to disk: reserves the file for this session (refused when another session
    /// writes it), then writes it atomically.
    pub fn save(&mut self) -> Result<(), String> {
        self.save_with(write_to_disk)
    }

    /// Review mode: writes the changed answers over the original with `write`; later saves go
    /// there too.
    pub fn overwrite_original_with(
        &mut self,
        write: impl FnOnce(&Path, &Sheet) -> Result<(), String>,
    ) -> Result<(), String> {
        let Some(r) = &mut self.review else {
            return Ok(());
        };
        let was = r.overwritten;
        r.overwritten = true;
        match self.save_with(write) {
            Ok(()) => Ok(()),
            Err(e) => {
                if let Some(r) = &mut self.review {
                    r.overwritten = was;
                }
                Err(e)
            }
        }
    }

    /// [`Questionnaire::overwrite_original_with`] on disk.
    pub fn overwrite_original(&mut self) -> Result<(), String> {
        self.overwrite_original_with(write_to_disk)
    }

    /// Where the answers are, to tell the person: `None` while nothing is on disk.
    pub fn saved_path(&self) -> Option<&Path> {
        match &self.review {
            Some(r) if r.overwritten => Some(&r.original),
            Some(r) => r.copy.as_deref().filter(|_| self.saved_once),
            None => self.on_disk.then_some(self.path.as_path()),
        }
    }
}

/// How a sheet reaches the disk in every front end: `path` is reserved for this session
/// (refused while another session writes it), then the sheet is written there atomically.
pub fn write_to_disk(path: &Path, sheet: &Sheet) -> Result<(), String> {
    persist::reserve(path).map_err(|e| e.to_string())?;
    persist::save(path, sheet).map_err(|e| e.to_string())
}

/// `answers.json` → `answers-reviewed.json` (then `-reviewed-2`...), never an existing file.
pub fn review_copy_path(original: &Path) -> PathBuf {
    let dir = original.parent().unwrap_or_else(|| Path::new(""));
    let stem = original
        .file_stem()
        .map_or_else(|| "answers".into(), |s| s.to_string_lossy().into_owned());
    let mut n = 1;
    loop {
        let name = if n == 1 {
            format!("{stem}-reviewed.json")
        } else {
            format!("{stem}-reviewed-{n}.json")
        };
        let p = dir.join(name);
        if std::fs::symlink_metadata(&p).is_err() && !persist::lock_path(&p).exists() {
            return p;
        }
        n += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sheet::Sheet;

    const NOW: OffsetDateTime = time::macros::datetime!(2026-11-30 12:00 UTC);

    fn bank() -> Bank {
        Bank::builtin().expect("the built-in bank loads")
    }

    fn started(sheet: Sheet, path: &str, resumed: bool) -> Started {
        Started {
            sheet,
            path: PathBuf::from(path),
            notices: Vec::new(),
            resumed,
        }
    }

    #[test]
    fn an_answer_is_evaluated_once_and_recorded_on_the_sheet() {
        let b = bank();
        let mut q = Questionnaire::new(&b, started(Sheet::new(&b, NOW), "/x/a.json", false));
        assert!(!q.needs_save(), "nothing to save before the first answer");
        let first = q.first_waiting().unwrap();
        let id = q.question(first).id.clone();
        let change = q.answer(&id, Answer::NotSure, NOW);
        assert!(change.changed);
        assert!(q.needs_save());
        let saved = q.sheet().result.clone().expect("the result is recorded");
        assert_eq!(saved.verdict, q.evaluation().verdict);
        assert_eq!(saved.confidence, q.evaluation().confidence);
        assert_eq!(q.answer(&id, Answer::NotSure, NOW), Change::default());
        let mut written = None;
        q.save_with(|p, s| {
            written = Some((p.to_path_buf(), s.answers.len()));
            Ok(())
        })
        .unwrap();
        assert_eq!(written, Some((PathBuf::from("/x/a.json"), 1)));
        assert!(!q.needs_save());
        assert_eq!(q.saved_path(), Some(Path::new("/x/a.json")));
    }

    #[test]
    fn a_failed_save_is_kept_until_one_works() {
        let b = bank();
        let mut q = Questionnaire::new(&b, started(Sheet::new(&b, NOW), "/x/a.json", false));
        let id = q.question(q.first_waiting().unwrap()).id.clone();
        q.answer(&id, Answer::NotSure, NOW);
        assert!(q.save_with(|_, _| Err("disk full".into())).is_err());
        assert_eq!(q.save_error(), Some("disk full"));
        assert!(q.needs_save());
        assert_eq!(q.saved_path(), None);
        q.save_with(|_, _| Ok(())).unwrap();
        assert_eq!(q.save_error(), None);
    }

    #[test]
    fn a_reviewers_changes_go_to_a_copy_next_to_the_original_or_to_out() {
        let b = bank();
        let dir = tempfile::tempdir().unwrap();
        let original = dir.path().join("team.json");
        let mut sheet = Sheet::new(&b, NOW);
        let id = b.questions[0].id.clone();
        sheet.set_answer(&b, &id, Answer::NotSure, NOW);
        let s = started(sheet.clone(), original.to_str().unwrap(), true);
        let mut q = Questionnaire::review(&b, s, None);
        assert!(!q.needs_save(), "a review saves only what changes");
        assert_eq!(q.save_target(), None);
        q.answer(
            &id,
            Answer::Choice(b.questions[0].options[0].id.clone()),
            NOW,
        );
        q.save_with(|_, _| Ok(())).unwrap();
        assert_eq!(
            q.save_target(),
            Some(dir.path().join("team-reviewed.json").as_path())
        );
        let s = started(sheet, original.to_str().unwrap(), true);
        let out = dir.path().join("elsewhere.json");
        let q = Questionnaire::review(&b, s, Some(out.clone()));
        assert_eq!(q.save_target(), Some(out.as_path()));
    }

    #[test]
    fn a_resumed_sheet_continued_in_another_file_is_saved_there_even_unchanged() {
        let b = bank();
        let mut sheet = Sheet::new(&b, NOW);
        sheet.set_answer(&b, &b.questions[0].id.clone(), Answer::NotSure, NOW);
        let q = Questionnaire::new(&b, started(sheet, "/nowhere/new.json", true));
        assert!(q.needs_save(), "its answers are not in that file yet");
        assert_eq!(q.saved_path(), None);
    }

    #[test]
    fn an_answer_naming_an_option_the_bank_no_longer_has_waits() {
        let b = bank();
        let mut sheet = Sheet::new(&b, NOW);
        let first = b
            .questions
            .iter()
            .position(|q| q.kind.is_decision() && !q.options.is_empty())
            .unwrap();
        let id = b.questions[first].id.clone();
        sheet.set_answer(&b, &id, Answer::Choice("gone".into()), NOW);
        let q = Questionnaire::new(&b, started(sheet, "/x/a.json", true));
        assert_eq!(q.first_waiting(), Some(first));
        assert!(!q.fits(first));
    }
}
