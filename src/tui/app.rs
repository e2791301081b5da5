//! The model: everything the screens show, and nothing that touches the terminal or the disk.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use time::OffsetDateTime;

use crate::answers::{Answer, Answers};
use crate::bank::{Bank, Kind, Question, format_number};
use crate::engine::{Evaluation, evaluate};
use crate::glossary::Glossary;
use crate::session::Started;
use crate::sheet::Sheet;
use crate::workshop::{Scenario, find_in};

use super::TuiOptions;
use super::input::TextInput;
use super::theme::Theme;

/// The id used for "Not sure" among a question's choices.
pub const NOT_SURE: &str = "not_sure";

/// Notes longer than this are refused with a message (they are kept on screen).
pub const TEXT_MAX: usize = 1000;

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

/// What is on screen.
#[derive(Debug, Clone, PartialEq)]
pub enum Screen {
    Welcome {
        cursor: usize,
        /// How far the introduction is scrolled (PgUp/PgDn on small windows).
        scroll: usize,
    },
    Question(Box<QuestionState>),
    /// Every section and question, with its state; jump anywhere.
    Index {
        cursor: usize,
        back: Back,
    },
    /// Every answer with a Change action (GOV.UK "check your answers").
    Check {
        cursor: usize,
        back: Back,
    },
    Result {
        scroll: usize,
        /// The focused flag, if any.
        flag: Option<usize>,
    },
    /// One flag in detail.
    Flag {
        index: usize,
        scroll: usize,
    },
    /// The workshop scenario cards to choose from, and the optional participant label.
    Scenarios {
        /// The focused card.
        cursor: usize,
        /// The label field has the focus (letters type) instead of the list.
        field: bool,
        label: TextInput,
    },
    /// The chosen scenario's brief, before the first question.
    Brief {
        scroll: usize,
    },
}

/// A question being answered.
#[derive(Debug, Clone, PartialEq)]
pub struct QuestionState {
    /// The question's index in the bank.
    pub index: usize,
    /// The focused row: an option (then "Not sure"); for number questions 0 is the field and
    /// 1 is "Not sure".
    pub cursor: usize,
    /// Multiple choice: the ticked option ids (saved on Enter or when leaving).
    pub ticks: Vec<String>,
    /// Number and text questions: the field.
    pub input: TextInput,
    /// The inline validation message.
    pub error: Option<String>,
    /// After answering, go here instead of to the next question ("Change" from the check
    /// screen returns to it).
    pub return_to: Option<Back>,
    /// Scrolled by hand with PgUp/PgDn; `None` keeps the focused row in view.
    pub scroll: Option<usize>,
}

/// A box over the screen.
#[derive(Debug, Clone, PartialEq)]
pub enum Overlay {
    Help {
        scroll: usize,
    },
    /// The selected term, and how far its definition is scrolled.
    Glossary {
        cursor: usize,
        scroll: usize,
    },
    /// The licence shortlist: the selected family, and how far its details are scrolled.
    Licences {
        cursor: usize,
        scroll: usize,
    },
    /// "Quit weighup?" with the focus on Quit (true) or Stay (false).
    ConfirmQuit {
        quit: bool,
    },
    /// Review mode: "Overwrite the original?" with the focus on Overwrite (true) or Keep.
    ConfirmOverwrite {
        overwrite: bool,
    },
    /// The scenario's brief, over any screen (b or F2).
    Brief {
        scroll: usize,
    },
}

/// An unfinished sheet found on disk, offered on the welcome screen.
#[derive(Debug, Clone)]
pub struct ResumeOffer {
    pub path: PathBuf,
    pub sheet: Sheet,
}

/// Reviewing a saved sheet: the original stays as it is unless the reviewer overwrites it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Review {
    pub original: PathBuf,
    /// Where the changed answers are saved (chosen at the first change).
    pub copy: Option<PathBuf>,
    /// The reviewer chose to overwrite the original: saves now go there.
    pub overwritten: bool,
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

