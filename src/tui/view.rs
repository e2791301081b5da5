//! Drawing: `impl Widget for &App` picks the view of the current screen (each screen's view
//! is in `screen/<name>/view.rs`, beside its state and update), draws the box on top (views in
//! `overlay/`), and shows a clear message when the window is too small. Also the frame every
//! screen shares (header, footer, boxes) and the text helpers (wrapping, scrolling).

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::app::App;
use super::overlay::{self, Overlay};
use super::screen::{self as screens, Screen};
use super::scroll::Scroll;
pub use super::scroll::max_scroll;
use super::theme::Theme;

/// The smallest window the screens are laid out for.
pub const MIN_WIDTH: u16 = 50;
pub const MIN_HEIGHT: u16 = 15;

/// One key hint in the footer. `keep` hints stay when the footer is too narrow for all.
#[derive(Debug, Clone, Copy)]
pub struct Hint {
    pub key: &'static str,
    pub label: &'static str,
    pub keep: bool,
}

pub const fn hint(key: &'static str, label: &'static str) -> Hint {
    Hint {
        key,
        label,
        keep: false,
    }
}

pub const fn keep(key: &'static str, label: &'static str) -> Hint {
    Hint {
        key,
        label,
        keep: true,
    }
}

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            too_small(self.theme, area, buf);
            return;
        }
        match &self.screen {
            Screen::Welcome(s) => screens::welcome::View {
                app: self,
                cursor: s.cursor,
                scroll: &s.scroll,
            }
            .render(area, buf),
            Screen::Question(s) => screens::question::View {
                app: self,
                state: s,
            }
            .render(area, buf),
            Screen::Index(s) => screens::index::View {
                app: self,
                cursor: s.cursor,
            }
            .render(area, buf),
            Screen::Check(s) => screens::check::View {
                app: self,
                cursor: s.cursor,
            }
            .render(area, buf),
            Screen::Result(s) => screens::result::View {
                app: self,
                scroll: &s.scroll,
                flag: s.flag,
            }
            .render(area, buf),
            Screen::Flag(s) => screens::flag::View {
                app: self,
                index: s.index,
                scroll: &s.scroll,
            }
            .render(area, buf),
            Screen::Scenarios(s) => screens::scenarios::View {
                app: self,
                cursor: s.cursor,
                field: s.field,
                label: &s.label,
            }
            .render(area, buf),
            Screen::Brief(s) => screens::brief::View {
                app: self,
                scroll: &s.scroll,
            }
            .render(area, buf),
        }
        match &self.overlay {
            None => {}
            Some(Overlay::Brief { scroll }) => {
                overlay::brief::BriefOverlayView { app: self, scroll }.render(area, buf);
            }
            Some(Overlay::Help { scroll }) => {
                overlay::help::HelpView { app: self, scroll }.render(area, buf);
            }
            Some(Overlay::Glossary { cursor, scroll }) => overlay::glossary::GlossaryView {
                app: self,
                cursor: *cursor,
                scroll,
            }
            .render(area, buf),
            Some(Overlay::Licences { cursor, scroll }) => overlay::licences::LicencesView {
                app: self,
                cursor: *cursor,
                scroll,
            }
            .render(area, buf),
            Some(Overlay::ConfirmQuit { quit }) => overlay::confirm::QuitView {
                app: self,
                quit: *quit,
            }
            .render(area, buf),
            Some(Overlay::ConfirmOverwrite { overwrite }) => overlay::confirm::OverwriteView {
                app: self,
                overwrite: *overwrite,
            }
            .render(area, buf),
        }
        // The footer names the keys of the box on top, not of the screen under it.
        if let Some(o) = &self.overlay {
            let footer = chrome(self, area).footer;
            ratatui::widgets::Clear.render(footer, buf);
            render_footer(
                self.theme,
                footer,
                &super::keymap::overlay_footer(self, o),
                buf,
            );
        }
    }
}

impl App {
    /// Where the terminal cursor goes (in a text or number field), for this frame size.
    pub fn cursor_position(&self, area: Rect) -> Option<Position> {
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT || !self.typing() {
            return None;
        }
        match &self.screen {
            Screen::Question(s) => screens::question::view::layout(self, s, area).cursor,
            Screen::Scenarios(s) => {
                screens::scenarios::view::cursor_position(self, area, s.cursor, &s.label)
            }
            _ => None,
        }
    }

