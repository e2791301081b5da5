//! "Check your answers": every answer with a Change action that comes back here (the GOV.UK
//! pattern), then "See the result".

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use crate::answers::Answer;
use crate::tui::app::{App, CheckRow};

use crate::tui::keymap::screen_footer;
use crate::tui::view::{chrome, fit, follow, pad, para, render_chrome, render_scrolled, wrap};

pub struct CheckView<'a> {
    pub app: &'a App,
    pub cursor: usize,
}

impl Widget for CheckView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let t = app.theme;
        let frame = chrome(app, area);
        let (done, asked) = app.progress();
        render_chrome(
            app,
            &frame,
            "Check your answers",
            &format!("{done} of {asked} answered"),
            &screen_footer(app),
            buf,
        );
        let width = usize::from(frame.body.width);
        let mut lines: Vec<Line<'static>> = Vec::new();
        lines.extend(para(
            "To change an answer, move to it and press Enter: you come back here afterwards. When your answers are right, press r for the result.",
            width,
            t.muted(),
            "",
            "",
        ));
        if done < asked {
            lines.extend(para(
                &format!(
                    "{} question{} still to answer. You can see the result now, but it will be less certain.",
                    asked - done,
                    if asked - done == 1 { " is" } else { "s are" }
                ),
                width,
                t.prompt(),
                "",
                "",
            ));
        }
        let key_w = (width / 3).clamp(14, 26);
        let action_w = 8;
        let value_w = width.saturating_sub(2 + key_w + 1 + action_w + 2).max(8);
        let mut section = usize::MAX;
        let mut focus = (0, 0);
        for (r, row) in app.check_rows().iter().enumerate() {
            let focused = r == self.cursor;
            let start = lines.len();
            match row {
                CheckRow::Question(i) => {
                    let i = *i;
                    let sec = app.q.bank().section_of[i];
                    if sec != section {
                        section = sec;
                        lines.push(Line::default());
                        lines.push(Line::from(Span::styled(
                            app.q.bank().sections[sec].title.clone(),
                            t.heading(),
                        )));
                    }
                    let q = &app.q.bank().questions[i];
                    let (value, action, style) = match app.q.answers().get(&q.id) {
                        Some(a) => (
                            app.q.bank().answer_label(q, a),
                            "Change",
                            if *a == Answer::NotSure {
                                t.prompt()
                            } else {
                                Style::new()
                            },
                        ),
                        None if !q.kind.is_decision() => {
                            ("(no note)".to_string(), "Add", t.muted())
                        }
                        None => ("Not answered yet".to_string(), "Answer", t.prompt()),
                    };
                    let key = fit(&q.short, key_w);
                    let value_lines = wrap(&value, value_w);
                    let first = lines.len();
                    for (j, v) in value_lines.into_iter().enumerate() {
                        let lead = if j == 0 && focused { "> " } else { "  " };
                        let k = if j == 0 { key.clone() } else { String::new() };
                        let mut spans = vec![
                            Span::raw(lead),
                            Span::styled(
                                format!("{k}{}", " ".repeat(key_w - k.width() + 1)),
                                t.prompt(),
                            ),
                            Span::styled(
                                format!("{v}{}", " ".repeat(value_w - v.width().min(value_w))),
                                style,
                            ),
                        ];
                        if j == 0 {
                            spans.push(Span::raw("  "));
                            spans.push(Span::styled(action, t.key()));
                        }
                        let line = Line::from(spans);
                        lines.push(if focused && j == 0 {
                            pad(line, width).style(t.focus())
                        } else {
                            line
                        });
                    }
                    if focused {
                        focus = (first, lines.len() - 1);
                    }
                }
                CheckRow::SeeResult => {
                    lines.push(Line::default());
                    let hidden = app.hidden_answers();
                    if hidden > 0 {
                        lines.extend(para(
                            &format!(
                                "{hidden} answer{} to questions not asked with your current answers {} kept but not counted (see all questions: i).",
                                if hidden == 1 { "" } else { "s" },
                                if hidden == 1 { "is" } else { "are" }
                            ),
                            width,
                            t.muted(),
                            "",
                            "",
                        ));
                        lines.push(Line::default());
                    }
                    let line = Line::from(vec![
                        Span::raw(if focused { "> " } else { "  " }),
                        Span::styled("See the result", t.prompt()),
                    ]);
                    lines.push(if focused {
                        pad(line, width).style(t.focus())
                    } else {
                        line
                    });
                    if focused {
                        focus = (start, lines.len() - 1);
                    }
                }
            }
        }
        let scroll = follow(
            focus.0.saturating_sub(1),
            focus.1,
            lines.len(),
            usize::from(frame.body.height),
        );
        render_scrolled(t, lines, scroll, frame.body, buf);
    }
}
