//! The glossary: the terms on the left, the selected one's definition and its sources on
//! the right (or below, on narrow windows). Up/Down choose a term; PgUp/PgDn scroll its
//! definition.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use crate::tui::app::App;
use crate::tui::scroll::Scroll;

use crate::tui::view::boxed;
use crate::tui::view::{fit, follow, pad, para, render_scroll, render_scrolled};

pub struct GlossaryView<'a> {
    pub app: &'a App,
    pub cursor: usize,
    pub scroll: &'a Scroll,
}

/// The box, the list of terms and the definition pane for a window of this size.
fn areas(app: &App, area: Rect) -> (u16, u16, Rect, Rect) {
    let widest = app
        .glossary
        .terms
        .iter()
        .map(|x| x.term.width())
        .max()
        .unwrap_or(10);
    list_and_detail(area, widest, app.glossary.terms.len())
}

/// A box with a list on the left and the selected item's details on the right (or below, on
/// narrow windows): the box's size, the list and the details, relative to the box's inside.
/// The glossary and the licence shortlist share it.
pub(super) fn list_and_detail(area: Rect, widest: usize, items: usize) -> (u16, u16, Rect, Rect) {
    let w = 96.min(area.width.saturating_sub(2));
    let h = area.height.saturating_sub(2).min(30);
    let inner = Rect::new(0, 0, w.saturating_sub(4), h.saturating_sub(2));
    let list_w = widest.min(30) as u16 + 3;
    let (list, detail) = if inner.width >= list_w + 32 {
        let [l, _g, d] = Layout::horizontal([
            Constraint::Length(list_w),
            Constraint::Length(2),
            Constraint::Fill(1),
        ])
        .areas(inner);
        (l, d)
    } else {
        let list_h = (items as u16).min(inner.height / 3).max(3);
        let [l, _g, d] = Layout::vertical([
            Constraint::Length(list_h),
            Constraint::Length(1),
            Constraint::Fill(1),
        ])
        .areas(inner);
        (l, d)
    };
    (w, h, list, detail)
}

/// The definition of term `cursor` and its sources, wrapped to `w`.
fn detail(app: &App, cursor: usize, w: usize) -> Vec<Line<'static>> {
    let t = app.theme;
    let term = &app.glossary.terms[cursor];
    let mut lines = vec![Line::from(Span::styled(term.term.clone(), t.heading()))];
    lines.extend(para(&term.definition, w, Style::new(), "", ""));
    lines.push(Line::default());
    if term.sources.is_empty() {
        lines.extend(para(
            "Our own general explanation, not taken from a specific source.",
            w,
            t.muted(),
            "",
            "",
        ));
        return lines;
    }
    lines.push(Line::from(Span::styled(
        if term.sources.len() == 1 {
            "Source"
        } else {
            "Sources"
        },
        t.heading(),
    )));
    for s in &term.sources {
        lines.extend(crate::tui::view::source_lines(
            s,
            w,
            t,
            Style::new(),
            t.muted(),
        ));
    }
    lines
}

impl Widget for GlossaryView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let labels: Vec<String> = app.glossary.terms.iter().map(|x| x.term.clone()).collect();
        let cursor = self.cursor.min(labels.len().saturating_sub(1));
        ListAndDetail {
            app,
            title: "Glossary",
            labels,
            cursor,
            scroll: self.scroll,
            areas: areas(app, area),
            detail: &|w| detail(app, cursor, w),
            keys: " ↑↓ term · PgUp PgDn scroll · Esc close ",
        }
        .render(area, buf);
    }
}

/// A box with a list on the left and the chosen item's details beside it, as the glossary
/// and the licence shortlist draw it.
pub(super) struct ListAndDetail<'a> {
    pub app: &'a App,
    pub title: &'a str,
    pub labels: Vec<String>,
    pub cursor: usize,
    pub scroll: &'a Scroll,
    /// From [`list_and_detail`].
    pub areas: (u16, u16, Rect, Rect),
    /// The chosen item's details, wrapped to a width.
    pub detail: &'a dyn Fn(usize) -> Vec<Line<'static>>,
    /// The keys, shown on the bottom border.
    pub keys: &'a str,
}

impl Widget for ListAndDetail<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = self.app.theme;
        let (box_w, box_h, list, det) = self.areas;
        let inner = boxed(self.app, area, self.title, box_w, box_h, buf);
        let shift = |r: Rect| Rect {
            x: r.x + inner.x,
            y: r.y + inner.y,
            ..r
        };
        let (list, det) = (shift(list), shift(det));
        let lw = usize::from(list.width);
        let items: Vec<Line<'static>> = self
            .labels
            .iter()
            .enumerate()
            .map(|(i, label)| {
                let focused = i == self.cursor;
                let line = Line::from(vec![
                    Span::raw(if focused { "> " } else { "  " }),
                    Span::raw(fit(label, lw.saturating_sub(2))),
                ]);
                if focused {
                    pad(line, lw).style(t.focus())
                } else {
                    line
                }
            })
            .collect();
        let scroll = follow(
            self.cursor,
            self.cursor,
            items.len(),
            usize::from(list.height),
        );
        render_scrolled(t, items, scroll, list, buf);
        let lines = (self.detail)(usize::from(det.width));
        render_scroll(t, lines, self.scroll, det, buf);
        let row = inner.y + inner.height;
        let col = inner.x + inner.width.saturating_sub(self.keys.width() as u16) / 2;
        if row < area.y + area.height && self.keys.width() as u16 <= inner.width {
            buf.set_string(col, row, self.keys, t.key());
        }
    }
}
