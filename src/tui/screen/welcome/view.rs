//! The welcome screen: what open weights and closed mean, what the questionnaire covers, how
//! long it takes, that nothing leaves the computer; start, or continue unfinished answers.
//! The choices stay at the bottom; the introduction above them scrolls on small windows.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::tui::app::{App, WelcomeChoice};
use crate::tui::scroll::Scroll;

use crate::tui::keymap::screen_footer;
use crate::tui::view::{TEXT_WIDTH, chrome, pad, para, render_chrome, render_scroll};

pub const OPEN_WEIGHTS: &str = "The maker publishes the trained model itself, so you can download it, run it on computers you choose and adapt it. A licence still sets conditions.";
pub const CLOSED: &str = "The model stays with its maker. You send it requests over the internet and pay per use; you never hold the model.";

pub struct WelcomeView<'a> {
    pub app: &'a App,
    pub cursor: usize,
    pub scroll: &'a Scroll,
}

/// The label of a welcome choice.
pub fn choice_label(app: &App, c: WelcomeChoice) -> String {
    match c {
        WelcomeChoice::Start => match (app.scenario(), app.q.sheet().respondent.as_deref()) {
            (Some(card), Some(label)) => {
                format!("Start as {label}: {} (the brief comes first)", card.short)
            }
            (Some(card), None) => format!("Start as: {} (the brief comes first)", card.short),
            (None, Some(label)) => format!("Start the questionnaire as {label}"),
            (None, None) => "Start the questionnaire".into(),
        },
        WelcomeChoice::Scenario if app.scenario().is_some() => {
            "Choose a different scenario card".into()
        }
        WelcomeChoice::Scenario => "Play a workshop scenario card".into(),
        WelcomeChoice::StartNew => "Start a new questionnaire".into(),
        WelcomeChoice::Continue => {
            let (done, asked) = app.progress();
            format!("Continue where you left off ({done} of {asked} answered)")
        }
        WelcomeChoice::ResumeOffer => match &app.offer {
            Some(o) => {
                let answers = o.sheet.to_answers();
                let eval = crate::engine::evaluate(app.q.bank(), &answers);
                let p = eval.progress;
                format!(
                    "Continue your unfinished answers from {} ({} of {} answered)",
                    when(&o.sheet.updated),
                    p.answered + p.not_sure,
                    p.asked
                )
            }
            None => "Continue your unfinished answers".into(),
        },
        WelcomeChoice::Glossary => "Read the glossary: the terms explained".into(),
    }
}

/// "2026-11-30 15:12" (local time) from an RFC 3339 timestamp.
fn when(stamp: &str) -> String {
    crate::clock::human(stamp)
}

/// The introduction above the choices.
fn intro(app: &App, w: usize) -> Vec<Line<'static>> {
    let t = app.theme;
    let mut lines: Vec<Line<'static>> = session(app, w);
    lines.push(Line::from(Span::styled("Open weights", t.heading())));
    lines.extend(para(OPEN_WEIGHTS, w, Style::new(), "  ", "  "));
    lines.push(Line::from(Span::styled("Closed", t.heading())));
    lines.extend(para(CLOSED, w, Style::new(), "  ", "  "));
    lines.push(Line::default());
    let minutes = app
        .q
        .bank()
        .meta
        .minutes
        .map_or_else(String::new, |m| format!(", about {m} minutes"));
    let covers = app
        .q
        .bank()
        .sections
        .iter()
        .map(|s| s.title.to_lowercase())
        .collect::<Vec<_>>()
        .join("; ");
    lines.extend(para(
        &format!(
            "{}{minutes}: {covers}.",
            crate::words::question_count(app.q.bank())
        ),
        w,
        Style::new(),
        "",
        "",
    ));
    lines.extend(para(
        "You can go back and change any answer, and \"Not sure\" is a real answer. At the end: a recommendation, the reasons, and the licence terms to read.",
        w,
        Style::new(),
        "",
        "",
    ));
    lines.push(Line::default());
    lines.extend(para(
        "Nothing leaves this computer: weighup works offline and saves your answers in a file here, after every answer.",
        w,
        t.prompt(),
        "",
        "",
    ));
    if app.fresh && !app.q.resumed() {
        lines.push(Line::from("Your answers will be saved in:"));
        lines.push(crate::tui::view::path_line(
            &app.q.path().display().to_string(),
            w,
            "  ",
            Style::new(),
        ));
    }
    for n in &app.notices {
        lines.extend(para(n, w, t.error(), "Note: ", "      "));
    }
    lines.extend(para(
        "weighup says what to read and why; it does not give legal advice.",
        w,
        t.muted(),
        "",
        "",
    ));
    lines
}

/// What the command line asked for, so a workshop participant sees which card, label and
/// file are in play before pressing Enter.
fn session(app: &App, w: usize) -> Vec<Line<'static>> {
    let t = app.theme;
    let mut lines: Vec<Line<'static>> = Vec::new();
    if !app.fresh || app.q.resumed() {
        return lines;
    }
    if let Some(card) = app.scenario() {
        lines.extend(para(&card.title, w, t.heading(), "Scenario card: ", "  "));
    }
    if let Some(label) = &app.q.sheet().respondent {
        lines.extend(para(label, w, t.heading(), "Your label: ", "  "));
    }
    if !lines.is_empty() {
        lines.push(Line::default());
    }
    lines
}

/// The choices, and the line where each starts.
fn choices(app: &App, cursor: usize, w: usize) -> Vec<Line<'static>> {
    let t = app.theme;
    let mut lines = Vec::new();
    for (i, ch) in app.welcome_choices().iter().enumerate() {
        let label = choice_label(app, *ch);
        let focused = i == cursor;
        let marker = if focused { "> " } else { "  " };
        for (j, l) in crate::tui::view::wrap(&label, w.saturating_sub(2))
            .into_iter()
            .enumerate()
        {
            let lead = if j == 0 { marker } else { "  " };
            let line = Line::from(vec![Span::raw(lead), Span::raw(l)]);
            lines.push(if focused {
                pad(line, w).style(t.focus())
            } else {
                line
            });
        }
    }
    lines
}

/// The introduction, then the choices: right below it when everything fits, else pinned
/// at the bottom with the introduction scrolling above.
fn areas(app: &App, area: Rect, cursor: usize) -> (Rect, Rect, Vec<Line<'static>>) {
    let c = chrome(app, area);
    let body = Rect {
        width: c.body.width.min(TEXT_WIDTH),
        ..c.body
    };
    let ch = choices(app, cursor, usize::from(body.width));
    let text_h = intro(app, usize::from(body.width)).len() as u16;
    let fits = text_h + 1 + ch.len() as u16 <= body.height;
    let text_c = if fits {
        Constraint::Length(text_h)
    } else {
        Constraint::Fill(1)
    };
    let [text, _gap, list, _rest] = Layout::vertical([
        text_c,
        Constraint::Length(1),
        Constraint::Length(ch.len() as u16),
        Constraint::Fill(u16::from(fits)),
    ])
    .areas(body);
    (text, list, ch)
}

impl Widget for WelcomeView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let c = chrome(app, area);
        render_chrome(
            app,
            &c,
            "Open weights or closed?",
            "Welcome",
            &screen_footer(app),
            buf,
        );
        let (text, list, ch) = areas(app, area, self.cursor);
        render_scroll(
            app.theme,
            intro(app, usize::from(text.width)),
            self.scroll,
            text,
            buf,
        );
        Paragraph::new(ch).render(list, buf);
    }
}
