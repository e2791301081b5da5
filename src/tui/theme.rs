//! Every style the app uses, in one place. With `NO_COLOR` the theme adds no colour at all:
//! focus, choices, severity and direction are shown by characters, words and reverse video,
//! never by colour alone.

use ratatui::style::{Color, Modifier, Style};

use crate::bank::Verdict;
use crate::catalogue::Severity;

/// Colours on or off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
}

impl Default for Theme {
    fn default() -> Self {
        Theme::COLOR
    }
}

impl Theme {
    pub const COLOR: Theme = Theme { color: true };
    pub const NO_COLOR: Theme = Theme { color: false };

    /// Honours the `NO_COLOR` convention (<https://no-color.org>): set and not empty means no
    /// colour.
    pub fn from_env() -> Theme {
        match std::env::var_os("NO_COLOR") {
            Some(v) if !v.is_empty() => Theme::NO_COLOR,
            _ => Theme::COLOR,
        }
    }

    fn fg(self, style: Style, color: Color) -> Style {
        if self.color { style.fg(color) } else { style }
    }

    /// The app name and screen title at the top.
    pub fn header(self) -> Style {
        self.fg(Style::new().add_modifier(Modifier::BOLD), Color::Cyan)
    }

    /// Where the person is: "Section 2 of 6 · Question 7 of 22".
    pub fn position(self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    /// Headings inside a screen.
    pub fn heading(self) -> Style {
        self.fg(Style::new().add_modifier(Modifier::BOLD), Color::Cyan)
    }

    /// The question itself.
    pub fn prompt(self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    /// The focused row: reverse video (with the `>` marker beside it).
    pub fn focus(self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }

    /// A chosen option's marker, `(*)` or `[x]`.
    pub fn chosen(self) -> Style {
        self.fg(Style::new().add_modifier(Modifier::BOLD), Color::Green)
    }

    /// Secondary text: descriptions, hints.
    pub fn muted(self) -> Style {
        self.fg(Style::new(), Color::Gray)
    }

    /// Text in an empty field that shows what to type.
    pub fn placeholder(self) -> Style {
        self.fg(Style::new().add_modifier(Modifier::ITALIC), Color::DarkGray)
    }

    /// A validation or save problem (always also says "Error:" in words).
    pub fn error(self) -> Style {
        self.fg(Style::new().add_modifier(Modifier::BOLD), Color::Red)
    }

    /// A short confirmation ("Saved").
    pub fn ok(self) -> Style {
        self.fg(Style::new(), Color::Green)
    }

    /// A key in the footer or help.
    pub fn key(self) -> Style {
        self.fg(Style::new().add_modifier(Modifier::BOLD), Color::Yellow)
    }

    /// The verdict line.
    pub fn verdict(self) -> Style {
        self.fg(Style::new().add_modifier(Modifier::BOLD), Color::Cyan)
    }

    /// The severity word of a flag ("BLOCKS", "READ CAREFULLY", "NOTE").
    pub fn severity(self, s: Severity) -> Style {
        let base = Style::new().add_modifier(Modifier::BOLD);
        match s {
            Severity::Blocks => self.fg(base, Color::Red),
            Severity::ReadCarefully => self.fg(base, Color::Yellow),
            Severity::Note => self.fg(base, Color::Cyan),
        }
    }

    /// A bar toward open weights (it is drawn right of the middle line).
    pub fn bar_open(self) -> Style {
        self.fg(Style::new(), Color::Green)
    }

    /// A bar toward closed (it is drawn left of the middle line).
    pub fn bar_closed(self) -> Style {
        self.fg(Style::new(), Color::Magenta)
    }

    /// The filled part of the progress bar.
    pub fn progress(self) -> Style {
        self.fg(Style::new(), Color::Cyan)
    }

    /// Borders of overlays.
    pub fn border(self) -> Style {
        self.fg(Style::new(), Color::Cyan)
    }

    /// Words that must stand out in a table or a list (a question's name, a count the card
    /// expects).
    pub fn strong(self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    /// A count of sheets with this verdict in the workshop's comparison: open weights and
    /// closed in the colours of the result's bars; the words and `>` marks say the same
    /// without colour.
    pub fn outcome(self, v: Verdict) -> Style {
        match v {
            Verdict::OpenWeights => self.bar_open(),
            Verdict::Closed => self.bar_closed(),
            Verdict::Hybrid => self.fg(Style::new(), Color::Cyan),
            Verdict::Conflict => self.fg(Style::new(), Color::Red),
            Verdict::Undecided => self.fg(Style::new(), Color::DarkGray),
        }
    }
}
