//! The chosen scenario card's brief, before the first question.

pub mod view;

use super::{Go, Outcome};
use crate::tui::action::Action;
use crate::tui::app::Back;
use crate::tui::scroll::Scroll;

pub use view::BriefView as View;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct State {
    pub scroll: Scroll,
}

impl State {
    pub fn update(&mut self, action: &Action) -> Outcome {
        if self.scroll.apply(action, 10) {
            return Outcome::stay();
        }
        match action {
            Action::Choose | Action::Submit | Action::Next => Outcome::go(Go::Continue),
            Action::Back => Outcome::go(Go::Back(Back::Welcome)),
            Action::Index => Outcome::go(Go::Index(Back::Welcome)),
            _ => Outcome::stay(),
        }
    }
}
