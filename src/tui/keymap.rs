//! Keys to actions, per screen and per field. Pure: `action_for(&App, KeyEvent)`.
//!
//! In a text or number field letters type (so `q`, `j`, `k`, `?` go into the field); the
//! field's own keys are Enter, Tab, Shift-Tab, Esc and F1. Only key presses count: Windows
//! also reports releases, which would double every key.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::action::Action;
use super::app::{App, Overlay, Screen};

/// The action a key press stands for on the current screen, if any.
pub fn action_for(app: &App, key: KeyEvent) -> Option<Action> {
    if key.kind != KeyEventKind::Press {
        return None;
    }
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    if ctrl && matches!(key.code, KeyCode::Char('c' | 'C')) {
        return Some(Action::ForceQuit);
    }
    if app.too_small() {
        // The screen only says how to enlarge it and that q quits: no other key may act on
        // what cannot be seen, even in a text field.
        return match key.code {
            KeyCode::Char('q' | 'Q') | KeyCode::Esc if !ctrl => Some(Action::Quit),
            _ => None,
        };
    }
    if let Some(overlay) = &app.overlay {
        return overlay_key(overlay, key);
    }
    // Esc on the scenario list or brief goes back to the welcome screen, even in the field.
    if key.code == KeyCode::Esc && matches!(app.screen, Screen::Scenarios { .. }) {
        return Some(Action::Close);
    }
    if app.typing() {
        return field_key(key);
    }
    if ctrl || key.modifiers.contains(KeyModifiers::ALT) {
        return None;
    }
    let common = match key.code {
        KeyCode::Char('?') | KeyCode::F(1) => Some(Action::Help),
        KeyCode::Char('g') => Some(Action::Glossary),
        KeyCode::Char('b') | KeyCode::F(2) => Some(Action::Brief),
        KeyCode::Esc if matches!(app.screen, Screen::Brief { .. }) => Some(Action::Back),
        KeyCode::Char('q') | KeyCode::Esc => Some(Action::Quit),
        KeyCode::Up | KeyCode::Char('k') => Some(Action::Up),
        KeyCode::Down | KeyCode::Char('j') => Some(Action::Down),
        KeyCode::PageUp => Some(Action::PageUp),
        KeyCode::PageDown => Some(Action::PageDown),
        KeyCode::Home => Some(Action::Top),
        KeyCode::End => Some(Action::Bottom),
        KeyCode::Char('i') => Some(Action::Index),
        _ => None,
    };
    if common.is_some() {
        return common;
    }
    match &app.screen {
        Screen::Welcome { .. } => match key.code {
            KeyCode::Enter | KeyCode::Char(' ') | KeyCode::Right | KeyCode::Tab => {
                Some(Action::Choose)
            }
            KeyCode::Char(c @ '1'..='9') => Some(Action::Pick(digit(c))),
            KeyCode::Char('c') => Some(Action::Check),
            KeyCode::Char('r') => Some(Action::Result),
            _ => None,
        },
        Screen::Question(s) => {
            let multi = app.question(s.index).kind == crate::bank::Kind::Multi;
            match key.code {
                KeyCode::Enter if multi => Some(Action::Submit),
                KeyCode::Char(' ') if multi => Some(Action::Toggle),
                KeyCode::Enter | KeyCode::Char(' ') => Some(Action::Choose),
                KeyCode::Char(c @ '1'..='9') => Some(Action::Pick(digit(c))),
                KeyCode::Backspace | KeyCode::Left | KeyCode::BackTab => Some(Action::Back),
                KeyCode::Tab | KeyCode::Right => Some(Action::Next),
                KeyCode::Char('c') => Some(Action::Check),
                KeyCode::Char('r') => Some(Action::Result),
                KeyCode::Char(c @ ('y' | 'n' | 'Y' | 'N')) => Some(Action::Type(c)),
                _ => None,
            }
        }
        Screen::Index { .. } => match key.code {
            KeyCode::Enter | KeyCode::Char(' ') | KeyCode::Right => Some(Action::Choose),
            KeyCode::Backspace | KeyCode::Left => Some(Action::Back),
            KeyCode::Char('c') => Some(Action::Check),
            KeyCode::Char('r') => Some(Action::Result),
            _ => None,
        },
        Screen::Check { .. } => match key.code {
            KeyCode::Enter | KeyCode::Char(' ') => Some(Action::Choose),
            KeyCode::Backspace | KeyCode::Left => Some(Action::Back),
            KeyCode::Right | KeyCode::Tab | KeyCode::Char('r') => Some(Action::Result),
            _ => None,
        },
        Screen::Result { .. } => match key.code {
            KeyCode::Enter | KeyCode::Char(' ') => Some(Action::Choose),
            KeyCode::Tab => Some(Action::NextFlag),
            KeyCode::BackTab => Some(Action::PrevFlag),
            KeyCode::Char(c @ '1'..='9') => Some(Action::Pick(digit(c))),
            KeyCode::Char('c') | KeyCode::Backspace | KeyCode::Left => Some(Action::Check),
            KeyCode::Char('o') => Some(Action::Overwrite),
            KeyCode::Char('l') => Some(Action::Licences),
            _ => None,
        },
        Screen::Scenarios { .. } => match key.code {
            KeyCode::Enter | KeyCode::Char(' ') | KeyCode::Right => Some(Action::Choose),
            KeyCode::Char(c @ '1'..='9') => Some(Action::Pick(digit(c))),
            KeyCode::Tab | KeyCode::BackTab => Some(Action::Next),
            KeyCode::Backspace | KeyCode::Left => Some(Action::Back),
            _ => None,
        },
        Screen::Brief { .. } => match key.code {
            KeyCode::Enter | KeyCode::Char(' ') | KeyCode::Right | KeyCode::Tab => {
                Some(Action::Choose)
            }
            KeyCode::Backspace | KeyCode::Left => Some(Action::Back),
            _ => None,
        },
        Screen::Flag { .. } => match key.code {
            KeyCode::Backspace | KeyCode::Left | KeyCode::Enter => Some(Action::Back),
            KeyCode::Tab | KeyCode::Right | KeyCode::Char('n') => Some(Action::NextFlag),
            KeyCode::BackTab | KeyCode::Char('p') => Some(Action::PrevFlag),
            KeyCode::Char('c') => Some(Action::Check),
            _ => None,
        },
    }
}

