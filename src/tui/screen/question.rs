//! A question being answered: choices (one, several, yes/no, a scale), a number or a note,
//! with inline validation. Answers are saved as they are given; moving back never loses what
//! was typed (an invalid value is kept as a draft).

pub mod view;

use super::{Ctx, Go, Outcome};
use crate::answers::Answer;
use crate::bank::{Kind, Question, format_number};
use crate::tui::action::{Action, Effect};
use crate::tui::app::{App, Back, ChoiceRow, NOT_SURE, check_text};
use crate::tui::input::TextInput;
use crate::tui::scroll::Scroll;

pub use view::QuestionView as View;

/// A question being answered.
#[derive(Debug, Clone, PartialEq)]
pub struct State {
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
    /// Automatic (keeps the focused row in view) until scrolled by hand with PgUp/PgDn.
    pub scroll: Scroll,
}

/// What leaving a question did to its answer.
enum Commit {
    /// Nothing changed.
    Same,
    /// The answer changed: save.
    Changed,
    /// What is typed is not valid (the message is on screen).
    Invalid,
}

impl State {
    /// A fresh state for question `index`, from its saved answer (or unsaved draft).
    pub fn open(app: &App, index: usize, return_to: Option<Back>) -> State {
        let q = app.question(index);
        let saved = app.q.answers().get(&q.id);
        let choices = app.choices(index);
        let mut s = State {
            index,
            cursor: 0,
            ticks: Vec::new(),
            input: TextInput::default(),
            error: None,
            return_to,
            scroll: Scroll::auto(),
        };
        match q.kind {
            Kind::Number => {
                if let Some(d) = app.drafts.get(&q.id) {
                    s.input = TextInput::new(d);
                    s.error = App::check_number_text(q, d).err();
                } else {
                    match saved {
                        Some(Answer::Number(v)) => s.input = TextInput::new(&format_number(*v)),
                        Some(Answer::NotSure) => s.cursor = 1,
                        _ => {}
                    }
                }
            }
            Kind::Text => {
                if let Some(d) = app.drafts.get(&q.id) {
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

    /// Is the field focused (so letters type)?
    pub fn typing(&self, q: &Question) -> bool {
        match q.kind {
            Kind::Text => true,
            Kind::Number => self.cursor == 0,
            _ => false,
        }
    }

    pub fn update(&mut self, ctx: &mut Ctx, action: &Action) -> Outcome {
        let q = ctx.q.question(self.index).clone();
        let rows = rows_on(&q);
        let typing = self.typing(&q);
        let follow = |s: &mut State, cursor: usize| {
            s.cursor = cursor;
            s.scroll = Scroll::auto();
        };
        match action {
            Action::Up => follow(self, self.cursor.saturating_sub(1)),
            Action::Down => follow(self, (self.cursor + 1).min(rows - 1)),
            Action::Top => follow(self, 0),
            Action::Bottom => follow(self, rows - 1),
            Action::PageUp | Action::PageDown => {
                // A page is what the last drawing showed (before any, the window less its frame).
                let page = self.scroll.page(ctx.page());
                self.scroll.apply(action, page);
            }
            Action::Index => {
                if let Some(effect) = self.leave(ctx, false) {
                    return Outcome::go(Go::Index(Back::Question(self.index))).with(effect);
                }
            }
            Action::Check => {
                if let Some(effect) = self.leave(ctx, false) {
                    return Outcome::go(Go::Check(Back::Question(self.index))).with(effect);
                }
            }
            Action::Result => {
                if let Some(effect) = self.leave(ctx, false) {
                    return Outcome::go(Go::Result).with(effect);
                }
            }
            Action::Back => {
                let effect = self.leave(ctx, false).unwrap_or(Effect::None);
                let to = match self.return_to {
                    Some(b) => Go::Back(b),
                    None => match ctx.q.previous(self.index) {
                        Some(p) => Go::Question(p, None),
                        None => Go::Welcome,
                    },
                };
                return Outcome::go(to).with(effect);
            }
            Action::Next => {
                if let Some(effect) = self.leave(ctx, true) {
                    return self.advance(effect);
                }
            }
            Action::Submit | Action::Choose | Action::Toggle | Action::Pick(_) => {
                return self.answer(ctx, &q, action);
            }
            Action::Type(c) if typing => {
                self.input.insert(*c);
                self.revalidate(&q);
            }
            Action::Type(c) if q.kind == Kind::Number => {
                // Typing on the "Not sure" row goes into the field.
                self.cursor = 0;
                self.input.insert(*c);
                self.revalidate(&q);
            }
            Action::Type(c) if q.kind == Kind::YesNo => {
                let id = match c.to_ascii_lowercase() {
                    'y' => "yes",
                    'n' => "no",
                    _ => "",
                };
                if let Some(i) = choices(&q).iter().position(|r| r.id == id) {
                    return self.answer(ctx, &q, &Action::Pick(i));
                }
            }
            Action::Paste(text) if matches!(q.kind, Kind::Text | Kind::Number) => {
                self.cursor = 0;
                self.input.paste(text);
                self.revalidate(&q);
            }
            Action::Erase if typing => {
                self.input.backspace();
                self.revalidate(&q);
            }
            Action::EraseForward if typing => {
                self.input.delete();
                self.revalidate(&q);
            }
            Action::CursorLeft if typing => self.input.left(),
            Action::CursorRight if typing => self.input.right(),
            Action::CursorHome if typing => self.input.home(),
            Action::CursorEnd if typing => self.input.end(),
            _ => {}
        }
        Outcome::stay()
    }

    /// After answering: back to where "Change" came from, or on (the next question asked, or
    /// the check screen).
    fn advance(&self, effect: Effect) -> Outcome {
        Outcome::go(Go::Advance(self.index, self.return_to)).with(effect)
    }

    /// Enter, Space, a number key or a click on a question.
    fn answer(&mut self, ctx: &mut Ctx, q: &Question, action: &Action) -> Outcome {
        let choices = choices(q);
        match q.kind {
            Kind::Single | Kind::YesNo | Kind::Scale => {
                let i = match action {
                    Action::Pick(n) if *n < choices.len() => *n,
                    Action::Pick(_) => return Outcome::stay(),
                    _ => self.cursor,
                };
                let id = &choices[i].id;
                let answer = if id == NOT_SURE {
                    Answer::NotSure
                } else {
                    Answer::Choice(id.clone())
                };
                let changed = ctx.set_answer(&q.id, answer);
                self.advance(if changed { Effect::Save } else { Effect::None })
            }
            Kind::Multi => {
                let toggle = match action {
                    Action::Pick(n) if *n < choices.len() => Some(*n),
                    Action::Toggle => Some(self.cursor),
                    Action::Pick(_) => return Outcome::stay(),
                    _ => None,
                };
                if let Some(i) = toggle {
                    self.cursor = i;
                    toggle_tick(&mut self.ticks, &choices, i);
                    self.error = None;
                    return Outcome::stay();
                }
                // Enter: save the ticks and continue.
                if self.ticks.is_empty() {
                    let none = choices
                        .iter()
                        .find(|c| c.exclusive && c.id != NOT_SURE)
                        .map(|c| c.label.clone());
                    self.error = Some(match none {
                        Some(l) => format!(
                            "Tick at least one option with Space, or tick '{l}' or 'Not sure'."
                        ),
                        None => "Tick at least one option with Space.".to_string(),
                    });
                    return Outcome::stay();
                }
                let effect = self.leave(ctx, true).unwrap_or(Effect::None);
                self.advance(effect)
            }
            Kind::Number if self.cursor == 1 => {
                if matches!(action, Action::Pick(_)) {
                    return Outcome::stay();
                }
                let changed = ctx.set_answer(&q.id, Answer::NotSure);
                ctx.drafts.remove(&q.id);
                self.advance(if changed { Effect::Save } else { Effect::None })
            }
            Kind::Number | Kind::Text => {
                if let Action::Pick(n) = action {
                    // A digit typed into the field.
                    if let Some(c) = char::from_digit(u32::try_from(*n + 1).unwrap_or(0), 10) {
                        self.input.insert(c);
                        self.revalidate(q);
                    }
                    return Outcome::stay();
                }
                if matches!(action, Action::Toggle) {
                    self.input.insert(' ');
                    return Outcome::stay();
                }
                if q.kind == Kind::Number
                    && self.input.is_empty()
                    && ctx.q.answers().get(&q.id).is_none()
                {
                    self.error = Some(if q.not_sure.is_some() {
                        "Please type a number, or choose 'Not sure' below (press Down).".into()
                    } else {
                        "Please type a number.".into()
                    });
                    return Outcome::stay();
                }
                match self.leave(ctx, true) {
                    Some(effect) => self.advance(effect),
                    None => Outcome::stay(),
                }
            }
        }
    }

    /// After an error is shown, check again as the person types, and clear it once valid.
    fn revalidate(&mut self, q: &Question) {
        if self.error.is_none() {
            return;
        }
        self.error = match q.kind {
            Kind::Number if self.input.is_empty() => None,
            Kind::Number => App::check_number_text(q, self.input.text()).err(),
            Kind::Text => check_text(self.input.text()).err(),
            _ => None,
        };
    }

    /// Saves what is pending on the question (ticks, typed text) before moving away.
    /// `strict`: moving forward, so an invalid value stops the move (returns `None`);
    /// moving back is never blocked (the typed value is kept as a draft).
    pub fn leave(&mut self, ctx: &mut Ctx, strict: bool) -> Option<Effect> {
        match self.commit(ctx) {
            Commit::Same => Some(Effect::None),
            Commit::Changed => Some(Effect::Save),
            Commit::Invalid if strict => None,
            Commit::Invalid => {
                let id = ctx.q.question(self.index).id.clone();
                ctx.drafts.insert(id, self.input.text().to_string());
                Some(Effect::None)
            }
        }
    }

    fn commit(&mut self, ctx: &mut Ctx) -> Commit {
        let q = ctx.q.question(self.index).clone();
        let changed = match q.kind {
            Kind::Multi => {
                if self.ticks.is_empty() {
                    // Unticking everything is not an answer: the saved one stays.
                    false
                } else if self.ticks.iter().any(|t| t == NOT_SURE) {
                    ctx.set_answer(&q.id, Answer::NotSure)
                } else {
                    let ordered: Vec<String> = q
                        .options
                        .iter()
                        .filter(|o| self.ticks.contains(&o.id))
                        .map(|o| o.id.clone())
                        .collect();
                    ctx.set_answer(&q.id, Answer::Choices(ordered))
                }
            }
            Kind::Number => {
                let saved_not_sure = ctx.q.answers().get(&q.id) == Some(&Answer::NotSure);
                if self.cursor == 1 && saved_not_sure {
                    false
                } else if self.input.is_empty() {
                    // An emptied field removes the answer; "Not sure" stays unless replaced.
                    !saved_not_sure && ctx.clear_answer(&q.id)
                } else {
                    match App::check_number_text(&q, self.input.text()) {
                        Ok(v) => ctx.set_answer(&q.id, Answer::Number(v)),
                        Err(e) => {
                            self.error = Some(e);
                            return Commit::Invalid;
                        }
                    }
                }
            }
            Kind::Text => {
                let text = self.input.text().trim().to_string();
                if let Err(e) = check_text(&text) {
                    self.error = Some(e);
                    return Commit::Invalid;
                }
                if text.is_empty() {
                    ctx.clear_answer(&q.id)
                } else {
                    ctx.set_answer(&q.id, Answer::Text(text))
                }
            }
            // Single, yes/no and scale answers are saved the moment they are chosen.
            Kind::Single | Kind::YesNo | Kind::Scale => false,
        };
        if changed {
            Commit::Changed
        } else {
            Commit::Same
        }
    }
}

/// The choices on a question screen: its options, then "Not sure" when the question offers it.
fn choices(q: &Question) -> Vec<ChoiceRow> {
    crate::questionnaire::input::choices(q)
}

/// How many rows the focus can move over on this question.
pub fn rows_on(q: &Question) -> usize {
    match q.kind {
        Kind::Number => 1 + usize::from(q.not_sure.is_some()),
        Kind::Text => 1,
        _ => choices(q).len(),
    }
}

/// Ticks or unticks choice `i`; an exclusive choice ("None of these", "Not sure") clears
/// the others, and any other choice clears the exclusive ones.
fn toggle_tick(ticks: &mut Vec<String>, choices: &[ChoiceRow], i: usize) {
    let c = &choices[i];
    if let Some(p) = ticks.iter().position(|t| *t == c.id) {
        ticks.remove(p);
        return;
    }
    if c.exclusive {
        ticks.clear();
    } else {
        ticks.retain(|t| !choices.iter().any(|x| x.exclusive && x.id == *t));
    }
    ticks.push(c.id.clone());
}
