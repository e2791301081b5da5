//! The model: everything the screens show, and nothing that touches the terminal or the disk.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use time::OffsetDateTime;

use crate::answers::{Answer, Answers};
use crate::bank::{Bank, Kind, Question, format_number};
use crate::engine::Evaluation;
use crate::glossary::Glossary;
use crate::questionnaire::{Questionnaire, input};
use crate::session::Started;
use crate::sheet::Sheet;

pub use crate::questionnaire::input::{ChoiceRow, NOT_SURE};
pub use crate::questionnaire::{Review, review_copy_path};
use crate::workshop::{Scenario, find_in};

use super::TuiOptions;
pub use super::overlay::Overlay;
use super::screen;
pub use super::screen::Screen;
/// A question being answered (see [`screen::question::State`]).
pub use super::screen::question::State as QuestionState;
use super::theme::Theme;

/// Notes longer than this are refused with a message (they are kept on screen).
pub const TEXT_MAX: usize = input::NOTE_MAX;

/// Where "back" (or "done") leads from a screen reached from elsewhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Back {
    Welcome,
    Question(usize),
    /// "Check your answers", with its cursor.
    Check(usize),
    Index(usize),
    Result,
}

/// An unfinished sheet found on disk, offered on the welcome screen.
#[derive(Debug, Clone)]
pub struct ResumeOffer {
    pub path: PathBuf,
    pub sheet: Sheet,
}

/// A one-line message above the footer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub error: bool,
}

/// The state of one question, as the index shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QState {
    Answered(String),
    NotSure,
    Unanswered,
    /// A note question left empty (notes are optional).
    NoNote,
    /// Not asked with the current answers; an earlier answer to it is kept.
    Hidden(Option<String>),
}

/// One row of "Check your answers".
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CheckRow {
    Question(usize),
    SeeResult,
}

/// The welcome screen's choices.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WelcomeChoice {
    Start,
    /// Continue the sheet given with --resume.
    Continue,
    /// Continue the unfinished sheet found on disk.
    ResumeOffer,
    /// Start a new sheet (when a resume is offered).
    StartNew,
    /// Choose a workshop scenario card (and a participant label).
    Scenario,
    Glossary,
}

/// The whole model.
#[derive(Debug, Clone)]
pub struct App {
    /// The questionnaire: the sheet, its evaluation, navigation and saving.
    pub(crate) q: Questionnaire,
    pub(crate) glossary: Glossary,
    /// The workshop scenario cards (empty if they could not be read).
    pub(crate) scenarios: Vec<Scenario>,
    pub(crate) offer: Option<ResumeOffer>,
    /// Started for a new sheet the command line asked for (see [`TuiOptions::fresh`]).
    pub(crate) fresh: bool,
    pub(crate) notices: Vec<String>,
    pub(crate) screen: Screen,
    pub(crate) overlay: Option<Overlay>,
    /// Typed values not saved because they are not valid yet, by question id.
    pub(crate) drafts: BTreeMap<String, String>,
    pub(crate) status: Option<Status>,
    pub(crate) now: OffsetDateTime,
    pub(crate) theme: Theme,
    /// The terminal size last seen (for scrolling limits).
    pub(crate) size: (u16, u16),
    /// Where "back" leads from the check screen and the index (kept while a question
    /// opened from them is answered).
    pub(crate) check_back: Back,
    pub(crate) index_back: Back,
}

impl App {
    /// The app for a sheet from [`crate::session::start`]. `now` is the clock (injected, so
    /// screens and saves are deterministic in tests). A finished sheet that was opened
    /// (`weighup open`, or `--resume` on a finished sheet) lands on the result, in review mode.
    pub fn new(bank: &Bank, started: Started, opts: TuiOptions, now: OffsetDateTime) -> App {
        let resumed = started.resumed;
        let fresh = opts.fresh
            || (!resumed
                && (started.sheet.scenario.is_some() || started.sheet.respondent.is_some()));
        let q = if opts.review || (resumed && started.sheet.complete) {
            Questionnaire::review(bank, started, None)
        } else {
            Questionnaire::new(bank, started)
        };
        App::on(q, now, fresh)
    }

    /// The app for a questionnaire already opened.
    pub fn on(q: Questionnaire, now: OffsetDateTime, fresh: bool) -> App {
        let screen = if q.reviewing().is_some() {
            Screen::Result(screen::result::State::default())
        } else {
            Screen::Welcome(screen::welcome::State::default())
        };
        App {
            fresh,
            glossary: Glossary::builtin(),
            scenarios: crate::workshop::scenarios().unwrap_or_default(),
            notices: q.notices().to_vec(),
            q,
            offer: None,
            screen,
            overlay: None,
            drafts: BTreeMap::new(),
            status: None,
            now,
            theme: Theme::COLOR,
            size: (80, 24),
            check_back: Back::Result,
            index_back: Back::Welcome,
        }
    }