/// Keys in a text or number field: characters type; Enter saves; Tab and Shift-Tab move.
fn field_key(key: KeyEvent) -> Option<Action> {
    let plain = !key
        .modifiers
        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
    match key.code {
        KeyCode::Char(c) if plain => Some(Action::Type(c)),
        KeyCode::Enter => Some(Action::Submit),
        KeyCode::Tab => Some(Action::Next),
        KeyCode::BackTab => Some(Action::Back),
        KeyCode::Esc => Some(Action::Quit),
        KeyCode::F(1) => Some(Action::Help),
        KeyCode::F(2) => Some(Action::Brief),
        KeyCode::Backspace => Some(Action::Erase),
        KeyCode::Delete => Some(Action::EraseForward),
        KeyCode::Left => Some(Action::CursorLeft),
        KeyCode::Right => Some(Action::CursorRight),
        KeyCode::Home => Some(Action::CursorHome),
        KeyCode::End => Some(Action::CursorEnd),
        KeyCode::Down => Some(Action::Down),
        KeyCode::Up => Some(Action::Up),
        KeyCode::PageUp => Some(Action::PageUp),
        KeyCode::PageDown => Some(Action::PageDown),
        KeyCode::Char('a') if key.modifiers.contains(KeyModifiers::CONTROL) => {
            Some(Action::CursorHome)
        }
        KeyCode::Char('e') if key.modifiers.contains(KeyModifiers::CONTROL) => {
            Some(Action::CursorEnd)
        }
        _ => None,
    }
}

