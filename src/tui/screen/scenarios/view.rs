//! The workshop scenario cards to choose from, with the optional participant label and what
//! the answers file stores. The facilitator's note is never shown here.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use crate::tui::app::App;
use crate::tui::input::TextInput;
use crate::tui::keymap::screen_footer;
use crate::tui::view::{
    TEXT_WIDTH, chrome, fit, follow, pad, para, render_chrome, render_scrolled,
};

pub const LABEL_PROMPT: &str = "Your name or table, optional. Leave empty to stay anonymous.";
pub const STORED: &str = "By default your answers are anonymous. The answers file stores only your answers, the scenario, the label if you give one, and the dates; nothing else.";

// ---- the list ----

pub struct ScenariosView<'a> {
    pub app: &'a App,
    pub cursor: usize,
    pub field: bool,
    pub label: &'a TextInput,
}

/// The list's lines, the line of the label field, and the (first, last) line of each card.
fn list_lines(
    app: &App,
    cursor: usize,
    field: bool,
    label: &TextInput,
    w: usize,
) -> (Vec<Line<'static>>, usize, Vec<(usize, usize)>) {
    let t = app.theme;
    let mut lines = para(
        "Each card describes an organisation. Answer the questions as that organisation would; its brief stays one key away (b or F2) while you answer.",
        w,
        Style::new(),
        "",
        "",
    );
    lines.push(Line::default());
    lines.extend(para(LABEL_PROMPT, w, t.prompt(), "", ""));
    let field_line = lines.len();
    let shown = if label.is_empty() && !field {
        Line::from(vec![
            Span::raw("  "),
            Span::styled("(anonymous; press Tab to type)", t.placeholder()),
        ])
    } else {
        Line::from(vec![
            Span::raw(if field { "> " } else { "  " }),
            Span::raw(fit(label.text(), w.saturating_sub(3))),
        ])
    };
    lines.push(if field {
        pad(shown, w).style(t.focus())
    } else {
        shown
    });
    lines.extend(para(STORED, w, t.muted(), "", ""));
    lines.push(Line::default());
    let mut rows = Vec::new();
    for (i, card) in app.scenarios().iter().enumerate() {
        let first = lines.len();
        let focused = !field && i == cursor;
        let marker = if focused { "> " } else { "  " };
        let number = format!("{}. ", i + 1);
        for (j, l) in para(&card.title, w, Style::new(), &number, "   ")
            .into_iter()
            .enumerate()
        {
            let mut spans = vec![Span::raw(if j == 0 { marker } else { "  " })];
            spans.extend(l.spans);
            let line = Line::from(spans);
            lines.push(if focused {
                pad(line, w).style(t.focus())
            } else {
                line
            });
        }
        lines.extend(para(&card.summary, w, t.muted(), "     ", "     "));
        rows.push((first, lines.len() - 1));
    }
    (lines, field_line, rows)
}

fn body(app: &App, area: Rect) -> Rect {
    let c = chrome(app, area);
    Rect {
        width: c.body.width.min(TEXT_WIDTH),
        ..c.body
    }
}

/// Where the list is drawn from, keeping the focus in view.
fn list_scroll(
    len: usize,
    field: bool,
    field_line: usize,
    rows: &[(usize, usize)],
    cursor: usize,
    height: usize,
) -> usize {
    let (first, last) = if field {
        (0, field_line + 1)
    } else {
        rows.get(cursor).copied().unwrap_or((0, 0))
    };
    follow(first, last, len, height)
}

/// The terminal cursor in the label field.
pub fn cursor_position(
    app: &App,
    area: Rect,
    cursor: usize,
    label: &TextInput,
) -> Option<Position> {
    let b = body(app, area);
    let (lines, field_line, rows) = list_lines(app, cursor, true, label, usize::from(b.width));
    let scroll = list_scroll(
        lines.len(),
        true,
        field_line,
        &rows,
        cursor,
        usize::from(b.height),
    );
    let row = field_line.checked_sub(scroll)?;
    if row >= usize::from(b.height) {
        return None;
    }
    let before: String = label.text().chars().take(label.cursor()).collect();
    let x = (2 + before.width()).min(usize::from(b.width).saturating_sub(1));
    Some(Position::new(b.x + x as u16, b.y + row as u16))
}

impl Widget for ScenariosView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let c = chrome(app, area);
        let hints = &screen_footer(app);
        let right = format!("{} cards", app.scenarios().len());
        render_chrome(app, &c, "Play a workshop scenario card", &right, hints, buf);
        let b = body(app, area);
        let (lines, field_line, rows) = list_lines(
            app,
            self.cursor,
            self.field,
            self.label,
            usize::from(b.width),
        );
        let scroll = list_scroll(
            lines.len(),
            self.field,
            field_line,
            &rows,
            self.cursor,
            usize::from(b.height),
        );
        render_scrolled(app.theme, lines, scroll, b, buf);
    }
}
