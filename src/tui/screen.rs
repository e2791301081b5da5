//! The screens of the questionnaire, one module each: its `State`, its `update` (which changes
//! the state in place and says what should happen next) and, in `view.rs` beside it, how it is
//! drawn. The boxes drawn over a screen (help, glossary, licences, confirmations, the brief)
//! are in [`super::overlay`]; what every screen shares (Ctrl-C, help, quit, resize, moving
//! from one screen to another) is in [`super::update`].

pub mod brief;
pub mod check;
pub mod flag;
pub mod index;
pub mod question;
pub mod result;
pub mod scenarios;
pub mod welcome;

use std::collections::BTreeMap;

use time::OffsetDateTime;

use crate::answers::Answer;
use crate::questionnaire::Questionnaire;

use super::action::{Action, Effect};
use super::app::{Back, Status, WelcomeChoice};
use super::overlay::Overlay;

/// What is on screen.
#[derive(Debug, Clone, PartialEq)]
pub enum Screen {
    Welcome(welcome::State),
    Question(Box<question::State>),
    /// Every section and question, with its state; jump anywhere.
    Index(index::State),
    /// Every answer with a Change action (GOV.UK "check your answers").
    Check(check::State),
    Result(result::State),
    /// One flag in detail.
    Flag(flag::State),
    /// The workshop scenario cards to choose from, and the optional participant label.
    Scenarios(scenarios::State),
    /// The chosen scenario's brief, before the first question.
    Brief(brief::State),
}

impl Screen {
    /// The screen's name, for tests and messages: "welcome", "question", "index", "check",
    /// "result", "flag", "scenarios" or "brief".
    pub fn name(&self) -> &'static str {
        match self {
            Screen::Welcome(_) => "welcome",
            Screen::Question(_) => "question",
            Screen::Index(_) => "index",
            Screen::Check(_) => "check",
            Screen::Result(_) => "result",
            Screen::Flag(_) => "flag",
            Screen::Scenarios(_) => "scenarios",
            Screen::Brief(_) => "brief",
        }
    }
}

/// Where a screen's update asks to go. Opening a screen needs more of the app than one screen
/// holds (the answers, the drafts, where "back" leads), so [`super::update`] does it.
#[derive(Debug, Clone, PartialEq)]
pub enum Go {
    Welcome,
    /// A question; after it is answered, go to the given place instead of the next question.
    Question(usize, Option<Back>),
    /// After answering a question: where "Change" came from, the next question, or the check.
    Advance(usize, Option<Back>),
    /// The first question still waiting, or the check when all are answered.
    Continue,
    Index(Back),
    Check(Back),
    Result,
    /// The result with flag `i` focused and in view.
    ResultAt(usize),
    Flag(usize),
    /// Back to a place.
    Back(Back),
    /// A welcome screen choice.
    Choose(WelcomeChoice),
    /// The scenario card's brief, from the top.
    Brief,
    /// A box over the screen.
    Overlay(Overlay),
}

/// What a screen's update asks for next: stay (the state was changed in place) or go
/// elsewhere, and what the runtime must do (save...).
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub go: Option<Go>,
    pub effect: Effect,
}

impl Outcome {
    /// Stay on this screen; nothing for the runtime.
    pub fn stay() -> Outcome {
        Outcome {
            go: None,
            effect: Effect::None,
        }
    }

    pub fn go(to: Go) -> Outcome {
        Outcome {
            go: Some(to),
            effect: Effect::None,
        }
    }

    #[must_use]
    pub fn with(mut self, effect: Effect) -> Outcome {
        self.effect = effect;
        self
    }
}

/// What a screen's update may read and change besides its own state: the questionnaire, the
/// unsaved drafts, the status line, the clock and the window size.
pub struct Ctx<'a> {
    pub q: &'a mut Questionnaire,
    pub drafts: &'a mut BTreeMap<String, String>,
    pub status: &'a mut Option<Status>,
    pub now: OffsetDateTime,
    pub size: (u16, u16),
}

impl Ctx<'_> {
    /// A message above the footer (not an error).
    pub fn say(&mut self, text: &str) {
        *self.status = Some(Status {
            text: text.into(),
            error: false,
        });
    }

    /// Records an answer; true when it changed (then the draft typed for it is gone).
    pub fn set_answer(&mut self, id: &str, answer: Answer) -> bool {
        let changed = self.q.answer(id, answer, self.now).changed;
        if changed {
            self.drafts.remove(id);
        }
        changed
    }

    /// Removes an answer (and any draft); true when there was one.
    pub fn clear_answer(&mut self, id: &str) -> bool {
        self.drafts.remove(id);
        self.q.clear(id, self.now)
    }

    /// Rows on a page of a screen that fills the window (the result, a flag).
    pub fn page(&self) -> usize {
        usize::from(self.size.1.saturating_sub(6)).max(1)
    }
}

/// Where a list cursor goes for a movement key, in a list of `n` rows with pages of `page`
/// rows; `None` for any other action.
pub fn moved(action: &Action, cursor: usize, n: usize, page: usize) -> Option<usize> {
    let last = n.saturating_sub(1);
    Some(match action {
        Action::Up => cursor.saturating_sub(1),
        Action::Down => (cursor + 1).min(last),
        Action::PageUp => cursor.saturating_sub(page),
        Action::PageDown => (cursor + page).min(last),
        Action::Top => 0,
        Action::Bottom => last,
        _ => return None,
    })
}
