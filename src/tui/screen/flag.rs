//! One flag in detail: what to read before choosing, and where it comes from.

pub mod view;

use super::{Ctx, Go, Outcome};
use crate::tui::action::Action;
use crate::tui::app::Back;
use crate::tui::scroll::Scroll;

pub use view::FlagView as View;

#[derive(Debug, Clone, PartialEq)]
pub struct State {
    /// The flag (an index into the evaluation's flags).
    pub index: usize,
    pub scroll: Scroll,
}

impl State {
    pub fn new(index: usize) -> State {
        State {
            index,
            scroll: Scroll::top(),
        }
    }

    pub fn update(&mut self, ctx: &mut Ctx, action: &Action) -> Outcome {
        let nflags = ctx.q.evaluation().flags.len();
        if self.index >= nflags {
            return Outcome::go(Go::Result);
        }
        match action {
            Action::Up | Action::Down | Action::PageUp | Action::PageDown => {
                self.scroll.apply(action, ctx.page());
            }
            Action::NextFlag | Action::Next => *self = State::new((self.index + 1) % nflags),
            Action::PrevFlag => *self = State::new((self.index + nflags - 1) % nflags),
            Action::Back | Action::Close | Action::Choose | Action::Result => {
                return Outcome::go(Go::ResultAt(self.index));
            }
            Action::Check => return Outcome::go(Go::Check(Back::Result)),
            _ => {}
        }
        Outcome::stay()
    }
}
