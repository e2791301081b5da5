//! The keys help (`?` or F1): the keys of the current screen, then those that work
//! everywhere, and the keys in a text field.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::bank::Kind;
use crate::tui::app::{App, Screen};

use super::overlay::boxed;
use super::{para, render_scrolled};

pub struct HelpView<'a> {
    pub app: &'a App,
    pub scroll: usize,
}

/// The keys of the current screen: (keys, what they do).
fn screen_keys(app: &App) -> Vec<(&'static str, &'static str)> {
    match &app.screen {
        Screen::Welcome { .. } => vec![("↑ ↓  or  k j", "move"), ("Enter or Space", "choose")],
        Screen::Question(s) => match app.question(s.index).kind {
            Kind::Text | Kind::Number => vec![
                ("letters, digits", "type (they never act as keys here)"),
                ("← → Home End", "move in the text"),
                ("Backspace Delete", "erase"),
                ("Enter", "save the answer and go to the next question"),
                ("Tab", "next question"),
                ("Shift-Tab", "previous question (never blocked)"),
                ("↓ ↑", "move to \"Not sure\" and back"),
                ("F1", "this help; from here g opens the glossary"),
                ("Esc", "quit (your answers are saved)"),
            ],
            Kind::Multi => vec![
                ("↑ ↓  or  k j", "move"),
                ("Space or 1-9", "tick or untick an option"),
                ("Enter", "save the ticks and go to the next question"),
                ("← or Backspace", "previous question (your ticks are kept)"),
                ("→ or Tab", "next question"),
            ],
            _ => vec![
                ("↑ ↓  or  k j", "move"),
                ("Enter or Space", "choose and go to the next question"),
                ("1-9", "choose that option"),
                ("y  n", "yes or no, on yes/no questions"),
                ("← or Backspace", "previous question (answers are kept)"),
                ("→ or Tab", "next question without answering"),
            ],
        },
        Screen::Index { .. } => vec![
            ("↑ ↓  PgUp PgDn", "move"),
            ("Enter", "go to that question"),
            ("← or Backspace", "back"),
        ],
        Screen::Check { .. } => vec![
            ("↑ ↓", "move"),
            ("Enter", "change that answer (you come back here)"),
            ("r or →", "see the result"),
            ("← or Backspace", "back"),
        ],
        Screen::Result { .. } => vec![
            ("↑ ↓  PgUp PgDn", "scroll"),
            ("Tab  Shift-Tab", "move between the flags"),
            ("Enter or 1-9", "open a flag's details"),
            (
                "l",
                "the open-weights licences that fit your answers, each with its conditions",
            ),
            ("c", "check and change your answers"),
            ("o", "when reviewing: overwrite the original file"),
        ],
        Screen::Scenarios { field: true, .. } => vec![
            ("letters, digits", "type your name or table (optional)"),
            ("Enter or Tab", "back to the cards"),
            ("Esc", "back to the welcome screen"),
        ],
        Screen::Scenarios { .. } => vec![
            ("↑ ↓  or  k j", "move"),
            ("Enter or 1-9", "play that card: its brief comes first"),
            ("Tab", "type your name or table (optional)"),
            ("Esc", "back to the welcome screen"),
        ],
        Screen::Brief { .. } => vec![
            ("↑ ↓  PgUp PgDn", "scroll"),
            ("Enter", "start the questions"),
            ("Esc", "back to the welcome screen"),
        ],
        Screen::Flag { .. } => vec![
            ("↑ ↓  PgUp PgDn", "scroll"),
            ("Tab or n, p", "next or previous flag"),
            ("← or Enter", "back to the result"),
        ],
    }
}

const EVERYWHERE: &[(&str, &str)] = &[
    ("? or F1", "this help"),
    ("g", "glossary: the terms explained"),
    ("i", "all questions: jump to any of them"),
    ("c", "check and change your answers"),
    ("r", "see the result"),
    ("q or Esc", "quit (asks first; your answers are saved)"),
    ("Ctrl-C", "quit at once (your answers are saved)"),
];

