//! The chosen card's brief before the first question: the title, the brief and the facts,
//! as participants read them (the facilitator's note is never shown).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::tui::app::App;
use crate::tui::keymap::screen_footer;
use crate::tui::scroll::Scroll;
use crate::tui::view::{TEXT_WIDTH, chrome, para, render_chrome, render_scroll};
use crate::workshop::Scenario;

fn body(app: &App, area: Rect) -> Rect {
    let c = chrome(app, area);
    Rect {
        width: c.body.width.min(TEXT_WIDTH),
        ..c.body
    }
}

/// The card as participants read it: the title, the brief and the facts.
pub fn brief_lines(app: &App, card: &Scenario, w: usize) -> Vec<Line<'static>> {
    let t = app.theme;
    let mut lines = Vec::new();
    lines.extend(para(&card.title, w, t.heading(), "", ""));
    for p in card.paragraphs() {
        lines.push(Line::default());
        lines.extend(para(p, w, Style::new(), "", ""));
    }
    lines.push(Line::default());
    lines.push(Line::from(Span::styled("The facts", t.heading())));
    for f in &card.facts {
        let mut fact = para(
            &format!("{}: {}", f.label, f.value),
            w,
            Style::new(),
            "  • ",
            "    ",
        );
        if let Some(first) = fact.first_mut() {
            // The label in bold, the value plain.
            let text: String = first.spans[1].content.to_string();
            let cut = (f.label.len() + 1).min(text.len());
            if text.starts_with(&f.label) {
                first.spans = vec![
                    Span::raw("  • "),
                    Span::styled(text[..cut].to_string(), t.prompt()),
                    Span::raw(text[cut..].to_string()),
                ];
            }
        }
        lines.extend(fact);
    }
    lines
}

pub struct BriefView<'a> {
    pub app: &'a App,
    pub scroll: &'a Scroll,
}

fn brief_screen_lines(app: &App, w: usize) -> Vec<Line<'static>> {
    let Some(card) = app.scenario() else {
        return Vec::new();
    };
    let mut lines = brief_lines(app, card, w);
    lines.push(Line::default());
    lines.extend(para(
        "Press Enter to start the questions. The brief stays one key away: press b (or F2 in a text field) at any question.",
        w,
        app.theme.prompt(),
        "",
        "",
    ));
    lines
}

impl Widget for BriefView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let c = chrome(app, area);
        let title = app.scenario().map_or_else(
            || "Scenario".to_string(),
            |s| format!("Scenario: {}", s.short),
        );
        render_chrome(app, &c, &title, "The brief", &screen_footer(app), buf);
        let b = body(app, area);
        let lines = brief_screen_lines(app, usize::from(b.width));
        render_scroll(app.theme, lines, self.scroll, b, buf);
    }
}
