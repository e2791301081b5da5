//! The result: the verdict and how clear it is, a chart of how each trade-off pulled (the
//! side is shown by position and words, not colour), the reasons, what would change the
//! verdict, what to find out, the flags to read (each opens a detail view), the
//! not-legal-advice line and where the answers are saved. Scrolls.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use crate::bank::Side;
use crate::tui::app::App;
use crate::tui::scroll::Scroll;

use crate::tui::keymap::screen_footer;
use crate::tui::view::{chrome, fit, pad, para, path_line, render_chrome, render_scrolled};

pub struct ResultView<'a> {
    pub app: &'a App,
    pub scroll: &'a Scroll,
    pub flag: Option<usize>,
}

impl Widget for ResultView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let c = chrome(app, area);
        let hints = &screen_footer(app);
        let (done, asked) = app.progress();
        render_chrome(
            app,
            &c,
            "Your result",
            &format!("{done} of {asked} answered"),
            hints,
            buf,
        );
        let (lines, anchors) = doc(app, usize::from(c.body.width), self.flag);
        // Opened at a flag (or moved to one with Tab): its first line near the top.
        let auto = self
            .flag
            .and_then(|f| anchors.get(f))
            .map_or(0, |l| l.saturating_sub(2));
        let scroll = self
            .scroll
            .draw(lines.len(), usize::from(c.body.height), auto);
        render_scrolled(app.theme, lines, scroll, c.body, buf);
    }
}