/// The help as lines, wrapped to `w`.
pub fn doc(app: &App, w: usize) -> Vec<Line<'static>> {
    let t = app.theme;
    let key_w = 18;
    let row = |k: &str, d: &str| -> Vec<Line<'static>> {
        let lead = format!("  {k:<key_w$} ");
        let mut lines = para(d, w, Style::new(), &lead, &" ".repeat(key_w + 3));
        if let Some(first) = lines.first_mut() {
            first.spans[0] = Span::styled(lead, t.key());
        }
        lines
    };
    // On a question, who to ask comes first: it is what people open the help for.
    let mut lines = not_sure(app, w);
    lines.push(Line::from(Span::styled("On this screen", t.heading())));
    for (k, d) in screen_keys(app) {
        lines.extend(row(k, d));
    }
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(
        "Everywhere (outside a text field)",
        t.heading(),
    )));
    for (k, d) in EVERYWHERE {
        lines.extend(row(k, d));
    }
    if app.scenario().is_some() {
        lines.extend(row(
            "b or F2",
            "your scenario card's brief (F2 in a text field)",
        ));
    }
    lines.extend(in_full(app, w));
    lines.push(Line::default());
    lines.extend(para(
        "Your answers are saved after every answer. \"Not sure\" is a real answer: it goes on your list of things to find out.",
        w,
        t.muted(),
        "",
        "",
    ));
    lines.push(Line::default());
    lines.extend(para(
        "Esc, ? or Enter closes this help.",
        w,
        t.muted(),
        "",
        "",
    ));
    lines
}

/// On a question that offers "Not sure": who can tell you the answer.
fn not_sure(app: &App, w: usize) -> Vec<Line<'static>> {
    let t = app.theme;
    let mut lines: Vec<Line<'static>> = Vec::new();
    if let Screen::Question(s) = &app.screen {
        if let Some(ns) = &app.question(s.index).not_sure {
            lines.push(Line::from(Span::styled(
                "If you are not sure: who to ask",
                t.heading(),
            )));
            lines.extend(para(&ns.find_out, w, Style::new(), "", ""));
            lines.extend(para(
                "Or answer \"Not sure\": it goes on your list of things to find out.",
                w,
                t.muted(),
                "",
                "",
            ));
            lines.push(Line::default());
        }
    }
    lines
}

/// The whole file names and web addresses that the screen may show shortened.
fn in_full(app: &App, w: usize) -> Vec<Line<'static>> {
    let t = app.theme;
    let mut lines: Vec<Line<'static>> = Vec::new();
    let heading = |lines: &mut Vec<Line<'static>>, s: &str| {
        lines.push(Line::default());
        lines.push(Line::from(Span::styled(s.to_string(), t.heading())));
    };
    let mut full: Vec<(String, String)> = Vec::new();
    if let Screen::Flag { index, .. } = &app.screen {
        if let Some(f) = app.q.evaluation().flags.get(*index) {
            for s in &f.sources {
                full.push((s.title.clone(), s.url.clone()));
            }
        }
    }
    match app.q.reviewing() {
        Some(r) => {
            full.push(("The original".into(), r.original.display().to_string()));
            if let Some(c) = r.copy.as_ref().filter(|_| app.q.changed()) {
                full.push(("Your changes".into(), c.display().to_string()));
            }
        }
        None => {
            if let Some(p) = app.saved_path() {
                full.push(("Your answers".into(), p.display().to_string()));
            } else if app.fresh {
                full.push((
                    "Your answers will be saved in".into(),
                    app.q.path().display().to_string(),
                ));
            }
        }
    }
    if !full.is_empty() {
        heading(&mut lines, "In full (to copy)");
        for (label, value) in full {
            lines.extend(para(&label, w, t.muted(), "", ""));
            // Whole: broken only where the line ends, never shortened.
            for l in super::wrap_chars(&value, w) {
                lines.push(Line::from(l));
            }
        }
    }
    lines
}

fn area_for(app: &App, area: Rect) -> (u16, u16) {
    let _ = app;
    (
        72.min(area.width.saturating_sub(2)),
        area.height.saturating_sub(2).min(30),
    )
}

/// How far the help can scroll at the current size.
pub fn max_scroll(app: &App) -> usize {
    let area = Rect::new(0, 0, app.size.0, app.size.1);
    let (w, h) = area_for(app, area);
    let inner_w = usize::from(w.saturating_sub(4));
    super::max_scroll(doc(app, inner_w).len(), usize::from(h.saturating_sub(2)))
}

impl Widget for HelpView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let (w, h) = area_for(app, area);
        let inner = boxed(app, area, "Help", w, h, buf);
        let lines = doc(app, usize::from(inner.width));
        render_scrolled(app.theme, lines, self.scroll, inner, buf);
    }
}
