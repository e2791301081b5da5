//! The scenario's brief as a box over any screen (b, or F2 in a text field).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Widget;

use crate::tui::app::App;
use crate::tui::screen::brief::view::brief_lines;
use crate::tui::scroll::Scroll;
use crate::tui::view::{boxed, para, render_scroll};

pub struct BriefOverlayView<'a> {
    pub app: &'a App,
    pub scroll: &'a Scroll,
}

fn overlay_size(area: Rect) -> (u16, u16) {
    (
        80.min(area.width.saturating_sub(2)),
        area.height.saturating_sub(2),
    )
}

fn overlay_lines(app: &App, w: usize) -> Vec<Line<'static>> {
    let Some(card) = app.scenario() else {
        return Vec::new();
    };
    let mut lines = brief_lines(app, card, w);
    lines.push(Line::default());
    lines.extend(para(
        "Esc, b or F2 closes the brief.",
        w,
        app.theme.muted(),
        "",
        "",
    ));
    lines
}

impl Widget for BriefOverlayView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let (w, h) = overlay_size(area);
        let inner = boxed(app, area, "Scenario brief", w, h, buf);
        let lines = overlay_lines(app, usize::from(inner.width));
        render_scroll(app.theme, lines, self.scroll, inner, buf);
    }
}
