//! The index: every section and question with its state; jump to any question asked.

pub mod view;

use super::{Ctx, Go, Outcome, moved};
use crate::tui::action::Action;
use crate::tui::app::{App, Back};

pub use view::IndexView as View;

#[derive(Debug, Clone, PartialEq)]
pub struct State {
    /// The focused question (an index into the bank).
    pub cursor: usize,
    /// Where Esc leads.
    pub back: Back,
}

impl State {
    /// At the question "back" leads to, or else at the first question still waiting.
    pub fn open(app: &App, back: Back) -> State {
        let cursor = match back {
            Back::Question(i) => i,
            _ => app.q.first_waiting().unwrap_or(0),
        };
        State { cursor, back }
    }

    pub fn update(&mut self, ctx: &mut Ctx, action: &Action) -> Outcome {
        let n = ctx.q.bank().questions.len();
        if let Some(cursor) = moved(action, self.cursor, n, 10) {
            self.cursor = cursor;
            return Outcome::stay();
        }
        match action {
            Action::Choose | Action::Submit | Action::Next => {
                if ctx.q.visible()[self.cursor] {
                    return Outcome::go(Go::Question(self.cursor, None));
                }
                ctx.say("This question is not asked with your current answers, so it does not count. Any answer you gave it is kept.");
                Outcome::stay()
            }
            Action::Back | Action::Close | Action::Index => Outcome::go(Go::Back(self.back)),
            Action::Check => Outcome::go(Go::Check(Back::Index(self.cursor))),
            Action::Result => Outcome::go(Go::Result),
            _ => Outcome::stay(),
        }
    }
}
