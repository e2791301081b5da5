//! The result as one self-contained HTML page: inline CSS, an inline SVG chart of the
//! dimension scores, no scripts and nothing fetched from anywhere. Prints on A4.

use std::fmt::Write as _;

use super::{
    CHART_TITLE, FIT_TITLE, FlagLine, KEPT_TITLE, NO_ANSWERS, NO_CHANGE, NO_FIND_OUT, NO_FLAGS,
    NO_REASONS, NOT_ASKED, ReportInfo, TITLE, change_lines, constraint_line, fit_groups,
    flag_lines, footer, for_whom, how_clear, plan_lines, reason_line, reconsider_lines,
    reconsider_title, rows, unfinished,
};
use crate::answers::Answers;
use crate::bank::Bank;
use crate::catalogue::Severity;
use crate::engine::{DimensionScore, Evaluation};

/// Escapes text for HTML element content and quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

const STYLE: &str = r"
:root { --ink: #1d1d1f; --muted: #5b5b66; --line: #d0d0d8; --open: #1f5f99; --closed: #9a4d00;
  --blocks: #a1141c; --careful: #8a5a00; --note: #3d4f66; --paper: #ffffff; --tint: #f4f5f8; }
* { box-sizing: border-box; }
html { background: var(--paper); color: var(--ink); }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif; }
main { max-width: 46rem; margin: 0 auto; padding: 2rem 1.25rem 3rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .6rem; border-bottom: 1px solid var(--line); padding-bottom: .2rem; }
h3 { font-size: 1.05rem; margin: 0 0 .4rem; }
p { margin: .4rem 0; }
.kicker { text-transform: uppercase; letter-spacing: .08em; font-size: .75rem; color: var(--muted); margin: 0; }
.meta { color: var(--muted); }
.verdict { background: var(--tint); border-left: .4rem solid var(--muted); padding: 1rem 1.25rem; margin: 1.25rem 0; }
.verdict.open-weights { border-left-color: var(--open); }
.verdict.closed { border-left-color: var(--closed); }
.verdict h2 { border: 0; margin: 0 0 .3rem; font-size: 1.5rem; padding: 0; }
.verdict .label { margin: 0; color: var(--muted); font-size: .85rem; text-transform: uppercase; letter-spacing: .06em; }
.headline { font-weight: 600; }
.unfinished, .banknote { border: 1px solid var(--careful); padding: .5rem .75rem; }
.disclaimer { border: 1px solid var(--line); padding: .6rem .8rem; font-size: .95rem; }
svg.chart { width: 100%; height: auto; display: block; }
svg.chart text { font: 13px system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif; fill: var(--ink); }
svg.chart .axis { stroke: var(--muted); stroke-width: 1; }
svg.chart .grid { stroke: var(--line); stroke-width: 1; }
svg.chart .bar-open { fill: var(--open); }
svg.chart .bar-closed { fill: var(--closed); }
svg.chart .side { fill: var(--muted); font-size: 12px; }
ol, ul { padding-left: 1.4rem; }
li { margin: .3rem 0; }
.flag { border: 1px solid var(--line); border-left-width: .35rem; padding: .7rem .9rem; margin: .8rem 0; }
.flag.blocks { border-left-color: var(--blocks); }
.flag.read-carefully { border-left-color: var(--careful); }
.flag.note { border-left-color: var(--note); }
.severity { display: inline-block; font-size: .75rem; text-transform: uppercase; letter-spacing: .05em;
  border: 1px solid currentColor; padding: 0 .35rem; margin-right: .4rem; vertical-align: .1rem; }
