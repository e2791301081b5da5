//! A question: where you are ("Section 2 of 6 · Question 7 of 22") with a progress bar,
//! the question, its options with their one-line descriptions (or a field), inline
//! validation, and "why we ask".

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

use crate::bank::{Kind, band_for};
use crate::tui::app::{App, NOT_SURE, QuestionState, group};
use crate::tui::theme::Theme;

use crate::tui::keymap::screen_footer;
use crate::tui::view::{chrome, follow, pad, para, render_chrome, render_scrolled, wrap};

/// Width of the "why we ask" panel beside the question on wide windows.
const SIDE: u16 = 36;
/// Windows at least this wide show "why we ask" beside the question.
const SIDE_FROM: u16 = 100;
/// Columns before an option's label: focus marker, choice marker, number.
const LEAD: usize = 9;

pub struct QuestionView<'a> {
    pub app: &'a App,
    pub state: &'a QuestionState,
}

/// Where everything on a question screen goes, for drawing, the cursor and mouse clicks.
pub struct QuestionLayout {
    /// The question itself, pinned at the top (it never scrolls away).
    pub top: Rect,
    pub top_lines: Vec<Line<'static>>,
    /// The options (or field), the validation message and "why we ask": these scroll.
    pub main: Rect,
    pub lines: Vec<Line<'static>>,
    pub scroll: usize,
    /// (first line, last line) of each choice row, in `lines`.
    pub rows: Vec<(usize, usize)>,
    pub side: Option<(Rect, Vec<Line<'static>>)>,
    pub cursor: Option<Position>,
    pub progress: Rect,
}

impl Widget for QuestionView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let t = app.theme;
        let s = self.state;
        let c = chrome(app, area);
        let section = app.q.bank().section_for(s.index);
        let pos = app.q.position(s.index).map_or_else(
            || "Not asked with your answers".to_string(),
            |p| {
                format!(
                    "Section {} of {} · Question {} of {}",
                    p.section_no, p.section_count, p.question_no, p.question_count
                )
            },
        );
        render_chrome(app, &c, &section.title, &pos, &screen_footer(app), buf);
        let l = layout(app, s, area);
        progress_bar(app, l.progress, buf);
        Paragraph::new(l.top_lines).render(l.top, buf);
        render_scrolled(t, l.lines, l.scroll, l.main, buf);
        if let Some((side, lines)) = l.side {
            Paragraph::new(lines).render(side, buf);
        }
    }
}

fn progress_bar(app: &App, area: Rect, buf: &mut Buffer) {
    let t = app.theme;
    let (done, asked) = app.progress();
    let notes = app
        .q
        .asked()
        .into_iter()
        .filter(|&i| !app.q.bank().questions[i].kind.is_decision())
        .count();
    let long = format!(
        " {done} of {asked} answered (and {notes} optional note{})",
        if notes == 1 { "" } else { "s" }
    );
    let short = format!(" {done} of {asked} answered");
    let room = usize::from(area.width);
    let label = if notes > 0 && room >= long.width() + 22 {
        long
    } else {
        short
    };
    let bar_w = room.saturating_sub(label.width() + 2).min(40);
    let filled = (done * bar_w + asked / 2).checked_div(asked).unwrap_or(0);
    Line::from(vec![
        Span::raw("["),
        Span::styled("█".repeat(filled), t.progress()),
        Span::raw("░".repeat(bar_w - filled)),
        Span::raw("]"),
        Span::raw(label),
    ])
    .render(area, buf);
}