/// One choice on a question screen (an option, or "Not sure").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChoiceRow {
    pub id: String,
    pub label: String,
    pub description: String,
    pub exclusive: bool,
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
    pub(crate) bank: Bank,
    pub(crate) glossary: Glossary,
    /// The workshop scenario cards (empty if they could not be read).
    pub(crate) scenarios: Vec<Scenario>,
    pub(crate) sheet: Sheet,
    pub(crate) answers: Answers,
    pub(crate) eval: Evaluation,
    pub(crate) path: PathBuf,
    pub(crate) review: Option<Review>,
    pub(crate) offer: Option<ResumeOffer>,
    pub(crate) resumed: bool,
    /// Started for a new sheet the command line asked for (see [`TuiOptions::fresh`]).
    pub(crate) fresh: bool,
    pub(crate) notices: Vec<String>,
    pub(crate) screen: Screen,
    pub(crate) overlay: Option<Overlay>,
    /// Typed values not saved because they are not valid yet, by question id.
    pub(crate) drafts: BTreeMap<String, String>,
    pub(crate) status: Option<Status>,
    pub(crate) save_error: Option<String>,
    /// Something has been saved in this run.
    pub(crate) saved: bool,
    /// Answers changed since the app opened.
    pub(crate) changed: bool,
    /// Answers changed since the last successful save.
    pub(crate) dirty: bool,
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
        let answers = started.sheet.answers();
        let eval = evaluate(bank, &answers);
        let review = (opts.review || (started.resumed && started.sheet.complete)).then(|| Review {
            original: started.path.clone(),
            copy: None,
            overwritten: false,
        });
        let screen = if review.is_some() {
            Screen::Result {
                scroll: 0,
                flag: None,
            }
        } else {
            Screen::Welcome {
                cursor: 0,
                scroll: 0,
            }
        };
        let fresh = opts.fresh
            || (!started.resumed
                && (started.sheet.scenario.is_some() || started.sheet.respondent.is_some()));
        App {
            fresh,
            bank: bank.clone(),
            glossary: Glossary::builtin(),
            scenarios: crate::workshop::scenarios().unwrap_or_default(),
            sheet: started.sheet,
            answers,
            eval,
            path: started.path,
            review,
            offer: None,
            resumed: started.resumed,
            notices: started.notices,
            screen,
            overlay: None,
            drafts: BTreeMap::new(),
            status: None,
            save_error: None,
            saved: false,
            changed: false,
            dirty: false,
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
        if !self.resumed && self.review.is_none() && !self.fresh {
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

    pub fn sheet(&self) -> &Sheet {
        &self.sheet
    }

    pub fn answers(&self) -> &Answers {
        &self.answers
    }

    pub fn evaluation(&self) -> &Evaluation {
        &self.eval
    }

    pub fn bank(&self) -> &Bank {
        &self.bank
    }

    pub fn status(&self) -> Option<&Status> {
        self.status.as_ref()
    }

    pub fn theme(&self) -> Theme {
        self.theme
    }

    pub fn review(&self) -> Option<&Review> {
        self.review.as_ref()
    }

    /// The workshop scenario cards offered on the welcome screen.
    pub fn scenarios(&self) -> &[Scenario] {
        &self.scenarios
    }

    /// The card this sheet is played as, if it is one this version has.
    pub fn scenario(&self) -> Option<&Scenario> {
        find_in(&self.scenarios, self.sheet.scenario.as_deref()?)
    }

    /// Does the person have any answer yet?
    pub fn has_answers(&self) -> bool {
        !self.sheet.answers.is_empty()
    }

    /// Where the next save goes. In review mode, `None` until a copy path is chosen (the
    /// runtime picks one next to the original, then calls [`App::set_copy_path`]).
    pub fn save_target(&self) -> Option<&Path> {
        match &self.review {
            None => Some(&self.path),
            Some(r) if r.overwritten => Some(&r.original),
            Some(r) => r.copy.as_deref(),
        }
    }

    /// Review mode: where the changed copy is saved.
    pub fn set_copy_path(&mut self, path: PathBuf) {
        if let Some(r) = &mut self.review {
            r.copy = Some(path);
        }
    }

    /// The original file, when reviewing.
    pub fn original(&self) -> Option<&Path> {
        self.review.as_ref().map(|r| r.original.as_path())
    }

    /// The runtime saved the sheet.
    pub fn save_succeeded(&mut self) {
        self.saved = true;
        self.dirty = false;
        self.save_error = None;
    }

    /// Are there answers not saved yet (after a failed save, or typed but not confirmed)?
    pub fn unsaved(&self) -> bool {
        self.dirty
    }

    /// The runtime could not save the sheet: say so on screen until a save works.
    pub fn save_failed(&mut self, message: String) {
        self.save_error = Some(message);
    }

    /// Review mode: the original now holds the changed answers.
    pub fn overwrite_succeeded(&mut self) {
        if let Some(r) = &mut self.review {
            r.overwritten = true;
        }
        self.saved = true;
        self.dirty = false;
        self.save_error = None;
        self.status = Some(Status {
            text: "The original file now holds your changed answers.".into(),
            error: false,
        });
    }

    /// Where the answers are, for the screens and the summary: `None` when nothing is saved.
    pub fn saved_path(&self) -> Option<&Path> {
        match &self.review {
            Some(r) if r.overwritten => Some(&r.original),
            Some(r) => r.copy.as_deref().filter(|_| self.saved),
            None if self.saved || self.resumed => Some(&self.path),
            None => None,
        }
    }

    pub(crate) fn question(&self, index: usize) -> &Question {
        &self.bank.questions[index]
    }

    /// The choices on a question screen: its options, then "Not sure" when the question
    /// offers it.
    pub fn choices(&self, index: usize) -> Vec<ChoiceRow> {
        let q = self.question(index);
        let mut rows: Vec<ChoiceRow> = q
            .options
            .iter()
            .map(|o| ChoiceRow {
                id: o.id.clone(),
                label: o.label.clone(),
                description: o.description.clone(),
                exclusive: o.exclusive,
            })
            .collect();
        if q.not_sure.is_some() {
            rows.push(ChoiceRow {
                id: NOT_SURE.into(),
                label: "Not sure".into(),
                description:
                    "It goes on your list of things to find out, and makes the advice less certain."
                        .into(),
                exclusive: true,
            });
        }
        rows
    }

    /// How many rows the focus can move over on this question.
    pub(crate) fn rows_on(&self, index: usize) -> usize {
        let q = self.question(index);
        match q.kind {
            Kind::Number => 1 + usize::from(q.not_sure.is_some()),
            Kind::Text => 1,
            _ => self.choices(index).len(),
        }
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
        crate::plain::words::terms_in(&self.glossary, &text)
    }

    /// The glossary terms a flag's words use (see [`App::glossary_terms_in`]).
    pub fn glossary_terms_in_flag(&self, index: usize) -> Vec<usize> {
        self.eval.flags.get(index).map_or_else(Vec::new, |f| {
            let text = format!("{} {} {}", f.title, f.explanation, f.read.join(" "));
            crate::plain::words::terms_in(&self.glossary, &text)
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
            Screen::Question(s) => match self.question(s.index).kind {
                Kind::Text => true,
                Kind::Number => s.cursor == 0,
                _ => false,
            },
            Screen::Scenarios { field, .. } => *field,
            _ => false,
        }
    }

    /// A fresh state for question `index`, from its saved answer (or unsaved draft).
    pub(crate) fn question_state(&self, index: usize, return_to: Option<Back>) -> QuestionState {
        let q = self.question(index);
        let saved = self.answers.get(&q.id);
        let choices = self.choices(index);
        let mut s = QuestionState {
            index,
            cursor: 0,
            ticks: Vec::new(),
            input: TextInput::default(),
            error: None,
            return_to,
            scroll: None,
        };
        match q.kind {
            Kind::Number => {
                if let Some(d) = self.drafts.get(&q.id) {
                    s.input = TextInput::new(d);
                    s.error = Self::check_number_text(q, d).err();
                } else {
                    match saved {
                        Some(Answer::Number(v)) => s.input = TextInput::new(&format_number(*v)),
                        Some(Answer::NotSure) => s.cursor = 1,
                        _ => {}
                    }
                }
            }
            Kind::Text => {
                if let Some(d) = self.drafts.get(&q.id) {
                    s.input = TextInput::new(d);
                    s.error = check_text(d).err();
                } else if let Some(Answer::Text(t)) = saved {
                    s.input = TextInput::new(t);
                }
            }
            Kind::Multi => {
                s.ticks = match saved {
                    Some(Answer::Choices(c)) => c.clone(),
                    Some(Answer::NotSure) => vec![NOT_SURE.into()],
                    _ => Vec::new(),
                };
                s.cursor = choices
                    .iter()
                    .position(|c| s.ticks.contains(&c.id))
                    .unwrap_or(0);
            }
            Kind::Single | Kind::YesNo | Kind::Scale => {
                let id = match saved {
                    Some(Answer::Choice(c)) => Some(c.as_str()),
                    Some(Answer::NotSure) => Some(NOT_SURE),
                    _ => None,
                };
                s.cursor = id
                    .and_then(|id| choices.iter().position(|c| c.id == id))
                    .unwrap_or(0);
            }
        }
        s
    }

    /// Reads a typed number ("12", "0.5", "1,500", "1 500") and checks it against the
    /// question's range. The message says exactly what to type instead.
    pub(crate) fn check_number_text(q: &Question, text: &str) -> Result<f64, String> {
        // One grammar for every front end: crate::answers::read_number.
        crate::answers::read_number(q, text).map_err(|m| sentence(&m))
    }

    /// The state of every question, for the index.
    pub fn question_states(&self) -> Vec<QState> {
        let shown = self.bank.visible(&self.answers);
        self.bank
            .questions
            .iter()
            .enumerate()
            .map(|(i, q)| {
                let a = self.answers.get(&q.id);
                if !shown[i] {
                    return QState::Hidden(a.map(|a| self.bank.answer_label(q, a)));
                }
                match a {
                    None if q.kind == Kind::Text => QState::NoNote,
                    None => QState::Unanswered,
                    Some(Answer::NotSure) => QState::NotSure,
                    Some(a) => QState::Answered(self.bank.answer_label(q, a)),
                }
            })
            .collect()
    }

    /// The rows of "Check your answers": every question asked, then "See the result".
    pub fn check_rows(&self) -> Vec<CheckRow> {
        let mut rows: Vec<CheckRow> = self
            .bank
            .asked(&self.answers)
            .into_iter()
            .map(CheckRow::Question)
            .collect();
        rows.push(CheckRow::SeeResult);
        rows
    }

    /// Answers kept for questions that are not asked with the current answers.
    pub fn hidden_answers(&self) -> usize {
        let shown = self.bank.visible(&self.answers);
        self.bank
            .questions
            .iter()
            .enumerate()
            .filter(|(i, q)| !shown[*i] && self.answers.get(&q.id).is_some())
            .count()
    }

    /// The welcome screen's choices, in order.
    pub fn welcome_choices(&self) -> Vec<WelcomeChoice> {
        let mut choices = if self.resumed {
            vec![WelcomeChoice::Continue]
        } else if self.offer.is_some() {
            vec![WelcomeChoice::ResumeOffer, WelcomeChoice::StartNew]
        } else {
            vec![WelcomeChoice::Start]
        };
        if !self.resumed && !self.has_answers() && !self.scenarios.is_empty() {
            choices.push(WelcomeChoice::Scenario);
        }
        choices.push(WelcomeChoice::Glossary);
        choices
    }

    /// Decision questions asked, and how many have an answer (counting "Not sure").
    pub fn progress(&self) -> (usize, usize) {
        let p = &self.eval.progress;
        (p.answered + p.not_sure, p.asked)
    }
}

/// Notes: anything up to [`TEXT_MAX`] characters.
pub(crate) fn check_text(text: &str) -> Result<(), String> {
    let n = text.trim().chars().count();
    if n > TEXT_MAX {
        Err(format!(
            "Please keep the note under {TEXT_MAX} characters (it has {n}). Your text is kept on screen."
        ))
    } else {
        Ok(())
    }
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

/// Capitalises a library message and ends it with a full stop, for the screen.
fn sentence(m: &str) -> String {
    let mut c = m.chars();
    let mut s = match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    };
    if !s.ends_with('.') {
        s.push('.');
    }
    s
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

    #[test]
    fn long_notes_are_refused_with_their_length() {
        assert!(check_text(&"a".repeat(TEXT_MAX)).is_ok());
        let e = check_text(&"a".repeat(TEXT_MAX + 5)).unwrap_err();
        assert!(e.contains("1005"), "{e}");
    }
}
