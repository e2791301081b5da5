//! The boxes drawn over a screen: the help, the glossary, the licence shortlist, the two
//! confirmations and the scenario brief. Each has its view in a file of its own beside this
//! one; their keys are handled here (they are short).

pub mod brief;
pub mod confirm;
pub mod glossary;
pub mod help;
pub mod licences;

use super::action::{Action, Effect};
use super::app::App;
use super::scroll::Scroll;

/// A box over the screen.
#[derive(Debug, Clone, PartialEq)]
pub enum Overlay {
    Help {
        scroll: Scroll,
    },
    /// The selected term, and how far its definition is scrolled.
    Glossary {
        cursor: usize,
        scroll: Scroll,
    },
    /// The licence shortlist: the selected family, and how far its details are scrolled.
    Licences {
        cursor: usize,
        scroll: Scroll,
    },
    /// "Quit weighup?" with the focus on Quit (true) or Stay (false).
    ConfirmQuit {
        quit: bool,
    },
    /// Review mode: "Overwrite the original?" with the focus on Overwrite (true) or Keep.
    ConfirmOverwrite {
        overwrite: bool,
    },
    /// The scenario's brief, over any screen (b or F2).
    Brief {
        scroll: Scroll,
    },
}

impl Overlay {
    pub fn help() -> Overlay {
        Overlay::Help {
            scroll: Scroll::top(),
        }
    }

    /// The glossary, at term `cursor`.
    pub fn glossary(cursor: usize) -> Overlay {
        Overlay::Glossary {
            cursor,
            scroll: Scroll::top(),
        }
    }

    pub fn licences() -> Overlay {
        Overlay::Licences {
            cursor: 0,
            scroll: Scroll::top(),
        }
    }

    pub fn brief() -> Overlay {
        Overlay::Brief {
            scroll: Scroll::top(),
        }
    }

    /// How far the box is scrolled, if it scrolls (as far as the last drawing tells).
    pub fn scroll(&self) -> Option<usize> {
        match self {
            Overlay::Help { scroll }
            | Overlay::Glossary { scroll, .. }
            | Overlay::Licences { scroll, .. }
            | Overlay::Brief { scroll } => Some(scroll.offset()),
            Overlay::ConfirmQuit { .. } | Overlay::ConfirmOverwrite { .. } => None,
        }
    }
}

/// What a key did in a box.
enum Then {
    Stay,
    Close,
    Open(Overlay),
}

/// A list box with details beside it (the glossary, the licence shortlist): Up and Down
/// choose an item, Page Up and Page Down scroll its details, `close` or Esc closes it, ?
/// opens the help.
fn list_box(
    action: &Action,
    cursor: &mut usize,
    scroll: &mut Scroll,
    items: usize,
    close: &Action,
) -> Then {
    let last = items.max(1) - 1;
    let to = match action {
        Action::Up => cursor.saturating_sub(1),
        Action::Down => (*cursor + 1).min(last),
        Action::Top => 0,
        Action::Bottom => last,
        Action::PageUp | Action::PageDown => {
            scroll.apply(action, 5);
            return Then::Stay;
        }
        Action::Close | Action::Quit | Action::Back => return Then::Close,
        Action::Help => return Then::Open(Overlay::help()),
        a if a == close => return Then::Close,
        _ => return Then::Stay,
    };
    // Another item: its details from the top.
    *cursor = to;
    *scroll = Scroll::top();
    Then::Stay
}

impl App {
    /// A key while a box is open.
    pub(crate) fn update_overlay(&mut self, action: &Action) -> Effect {
        let glossary_terms = self.glossary.terms.len();
        let licences = self.q.evaluation().licence_fit.len();
        let Some(overlay) = self.overlay.as_mut() else {
            return Effect::None;
        };
        let mut effect = Effect::None;
        let then = match overlay {
            Overlay::Help { scroll } => match action {
                Action::Up
                | Action::Down
                | Action::PageUp
                | Action::PageDown
                | Action::Top
                | Action::Bottom => {
                    scroll.apply(action, 10);
                    Then::Stay
                }
                Action::Glossary => Then::Open(Overlay::glossary(0)),
                Action::Index => {
                    self.overlay = None;
                    return self.update(Action::Index);
                }
                Action::Close | Action::Help | Action::Quit | Action::Choose => Then::Close,
                _ => Then::Stay,
            },
            Overlay::Glossary { cursor, scroll } => {
                list_box(action, cursor, scroll, glossary_terms, &Action::Glossary)
            }
            Overlay::Licences { cursor, scroll } => {
                list_box(action, cursor, scroll, licences, &Action::Licences)
            }
            Overlay::ConfirmQuit { quit } => match action {
                Action::Yes | Action::Quit => return Effect::Quit,
                Action::Choose | Action::Submit if *quit => return Effect::Quit,
                Action::No | Action::Close | Action::Choose | Action::Submit | Action::Back => {
                    Then::Close
                }
                Action::CursorLeft
                | Action::CursorRight
                | Action::Next
                | Action::Up
                | Action::Down => {
                    *quit = !*quit;
                    Then::Stay
                }
                _ => Then::Stay,
            },
            Overlay::Brief { scroll } => {
                if scroll.apply(action, 10) {
                    Then::Stay
                } else {
                    match action {
                        Action::Help => Then::Open(Overlay::help()),
                        Action::Close
                        | Action::Brief
                        | Action::Quit
                        | Action::Back
                        | Action::Choose
                        | Action::Submit => Then::Close,
                        _ => Then::Stay,
                    }
                }
            }
            Overlay::ConfirmOverwrite { overwrite } => match action {
                Action::Yes => {
                    effect = Effect::OverwriteOriginal;
                    Then::Close
                }
                Action::Choose | Action::Submit if *overwrite => {
                    effect = Effect::OverwriteOriginal;
                    Then::Close
                }
                Action::No
                | Action::Close
                | Action::Quit
                | Action::Choose
                | Action::Submit
                | Action::Back => Then::Close,
                Action::CursorLeft
                | Action::CursorRight
                | Action::Next
                | Action::Up
                | Action::Down => {
                    *overwrite = !*overwrite;
                    Then::Stay
                }
                _ => Then::Stay,
            },
        };
        match then {
            Then::Stay => {}
            Then::Close => self.overlay = None,
            Then::Open(o) => self.overlay = Some(o),
        }
        effect
    }
}
