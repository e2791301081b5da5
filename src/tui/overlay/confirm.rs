//! Boxes over the screen: the quit confirmation (which says the answers are saved) and, in
//! review mode, "overwrite the original?".

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::tui::app::App;

use crate::tui::view::{boxed, pad, para};

/// Two buttons, the focused one in reverse video with `>`.
fn buttons(app: &App, yes: &str, no: &str, yes_focused: bool) -> Line<'static> {
    let t = app.theme;
    let b = |label: &str, focused: bool| {
        let text = format!("{} {label} ", if focused { ">" } else { " " });
        if focused {
            Span::styled(text, t.focus())
        } else {
            Span::raw(text)
        }
    };
    Line::from(vec![
        b(yes, yes_focused),
        Span::raw("   "),
        b(no, !yes_focused),
    ])
}

fn render_box(app: &App, area: Rect, title: &str, mut lines: Vec<Line<'static>>, buf: &mut Buffer) {
    let width = 76.min(area.width.saturating_sub(4));
    let inner_w = usize::from(width.saturating_sub(4));
    // Re-wrap is done by the callers at `inner_w`; the height follows the text.
    let h = lines.len() as u16 + 2;
    let inner = boxed(app, area, title, width, h, buf);
    lines.truncate(usize::from(inner.height));
    let lines: Vec<Line<'static>> = lines.into_iter().map(|l| pad(l, inner_w)).collect();
    Paragraph::new(lines).render(inner, buf);
}

/// The width text is wrapped to inside a confirmation box.
fn text_width(area: Rect) -> usize {
    usize::from(76.min(area.width.saturating_sub(4)).saturating_sub(4))
}

pub struct QuitView<'a> {
    pub app: &'a App,
    pub quit: bool,
}

impl Widget for QuitView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let t = app.theme;
        let w = text_width(area);
        let mut lines = Vec::new();
        match (app.q.save_error(), app.saved_path()) {
            (Some(e), _) => lines.extend(para(
                &format!("Your latest answers could not be saved: {e}"),
                w,
                t.error(),
                "Error: ",
                "       ",
            )),
            (None, Some(p)) => {
                lines.extend(para("Your answers are saved in:", w, Style::new(), "", ""));
                lines.push(crate::tui::view::path_line(
                    &p.display().to_string(),
                    w,
                    "",
                    t.prompt(),
                ));
                if app.q.reviewing().is_none() && !app.q.sheet().complete {
                    lines.extend(para(
                        if app.fresh {
                            "To continue later, give this file to weighup --resume: the command is printed when you quit."
                        } else {
                            "To continue later, run weighup again and choose to continue."
                        },
                        w,
                        t.muted(),
                        "",
                        "",
                    ));
                }
            }
            (None, None) if app.q.reviewing().is_some() => lines.extend(para(
                "You have not changed anything, so the file is as it was.",
                w,
                Style::new(),
                "",
                "",
            )),
            (None, None) => lines.extend(para(
                "You have not answered any question yet, so there is nothing to save.",
                w,
                Style::new(),
                "",
                "",
            )),
        }
        if !app.drafts.is_empty() {
            lines.extend(para(
                "A number or note you typed is not valid, so it was not saved.",
                w,
                t.error(),
                "",
                "",
            ));
        }
        lines.push(Line::default());
        lines.push(buttons(app, "Quit (y)", "Keep going (n)", self.quit));
        render_box(app, area, "Quit weighup?", lines, buf);
    }
}

pub struct OverwriteView<'a> {
    pub app: &'a App,
    pub overwrite: bool,
}

impl Widget for OverwriteView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let t = app.theme;
        let w = text_width(area);
        let mut lines = Vec::new();
        let original = app
            .original()
            .map_or_else(String::new, |p| p.display().to_string());
        lines.extend(para(
            "Replace the original file with your changed answers?",
            w,
            t.prompt(),
            "",
            "",
        ));
        lines.extend(para(&original, w, Style::new(), "", ""));
        if let Some(copy) = app.q.reviewing().and_then(|r| r.copy.as_ref()) {
            lines.extend(para(
                &format!("The copy {} stays as well.", copy.display()),
                w,
                t.muted(),
                "",
                "",
            ));
        }
        lines.push(Line::default());
        lines.push(buttons(
            app,
            "Overwrite (y)",
            "Keep the original (n)",
            self.overwrite,
        ));
        render_box(app, area, "Overwrite the original?", lines, buf);
    }
}