/// The whole result as lines, and the line where each flag starts.
pub fn doc(app: &App, w: usize, focus: Option<usize>) -> (Vec<Line<'static>>, Vec<usize>) {
    let t = app.theme;
    let e = app.q.evaluation();
    let mut lines: Vec<Line<'static>> = Vec::new();
    let heading = |lines: &mut Vec<Line<'static>>, s: &str| {
        lines.push(Line::default());
        lines.push(Line::from(Span::styled(s.to_string(), t.heading())));
    };

    if app.q.reviewing().is_some() {
        // A reviewer reads first whose answers these are and where changes go.
        lines.extend(saved_lines(app, w));
        // "... last saved at ..." describes the original; after a change it would be stale.
        for n in app
            .notices
            .iter()
            .filter(|n| !(app.q.changed() && n.contains(", last saved ")))
        {
            lines.extend(para(n, w, t.error(), "Note: ", "      "));
        }
        lines.push(Line::default());
    }
    lines.extend(para(
        e.verdict_title,
        w,
        t.verdict(),
        "Recommendation: ",
        "                ",
    ));
    lines.extend(para(
        e.clarity_title,
        w,
        t.prompt(),
        "How clear: ",
        "           ",
    ));
    lines.extend(para(
        &crate::words::sure(e),
        w,
        t.prompt(),
        "How sure:  ",
        "           ",
    ));
    lines.extend(para(
        crate::words::SURE_MEANS,
        w,
        t.muted(),
        "           ",
        "           ",
    ));
    lines.push(Line::default());
    lines.extend(para(&e.headline, w, t.prompt(), "", ""));
    for a in &e.advice {
        lines.extend(para(a, w, Style::new(), "• ", "  "));
    }
    if !e.plan.is_empty() {
        heading(&mut lines, "The plan");
        for p in &e.plan {
            let mut item = para(
                &format!("{} ({}): {}", p.part, p.side.label(), p.how),
                w,
                Style::new(),
                "• ",
                "  ",
            );
            emphasise_start(&mut item, &p.part, t.prompt());
            lines.extend(item);
            if !p.because.is_empty() {
                lines.extend(para(
                    &format!("Because of your answers: {}.", p.because),
                    w,
                    t.muted(),
                    "  ",
                    "  ",
                ));
            }
        }
    }
    let (done, asked) = app.progress();
    if done < asked {
        lines.push(Line::default());
        lines.extend(para(
            &format!(
                "You have answered {done} of {asked} questions. The advice firms up as you answer more: press c to check your answers."
            ),
            w,
            t.error(),
            "",
            "",
        ));
    }

    if !e.constraints.is_empty() {
        heading(&mut lines, "Hard constraints");
        for c in &e.constraints {
            let mut item = para(
                &format!("{}: \"{}\". {}.", c.short, c.answer, c.rules_out_sentence()),
                w,
                Style::new(),
                "• ",
                "  ",
            );
            emphasise_start(&mut item, &c.short, t.prompt());
            lines.extend(item);
            lines.extend(para(&c.why, w, t.muted(), "  ", "  "));
        }
    }

    heading(&mut lines, "How each trade-off pulled");
    lines.extend(chart(app, w));

    heading(&mut lines, "Why: the reasons, strongest first");
    if e.reasons.is_empty() {
        lines.extend(para(
            "No answer moves the advice yet.",
            w,
            t.muted(),
            "  ",
            "  ",
        ));
    }
    for r in &e.reasons {
        let side = match r.toward {
            Side::OpenWeights => "toward open weights",
            Side::Closed => "toward closed",
        };
        let mut cause = para(
            &format!("{}: \"{}\" pulls {side}", r.short, r.answer),
            w,
            Style::new(),
            "• ",
            "  ",
        );
        emphasise_start(&mut cause, &r.short, t.prompt());
        lines.extend(cause);
        lines.extend(para(&r.why, w, t.muted(), "  ", "  "));
    }

    heading(&mut lines, "What would change the recommendation");
    if e.would_change.is_empty() {
        lines.extend(para(
            "No single answer change would change it.",
            w,
            t.muted(),
            "  ",
            "  ",
        ));
    }
    for line in crate::report::change_lines(e) {
        let short = line.split(':').next().unwrap_or_default().to_string();
        let mut item = para(&line, w, Style::new(), "• ", "  ");
        emphasise_start(&mut item, &short, t.prompt());
        lines.extend(item);
    }

    heading(&mut lines, "To find out");
    if e.find_out.is_empty() {
        lines.extend(para(
            "Nothing: you were sure of every answer you gave.",
            w,
            t.muted(),
            "  ",
            "  ",
        ));
    }
    for f in &e.find_out {
        let mut item = para(
            &format!("{}: {}", f.short, f.find_out),
            w,
            Style::new(),
            "• ",
            "  ",
        );
        emphasise_start(&mut item, &f.short, t.prompt());
        lines.extend(item);
    }

    heading(
        &mut lines,
        &format!("Licence and terms to read ({})", e.flags.len()),
    );
    let mut anchors = Vec::new();
    if e.flags.is_empty() {
        lines.extend(para(
            "None raised by these answers.",
            w,
            t.muted(),
            "  ",
            "  ",
        ));
    } else {
        lines.extend(para(
            "Press Tab to move to a flag and Enter to open it, or its number.",
            w,
            t.muted(),
            "",
            "",
        ));
    }
    for (i, f) in e.flags.iter().enumerate() {
        anchors.push(lines.len());
        let focused = focus == Some(i);
        let num = format!("{}", i + 1);
        let sev = format!("[{}]", crate::words::severity(f.severity).to_uppercase());
        let lead = format!("{}{num}. ", if focused { "> " } else { "  " });
        let lead_w = lead.width();
        let rest = " ".repeat(lead_w);
        let title_lines =
            crate::tui::view::wrap(&format!("{sev} {}", f.title), w.saturating_sub(lead_w));
        for (j, l) in title_lines.into_iter().enumerate() {
            let mut spans = vec![Span::raw(if j == 0 { lead.clone() } else { rest.clone() })];
            if j == 0 && l.starts_with(&sev) {
                spans.push(Span::styled(sev.clone(), t.severity(f.severity)));
                spans.push(Span::raw(l[sev.len()..].to_string()));
            } else {
                spans.push(Span::raw(l));
            }
            let line = Line::from(spans);
            lines.push(if focused {
                pad(line, w).style(t.focus())
            } else {
                line
            });
        }
    }

    let groups = crate::report::fit_groups(e);
    if !groups.is_empty() {
        heading(&mut lines, crate::report::FIT_TITLE);
        for (title, items) in groups {
            lines.extend(para(title, w, t.prompt(), "", ""));
            for item in items {
                lines.extend(para(&item, w, Style::new(), "• ", "  "));
            }
        }
        lines.extend(para(
            "Press l to open each licence with its conditions and sources.",
            w,
            t.muted(),
            "",
            "",
        ));
    }
    if !e.if_you_reconsider.is_empty() {
        heading(&mut lines, crate::report::reconsider_title(e));
        for item in crate::report::reconsider_lines(e) {
            lines.extend(para(&item, w, t.muted(), "• ", "  "));
        }
    }

    lines.push(Line::default());
    lines.extend(para(e.disclaimer, w, t.prompt(), "", ""));
    if app.q.reviewing().is_none() {
        lines.push(Line::default());
        lines.extend(saved_lines(app, w));
    }
    (lines, anchors)
}

