//! `weighup compare --format html`: the room's results as one self-contained page (no
//! scripts, no files or fonts from elsewhere), for the projector and the follow-up e-mail.
//!
//! The page is built from the Markdown report, so the two always say the same things: this
//! module reads back the small part of Markdown that report writes (headings, paragraphs,
//! tables, lists with one level of nesting, `**strong**`, `` `code` ``, backslash escapes and
//! `<br>` in table cells) and escapes every character of text for HTML.

use std::fmt::Write as _;

use crate::report::html_escape as escape;

const STYLE: &str = r"
:root { --ink: #1d1d1f; --muted: #5b5b66; --line: #d0d0d8; --tint: #f4f5f8; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff; font: 17px/1.5 system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif; }
main { max-width: 64rem; margin: 0 auto; padding: 2rem 1.25rem 3rem; }
h1 { font-size: 1.7rem; margin: 0 0 .5rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 .6rem; border-bottom: 1px solid var(--line); padding-bottom: .2rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
th, td { border: 1px solid var(--line); padding: .35rem .5rem; text-align: left; vertical-align: top; }
th { background: var(--tint); }
td.n, th.n { text-align: right; white-space: nowrap; }
code { font: .9em ui-monospace, Menlo, Consolas, monospace; background: var(--tint); padding: 0 .2rem; }
@media print { body { font-size: 12pt; } h2 { break-after: avoid; } tr { break-inside: avoid; } }
";

/// One cell, line or list item of Markdown as HTML.
fn inline(md: &str) -> String {
    let mut out = String::new();
    let mut chars = md.chars().peekable();
    let mut strong = false;
    let mut code = false;
    while let Some(c) = chars.next() {
        match c {
            '`' => {
                out.push_str(if code { "</code>" } else { "<code>" });
                code = !code;
            }
            _ if code => out.push_str(&escape(&c.to_string())),
            '\\' => {
                if let Some(n) = chars.next() {
                    out.push_str(&escape(&n.to_string()));
                }
            }
            '*' if chars.peek() == Some(&'*') => {
                chars.next();
                out.push_str(if strong { "</strong>" } else { "<strong>" });
                strong = !strong;
            }
            '<' => {
                let rest: String = chars.clone().take(3).collect();
                if rest == "br>" {
                    for _ in 0..3 {
                        chars.next();
                    }
                    out.push_str("<br>");
                } else {
                    out.push_str("&lt;");
                }
            }
            '&' => {
                let rest: String = chars.clone().take(4).collect();
                if rest == "amp;" {
                    for _ in 0..4 {
                        chars.next();
                    }
                }
                out.push_str("&amp;");
            }
            _ => out.push_str(&escape(&c.to_string())),
        }
    }
    if code {
        out.push_str("</code>");
    }
    if strong {
        out.push_str("</strong>");
    }
    out
}

/// The cells of a table row, split at the `|` that are not escaped.
fn cells(row: &str) -> Vec<String> {
    let row = row.trim().trim_start_matches('|');
    let row = row.strip_suffix('|').unwrap_or(row);
    let mut out = Vec::new();
    let mut cell = String::new();
    let mut chars = row.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                cell.push(c);
                if let Some(n) = chars.next() {
                    cell.push(n);
                }
            }
            '|' => out.push(std::mem::take(&mut cell)),
            _ => cell.push(c),
        }
    }
    out.push(cell);
    out.into_iter().map(|c| c.trim().to_string()).collect()
}

/// The alignment row (`|--:|---|`): which columns are numbers (right-aligned).
fn numeric(row: &str) -> Vec<bool> {
    cells(row).iter().map(|c| c.ends_with(':')).collect()
}