/// Lays out a question screen.
pub fn layout(app: &App, s: &QuestionState, area: Rect) -> QuestionLayout {
    let t = app.theme;
    let frame = chrome(app, area);
    let [progress, _gap, content] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(frame.body);
    let (content, side_area) = if area.width >= SIDE_FROM {
        let [main, _gap, side] = Layout::horizontal([
            Constraint::Fill(1),
            Constraint::Length(3),
            Constraint::Length(SIDE),
        ])
        .areas(content);
        (main, Some(side))
    } else {
        (content, None)
    };
    let q = app.question(s.index);
    let width = usize::from(content.width);

    // The pinned part: the section's introduction (before its first question), the
    // question, and how to answer it.
    let mut top_lines: Vec<Line<'static>> = Vec::new();
    let first_in_section = app
        .q
        .asked()
        .into_iter()
        .find(|&i| app.q.bank().section_of[i] == app.q.bank().section_of[s.index])
        == Some(s.index);
    let intro = &app.q.bank().section_for(s.index).intro;
    if first_in_section && !intro.is_empty() {
        top_lines.extend(para(intro, width, t.muted(), "", ""));
        top_lines.push(Line::default());
    }
    top_lines.extend(para(&q.prompt, width, t.prompt(), "", ""));
    top_lines.extend(para(&kind_hint(app, s.index), width, t.muted(), "", ""));
    top_lines.push(Line::default());
    let height = usize::from(content.height);
    // On a very small window everything scrolls together.
    let pinned = top_lines.len() <= height / 2;

    let help = |width: usize| -> Vec<Line<'static>> {
        let mut h = para(&q.help, width, t.muted(), "Why we ask: ", "");
        if let Some(first) = h.first_mut() {
            first.spans[0] = Span::styled("Why we ask: ", t.heading());
        }
        let terms: Vec<&str> = app
            .glossary_terms_in(s.index)
            .into_iter()
            .map(|i| app.glossary.terms[i].term.as_str())
            .collect();
        if !terms.is_empty() {
            h.extend(para(
                &format!("{}.", terms.join(", ")),
                width,
                t.muted(),
                "In the glossary (g): ",
                "  ",
            ));
        }
        h
    };
    let side = side_area.map(|r| (r, help(usize::from(r.width))));
    let room = if pinned {
        height - top_lines.len()
    } else {
        height
    };
    // All descriptions when they fit; otherwise only the focused option's.
    let mut body = body_lines(app, s, width, true);
    if side.is_none() {
        body.lines.push(Line::default());
        body.lines.extend(help(width));
    }
    let extra = if pinned { 0 } else { top_lines.len() };
    if body.lines.len() + extra > room {
        let mut compact = body_lines(app, s, width, false);
        if side.is_none() {
            compact.lines.push(Line::default());
            compact.lines.extend(help(width));
        }
        body = compact;
    }
    let (top, main, top_lines, offset) = if pinned {
        let [top, main] = Layout::vertical([
            Constraint::Length(top_lines.len() as u16),
            Constraint::Fill(1),
        ])
        .areas(content);
        (top, main, top_lines, 0)
    } else {
        let n = top_lines.len();
        let mut all = top_lines;
        all.append(&mut body.lines);
        body.lines = all;
        (
            Rect {
                height: 0,
                ..content
            },
            content,
            Vec::new(),
            n,
        )
    };
    let lines = body.lines;
    let rows: Vec<(usize, usize)> = body
        .rows
        .iter()
        .map(|(a, b)| (a + offset, b + offset))
        .collect();
    let focus = (body.focus.0 + offset, body.focus.1 + offset);
    let main_h = usize::from(main.height);
    let auto = follow(focus.0, focus.1, lines.len(), main_h);
    // Follows the focused row until scrolled by hand; clamped to the end here.
    let scroll = s.scroll.draw(lines.len(), main_h, auto);
    let visible = if lines.len() > main_h {
        main_h.saturating_sub(1)
    } else {
        main_h
    };
    let cursor = body.cursor.and_then(|(row, col)| {
        let row = row + offset;
        (row >= scroll && row < scroll + visible).then(|| Position {
            x: main.x + col as u16,
            y: main.y + (row - scroll) as u16,
        })
    });
    QuestionLayout {
        top,
        top_lines,
        main,
        lines,
        scroll,
        rows,
        side,
        cursor,
        progress,
    }
}

/// The scrolling part of a question, before "why we ask".
struct Body {
    lines: Vec<Line<'static>>,
    rows: Vec<(usize, usize)>,
    focus: (usize, usize),
    cursor: Option<(usize, usize)>,
}

