//! One flag in detail: what to read, which licences or terms, why it was raised, the
//! sources with the date they were checked.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::catalogue::Severity;
use crate::tui::app::App;
use crate::tui::scroll::Scroll;

use crate::tui::keymap::screen_footer;
use crate::tui::view::{chrome, para, render_chrome, render_scroll};

pub struct FlagView<'a> {
    pub app: &'a App,
    pub index: usize,
    pub scroll: &'a Scroll,
}

/// What a severity means, in words.
pub fn severity_meaning(s: Severity) -> &'static str {
    match s {
        Severity::Blocks => {
            "Settle this before you choose: the answer may rule a licence or service out for you."
        }
        Severity::ReadCarefully => "Read this carefully before you commit.",
        Severity::Note => "Worth knowing.",
    }
}

impl Widget for FlagView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let c = chrome(app, area);
        let n = app.q.evaluation().flags.len();
        render_chrome(
            app,
            &c,
            "Licence and terms to read",
            &format!("Flag {} of {n}", self.index + 1),
            &screen_footer(app),
            buf,
        );
        let lines = doc(app, self.index, usize::from(c.body.width));
        render_scroll(app.theme, lines, self.scroll, c.body, buf);
    }
}

/// The flag as lines.
pub fn doc(app: &App, index: usize, w: usize) -> Vec<Line<'static>> {
    let t = app.theme;
    let Some(f) = app.q.evaluation().flags.get(index) else {
        return Vec::new();
    };
    let mut lines: Vec<Line<'static>> = Vec::new();
    let sev = format!("[{}] ", crate::words::severity(f.severity).to_uppercase());
    let mut title = para(&f.title, w.saturating_sub(sev.len()), t.prompt(), "", "");
    if let Some(first) = title.first_mut() {
        first
            .spans
            .insert(0, Span::styled(sev.clone(), t.severity(f.severity)));
    }
    for l in title.iter_mut().skip(1) {
        l.spans.insert(0, Span::raw(" ".repeat(sev.len())));
    }
    lines.extend(title);
    lines.extend(para(severity_meaning(f.severity), w, t.muted(), "", ""));
    lines.push(Line::default());
    lines.extend(para(&f.explanation, w, Style::new(), "", ""));
    let terms: Vec<&str> = app
        .glossary_terms_in_flag(index)
        .into_iter()
        .map(|i| app.glossary.terms[i].term.as_str())
        .collect();
    if !terms.is_empty() {
        lines.extend(para(
            &format!("{}.", terms.join(", ")),
            w,
            t.muted(),
            "In the glossary (g): ",
            "  ",
        ));
    }
    let heading = |lines: &mut Vec<Line<'static>>, s: &str| {
        lines.push(Line::default());
        lines.push(Line::from(Span::styled(s.to_string(), t.heading())));
    };
    heading(&mut lines, "What to read");
    for r in &f.read {
        lines.extend(para(r, w, Style::new(), "• ", "  "));
    }
    if !f.licences.is_empty() {
        heading(&mut lines, "Which licences");
        for l in &f.licences {
            lines.extend(para(&l.name, w, Style::new(), "• ", "  "));
        }
    }
    if !f.terms.is_empty() {
        heading(&mut lines, "Which terms");
        for term in &f.terms {
            lines.extend(para(term, w, Style::new(), "• ", "  "));
        }
    }
    heading(&mut lines, "Why it was raised");
    for b in &f.raised_by {
        lines.extend(para(
            &format!("You answered \"{}\" to {}.", b.answer, b.short),
            w,
            Style::new(),
            "• ",
            "  ",
        ));
    }
    if let Some(v) = f.because_of_verdict {
        lines.extend(para(
            &format!(
                "The recommendation is {}.",
                crate::tui::screen::result::view::lower_first(v.title())
            ),
            w,
            Style::new(),
            "• ",
            "  ",
        ));
    }
    heading(&mut lines, "Sources");
    for s in &f.sources {
        lines.extend(crate::tui::view::source_lines(
            s,
            w,
            t,
            t.prompt(),
            Style::new(),
        ));
    }
    lines.push(Line::default());
    lines.extend(para(app.q.evaluation().disclaimer, w, t.prompt(), "", ""));
    lines
}
