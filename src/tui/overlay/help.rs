//! The keys help (`?` or F1): the keys of the current screen, then those that work
//! everywhere, and the keys in a text field.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::tui::app::{App, Screen};
use crate::tui::keymap::help_rows;
use crate::tui::scroll::Scroll;

use crate::tui::view::boxed;
use crate::tui::view::{para, render_scroll};

pub struct HelpView<'a> {
    pub app: &'a App,
    pub scroll: &'a Scroll,
}

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
    let (here, everywhere) = help_rows(app);
    for (k, d) in &here {
        lines.extend(row(k, d));
    }
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(
        "Everywhere (outside a text field)",
        t.heading(),
    )));
    for (k, d) in &everywhere {
        lines.extend(row(k, d));
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
    if let Screen::Flag(flag) = &app.screen {
        if let Some(f) = app.q.evaluation().flags.get(flag.index) {
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
            for l in crate::tui::view::wrap_chars(&value, w) {
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

impl Widget for HelpView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let (w, h) = area_for(app, area);
        let inner = boxed(app, area, "Help", w, h, buf);
        let lines = doc(app, usize::from(inner.width));
        render_scroll(app.theme, lines, self.scroll, inner, buf);
    }
}