fn body_lines(app: &App, s: &QuestionState, w: usize, all_descriptions: bool) -> Body {
    let t = app.theme;
    let q = app.question(s.index);
    let mut lines: Vec<Line<'static>> = Vec::new();
    let mut rows = Vec::new();
    let mut cursor = None;
    let mut focus = (0, 0);
    match q.kind {
        Kind::Number | Kind::Text => {
            let start = lines.len();
            let (field, pos) = field_lines(app, s, w, s.cursor == 0);
            lines.extend(field);
            let end = lines.len() - 1;
            rows.push((start, end));
            if s.cursor == 0 {
                focus = (start, end);
                cursor = pos.map(|(r, col)| (start + r, col));
            }
            if let Some(e) = &s.error {
                lines.extend(para(e, w, t.error(), "Error: ", "       "));
                if s.cursor == 0 {
                    focus.1 = lines.len() - 1;
                }
            } else if q.kind == Kind::Number {
                if let Ok(v) = App::check_number_text(q, s.input.text()) {
                    if let Some(b) = band_for(q, v) {
                        let unit = q.number.as_ref().map_or("", |n| n.unit.as_str());
                        let head = match crate::words::in_full(v, unit) {
                            Some(full) => format!("{full} ({})", b.label),
                            None => b.label.clone(),
                        };
                        lines.extend(para(
                            &format!("{head}. {}", b.description),
                            w,
                            t.muted(),
                            "That is: ",
                            "         ",
                        ));
                    }
                }
            }
            if q.kind == Kind::Number && q.not_sure.is_some() {
                lines.push(Line::default());
                let choices = app.choices(s.index);
                let ns = choices.last().expect("not sure is there");
                let chosen = app.q.answers().get(&q.id) == Some(&crate::answers::Answer::NotSure);
                let start = lines.len();
                let focused = s.cursor == 1;
                let look = Look {
                    number: None,
                    chosen,
                    multi: false,
                    focused,
                    description: all_descriptions || focused,
                };
                lines.extend(choice_lines(t, w, ns, look));
                rows.push((start, lines.len() - 1));
                if focused {
                    focus = (start, lines.len() - 1);
                }
            }
        }
        _ => {
            let choices = app.choices(s.index);
            let multi = q.kind == Kind::Multi;
            let saved = app.q.answers().get(&q.id);
            for (i, ch) in choices.iter().enumerate() {
                let chosen = if multi {
                    s.ticks.contains(&ch.id)
                } else {
                    match saved {
                        Some(crate::answers::Answer::Choice(id)) => *id == ch.id,
                        Some(crate::answers::Answer::NotSure) => ch.id == NOT_SURE,
                        _ => false,
                    }
                };
                let start = lines.len();
                let number = (i < 9).then_some(i + 1);
                let focused = i == s.cursor;
                let look = Look {
                    number,
                    chosen,
                    multi,
                    focused,
                    description: all_descriptions || focused,
                };
                lines.extend(choice_lines(t, w, ch, look));
                rows.push((start, lines.len() - 1));
                if focused {
                    focus = (start, lines.len() - 1);
                }
            }
            if let Some(e) = &s.error {
                lines.push(Line::default());
                lines.extend(para(e, w, t.error(), "Error: ", "       "));
                focus.1 = lines.len() - 1;
            }
        }
    }
    Body {
        lines,
        rows,
        focus,
        cursor,
    }
}

/// The option under a click.
pub fn option_at(app: &App, s: &QuestionState, area: Rect, column: u16, row: u16) -> Option<usize> {
    let l = layout(app, s, area);
    if !l.main.contains(Position { x: column, y: row }) {
        return None;
    }
    let line = usize::from(row - l.main.y) + l.scroll;
    let q = app.question(s.index);
    let hit = l.rows.iter().position(|(a, b)| (*a..=*b).contains(&line))?;
    // Fields are clicked into by typing; only choices answer to clicks.
    (!matches!(q.kind, Kind::Number | Kind::Text)).then_some(hit)
}

/// "Choose one.", "Tick all that apply."...
fn kind_hint(app: &App, index: usize) -> String {
    let q = app.question(index);
    let not_sure = if q.not_sure.is_some() {
        " If you don't know, choose \"Not sure\"."
    } else {
        ""
    };
    let example = crate::words::requests_example(q).map_or_else(String::new, |e| format!(" {e}"));
    match q.kind {
        Kind::Single | Kind::YesNo => format!("Choose one.{example}{not_sure}"),
        Kind::Multi => format!("Tick all that apply.{not_sure}"),
        Kind::Scale => {
            let first = q.options.first().map_or("", |o| o.label.as_str());
            let last = q.options.last().map_or("", |o| o.label.as_str());
            format!(
                "Choose a point on the scale, from 1 ({first}) to {} ({last}).{not_sure}",
                q.options.len()
            )
        }
        Kind::Number => {
            let spec = q.number.as_ref().expect("number questions have a range");
            format!(
                "Type a number from {} to {} ({}).{}{}{not_sure}",
                group(spec.min),
                group(spec.max),
                spec.unit,
                if spec.integer {
                    " Whole numbers only."
                } else {
                    ""
                },
                crate::words::millions_example(&spec.unit)
                    .map_or_else(String::new, |e| format!(" {e}"))
            )
        }
        Kind::Text => "Optional: type a note, or press Tab to skip it.".into(),
    }
}

/// How to draw one choice.
#[derive(Clone, Copy)]
struct Look {
    /// The number key that picks it, if any.
    number: Option<usize>,
    chosen: bool,
    multi: bool,
    focused: bool,
    /// Show its description.
    description: bool,
}