/// Where the answers are saved (and, when reviewing, what happened to the original). Each
/// file name stands on a line of its own, shortened in the middle when the line is too
/// narrow: the whole name is printed when weighup closes.
fn saved_lines(app: &App, w: usize) -> Vec<Line<'static>> {
    let t = app.theme;
    let mut out = Vec::new();
    let file = |out: &mut Vec<Line<'static>>, label: &str, p: &std::path::Path| {
        out.push(Line::from(Span::styled(label.to_string(), t.prompt())));
        out.push(path_line(&p.display().to_string(), w, "  ", Style::new()));
    };
    match app.q.reviewing() {
        Some(r) if r.overwritten => file(&mut out, "Saved over the original:", &r.original),
        Some(r) => {
            file(
                &mut out,
                "Reviewing (your changes go to a copy; the original is kept):",
                &r.original,
            );
            match (&r.copy, app.q.changed()) {
                (Some(copy), true) => {
                    file(&mut out, "Your changes are saved in a copy:", copy);
                    out.extend(para(
                        "The original is unchanged. Press o to overwrite it with your changes.",
                        w,
                        t.muted(),
                        "",
                        "",
                    ));
                }
                _ => out.extend(para(
                    "Change any answer with c: your changes are saved in a copy next to it, and the original stays as it is unless you choose to overwrite it.",
                    w,
                    t.muted(),
                    "",
                    "",
                )),
            }
        }
        None => match app.saved_path() {
            Some(p) => file(&mut out, "Your answers are saved in:", p),
            None => out.extend(para(
                "Nothing is saved yet: you have not answered any question.",
                w,
                t.muted(),
                "",
                "",
            )),
        },
    }
    out
}

/// A bar per trade-off: left of the middle line pulls toward closed, right toward open
/// weights, with the points in words.
fn chart(app: &App, w: usize) -> Vec<Line<'static>> {
    let t = app.theme;
    let dims = &app.q.evaluation().dimensions;
    let wide = w >= 74;
    let label_w = if wide { 31 } else { 15 };
    let words_w = 22;
    let half = (w.saturating_sub(label_w + 1 + words_w + 1) / 2).clamp(4, 14);
    let scale = dims.iter().map(|d| d.net.abs()).max().unwrap_or(0).max(1);
    let mut out = Vec::new();
    let left_label = "< closed";
    let right_label = "open weights >";
    out.push(Line::from(vec![
        Span::raw(" ".repeat(label_w + 1)),
        Span::styled(format!("{left_label:>half$}"), t.muted()),
        Span::raw("|"),
        Span::styled(fit(right_label, half + words_w), t.muted()),
    ]));
    for d in dims {
        let title = if wide { d.title } else { d.dimension.short() };
        let n = usize::try_from(d.net.unsigned_abs()).unwrap_or(0) * half;
        let n = (n as f64 / scale as f64).round() as usize;
        let n = n.min(half);
        let (left, right) = match d.net.signum() {
            -1 => (
                format!("<{}", "█".repeat(n.saturating_sub(1))),
                String::new(),
            ),
            1 => (
                String::new(),
                format!("{}>", "█".repeat(n.saturating_sub(1))),
            ),
            _ => (String::new(), String::new()),
        };
        let words = crate::words::pull(d);
        let title = fit(title, label_w);
        out.push(Line::from(vec![
            Span::raw(format!("{title}{} ", " ".repeat(label_w - title.width()))),
            Span::raw(" ".repeat(half - left.chars().count())),
            Span::styled(left, t.bar_closed()),
            Span::raw("|"),
            Span::styled(right.clone(), t.bar_open()),
            Span::raw(" ".repeat(half - right.chars().count() + 1)),
            Span::styled(words, t.muted()),
        ]));
    }
    out
}

/// "A closed model through an API" → "a closed model through an API".
pub fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// Shows the first words of a wrapped item (a question's short name) in `style`.
fn emphasise_start(lines: &mut [Line<'static>], start: &str, style: Style) {
    let Some(first) = lines.first_mut() else {
        return;
    };
    let Some(text) = first.spans.get(1).map(|s| s.content.to_string()) else {
        return;
    };
    if let Some(rest) = text.strip_prefix(start) {
        let base = first.spans[1].style;
        first.spans[1] = Span::styled(start.to_string(), style);
        first.spans.insert(2, Span::styled(rest.to_string(), base));
    }
}