    /// The option under a mouse click at (column, row), on a question screen.
    pub fn option_at(&self, area: Rect, column: u16, row: u16) -> Option<usize> {
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT || self.overlay.is_some() {
            return None;
        }
        match &self.screen {
            Screen::Question(s) => screens::question::view::option_at(self, s, area, column, row),
            _ => None,
        }
    }
}

/// The frame every screen shares: a header line, the body, an optional status line and
/// the footer with the keys.
#[derive(Debug, Clone, Copy)]
pub struct Chrome {
    pub header: Rect,
    pub body: Rect,
    pub status: Rect,
    pub footer: Rect,
}

/// Prose is easier to read in a column of at most this many characters.
pub const TEXT_WIDTH: u16 = 90;

/// Screens wider than this keep a centred column, so lines stay readable.
pub const MAX_WIDTH: u16 = 120;

pub fn chrome(app: &App, area: Rect) -> Chrome {
    let area = if area.width > MAX_WIDTH {
        Rect {
            x: area.x + (area.width - MAX_WIDTH) / 2,
            width: MAX_WIDTH,
            ..area
        }
    } else {
        area
    };
    let status_h = u16::from(app.status.is_some() || app.q.save_error().is_some());
    let [header, _gap, body, status, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(status_h),
        Constraint::Length(1),
    ])
    .areas(area);
    Chrome {
        header,
        body: inset(body),
        status,
        footer,
    }
}

/// The body without its one-column side margins.
fn inset(r: Rect) -> Rect {
    Rect {
        x: r.x + 1,
        width: r.width.saturating_sub(2),
        ..r
    }
}

/// Draws the header ("weighup · title" on the left, `right` on the right), the status line
/// and the footer.
pub fn render_chrome(
    app: &App,
    c: &Chrome,
    title: &str,
    right: &str,
    hints: &[Hint],
    buf: &mut Buffer,
) {
    let t = app.theme;
    let room = usize::from(c.header.width);
    let right = format!("{right} ");
    let right_w = right.width();
    let long = format!(" weighup · {title}");
    let short = format!(" {title}");
    // Both sides when they fit; else drop the app name; else cut the title.
    let (left, show_right) = if long.width() + right_w < room {
        (long, true)
    } else if short.width() + right_w < room {
        (short, true)
    } else if room > right_w + 12 {
        (fit(&short, room - right_w - 1), true)
    } else {
        (fit(&short, room), false)
    };
    Line::from(vec![Span::styled(left, t.header())]).render(c.header, buf);
    if show_right {
        let x = c.header.x + c.header.width - right_w as u16;
        buf.set_string(x, c.header.y, &right, t.position());
    }
    if c.status.height > 0 {
        let (text, style) = match (app.q.save_error(), &app.status) {
            (Some(e), _) => (
                format!(" Error: your answers could not be saved: {e}"),
                t.error(),
            ),
            (None, Some(s)) if s.error => (format!(" Error: {}", s.text), t.error()),
            (None, Some(s)) => (format!(" {}", s.text), t.ok()),
            (None, None) => (String::new(), Style::new()),
        };
        Line::from(Span::styled(fit(&text, usize::from(c.status.width)), style))
            .render(c.status, buf);
    }
    render_footer(t, c.footer, hints, buf);
}

/// The key hints that fit, in order. Plain hints go first when there is no room, then
/// `keep` hints; help and quit go last of all.
pub fn render_footer(t: Theme, area: Rect, hints: &[Hint], buf: &mut Buffer) {
    let width = |h: &Hint| h.key.width() + 1 + h.label.width() + 2;
    let tier = |h: &Hint| match h.key {
        "?" | "F1" | "q" | "Esc" => 2,
        _ => u8::from(h.keep),
    };
    let mut shown: Vec<bool> = vec![true; hints.len()];
    let room = usize::from(area.width).saturating_sub(1);
    let mut total: usize = hints.iter().map(width).sum();
    for pass in 0..=2 {
        for i in (0..hints.len()).rev() {
            if total <= room {
                break;
            }
            if shown[i] && tier(&hints[i]) == pass {
                shown[i] = false;
                total -= width(&hints[i]);
            }
        }
    }
    let mut spans = vec![Span::raw(" ")];
    for (h, _) in hints.iter().zip(&shown).filter(|(_, s)| **s) {
        spans.push(Span::styled(h.key, t.key()));
        spans.push(Span::raw(format!(" {}  ", h.label)));
    }
    Line::from(spans).render(area, buf);
}

