//! The workshop scenario cards to choose from, and the optional participant label.

pub mod view;

use super::{Ctx, Go, Outcome};
use crate::tui::action::Action;
use crate::tui::app::Back;
use crate::tui::input::TextInput;
use crate::workshop::Scenario;

pub use view::ScenariosView as View;

/// The longest participant label, in characters.
const LABEL_MAX: usize = 60;

#[derive(Debug, Clone, PartialEq)]
pub struct State {
    /// The focused card.
    pub cursor: usize,
    /// The label field has the focus (letters type) instead of the list.
    pub field: bool,
    pub label: TextInput,
}

impl State {
    pub fn update(&mut self, ctx: &mut Ctx, cards: &[Scenario], action: &Action) -> Outcome {
        let n = cards.len();
        self.cursor = self.cursor.min(n.saturating_sub(1));
        if matches!(action, Action::Close) {
            return Outcome::go(Go::Back(Back::Welcome));
        }
        if self.field {
            let label = &mut self.label;
            match action {
                Action::Type(c) if label.text().chars().count() < LABEL_MAX => label.insert(*c),
                Action::Paste(t) => {
                    let room = LABEL_MAX.saturating_sub(label.text().chars().count());
                    label.paste(&t.chars().take(room).collect::<String>());
                }
                Action::Erase => label.backspace(),
                Action::EraseForward => label.delete(),
                Action::CursorLeft => label.left(),
                Action::CursorRight => label.right(),
                Action::CursorHome => label.home(),
                Action::CursorEnd => label.end(),
                Action::Submit | Action::Down | Action::Next | Action::Back | Action::PageDown => {
                    self.field = false;
                }
                _ => {}
            }
            return Outcome::stay();
        }
        let last = n.saturating_sub(1);
        match action {
            Action::Up if self.cursor == 0 => self.field = true,
            Action::Up => self.cursor -= 1,
            Action::Down => self.cursor = (self.cursor + 1).min(last),
            Action::PageUp => self.cursor = self.cursor.saturating_sub(4),
            Action::PageDown => self.cursor = (self.cursor + 4).min(last),
            Action::Top => self.cursor = 0,
            Action::Bottom => self.cursor = last,
            Action::Next => self.field = true,
            Action::Pick(i) if *i < n => return self.choose(ctx, &cards[*i]),
            Action::Choose | Action::Submit if n > 0 => {
                return self.choose(ctx, &cards[self.cursor]);
            }
            Action::Back => return Outcome::go(Go::Back(Back::Welcome)),
            _ => {}
        }
        Outcome::stay()
    }

    /// Plays `card`: the sheet records it and the label (none when left empty), exactly as
    /// `--scenario` and `--label` do; then the brief.
    fn choose(&self, ctx: &mut Ctx, card: &Scenario) -> Outcome {
        let label = self.label.text().trim();
        ctx.q.set_start(
            Some(card.id.clone()),
            (!label.is_empty()).then(|| label.to_string()),
        );
        Outcome::go(Go::Brief)
    }
}