    /// Uses this theme (for `NO_COLOR`).
    #[must_use]
    pub fn with_theme(mut self, theme: Theme) -> App {
        self.theme = theme;
        self
    }

    /// Offers to continue an unfinished sheet found on disk (only for a new sheet, and never
    /// when the command line asked for a particular file, card or label).
    #[must_use]
    pub fn with_resume_offer(mut self, offer: Option<ResumeOffer>) -> App {
        if !self.q.resumed() && self.q.reviewing().is_none() && !self.fresh {
            self.offer = offer;
        }
        self
    }

    /// Sets the clock used for the next answers' timestamps.
    pub fn set_now(&mut self, now: OffsetDateTime) {
        self.now = now;
    }

    pub fn screen(&self) -> &Screen {
        &self.screen
    }

    pub fn overlay(&self) -> Option<&Overlay> {
        self.overlay.as_ref()
    }

    /// The screen's name: "welcome", "question", "index", "check", "result", "flag",
    /// "scenarios" or "brief".
    pub fn screen_name(&self) -> &'static str {
        self.screen.name()
    }

    /// The id of the question on screen, if a question is.
    pub fn current_question_id(&self) -> Option<&str> {
        match &self.screen {
            Screen::Question(s) => Some(self.question(s.index).id.as_str()),
            _ => None,
        }
    }

    /// The questionnaire on screen.
    pub fn questionnaire(&self) -> &Questionnaire {
        &self.q
    }

    /// The questionnaire, to save it (the runtime) or answer it.
    pub fn questionnaire_mut(&mut self) -> &mut Questionnaire {
        &mut self.q
    }

    pub fn sheet(&self) -> &Sheet {
        self.q.sheet()
    }

    pub fn answers(&self) -> &Answers {
        self.q.answers()
    }

    pub fn evaluation(&self) -> &Evaluation {
        self.q.evaluation()
    }

    pub fn bank(&self) -> &Bank {
        self.q.bank()
    }

    pub fn status(&self) -> Option<&Status> {
        self.status.as_ref()
    }

    pub fn theme(&self) -> Theme {
        self.theme
    }

    pub fn review(&self) -> Option<&Review> {
        self.q.reviewing()
    }

    /// The workshop scenario cards offered on the welcome screen.
    pub fn scenarios(&self) -> &[Scenario] {
        &self.scenarios
    }

    /// The card this sheet is played as, if it is one this version has.
    pub fn scenario(&self) -> Option<&Scenario> {
        find_in(&self.scenarios, self.q.sheet().scenario.as_deref()?)
    }

    /// Does the person have any answer yet?
    pub fn has_answers(&self) -> bool {
        self.q.has_answers()
    }

    /// Where the next save goes. In review mode, `None` until the copy is chosen at the
    /// first save.
    pub fn save_target(&self) -> Option<&Path> {
        self.q.save_target()
    }

    /// The original file, when reviewing.
    pub fn original(&self) -> Option<&Path> {
        self.q.reviewing().map(|r| r.original.as_path())
    }

    /// Are there answers not saved yet (after a failed save, or typed but not confirmed)?
    pub fn unsaved(&self) -> bool {
        self.q.needs_save()
    }

    /// Saves with `write` (the disk in the runtime, nothing in tests), by the questionnaire's
    /// rule for where answers go.
    pub fn save_with(&mut self, write: impl FnOnce(&Path, &Sheet) -> Result<(), String>) {
        let _ = self.q.save_with(write);
    }

    /// Review mode: writes the changed answers over the original with `write`.
    pub fn overwrite_with(&mut self, write: impl FnOnce(&Path, &Sheet) -> Result<(), String>) {
        if self.q.overwrite_original_with(write).is_ok() {
            self.status = Some(Status {
                text: "The original file now holds your changed answers.".into(),
                error: false,
            });
        }
    }

    /// Where the answers are, for the screens and the summary: `None` when nothing is saved.
    pub fn saved_path(&self) -> Option<&Path> {
        self.q.saved_path()
    }

    pub(crate) fn question(&self, index: usize) -> &Question {
        self.q.question(index)
    }

    /// The choices on a question screen: its options, then "Not sure" when the question
    /// offers it.
    pub fn choices(&self, index: usize) -> Vec<ChoiceRow> {
        input::choices(self.question(index))
    }

    /// The glossary terms that a question's words use, in glossary order (indices into the
    /// glossary), so the screen can point to them and `g` can open at the first.
    pub fn glossary_terms_in(&self, index: usize) -> Vec<usize> {
        let q = self.question(index);
        let mut text = format!("{} {}", q.prompt, q.help);
        for o in &q.options {
            text.push(' ');
            text.push_str(&o.label);
            text.push(' ');
            text.push_str(&o.description);
        }
        crate::words::terms_in(&self.glossary, &text)
    }

    /// The glossary terms a flag's words use (see [`App::glossary_terms_in`]).
    pub fn glossary_terms_in_flag(&self, index: usize) -> Vec<usize> {
        self.q
            .evaluation()
            .flags
            .get(index)
            .map_or_else(Vec::new, |f| {
                let text = format!("{} {} {}", f.title, f.explanation, f.read.join(" "));
                crate::words::terms_in(&self.glossary, &text)
            })
    }

    /// Is the window below the smallest size the screens are laid out for? Then only a
    /// resize and quitting act: nothing can be answered unseen.
    pub fn too_small(&self) -> bool {
        self.size.0 < super::view::MIN_WIDTH || self.size.1 < super::view::MIN_HEIGHT
    }

    /// Is a text or number field focused (so letters type)?
    pub fn typing(&self) -> bool {
        if self.overlay.is_some() {
            return false;
        }
        match &self.screen {
            Screen::Question(s) => s.typing(self.question(s.index)),
            Screen::Scenarios(s) => s.field,
            _ => false,
        }
    }

    /// Reads a typed number ("12", "0.5", "1,500", "1 500") and checks it against the
    /// question's range, by the one grammar ([`input::read_number_text`]). The message says
    /// exactly what to type instead.
    pub(crate) fn check_number_text(q: &Question, text: &str) -> Result<f64, String> {
        input::read_number_text(q, text).map_err(|e| e.message().to_string())
    }

    /// The state of every question, for the index.
    pub fn question_states(&self) -> Vec<QState> {
        let shown = self.q.visible();
        let bank = self.q.bank();
        bank.questions
            .iter()
            .enumerate()
            .map(|(i, q)| {
                let a = self.q.answers().get(&q.id);
                if !shown[i] {
                    return QState::Hidden(a.map(|a| bank.answer_label(q, a)));
                }
                match a {
                    None if q.kind == Kind::Text => QState::NoNote,
                    _ if q.kind.is_decision() && !self.q.fits(i) => QState::Unanswered,
                    None => QState::Unanswered,
                    Some(Answer::NotSure) => QState::NotSure,
                    Some(a) => QState::Answered(bank.answer_label(q, a)),
                }
            })
            .collect()
    }

    /// The rows of "Check your answers": every question asked, then "See the result".
    pub fn check_rows(&self) -> Vec<CheckRow> {
        let mut rows: Vec<CheckRow> = self.q.asked().into_iter().map(CheckRow::Question).collect();
        rows.push(CheckRow::SeeResult);
        rows
    }

    /// Answers kept for questions that are not asked with the current answers.
    pub fn hidden_answers(&self) -> usize {
        let shown = self.q.visible();
        self.q
            .bank()
            .questions
            .iter()
            .enumerate()
            .filter(|(i, q)| !shown[*i] && self.q.answers().get(&q.id).is_some())
            .count()
    }

    /// The welcome screen's choices, in order.
    pub fn welcome_choices(&self) -> Vec<WelcomeChoice> {
        let mut choices = if self.q.resumed() {
            vec![WelcomeChoice::Continue]
        } else if self.offer.is_some() {
            vec![WelcomeChoice::ResumeOffer, WelcomeChoice::StartNew]
        } else {
            vec![WelcomeChoice::Start]
        };
        if !self.q.resumed() && !self.has_answers() && !self.scenarios.is_empty() {
            choices.push(WelcomeChoice::Scenario);
        }
        choices.push(WelcomeChoice::Glossary);
        choices
    }

    /// Decision questions asked, and how many have an answer (counting "Not sure").
    pub fn progress(&self) -> (usize, usize) {
        self.q.progress()
    }
}

/// Notes: anything up to [`TEXT_MAX`] characters, by the one grammar.
pub(crate) fn check_text(text: &str) -> Result<(), String> {
    input::check_note(text)
        .map(|_| ())
        .map_err(|e| format!("{e} Your text is kept on screen."))
}

/// A number with thousands separators: 10000 → "10,000".
pub fn group(v: f64) -> String {
    let s = format_number(v);
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i.to_string(), format!(".{f}")),
        None => (s.clone(), String::new()),
    };
    let (sign, digits) = match int.strip_prefix('-') {
        Some(d) => ("-", d.to_string()),
        None => ("", int),
    };
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    format!("{sign}{out}{frac}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_shown_with_thousands_separators() {
        assert_eq!(group(10000.0), "10,000");
        assert_eq!(group(0.5), "0.5");
        assert_eq!(group(1_234_567.25), "1,234,567.25");
        assert_eq!(group(999.0), "999");
    }
}
