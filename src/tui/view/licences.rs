//! The licence shortlist: every open-weights licence family with how it fits the answers
//! (fits, fits with duties, read first, ruled out) on the left; the selected family's
//! reasons, duties, example models and conditions with their sources on the right.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use crate::catalogue::FitStatus;
use crate::tui::app::App;

use super::glossary::list_and_detail;
use super::overlay::boxed;
use super::{fit, follow, pad, para, render_scrolled};

pub struct LicencesView<'a> {
    pub app: &'a App,
    pub cursor: usize,
    pub scroll: usize,
}

/// The status as a short tag for the list.
fn tag(s: FitStatus) -> &'static str {
    match s {
        FitStatus::Fits => "fits",
        FitStatus::FitsWithDuties => "duties",
        FitStatus::ReadFirst => "read first",
        FitStatus::RuledOut => "ruled out",
    }
}

fn label(app: &App, i: usize) -> String {
    let f = &app.eval.licence_fit[i];
    format!("{} · {}", tag(f.status), f.name)
}

fn areas(app: &App, area: Rect) -> (u16, u16, Rect, Rect) {
    let widest = (0..app.eval.licence_fit.len())
        .map(|i| label(app, i).width())
        .max()
        .unwrap_or(10);
    list_and_detail(area, widest, app.eval.licence_fit.len())
}

/// The details of family `cursor`, wrapped to `w`.
fn detail(app: &App, cursor: usize, w: usize) -> Vec<Line<'static>> {
    let t = app.theme;
    let Some(f) = app.eval.licence_fit.get(cursor) else {
        return para(
            "No licence families in the catalogue.",
            w,
            t.muted(),
            "",
            "",
        );
    };
    let mut lines = vec![Line::from(Span::styled(f.name.clone(), t.heading()))];
    lines.extend(para(f.status.title(), w, t.prompt(), "", ""));
    for r in &f.reasons {
        lines.extend(para(&r.text, w, Style::new(), "• ", "  "));
    }
    if !f.duties.is_empty() {
        lines.push(Line::default());
        lines.push(Line::from(Span::styled("What you must do", t.heading())));
        for d in &f.duties {
            lines.extend(para(d, w, Style::new(), "• ", "  "));
        }
    }
    if !f.models.is_empty() {
        lines.push(Line::default());
        lines.push(Line::from(Span::styled("Models under it", t.heading())));
        lines.extend(para(&f.models.join(", "), w, Style::new(), "", ""));
    }
    if let Some(l) = app.bank.catalogue.licence(&f.family) {
        lines.push(Line::default());
        lines.push(Line::from(Span::styled("Its conditions", t.heading())));
        for c in &l.conditions {
            let mark = if c.verified { "" } else { " (not verified)" };
            lines.extend(para(
                &format!("{}{mark}: {}", c.topic.title(), c.summary),
                w,
                Style::new(),
                "• ",
                "  ",
            ));
            for s in &c.sources {
                lines.extend(para(
                    &format!("{}, checked {}", s.title, s.checked),
                    w,
                    t.muted(),
                    "  ",
                    "  ",
                ));
                lines.push(super::path_line(&s.url, w, "  ", t.muted()));
            }
        }
    }
    lines.push(Line::default());
    lines.extend(para(
        "weighup says what to read; it does not give legal advice.",
        w,
        t.muted(),
        "",
        "",
    ));
    lines
}

/// How far the details of family `cursor` can scroll.
pub fn max_scroll(app: &App, cursor: usize) -> usize {
    let (_, _, _, d) = areas(app, Rect::new(0, 0, app.size.0, app.size.1));
    super::max_scroll(
        detail(app, cursor, usize::from(d.width)).len(),
        usize::from(d.height),
    )
}

impl Widget for LicencesView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let t = app.theme;
        let (box_w, box_h, list, det) = areas(app, area);
        let inner = boxed(app, area, "Open-weights licences", box_w, box_h, buf);
        let shift = |r: Rect| Rect {
            x: r.x + inner.x,
            y: r.y + inner.y,
            ..r
        };
        let (list, det) = (shift(list), shift(det));
        let n = app.eval.licence_fit.len();
        let cursor = self.cursor.min(n.saturating_sub(1));
        let lw = usize::from(list.width);
        let items: Vec<Line<'static>> = (0..n)
            .map(|i| {
                let focused = i == cursor;
                let line = Line::from(vec![
                    Span::raw(if focused { "> " } else { "  " }),
                    Span::raw(fit(&label(app, i), lw.saturating_sub(2))),
                ]);
                if focused {
                    pad(line, lw).style(t.focus())
                } else {
                    line
                }
            })
            .collect();
        let scroll = follow(cursor, cursor, items.len(), usize::from(list.height));
        render_scrolled(t, items, scroll, list, buf);
        let lines = detail(app, cursor, usize::from(det.width));
        render_scrolled(t, lines, self.scroll, det, buf);
        let keys = " ↑↓ licence · PgUp PgDn scroll · Esc close ";
        let row = inner.y + inner.height;
        let col = inner.x + inner.width.saturating_sub(keys.width() as u16) / 2;
        if row < area.y + area.height && keys.width() as u16 <= inner.width {
            buf.set_string(col, row, keys, t.key());
        }
    }
}
