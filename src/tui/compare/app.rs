//! The comparison view's state and its update: pure, no terminal and no drawing. Results stay
//! hidden until the facilitator reveals them, so that early answers do not sway the room.

use crate::tui::Theme;
use crate::tui::view::{MIN_HEIGHT, MIN_WIDTH, max_scroll};
use crate::workshop::Room;
use crate::workshop::Scenario;

/// The pages of the revealed view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Overview,
    Verdicts,
    Questions,
    Flags,
    Sheets,
}

impl Tab {
    pub const ALL: [Tab; 5] = [
        Tab::Overview,
        Tab::Verdicts,
        Tab::Questions,
        Tab::Flags,
        Tab::Sheets,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Tab::Overview => "Overview",
            Tab::Verdicts => "Verdicts",
            Tab::Questions => "Questions",
            Tab::Flags => "Flags",
            Tab::Sheets => "Sheets",
        }
    }

    fn index(self) -> usize {
        Tab::ALL.iter().position(|t| *t == self).unwrap_or(0)
    }
}

/// What the facilitator asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Reveal,
    Hide,
    NextTab,
    PrevTab,
    Go(Tab),
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    Reload,
    Help,
    /// Esc: close help, or quit.
    Back,
    Quit,
    Interrupt,
    /// The screen has a new size (columns, rows).
    Resize(u16, u16),
}

/// What the loop must do after an update.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    None,
    /// Read the files again.
    Reload,
    Quit,
    Interrupted,
}

/// The facilitator's view.
#[derive(Debug, Clone)]
pub struct CompareApp {
    pub room: Room,
    /// The cards, for the expected verdicts' reasoning.
    pub cards: Vec<Scenario>,
    pub revealed: bool,
    pub tab: Tab,
    /// Lines scrolled down in the current page.
    pub scroll: usize,
    pub help: bool,
    /// A one-line message, such as what a reload found.
    pub notice: Option<String>,
    pub theme: Theme,
    /// The screen size (columns, rows), from [`Action::Resize`] (for scrolling limits).
    pub size: (u16, u16),
}

impl CompareApp {
    pub fn new(room: Room, cards: Vec<Scenario>, theme: Theme) -> CompareApp {
        CompareApp {
            room,
            cards,
            revealed: false,
            tab: Tab::Overview,
            scroll: 0,
            help: false,
            notice: None,
            theme,
            size: (80, 24),
        }
    }

    /// Is the window smaller than the screens are laid out for (the same limit as the
    /// questionnaire's)? Then only quitting works.
    pub fn too_small(&self) -> bool {
        self.size.0 < MIN_WIDTH || self.size.1 < MIN_HEIGHT
    }

    /// Replaces the room after reading the files again, keeping the page and the reveal.
    pub fn set_room(&mut self, room: Room) {
        let before = self.room.sheets;
        let after = room.sheets;
        let sheets = |n: usize| format!("{n} sheet{}", if n == 1 { "" } else { "s" });
        self.notice = Some(if after == before {
            format!("Read the files again: still {}.", sheets(after))
        } else {
            format!("Read the files again: {} (was {before}).", sheets(after))
        });
        self.room = room;
        self.scroll = self.scroll.min(self.max_scroll());
    }

    /// Rows for the page: the title, the tabs or status, the summary and the keys take four.
    pub(super) fn body_height(&self) -> usize {
        usize::from(self.size.1.saturating_sub(4)).max(1)
    }

    /// Columns for the page: one column of margin on each side.
    pub(super) fn body_width(&self) -> usize {
        usize::from(self.size.0.saturating_sub(2)).max(20)
    }

    fn max_scroll(&self) -> usize {
        let n = self.page_lines(self.body_width(), self.body_height()).len();
        max_scroll(n, self.body_height())
    }

    /// Applies an action. Pure: the loop carries out the effect.
    pub fn update(&mut self, action: Action) -> Effect {
        if let Action::Resize(w, h) = action {
            self.size = (w, h);
            self.scroll = self.scroll.min(self.max_scroll());
            return Effect::None;
        }
        if action != Action::Reload {
            self.notice = None;
        }
        if self.help {
            self.help = false;
            if !matches!(action, Action::Quit | Action::Interrupt) {
                return Effect::None;
            }
        }
        let page = self.body_height().saturating_sub(2).max(1);
        match action {
            Action::Reveal => {
                if !self.revealed {
                    self.revealed = true;
                    self.tab = Tab::Overview;
                    self.scroll = 0;
                }
            }
            Action::Hide => {
                self.revealed = false;
                self.scroll = 0;
            }
            Action::NextTab | Action::PrevTab | Action::Go(_) if !self.revealed => {}
            Action::NextTab => self.go(Tab::ALL[(self.tab.index() + 1) % Tab::ALL.len()]),
            Action::PrevTab => {
                self.go(Tab::ALL[(self.tab.index() + Tab::ALL.len() - 1) % Tab::ALL.len()]);
            }
            Action::Go(t) => self.go(t),
            Action::Up => self.scroll = self.scroll.saturating_sub(1),
            Action::Down => self.scroll = (self.scroll + 1).min(self.max_scroll()),
            Action::PageUp => self.scroll = self.scroll.saturating_sub(page),
            Action::PageDown => self.scroll = (self.scroll + page).min(self.max_scroll()),
            Action::Top => self.scroll = 0,
            Action::Bottom => self.scroll = self.max_scroll(),
            Action::Reload => return Effect::Reload,
            Action::Help => self.help = true,
            Action::Back | Action::Quit => return Effect::Quit,
            Action::Interrupt => return Effect::Interrupted,
            Action::Resize(..) => {}
        }
        Effect::None
    }

    fn go(&mut self, tab: Tab) {
        if self.tab != tab {
            self.tab = tab;
            self.scroll = 0;
        }
    }
}
