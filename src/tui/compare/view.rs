//! The comparison view's frame: the title with the reveal state, the pages' tabs, a summary
//! line, the page (scrolled with the questionnaire's widget), the footer with the keys, and
//! the help box. Too small a window gets the questionnaire's message.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr as _;

use super::app::{CompareApp, Tab};
use super::keymap::{HELP, HIDDEN_HINTS, SHOWN_HINTS};
use crate::tui::view::boxed_with;
use crate::tui::view::{fit, para, render_footer, render_scrolled, render_too_small};

impl Widget for &CompareApp {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = self.theme;
        if self.too_small() {
            render_too_small(t, area, "", buf);
            return;
        }
        let [title, tabs, summary, body, keys] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(1),
        ])
        .areas(area);
        let status = if self.revealed {
            " RESULTS SHOWN "
        } else {
            " RESULTS HIDDEN "
        };
        let name = " weighup compare: the room's answers";
        let gap = usize::from(area.width).saturating_sub(name.width() + status.width());
        Line::from(vec![
            Span::styled(name, t.header()),
            Span::raw(" ".repeat(gap)),
            Span::styled(status, t.focus()),
        ])
        .render(title, buf);

        if self.revealed {
            let mut spans = vec![Span::raw(" ")];
            for (i, tab) in Tab::ALL.iter().enumerate() {
                let label = format!(" {} {} ", i + 1, tab.title());
                if *tab == self.tab {
                    spans.push(Span::styled(label, t.focus()));
                } else {
                    spans.push(Span::raw(label));
                }
                spans.push(Span::raw(" "));
            }
            Line::from(spans).render(tabs, buf);
        } else {
            let reading = format!(
                " Reading {} (again every few seconds)",
                self.room.sources.join(", ")
            );
            Line::from(Span::styled(
                fit(&reading, usize::from(area.width)),
                t.muted(),
            ))
            .render(tabs, buf);
        }
        let summary_text = self.notice.clone().unwrap_or_else(|| self.summary_line());
        Line::from(Span::styled(format!(" {summary_text}"), t.muted())).render(summary, buf);

        let page = Rect {
            x: body.x + 1,
            width: body.width.saturating_sub(2),
            ..body
        };
        let lines = self.page_lines(usize::from(page.width), usize::from(page.height));
        render_scrolled(t, lines, self.scroll, page, buf);

        let hints = if self.revealed {
            SHOWN_HINTS
        } else {
            HIDDEN_HINTS
        };
        render_footer(t, keys, hints, buf);

        if self.help {
            self.render_help(area, buf);
        }
    }
}

impl CompareApp {
    fn render_help(&self, area: Rect, buf: &mut Buffer) {
        let t = self.theme;
        let key_w = HELP.iter().map(|(k, _)| k.width()).max().unwrap_or(8);
        let width = 64.min(area.width.saturating_sub(4));
        let text_w = usize::from(width.saturating_sub(4));
        let mut lines = Vec::new();
        for (k, d) in HELP {
            let lead = format!("{k:<key_w$}  ");
            let mut row = para(
                d,
                text_w,
                ratatui::style::Style::new(),
                &lead,
                &" ".repeat(key_w + 2),
            );
            if let Some(first) = row.first_mut() {
                first.spans[0] = Span::styled(lead, t.key());
            }
            lines.extend(row);
        }
        lines.push(Line::default());
        lines.extend(para(
            "Each sheet is evaluated again with this version of weighup; results saved in the files are not used.",
            text_w,
            t.muted(),
            "",
            "",
        ));
        lines.push(Line::default());
        lines.push(Line::from("Press any key to close this help."));
        let height = u16::try_from(lines.len())
            .unwrap_or(u16::MAX)
            .saturating_add(2);
        let inner = boxed_with(t, area, "Keys", width, height, buf);
        render_scrolled(t, lines, 0, inner, buf);
    }
}
