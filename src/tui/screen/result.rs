//! The result: the verdict, how each trade-off pulled, the reasons, the flags to read (Tab
//! moves through them, Enter or a number opens one). Scrolls.

pub mod view;

use super::{Ctx, Go, Outcome};
use crate::tui::action::Action;
use crate::tui::app::Back;
use crate::tui::overlay::Overlay;
use crate::tui::scroll::Scroll;

pub use view::ResultView as View;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct State {
    /// Chosen by the view when a flag was just focused: it brings the flag into view.
    pub scroll: Scroll,
    /// The focused flag, if any.
    pub flag: Option<usize>,
}

impl State {
    /// With flag `i` focused and in view (where the first drawing puts it; it stays there
    /// when the window changes size).
    pub fn at_flag(i: usize) -> State {
        State {
            scroll: Scroll::auto_once(),
            flag: Some(i),
        }
    }

    pub fn update(&mut self, ctx: &mut Ctx, action: &Action) -> Outcome {
        let nflags = ctx.q.evaluation().flags.len();
        if self.scroll.apply(action, ctx.page()) {
            return Outcome::stay();
        }
        match action {
            Action::NextFlag | Action::PrevFlag if nflags > 0 => {
                let next = match (self.flag, action) {
                    (None, Action::NextFlag) => 0,
                    (None, _) => nflags - 1,
                    (Some(f), Action::NextFlag) => (f + 1) % nflags,
                    (Some(f), _) => (f + nflags - 1) % nflags,
                };
                *self = State::at_flag(next);
            }
            Action::Pick(n) if *n < nflags => return Outcome::go(Go::Flag(*n)),
            Action::Choose | Action::Submit => {
                if let Some(f) = self.flag.filter(|f| *f < nflags) {
                    return Outcome::go(Go::Flag(f));
                }
            }
            Action::Check | Action::Back => return Outcome::go(Go::Check(Back::Result)),
            Action::Index => return Outcome::go(Go::Index(Back::Result)),
            Action::Overwrite if ctx.q.reviewing().is_some_and(|r| !r.overwritten) => {
                if ctx.q.changed() {
                    return Outcome::go(Go::Overlay(Overlay::ConfirmOverwrite {
                        overwrite: false,
                    }));
                }
                ctx.say(
                    "You have not changed any answer yet, so the original is already up to date.",
                );
            }
            _ => {}
        }
        Outcome::stay()
    }
}
