//! The welcome screen: what weighup does, where the answers go, and the choices (start,
//! continue, play a scenario card, the glossary).

pub mod view;

use super::Screen;
use super::{Ctx, Go, Outcome};
use crate::tui::action::Action;
use crate::tui::app::{App, Back, WelcomeChoice};
use crate::tui::input::TextInput;
use crate::tui::overlay::Overlay;
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

/// Does what a welcome choice says.
pub(crate) fn choose(app: &mut App, choice: WelcomeChoice) {
    match choice {
        WelcomeChoice::Start | WelcomeChoice::StartNew => {
            app.offer = None;
            if app.scenario().is_some() && !app.has_answers() {
                app.screen = Screen::Brief(super::brief::State::default());
            } else {
                app.continue_questions();
            }
        }
        WelcomeChoice::Scenario => {
            let cursor = app
                .q
                .sheet()
                .scenario
                .as_deref()
                .and_then(|id| app.scenarios.iter().position(|s| s.id == id))
                .unwrap_or(0);
            app.screen = Screen::Scenarios(super::scenarios::State {
                cursor,
                field: false,
                label: TextInput::new(app.q.sheet().respondent.as_deref().unwrap_or("")),
            });
        }
        WelcomeChoice::Continue => app.continue_questions(),
        WelcomeChoice::ResumeOffer => {
            if let Some(offer) = app.offer.take() {
                app.q.switch_to(offer.sheet, offer.path);
                app.notices.extend(app.q.sheet().bank_notices(app.q.bank()));
            }
            app.continue_questions();
        }
        WelcomeChoice::Glossary => app.overlay = Some(Overlay::glossary(0)),
    }
}
