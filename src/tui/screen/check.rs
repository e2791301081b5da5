//! "Check your answers": every answer with a Change action, then "See the result".

pub mod view;

use super::{Go, Outcome, moved};
use crate::tui::action::Action;
use crate::tui::app::{App, Back, CheckRow};

pub use view::CheckView as View;

#[derive(Debug, Clone, PartialEq)]
pub struct State {
    /// The focused row.
    pub cursor: usize,
    /// Where Esc leads.
    pub back: Back,
}

impl State {
    /// Opens at the top, so the first answers are read first (GOV.UK); when questions are
    /// still waiting, at the first of them.
    pub fn open(app: &App, back: Back) -> State {
        let cursor = if app.q.complete() {
            0
        } else {
            app.check_rows()
                .iter()
                .position(|r| match r {
                    CheckRow::Question(i) => app.q.waits(*i),
                    CheckRow::SeeResult => true,
                })
                .unwrap_or(0)
        };
        State { cursor, back }
    }

    /// `rows` are the screen's rows ([`crate::tui::App::check_rows`]).
    pub fn update(&mut self, rows: &[CheckRow], action: &Action) -> Outcome {
        let n = rows.len();
        if let Some(cursor) = moved(action, self.cursor, n, 8) {
            self.cursor = cursor;
            return Outcome::stay();
        }
        match action {
            Action::Choose | Action::Submit => match rows[self.cursor.min(n - 1)] {
                CheckRow::Question(i) => {
                    Outcome::go(Go::Question(i, Some(Back::Check(self.cursor))))
                }
                CheckRow::SeeResult => Outcome::go(Go::Result),
            },
            Action::Result | Action::Next => Outcome::go(Go::Result),
            Action::Index => Outcome::go(Go::Index(Back::Check(self.cursor))),
            Action::Back | Action::Close => Outcome::go(Go::Back(self.back)),
            _ => Outcome::stay(),
        }
    }
}
