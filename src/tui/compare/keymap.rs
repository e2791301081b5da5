//! The comparison view's keys, and the footer and help that name them, side by side so that
//! they stay the same. They follow the questionnaire's: ↑↓ (or k j) scroll, Page Up and Page
//! Down, Home and End, `?` or F1 help, q or Esc quit, Ctrl-C at once. Only key presses count:
//! Windows also reports releases, which would double every key.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::app::{Action, CompareApp, Tab};
use crate::tui::view::{Hint, hint, keep};

/// The action a key press stands for, if any.
pub fn key_action(app: &CompareApp, key: KeyEvent) -> Option<Action> {
    if key.kind != KeyEventKind::Press {
        return None;
    }
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        return match key.code {
            KeyCode::Char('c' | 'C') => Some(Action::Interrupt),
            _ => None,
        };
    }
    if app.too_small() {
        // The screen only says how to enlarge it and that q quits, as in the questionnaire.
        return match key.code {
            KeyCode::Char('q' | 'Q') | KeyCode::Esc => Some(Action::Quit),
            _ => None,
        };
    }
    Some(match key.code {
        KeyCode::Char(' ') | KeyCode::Enter => Action::Reveal,
        KeyCode::Char('h' | 'H') => Action::Hide,
        KeyCode::Tab | KeyCode::Right => Action::NextTab,
        KeyCode::BackTab | KeyCode::Left => Action::PrevTab,
        KeyCode::Char(c @ '1'..='5') => Action::Go(Tab::ALL[(c as usize) - ('1' as usize)]),
        KeyCode::Up | KeyCode::Char('k') => Action::Up,
        KeyCode::Down | KeyCode::Char('j') => Action::Down,
        KeyCode::PageUp => Action::PageUp,
        KeyCode::PageDown => Action::PageDown,
        KeyCode::Home => Action::Top,
        KeyCode::End => Action::Bottom,
        KeyCode::Char('r' | 'R') => Action::Reload,
        KeyCode::Char('?') | KeyCode::F(1) => Action::Help,
        KeyCode::Esc => Action::Back,
        KeyCode::Char('q' | 'Q') => Action::Quit,
        _ => return None,
    })
}

/// The footer while results are hidden.
pub const HIDDEN_HINTS: &[Hint] = &[
    keep("Space", "reveal"),
    keep("r", "read again"),
    keep("?", "help"),
    keep("q", "quit"),
];

/// The footer once results are shown.
pub const SHOWN_HINTS: &[Hint] = &[
    keep("1-5", "pages"),
    keep("↑↓", "scroll"),
    hint("Home End", "top, end"),
    keep("h", "hide"),
    hint("r", "read again"),
    keep("?", "help"),
    keep("q", "quit"),
];

/// The help: (keys, what they do).
pub const HELP: &[(&str, &str)] = &[
    ("Space or Enter", "reveal the results"),
    ("h", "hide them again"),
    ("1-5", "Overview, Verdicts, Questions, Flags, Sheets"),
    ("Tab  Shift-Tab", "next or previous page (or → ←)"),
    ("↑ ↓  or  k j", "scroll"),
    ("PgUp PgDn", "scroll a page"),
    ("Home End", "top or end of the page"),
    ("r", "read the files again"),
    ("? or F1", "this help"),
    ("q or Esc", "quit"),
    ("Ctrl-C", "quit at once"),
];
