//! Every section and question with its state (answered, not sure, to answer, not asked), to
//! jump anywhere.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use crate::tui::app::{App, QState};

use crate::tui::keymap::screen_footer;
use crate::tui::view::{chrome, fit, follow, pad, para, render_chrome, render_scrolled};

pub struct IndexView<'a> {
    pub app: &'a App,
    pub cursor: usize,
}

/// The state as a word (never colour alone).
pub fn state_word(s: &QState) -> &'static str {
    match s {
        QState::Answered(_) => "Answered",
        QState::NotSure => "Not sure",
        QState::Unanswered => "To answer",
        QState::NoNote => "Optional",
        QState::Hidden(_) => "Not asked",
    }
}

impl Widget for IndexView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let t = app.theme;
        let c = chrome(app, area);
        let (done, asked) = app.progress();
        render_chrome(
            app,
            &c,
            "All questions",
            &format!("{done} of {asked} answered"),
            &screen_footer(app),
            buf,
        );
        let w = usize::from(c.body.width);
        let states = app.question_states();
        let mut lines: Vec<Line<'static>> = Vec::new();
        lines.extend(para(
            "Go to any question: move to it and press Enter. Questions marked \"Not asked\" do not apply with your current answers; anything you answered there is kept.",
            w,
            t.muted(),
            "",
            "",
        ));
        let short_w = (w / 3).clamp(14, 28);
        let state_w = 11;
        let answer_w = w.saturating_sub(2 + short_w + 1 + state_w);
        let mut section = usize::MAX;
        let mut focus_line = 0;
        for (i, q) in app.q.bank().questions.iter().enumerate() {
            let sec = app.q.bank().section_of[i];
            if sec != section {
                section = sec;
                lines.push(Line::default());
                lines.push(Line::from(Span::styled(
                    app.q.bank().sections[sec].title.clone(),
                    t.heading(),
                )));
            }
            let focused = i == self.cursor;
            if focused {
                focus_line = lines.len();
            }
            let st = &states[i];
            let answer = match st {
                QState::Answered(a) => a.clone(),
                QState::Hidden(Some(a)) => format!("kept: {a}"),
                _ => String::new(),
            };
            let short = fit(&q.short, short_w);
            let line = Line::from(vec![
                Span::raw(if focused { "> " } else { "  " }),
                Span::raw(format!(
                    "{short}{}",
                    " ".repeat(short_w - short.width() + 1)
                )),
                Span::styled(
                    format!("{:<state_w$}", state_word(st)),
                    match st {
                        QState::Answered(_) => t.chosen(),
                        _ => Style::new(),
                    },
                ),
                Span::styled(fit(&answer, answer_w), t.muted()),
            ]);
            lines.push(if focused {
                pad(line, w).style(t.focus())
            } else {
                line
            });
        }
        let scroll = follow(
            focus_line.saturating_sub(1),
            focus_line,
            lines.len(),
            usize::from(c.body.height),
        );
        render_scrolled(t, lines, scroll, c.body, buf);
    }
}