.flag.blocks .severity { color: var(--blocks); }
.flag.read-carefully .severity { color: var(--careful); }
.flag.note .severity { color: var(--note); }
dl { margin: .5rem 0 0; display: grid; grid-template-columns: 7.5rem 1fr; gap: .2rem .75rem; }
dt { font-weight: 600; color: var(--muted); }
dd { margin: 0; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: .35rem .5rem; border-bottom: 1px solid var(--line); }
thead th { font-size: .85rem; color: var(--muted); }
tr.section th { background: var(--tint); font-size: .9rem; }
.answer-note { display: block; color: var(--muted); font-size: .9rem; }
footer { margin-top: 2.5rem; border-top: 1px solid var(--line); padding-top: .6rem; color: var(--muted); font-size: .9rem; }
a { color: var(--open); }
@page { size: A4; margin: 16mm 15mm 18mm; }
@media print {
  html, body { background: #fff; }
  body { font-size: 10pt; }
  main { max-width: none; padding: 0; }
  h2 { margin-top: 1.2rem; break-after: avoid; page-break-after: avoid; }
  h3 { break-after: avoid; page-break-after: avoid; }
  .verdict, li, tr, dt, dd, svg.chart { break-inside: avoid; page-break-inside: avoid; }
  .verdict, .flag, svg.chart, .severity { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  a { color: inherit; text-decoration: none; }
  a[href]::after { content: ' <' attr(href) '>'; font-size: 8pt; color: var(--muted); word-break: break-all; }
}
";

fn severity_class(s: Severity) -> &'static str {
    match s {
        Severity::Blocks => "blocks",
        Severity::ReadCarefully => "read-carefully",
        Severity::Note => "note",
    }
}

/// A link when the source is on the web (a link is followed only when the reader clicks it;
/// the page itself fetches nothing), else the place in words.
fn source(title: &str, url: &str) -> String {
    if url.starts_with("https://") || url.starts_with("http://") {
        format!("<a href=\"{}\">{}</a>", escape(url), escape(title))
    } else {
        format!("{} (<code>{}</code>)", escape(title), escape(url))
    }
}

/// The dimension scores as a diverging bar chart: closed to the left, open weights to the
/// right. The side is told by position and by the signed number, never by colour alone.
fn chart(dims: &[DimensionScore]) -> String {
    const ROW: i64 = 28;
    const TOP: i64 = 30;
    const LABEL_END: i64 = 226;
    const MID: i64 = 452;
    const HALF: i64 = 190;
    const WIDTH: i64 = 700;
    let n = i64::try_from(dims.len()).unwrap_or(0);
    let height = TOP + n * ROW + 8;
    let scale = dims.iter().map(|d| d.net.abs()).max().unwrap_or(0).max(1);
    let mut s = String::new();
    let mut desc: Vec<String> = Vec::new();
    for d in dims {
        let lean = match d.net {
            v if v > 0 => format!("{v} toward open weights"),
            v if v < 0 => format!("{} toward closed", -v),
            _ => "even".to_string(),
        };
        desc.push(format!("{}: {lean}", d.title));
    }
    let _ = write!(
        s,
        "<svg class=\"chart\" viewBox=\"0 0 {WIDTH} {height}\" role=\"img\" aria-labelledby=\"chart-title chart-desc\">\
<title id=\"chart-title\">{CHART_TITLE}</title><desc id=\"chart-desc\">{}</desc>",
        escape(&desc.join("; "))
    );
    let _ = write!(
        s,
        "<text class=\"side\" x=\"{}\" y=\"16\">&#8592; toward closed</text>\
<text class=\"side\" x=\"{}\" y=\"16\" text-anchor=\"end\">toward open weights &#8594;</text>",
        MID - HALF,
        MID + HALF
    );
    for (i, d) in dims.iter().enumerate() {
        let y = TOP + i64::try_from(i).unwrap_or(0) * ROW;
        let len = (d.net.abs() * HALF + scale / 2) / scale;
        let (x, class) = if d.net < 0 {
            (MID - len, "bar-closed")
        } else {
            (MID, "bar-open")
        };
        let _ = write!(
            s,
            "<line class=\"grid\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>\
<text x=\"{LABEL_END}\" y=\"{}\" text-anchor=\"end\">{}</text>",
            MID - HALF,
            y + ROW - 2,
            MID + HALF,
            y + ROW - 2,
            y + 18,
            escape(d.title)
        );
        if len > 0 {
            let _ = write!(
                s,
                "<rect class=\"{class}\" x=\"{x}\" y=\"{}\" width=\"{len}\" height=\"16\"/>",
                y + 5
            );
        }
        let _ = write!(
            s,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{:+}</text>",
            WIDTH - 4,
            y + 18,
            d.net
        );
    }
    let _ = write!(
        s,
        "<line class=\"axis\" x1=\"{MID}\" y1=\"{}\" x2=\"{MID}\" y2=\"{}\"/></svg>",
        TOP - 4,
        height - 4
    );
    s
}

fn list(o: &mut String, items: &[String], ordered: bool, empty: &str) {
    if items.is_empty() {
        let _ = writeln!(o, "<p>{}</p>", escape(empty));
        return;
    }
    let tag = if ordered { "ol" } else { "ul" };
    let _ = writeln!(o, "<{tag}>");
    for i in items {
        let _ = writeln!(o, "<li>{i}</li>");
    }
    let _ = writeln!(o, "</{tag}>");
}

/// The result as a self-contained HTML page.
pub fn html(bank: &Bank, answers: &Answers, eval: &Evaluation, info: &ReportInfo) -> String {
    let mut out = String::new();
    let o = &mut out;
    let _ = writeln!(o, "<!DOCTYPE html>");
    let _ = writeln!(o, "<html lang=\"en\">");
    let _ = writeln!(o, "<head>");
    let _ = writeln!(o, "<meta charset=\"utf-8\">");
    let _ = writeln!(
        o,
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
    );
    let _ = writeln!(
        o,
        "<meta name=\"generator\" content=\"weighup {}\">",
        env!("CARGO_PKG_VERSION")
    );
    let _ = writeln!(
        o,
        "<title>{}: {}</title>",
        escape(TITLE),
        escape(eval.verdict_title)
    );
    let _ = writeln!(o, "<style>{STYLE}</style>");
    let _ = writeln!(o, "</head>");
    let _ = writeln!(o, "<body>");
    let _ = writeln!(o, "<main>");

    let _ = writeln!(o, "<header>");
    let _ = writeln!(o, "<p class=\"kicker\">weighup</p>");
    let _ = writeln!(o, "<h1>{}</h1>", escape(TITLE));
    if let Some(f) = for_whom(info) {
        let _ = writeln!(o, "<p class=\"meta\">{}</p>", escape(&f));
    }
    let _ = writeln!(o, "</header>");

    let _ = writeln!(
        o,
        "<section class=\"verdict {}\" aria-labelledby=\"verdict\">",
        eval.verdict.id()
    );
    let _ = writeln!(o, "<p class=\"label\">Recommendation</p>");
    let _ = writeln!(o, "<h2 id=\"verdict\">{}</h2>", escape(eval.verdict_title));
    let _ = writeln!(o, "<p>How clear: {}</p>", escape(&how_clear(eval)));
    if let Some(u) = unfinished(eval) {
        let _ = writeln!(o, "<p class=\"unfinished\">{}</p>", escape(&u));
    }
    let _ = writeln!(o, "<p class=\"headline\">{}</p>", escape(&eval.headline));
    for a in &eval.advice {
        let _ = writeln!(o, "<p>{}</p>", escape(a));
    }
    if !eval.plan.is_empty() {
        let _ = writeln!(o, "<h3>The plan</h3>");
        let _ = writeln!(o, "<ul>");
        for line in plan_lines(eval) {
            let _ = writeln!(o, "<li>{}</li>", escape(&line));
        }
        let _ = writeln!(o, "</ul>");
    }
    let _ = writeln!(o, "</section>");
    for n in &info.bank_notes {
        let _ = writeln!(
            o,
            "<p class=\"banknote\"><strong>Note:</strong> {}</p>",
            escape(n)
        );
    }
    let _ = writeln!(
        o,
        "<p class=\"disclaimer\" role=\"note\">{}</p>",
        escape(eval.disclaimer)
    );

    let _ = writeln!(o, "<section>");
    let _ = writeln!(o, "<h2>{CHART_TITLE}</h2>");
    let _ = writeln!(o, "{}", chart(&eval.dimensions));
    let _ = writeln!(o, "</section>");

    if !eval.constraints.is_empty() {
        let _ = writeln!(o, "<section>");
        let _ = writeln!(o, "<h2>Hard constraints</h2>");
        let items: Vec<String> = eval
            .constraints
            .iter()
            .map(|c| escape(&constraint_line(c)))
            .collect();
        list(o, &items, false, "");
        let _ = writeln!(o, "</section>");
    }

    let _ = writeln!(o, "<section>");
    let _ = writeln!(o, "<h2>Why: the reasons, strongest first</h2>");
    let items: Vec<String> = eval
        .reasons
        .iter()
        .map(|r| escape(&reason_line(r)))
        .collect();
    list(o, &items, true, NO_REASONS);
    let _ = writeln!(o, "</section>");

    let _ = writeln!(o, "<section>");
    let _ = writeln!(o, "<h2>What would change the recommendation</h2>");
    let items: Vec<String> = change_lines(eval).iter().map(|l| escape(l)).collect();
    list(o, &items, false, NO_CHANGE);
    let _ = writeln!(o, "</section>");

    let _ = writeln!(o, "<section>");
    let _ = writeln!(o, "<h2>To find out</h2>");
    let items: Vec<String> = eval
        .find_out
        .iter()
        .map(|f| {
            format!(
                "<strong>{}:</strong> {}",
                escape(&f.short),
                escape(&f.find_out)
            )
        })
        .collect();
    list(o, &items, false, NO_FIND_OUT);
    let _ = writeln!(o, "</section>");

    let groups = fit_groups(eval);
    if !groups.is_empty() {
        let _ = writeln!(o, "<section>");
        let _ = writeln!(o, "<h2>{FIT_TITLE}</h2>");
        for (title, lines) in groups {
            let _ = writeln!(o, "<h3>{}</h3>", escape(title));
            let _ = writeln!(o, "<ul>");
            for line in lines {
                let _ = writeln!(o, "<li>{}</li>", escape(&line));
            }
            let _ = writeln!(o, "</ul>");
        }
        let _ = writeln!(o, "</section>");
    }
    if !eval.if_you_reconsider.is_empty() {
        let _ = writeln!(o, "<section>");
        let _ = writeln!(o, "<h2>{}</h2>", escape(reconsider_title(eval)));
        let _ = writeln!(o, "<ul>");
        for line in reconsider_lines(eval) {
            let _ = writeln!(o, "<li>{}</li>", escape(&line));
        }
        let _ = writeln!(o, "</ul>");
        let _ = writeln!(o, "</section>");
    }
    let _ = writeln!(o, "<section>");
    let _ = writeln!(
        o,
        "<h2>Licence and terms to read ({})</h2>",
        eval.flags.len()
    );
    if eval.flags.is_empty() {
        let _ = writeln!(o, "<p>{NO_FLAGS}</p>");
    }
    for f in &eval.flags {
        let _ = writeln!(o, "<article class=\"flag {}\">", severity_class(f.severity));
        let _ = writeln!(
            o,
            "<h3><span class=\"severity\">{}</span> {}</h3>",
            escape(f.severity.title()),
            escape(&f.title)
        );
        let _ = writeln!(o, "<p>{}</p>", escape(&f.explanation));
        let _ = writeln!(o, "<dl>");
        for line in flag_lines(f) {
            match line {
                FlagLine::Text(label, text) => {
                    let _ = writeln!(o, "<dt>{label}</dt><dd>{}</dd>", escape(&text));
                }
                FlagLine::Source(s) => {
                    let mut line = format!(
                        "{}, checked {}",
                        source(&s.title, &s.url),
                        escape(&s.checked)
                    );
                    if let Some(n) = &s.note {
                        let _ = write!(line, " ({})", escape(n));
                    }
                    let _ = writeln!(o, "<dt>Source</dt><dd>{line}</dd>");
                }
            }
        }
        let _ = writeln!(o, "</dl>");
        let _ = writeln!(o, "</article>");
    }
    let _ = writeln!(o, "</section>");

    let _ = writeln!(o, "<section>");
    let _ = writeln!(o, "<h2>Your answers</h2>");
    let rows = rows(bank, answers);
    if rows.is_empty() {
        let _ = writeln!(o, "<p>{NO_ANSWERS}</p>");
    } else {
        let _ = writeln!(o, "<table>");
        let _ = writeln!(
            o,
            "<thead><tr><th scope=\"col\">Question</th><th scope=\"col\">Answer</th></tr></thead>"
        );
        let _ = writeln!(o, "<tbody>");
        let mut section = String::new();
        for r in rows {
            if r.section != section {
                let _ = writeln!(
                    o,
                    "<tr class=\"section\"><th colspan=\"2\" scope=\"colgroup\">{}</th></tr>",
                    escape(&r.section)
                );
                section.clone_from(&r.section);
            }
            let mut answer = escape(&r.answer);
            if !r.asked {
                let _ = write!(answer, " ({NOT_ASKED})");
            }
            if let Some(n) = info.notes.get(&r.id) {
                let _ = write!(
                    answer,
                    "<span class=\"answer-note\">Note: {}</span>",
                    escape(n)
                );
            }
            let _ = writeln!(
                o,
                "<tr><th scope=\"row\" title=\"{}\">{}</th><td>{answer}</td></tr>",
                escape(&r.prompt),
                escape(&r.short)
            );
        }
        let _ = writeln!(o, "</tbody>");
        let _ = writeln!(o, "</table>");
    }
    if !info.kept.is_empty() {
        let _ = writeln!(o, "<h3>{}</h3>", escape(KEPT_TITLE));
        let items: Vec<String> = info
            .kept
            .iter()
            .map(|(q, a)| format!("{}: {}", escape(q), escape(a)))
            .collect();
        list(o, &items, false, "");
    }
    let _ = writeln!(o, "</section>");

    let _ = writeln!(o, "<footer>");
    let _ = writeln!(o, "<p>{}</p>", escape(&footer(bank, info)));
    let _ = writeln!(o, "<p>{}</p>", escape(eval.disclaimer));
    let _ = writeln!(o, "</footer>");
    let _ = writeln!(o, "</main>");
    let _ = writeln!(o, "</body>");
    let _ = writeln!(o, "</html>");
    out
}

#[cfg(test)]
mod tests {
    use super::{escape, source};

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape(r#"<a href="x">'&'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }

    #[test]
    fn only_web_sources_become_links() {
        assert!(source("T", "https://example.org/a").starts_with("<a href="));
        assert_eq!(source("T", "shared/x.txt"), "T (<code>shared/x.txt</code>)");
    }
}
