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
use crate::tui::scroll::Scroll;

use super::glossary::{ListAndDetail, list_and_detail};
use crate::tui::view::para;

pub struct LicencesView<'a> {
    pub app: &'a App,
    pub cursor: usize,
    pub scroll: &'a Scroll,
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
    let f = &app.q.evaluation().licence_fit[i];
    format!("{} · {}", tag(f.status), f.name)
}

fn areas(app: &App, area: Rect) -> (u16, u16, Rect, Rect) {
    let widest = (0..app.q.evaluation().licence_fit.len())
        .map(|i| label(app, i).width())
        .max()
        .unwrap_or(10);
    list_and_detail(area, widest, app.q.evaluation().licence_fit.len())
}

/// The details of family `cursor`, wrapped to `w`.
fn detail(app: &App, cursor: usize, w: usize) -> Vec<Line<'static>> {
    let t = app.theme;
    let Some(f) = app.q.evaluation().licence_fit.get(cursor) else {
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
    if let Some(l) = app.q.bank().catalogue.licence(&f.family) {
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
                lines.push(crate::tui::view::path_line(&s.url, w, "  ", t.muted()));
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

impl Widget for LicencesView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let n = app.q.evaluation().licence_fit.len();
        let cursor = self.cursor.min(n.saturating_sub(1));
        ListAndDetail {
            app,
            title: "Open-weights licences",
            labels: (0..n).map(|i| label(app, i)).collect(),
            cursor,
            scroll: self.scroll,
            areas: areas(app, area),
            detail: &|w| detail(app, cursor, w),
            keys: " ↑↓ licence · PgUp PgDn scroll · Esc close ",
        }
        .render(area, buf);
    }
}