fn table(out: &mut String, rows: &[&str]) {
    let right = rows.get(1).map_or_else(Vec::new, |r| numeric(r));
    let class = |i: usize| {
        if right.get(i).copied().unwrap_or(false) {
            " class=\"n\""
        } else {
            ""
        }
    };
    out.push_str("<table>\n<thead><tr>");
    for (i, c) in cells(rows[0]).iter().enumerate() {
        let _ = write!(out, "<th{}>{}</th>", class(i), inline(c));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for r in rows.iter().skip(2) {
        out.push_str("<tr>");
        for (i, c) in cells(r).iter().enumerate() {
            let _ = write!(out, "<td{}>{}</td>", class(i), inline(c));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}

fn list(out: &mut String, items: &[&str]) {
    out.push_str("<ul>\n");
    let mut open_sub = false;
    for (i, item) in items.iter().enumerate() {
        if let Some(sub) = item.strip_prefix("  - ") {
            if !open_sub {
                out.push_str("<ul>\n");
                open_sub = true;
            }
            let _ = writeln!(out, "<li>{}</li>", inline(sub));
            continue;
        }
        if open_sub {
            out.push_str("</ul></li>\n");
            open_sub = false;
        } else if i > 0 {
            out.push_str("</li>\n");
        }
        let _ = write!(out, "<li>{}", inline(item.trim_start_matches("- ")));
    }
    if open_sub {
        out.push_str("</ul>");
    }
    if !items.is_empty() {
        out.push_str("</li>\n");
    }
    out.push_str("</ul>\n");
}

/// The page for the Markdown report of a room.
pub fn page(markdown: &str) -> String {
    let lines: Vec<&str> = markdown.lines().collect();
    let title = lines
        .first()
        .and_then(|l| l.strip_prefix("# "))
        .unwrap_or("weighup compare");
    let mut out = String::new();
    let _ = writeln!(out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>");
    let _ = writeln!(out, "<meta charset=\"utf-8\">");
    let _ = writeln!(
        out,
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
    );
    let _ = writeln!(
        out,
        "<meta name=\"generator\" content=\"weighup {}\">",
        env!("CARGO_PKG_VERSION")
    );
    let _ = writeln!(out, "<title>{}</title>", inline(title));
    let _ = writeln!(out, "<style>{STYLE}</style>\n</head>\n<body>\n<main>");
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        if line.trim().is_empty() {
            i += 1;
        } else if let Some(h) = line.strip_prefix("# ") {
            let _ = writeln!(out, "<h1>{}</h1>", inline(h));
            i += 1;
        } else if let Some(h) = line.strip_prefix("## ") {
            let _ = writeln!(out, "<h2>{}</h2>", inline(h));
            i += 1;
        } else if line.starts_with('|') {
            let start = i;
            while i < lines.len() && lines[i].starts_with('|') {
                i += 1;
            }
            table(&mut out, &lines[start..i]);
        } else if line.starts_with("- ") {
            let start = i;
            while i < lines.len() && (lines[i].starts_with("- ") || lines[i].starts_with("  - ")) {
                i += 1;
            }
            list(&mut out, &lines[start..i]);
        } else {
            let _ = writeln!(out, "<p>{}</p>", inline(line));
            i += 1;
        }
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_markdown_read_back() {
        let md = "# The room\n\nRead: `a<b>.json`\n\n| N | Who |\n|--:|---|\n| 3 | Team \\<script\\> \\| B<br>**x** & y |\n\n- one\n  - sub \\*\n- two\n";
        let html = page(md);
        assert!(html.contains("<h1>The room</h1>"), "{html}");
        assert!(html.contains("<code>a&lt;b&gt;.json</code>"), "{html}");
        assert!(
            html.contains("<td class=\"n\">3</td><td>Team &lt;script&gt; | B<br><strong>x</strong> &amp; y</td>"),
            "{html}"
        );
        assert!(
            html.contains("<li>one<ul>\n<li>sub *</li>\n</ul></li>"),
            "{html}"
        );
        assert!(html.contains("<li>two</li>"), "{html}");
        assert!(!html.contains("<script>"));
    }
}
