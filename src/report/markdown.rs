//! The result as Markdown, to paste into an email, a wiki page or slides.

use std::fmt::Write as _;

use super::{
    CHART_TITLE, FIT_TITLE, FlagLine, KEPT_TITLE, NO_ANSWERS, NO_CHANGE, NO_FIND_OUT, NO_FLAGS,
    NO_REASONS, NOT_ASKED, ReportInfo, TITLE, change_lines, constraint_line, fit_groups,
    flag_lines, footer, for_whom, how_clear, plan_lines, reason_line, reconsider_lines,
    reconsider_title, rows, unfinished,
};
use crate::answers::Answers;
use crate::bank::Bank;
use crate::engine::Evaluation;

/// Escapes text so Markdown shows it as written: no accidental emphasis, links, HTML or table
/// cells, and no line breaks inside a list item or cell.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '&' => out.push_str("&amp;"),
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// A link when the source is on the web, else the place in words.
fn source(title: &str, url: &str) -> String {
    if url.starts_with("https://") || url.starts_with("http://") {
        format!(
            "[{}](<{}>)",
            escape(title),
            url.replace(['<', '>', ' '], "")
        )
    } else {
        format!("{} ({})", escape(title), escape(url))
    }
}

/// The result as Markdown: headings, lists and a table; every text from answers escaped.
pub fn markdown(bank: &Bank, answers: &Answers, eval: &Evaluation, info: &ReportInfo) -> String {
    let mut out = String::new();
    let o = &mut out;
    let _ = writeln!(o, "# {TITLE}");
    let _ = writeln!(o);
    if let Some(f) = for_whom(info) {
        let _ = writeln!(o, "{}", escape(&f));
        let _ = writeln!(o);
    }
    let _ = writeln!(o, "**Recommendation: {}**  ", escape(eval.verdict_title));
    let _ = writeln!(o, "How clear: {}", escape(&how_clear(eval)));
    let _ = writeln!(o);
    if let Some(u) = unfinished(eval) {
        let _ = writeln!(o, "**{}**", escape(&u));
        let _ = writeln!(o);
    }
    let _ = writeln!(o, "{}", escape(&eval.headline));
    let _ = writeln!(o);
    for a in &eval.advice {
        let _ = writeln!(o, "{}", escape(a));
        let _ = writeln!(o);
    }
    if !eval.plan.is_empty() {
        let _ = writeln!(o, "## The plan");
        let _ = writeln!(o);
        for line in plan_lines(eval) {
            let _ = writeln!(o, "- {}", escape(&line));
        }
        let _ = writeln!(o);
    }
    for n in &info.bank_notes {
        let _ = writeln!(o, "**Note:** {}", escape(n));
        let _ = writeln!(o);
    }
    let _ = writeln!(o, "> {}", escape(eval.disclaimer));
    let _ = writeln!(o);

    let _ = writeln!(o, "## {CHART_TITLE}");
    let _ = writeln!(o);
    let _ = writeln!(
        o,
        "| Trade-off | Toward closed | Toward open weights | Balance |"
    );
    let _ = writeln!(o, "|---|---:|---:|---|");
    for d in &eval.dimensions {
        let lean = match d.net {
            n if n > 0 => format!("{n:+}, toward open weights"),
            n if n < 0 => format!("{n:+}, toward closed"),
            _ => "even".to_string(),
        };
        let _ = writeln!(
            o,
            "| {} | {} | {} | {lean} |",
            escape(d.title),
            d.closed,
            d.open_weights
        );
    }
    let _ = writeln!(o);

    if !eval.constraints.is_empty() {
        let _ = writeln!(o, "## Hard constraints");
        let _ = writeln!(o);
        for c in &eval.constraints {
            let _ = writeln!(o, "- {}", escape(&constraint_line(c)));
        }
        let _ = writeln!(o);
    }

    let _ = writeln!(o, "## Why: the reasons, strongest first");
    let _ = writeln!(o);
    if eval.reasons.is_empty() {
        let _ = writeln!(o, "{NO_REASONS}");
    }
    for (i, r) in eval.reasons.iter().enumerate() {
        let _ = writeln!(o, "{}. {}", i + 1, escape(&reason_line(r)));
    }
    let _ = writeln!(o);

    let _ = writeln!(o, "## What would change the recommendation");
    let _ = writeln!(o);
    if eval.would_change.is_empty() {
        let _ = writeln!(o, "{NO_CHANGE}");
    }
    for line in change_lines(eval) {
        let _ = writeln!(o, "- {}", escape(&line));
    }
    let _ = writeln!(o);

    let _ = writeln!(o, "## To find out");
    let _ = writeln!(o);
    if eval.find_out.is_empty() {
        let _ = writeln!(o, "{NO_FIND_OUT}");
    }
    for f in &eval.find_out {
        let _ = writeln!(o, "- **{}:** {}", escape(&f.short), escape(&f.find_out));
    }
    let _ = writeln!(o);

    let groups = fit_groups(eval);
    if !groups.is_empty() {
        let _ = writeln!(o, "## {FIT_TITLE}");
        let _ = writeln!(o);
        for (title, lines) in groups {
            let _ = writeln!(o, "**{title}**");
            let _ = writeln!(o);
            for line in lines {
                let _ = writeln!(o, "- {}", escape(&line));
            }
            let _ = writeln!(o);
        }
    }
    if !eval.if_you_reconsider.is_empty() {
        let _ = writeln!(o, "## {}", reconsider_title(eval));
        let _ = writeln!(o);
        for line in reconsider_lines(eval) {
            let _ = writeln!(o, "- {}", escape(&line));
        }
        let _ = writeln!(o);
    }

    let _ = writeln!(o, "## Licence and terms to read ({})", eval.flags.len());
    let _ = writeln!(o);
    if eval.flags.is_empty() {
        let _ = writeln!(o, "{NO_FLAGS}");
        let _ = writeln!(o);
    }
    for f in &eval.flags {
        let _ = writeln!(
            o,
            "### {}: {}",
            escape(f.severity.title()),
            escape(&f.title)
        );
        let _ = writeln!(o);
        let _ = writeln!(o, "{}", escape(&f.explanation));
        let _ = writeln!(o);
        for line in flag_lines(f) {
            match line {
                FlagLine::Text(label, text) => {
                    let _ = writeln!(o, "- **{label}:** {}", escape(&text));
                }
                FlagLine::Source(s) => {
                    let mut line = format!(
                        "- **Source:** {}, checked {}",
                        source(&s.title, &s.url),
                        escape(&s.checked)
                    );
                    if let Some(n) = &s.note {
                        let _ = write!(line, " ({})", escape(n));
                    }
                    let _ = writeln!(o, "{line}");
                }
            }
        }
        let _ = writeln!(o);
    }

    let _ = writeln!(o, "## Your answers");
    let _ = writeln!(o);
    let rows = rows(bank, answers);
    if rows.is_empty() {
        let _ = writeln!(o, "{NO_ANSWERS}");
    } else {
        let _ = writeln!(o, "| Section | Question | Answer |");
        let _ = writeln!(o, "|---|---|---|");
        for r in rows {
            let mut answer = escape(&r.answer);
            if !r.asked {
                let _ = write!(answer, " ({NOT_ASKED})");
            }
            if let Some(n) = info.notes.get(&r.id) {
                let _ = write!(answer, " (note: {})", escape(n));
            }
            let _ = writeln!(
                o,
                "| {} | {} | {answer} |",
                escape(&r.section),
                escape(&r.short)
            );
        }
    }
    let _ = writeln!(o);
    if !info.kept.is_empty() {
        let _ = writeln!(o, "**{KEPT_TITLE}**");
        let _ = writeln!(o);
        for (q, a) in &info.kept {
            let _ = writeln!(o, "- {}: {}", escape(q), escape(a));
        }
        let _ = writeln!(o);
    }
    let _ = writeln!(o, "---");
    let _ = writeln!(o);
    let _ = writeln!(o, "{}", escape(&footer(bank, info)));
    let _ = writeln!(o);
    let _ = writeln!(o, "*{}*", escape(eval.disclaimer));
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escapes_what_markdown_would_read_as_markup() {
        assert_eq!(escape("a|b *c* <d> [e](f)"), r"a\|b \*c\* \<d\> \[e\](f)");
        assert_eq!(escape("line\nbreak & co"), "line break &amp; co");
        assert_eq!(escape("# not a heading"), r"\# not a heading");
    }
}