/// Cuts `s` to `width` display columns, ending with "…" when cut.
pub fn fit(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// Wraps text to `width` display columns at spaces. A file name or web address longer than
/// the width stands on its own line with its middle shortened ("/home/you/…/file.json"); any
/// other word longer than the width is broken across lines rather than cut off.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    wrap_widths(text, width, width)
}

/// Wraps with a first line of `first` columns and the others of `rest` columns.
pub fn wrap_widths(text: &str, first: usize, rest: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for para in text.split('\n') {
        let mut line = String::new();
        let mut used = 0;
        let mut own_line = false;
        for word in para.split_whitespace() {
            own_line = false;
            let width = if lines.is_empty() { first } else { rest }.max(4);
            let w = word.width();
            if used > 0 && used + 1 + w > width {
                lines.push(std::mem::take(&mut line));
                used = 0;
            }
            if used > 0 {
                line.push(' ');
                used += 1;
            }
            if w > width && word.contains('/') {
                // A file name or web address: on a line of its own, its middle shortened,
                // never broken (the help and the summary on exit give it whole).
                if used > 0 {
                    line.pop();
                    lines.push(std::mem::take(&mut line));
                }
                lines.push(shorten_middle(word, width));
                used = 0;
                own_line = true;
                continue;
            }
            if w > width {
                for c in word.chars() {
                    let cw = c.width().unwrap_or(0);
                    if used + cw > width {
                        lines.push(std::mem::take(&mut line));
                        used = 0;
                    }
                    line.push(c);
                    used += cw;
                }
            } else {
                line.push_str(word);
                used += w;
            }
        }
        if !(own_line && line.is_empty()) {
            lines.push(line);
        }
    }
    lines
}

/// A wrapped paragraph as lines: `first` before the first line, `rest` before the others.
pub fn para(text: &str, width: usize, style: Style, first: &str, rest: &str) -> Vec<Line<'static>> {
    wrap_widths(
        text,
        width.saturating_sub(first.width()),
        width.saturating_sub(rest.width()),
    )
    .into_iter()
    .enumerate()
    .map(|(i, l)| {
        let lead = if i == 0 { first } else { rest };
        Line::from(vec![Span::raw(lead.to_string()), Span::styled(l, style)])
    })
    .collect()
}

/// Draws `lines` from where `scroll` says, clamped to the end (and records the end for the
/// next key).
pub fn render_scroll(
    t: Theme,
    lines: Vec<Line<'static>>,
    scroll: &Scroll,
    area: Rect,
    buf: &mut Buffer,
) {
    let offset = scroll.draw(lines.len(), usize::from(area.height), 0);
    render_scrolled(t, lines, offset, area, buf);
}

/// Clears a centred box with a border and a title; returns the inside.
pub fn boxed(
    app: &App,
    area: Rect,
    title: &str,
    width: u16,
    height: u16,
    buf: &mut Buffer,
) -> Rect {
    boxed_with(app.theme, area, title, width, height, buf)
}

/// [`boxed`] for any app: a centred box with a border and a title; returns the space inside.
pub fn boxed_with(
    theme: Theme,
    area: Rect,
    title: &str,
    width: u16,
    height: u16,
    buf: &mut Buffer,
) -> Rect {
    let w = width.min(area.width.saturating_sub(2)).max(10);
    let h = height.min(area.height.saturating_sub(2)).max(5);
    let r = area.centered(Constraint::Length(w), Constraint::Length(h));
    Clear.render(r, buf);
    let block = Block::bordered()
        .border_style(theme.border())
        .title(Line::from(Span::styled(
            format!(" {title} "),
            theme.heading(),
        )));
    let inner = block.inner(r);
    block.render(r, buf);
    Rect {
        x: inner.x + 1,
        width: inner.width.saturating_sub(2),
        ..inner
    }
}