/// One choice: "> (*) 1  Label", then its description.
fn choice_lines(
    t: Theme,
    w: usize,
    ch: &crate::tui::app::ChoiceRow,
    look: Look,
) -> Vec<Line<'static>> {
    let Look {
        number,
        chosen,
        multi,
        focused,
        description,
    } = look;
    let marker = match (multi, chosen) {
        (true, true) => "[x]",
        (true, false) => "[ ]",
        (false, true) => "(*)",
        (false, false) => "( )",
    };
    let focus = if focused { "> " } else { "  " };
    let num = number.map_or_else(|| "  ".to_string(), |n| format!("{n} "));
    let mut out = Vec::new();
    for (i, l) in wrap(&ch.label, w.saturating_sub(LEAD))
        .into_iter()
        .enumerate()
    {
        let line = if i == 0 {
            Line::from(vec![
                Span::raw(focus),
                Span::styled(marker, if chosen { t.chosen() } else { Style::new() }),
                Span::raw(" "),
                Span::raw(num.clone()),
                Span::raw(" "),
                Span::raw(l),
            ])
        } else {
            Line::from(vec![Span::raw(" ".repeat(LEAD)), Span::raw(l)])
        };
        out.push(if focused {
            pad(line, w).style(t.focus())
        } else {
            line
        });
    }
    if description {
        let indent = " ".repeat(LEAD);
        out.extend(para(&ch.description, w, t.muted(), &indent, &indent));
    }
    out
}

/// The field of a number or text question, and the cursor (row, column) in it.
fn field_lines(
    app: &App,
    s: &QuestionState,
    width: usize,
    focused: bool,
) -> (Vec<Line<'static>>, Option<(usize, usize)>) {
    let t = app.theme;
    let q = app.question(s.index);
    let focus = if focused { "> " } else { "  " };
    let placeholder = q.placeholder.clone().unwrap_or_default();
    if q.kind == Kind::Number {
        let unit = q.number.as_ref().map_or("", |n| n.unit.as_str());
        let box_w = 18usize;
        let inner = box_w - 2;
        let laid = s.input.layout(inner);
        let text = laid.rows.get(laid.cursor.0).cloned().unwrap_or_default();
        let top = format!("┌{}┐", "─".repeat(inner));
        let bottom = format!("└{}┘", "─".repeat(inner));
        let mid_pad = inner.saturating_sub(text.width());
        let field_style = if focused { t.prompt() } else { Style::new() };
        let lines = vec![
            Line::from(vec![Span::raw("  "), Span::raw(top)]),
            Line::from(vec![
                Span::styled(focus, if focused { t.focus() } else { Style::new() }),
                Span::raw("│"),
                Span::styled(format!("{text}{}", " ".repeat(mid_pad)), field_style),
                Span::raw("│ "),
                Span::raw(crate::tui::view::fit(unit, width.saturating_sub(box_w + 3))),
            ]),
            Line::from(vec![Span::raw("  "), Span::raw(bottom)]),
        ];
        let col = 3 + laid.cursor.1.min(inner.saturating_sub(1));
        return (lines, focused.then_some((1, col)));
    }
    // A note: a box as wide as the screen, as tall as the text.
    let inner = width.saturating_sub(4).max(4);
    let laid = s.input.layout(inner);
    let mut lines = vec![Line::from(vec![
        Span::raw("  "),
        Span::raw(format!("┌{}┐", "─".repeat(inner))),
    ])];
    let rows: Vec<(String, Style)> = if s.input.is_empty() {
        wrap(&placeholder, inner)
            .into_iter()
            .map(|r| (r, t.placeholder()))
            .collect()
    } else {
        laid.rows
            .iter()
            .map(|r| (r.clone(), Style::new()))
            .collect()
    };
    for (i, (r, style)) in rows.iter().enumerate() {
        let lead = if i == 0 && focused { focus } else { "  " };
        let padding = inner.saturating_sub(r.width());
        lines.push(Line::from(vec![
            Span::styled(lead, if focused { t.focus() } else { Style::new() }),
            Span::raw("│"),
            Span::styled(r.clone(), *style),
            Span::raw(" ".repeat(padding)),
            Span::raw("│"),
        ]));
    }
    lines.push(Line::from(vec![
        Span::raw("  "),
        Span::raw(format!("└{}┘", "─".repeat(inner))),
    ]));
    let cursor = if s.input.is_empty() {
        (1, 3)
    } else {
        (1 + laid.cursor.0, 3 + laid.cursor.1)
    };
    (lines, focused.then_some(cursor))
}
