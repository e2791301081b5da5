//! The welcome screen: what weighup does, where the answers go, and the choices (start,
//! continue, play a scenario card, the glossary).

pub mod view;

use super::{Ctx, Go, Outcome};
use crate::tui::action::Action;
use crate::tui::app::{Back, WelcomeChoice};
use crate::tui::scroll::Scroll;

pub use view::WelcomeView as View;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct State {
    /// The focused choice.
    pub cursor: usize,
    /// How far the introduction is scrolled (PgUp/PgDn on small windows).
    pub scroll: Scroll,
}

impl State {
    /// `choices` are the welcome choices in order ([`crate::tui::App::welcome_choices`]).
    pub fn update(&mut self, ctx: &mut Ctx, choices: &[WelcomeChoice], action: &Action) -> Outcome {
        let last = choices.len().saturating_sub(1);
        match action {
            Action::Up => self.cursor = self.cursor.saturating_sub(1),
            Action::Down => self.cursor = (self.cursor + 1).min(last),
            Action::PageDown | Action::PageUp => {
                self.scroll.apply(action, 5);
            }
            Action::Pick(n) if *n < choices.len() => return Outcome::go(Go::Choose(choices[*n])),
            Action::Choose | Action::Submit | Action::Next => {
                return Outcome::go(Go::Choose(choices[self.cursor.min(last)]));
            }
            Action::Index => return Outcome::go(Go::Index(Back::Welcome)),
            Action::Check if ctx.q.has_answers() => return Outcome::go(Go::Check(Back::Welcome)),
            Action::Result if ctx.q.has_answers() => return Outcome::go(Go::Result),
            _ => {}
        }
        Outcome::stay()
    }
}