/// Draws `lines` from `scroll`, with a last line saying there is more above or below.
pub fn render_scrolled(
    t: Theme,
    lines: Vec<Line<'static>>,
    scroll: usize,
    area: Rect,
    buf: &mut Buffer,
) {
    let height = usize::from(area.height);
    let len = lines.len();
    if len <= height {
        Paragraph::new(lines).render(area, buf);
        return;
    }
    let visible = height.saturating_sub(1).max(1);
    let scroll = scroll.min(len - visible);
    let shown: Vec<Line<'static>> = lines.into_iter().skip(scroll).take(visible).collect();
    let [text, more] =
        Layout::vertical([Constraint::Length(visible as u16), Constraint::Length(1)]).areas(area);
    Paragraph::new(shown).render(text, buf);
    let end = scroll + visible;
    let compact = area.width < 40 || area.height < 8;
    let msg = match (scroll > 0, end < len, compact) {
        (_, true, true) => "↓ more".to_string(),
        (_, false, true) => "↑ more".to_string(),
        (false, true, false) => "↓ more below (PgDn)".to_string(),
        (true, true, false) => {
            format!("↕ more above and below (PgUp, PgDn) · {}%", end * 100 / len)
        }
        (_, false, false) => "↑ more above (PgUp) · end".to_string(),
    };
    Line::from(Span::styled(msg, t.muted())).render(more, buf);
}

/// The scroll offset that keeps rows `first..=last` in view, starting from 0.
pub fn follow(first: usize, last: usize, len: usize, height: usize) -> usize {
    if len <= height {
        return 0;
    }
    let visible = height.saturating_sub(1).max(1);
    let mut scroll = 0;
    if last >= visible {
        scroll = last + 1 - visible;
    }
    if first < scroll {
        scroll = first;
    }
    scroll.min(len - visible)
}

/// A source as every screen shows it: its title, its address whole on its own line (or
/// shortened in the middle; the help, ?, shows it whole), when it was checked, and its note.
pub fn source_lines(
    s: &crate::catalogue::Source,
    w: usize,
    theme: Theme,
    title: Style,
    address: Style,
) -> Vec<Line<'static>> {
    let mut lines = para(&s.title, w, title, "• ", "  ");
    lines.push(path_line(&s.url, w, "  ", address));
    lines.extend(para(
        &format!("Checked {}", s.checked),
        w,
        theme.muted(),
        "  ",
        "  ",
    ));
    if let Some(n) = &s.note {
        lines.extend(para(n, w, theme.muted(), "  ", "  "));
    }
    lines
}

/// A file name or web address on a line of its own, never broken: shortened in the middle
/// ("/home/you/…/weighup-2026-11-30.json") when the line is too narrow. The whole value is
/// printed on exit and in the help.
pub fn path_line(value: &str, width: usize, lead: &str, style: Style) -> Line<'static> {
    let room = width.saturating_sub(lead.width());
    Line::from(vec![
        Span::raw(lead.to_string()),
        Span::styled(shorten_middle(value, room), style),
    ])
}

/// A value (a file name, a web address) whole, in pieces of `width` columns.
pub fn wrap_chars(value: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut out = vec![String::new()];
    let mut used = 0;
    for c in value.chars() {
        let cw = c.width().unwrap_or(0);
        if used + cw > width && used > 0 {
            out.push(String::new());
            used = 0;
        }
        out.last_mut().expect("one line at least").push(c);
        used += cw;
    }
    out
}

/// `value` cut to `width` columns by taking out its middle: whole folder names first
/// (keeping the start and the file name), else characters.
pub fn shorten_middle(value: &str, width: usize) -> String {
    if value.width() <= width {
        return value.to_string();
    }
    let parts: Vec<&str> = value.split('/').collect();
    if parts.len() > 2 {
        // Keep `head` parts from the start and `tail` from the end, as many as fit, the end
        // first (the file name is what people look for).
        // A web address keeps its site ("https://example.org").
        let min_head = if value.contains("://") { 3 } else { 1 };
        let mut best: Option<String> = None;
        for tail in 1..parts.len() {
            for head in min_head..parts.len().saturating_sub(tail) {
                let s = format!(
                    "{}/…/{}",
                    parts[..head].join("/"),
                    parts[parts.len() - tail..].join("/")
                );
                if s.width() <= width && best.as_ref().is_none_or(|b| s.width() > b.width()) {
                    best = Some(s);
                }
            }
        }
        if let Some(b) = best {
            return b;
        }
    }
    if width < 2 {
        return fit(value, width);
    }
    let chars: Vec<char> = value.chars().collect();
    let keep = width - 1;
    let (mut front, mut back) = (String::new(), String::new());
    let (mut fw, mut bw) = (0, 0);
    let (mut i, mut j) = (0, chars.len());
    while i < j {
        // Alternate, favouring the end.
        let take_back = bw <= fw;
        let c = if take_back { chars[j - 1] } else { chars[i] };
        let cw = c.width().unwrap_or(0);
        if fw + bw + cw > keep {
            break;
        }
        if take_back {
            back.insert(0, c);
            bw += cw;
            j -= 1;
        } else {
            front.push(c);
            fw += cw;
            i += 1;
        }
    }
    format!("{front}…{back}")
}