fn overlay_key(overlay: &Overlay, key: KeyEvent) -> Option<Action> {
    match overlay {
        Overlay::Help { .. } => match key.code {
            KeyCode::Esc | KeyCode::Char('q' | '?') | KeyCode::F(1) | KeyCode::Enter => {
                Some(Action::Close)
            }
            KeyCode::Char('g') => Some(Action::Glossary),
            KeyCode::Char('i') => Some(Action::Index),
            KeyCode::Up | KeyCode::Char('k') => Some(Action::Up),
            KeyCode::Down | KeyCode::Char('j') => Some(Action::Down),
            KeyCode::PageUp => Some(Action::PageUp),
            KeyCode::PageDown => Some(Action::PageDown),
            KeyCode::Home => Some(Action::Top),
            KeyCode::End => Some(Action::Bottom),
            _ => None,
        },
        // The two list boxes: the same keys, and the key that opened each closes it.
        Overlay::Glossary { .. } | Overlay::Licences { .. } => {
            let own = if matches!(overlay, Overlay::Glossary { .. }) {
                'g'
            } else {
                'l'
            };
            match key.code {
                KeyCode::Esc | KeyCode::Char('q') | KeyCode::Enter | KeyCode::Backspace => {
                    Some(Action::Close)
                }
                KeyCode::Char(c) if c == own => Some(Action::Close),
                KeyCode::Char('?') | KeyCode::F(1) => Some(Action::Help),
                KeyCode::Up | KeyCode::Char('k') | KeyCode::Left => Some(Action::Up),
                KeyCode::Down | KeyCode::Char('j') | KeyCode::Right => Some(Action::Down),
                KeyCode::Home => Some(Action::Top),
                KeyCode::End => Some(Action::Bottom),
                KeyCode::PageUp => Some(Action::PageUp),
                KeyCode::PageDown => Some(Action::PageDown),
                _ => None,
            }
        }
        Overlay::ConfirmQuit { .. } => match key.code {
            KeyCode::Char('y' | 'Y' | 'q') => Some(Action::Yes),
            KeyCode::Char('n' | 'N') | KeyCode::Esc => Some(Action::No),
            KeyCode::Enter | KeyCode::Char(' ') => Some(Action::Choose),
            KeyCode::Left | KeyCode::Right | KeyCode::Tab | KeyCode::BackTab => {
                Some(Action::CursorRight)
            }
            _ => None,
        },
        Overlay::Brief { .. } => match key.code {
            KeyCode::Esc | KeyCode::Char('q' | 'b') | KeyCode::F(2) | KeyCode::Enter => {
                Some(Action::Close)
            }
            KeyCode::Char('?') | KeyCode::F(1) => Some(Action::Help),
            KeyCode::Up | KeyCode::Char('k') => Some(Action::Up),
            KeyCode::Down | KeyCode::Char('j') => Some(Action::Down),
            KeyCode::PageUp => Some(Action::PageUp),
            KeyCode::PageDown | KeyCode::Char(' ') => Some(Action::PageDown),
            KeyCode::Home => Some(Action::Top),
            KeyCode::End => Some(Action::Bottom),
            _ => None,
        },
        Overlay::ConfirmOverwrite { .. } => match key.code {
            KeyCode::Char('y' | 'Y') => Some(Action::Yes),
            KeyCode::Char('n' | 'N' | 'q') | KeyCode::Esc => Some(Action::No),
            KeyCode::Enter | KeyCode::Char(' ') => Some(Action::Choose),
            KeyCode::Left | KeyCode::Right | KeyCode::Tab | KeyCode::BackTab => {
                Some(Action::CursorRight)
            }
            _ => None,
        },
    }
}

fn digit(c: char) -> usize {
    (c as usize).saturating_sub('1' as usize)
}