/// Pads a line with spaces to `width`, so reverse video covers the whole row.
pub fn pad(mut line: Line<'static>, width: usize) -> Line<'static> {
    let w = line.width();
    if w < width {
        line.spans.push(Span::raw(" ".repeat(width - w)));
    }
    line
}

fn too_small(t: Theme, area: Rect, buf: &mut Buffer) {
    render_too_small(t, area, "Your answers are safe. ", buf);
}

/// The message of every full-screen app when the window is smaller than
/// [`MIN_WIDTH`]×[`MIN_HEIGHT`]; `note` (a sentence and a space, or empty) goes before
/// "Press q to quit."
pub fn render_too_small(t: Theme, area: Rect, note: &str, buf: &mut Buffer) {
    let text = format!(
        "The window is too small for weighup. Please enlarge it to at least {MIN_WIDTH}×{MIN_HEIGHT} (now {}×{}). {note}Press q to quit.",
        area.width, area.height
    );
    let lines: Vec<Line<'static>> = wrap(&text, usize::from(area.width.max(1)))
        .into_iter()
        .map(|l| Line::from(Span::styled(l, t.prompt())))
        .collect();
    let h = (lines.len() as u16).min(area.height);
    let y = area.y + area.height.saturating_sub(h) / 2;
    Paragraph::new(lines).render(
        Rect {
            y,
            height: h,
            ..area
        },
        buf,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_never_splits_an_address_it_shortens_its_middle() {
        let l = wrap("see https://example.org/a/very/long/path now", 30);
        assert_eq!(l, vec!["see", "https://example.org/a/…/path", "now"]);
        let l = wrap(
            "Continuing: /home/you/.local/share/weighup/answers/weighup-1.json.",
            40,
        );
        assert_eq!(
            l,
            vec!["Continuing:", "/home/you/.local/share/…/weighup-1.json."]
        );
        // Other long words are still broken rather than lost.
        let l = wrap("a verylongwordwithoutslashes b", 10);
        assert!(l.iter().all(|x| x.width() <= 10), "{l:?}");
        assert_eq!(l.concat().replace(' ', ""), "averylongwordwithoutslashesb");
    }

    #[test]
    fn long_paths_lose_their_middle_never_their_file_name() {
        let p = "/home/you/.local/share/weighup/answers/weighup-2026-11-30-1412.json";
        assert_eq!(shorten_middle(p, 100), p);
        let s = shorten_middle(p, 40);
        assert!(s.width() <= 40, "{s}");
        assert_eq!(s, "/home/you/…/weighup-2026-11-30-1412.json");
        let tiny = shorten_middle(p, 12);
        assert_eq!(tiny.width(), 12);
        assert!(tiny.contains('…') && tiny.ends_with("json"), "{tiny}");
        assert_eq!(
            shorten_middle(
                "https://example.org/licences/test-community-licence/section-2",
                40
            ),
            "https://example.org/licences/…/section-2"
        );
    }

    #[test]
    fn fit_counts_wide_characters() {
        assert_eq!(fit("日本語です", 5), "日本…");
        assert_eq!(fit("abc", 5), "abc");
    }

    #[test]
    fn follow_keeps_the_focus_in_view() {
        assert_eq!(follow(0, 1, 5, 10), 0);
        assert_eq!(follow(18, 19, 30, 10), 11);
        assert_eq!(follow(2, 3, 30, 10), 0);
        assert_eq!(max_scroll(30, 10), 21);
        assert_eq!(max_scroll(5, 10), 0);
    }
}
