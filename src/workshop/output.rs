//! The comparison as plain text, Markdown and CSV. These print every result at once: they
//! are for after the reveal, for slides and for spreadsheets. Only the interactive view
//! hides results until the facilitator reveals them.

use std::fmt::Write as _;

use crate::text::{wrap, wrap_indent};

use super::room::{Group, GroupKind, Outcome, QuestionSpread, Room, Surprise};
use super::scenario::md_escape;

/// How disagreement is measured, in words a manager reads.
pub const DIFFER_EXPLAINED: &str = "\"Differ\" is the share of answers that differ from the most common answer among sheets that played the same card. Cards with only one answer to a question are left out. 0% means everyone on a card gave the same answer.";

/// What compare does with the results saved in the sheets.
pub const REEVALUATED: &str = "Each sheet was evaluated again with this version's question bank and advice; the results saved in the files were not used.";

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// "4 of 4", or "-" for a group with no card.
fn expected_cell(g: &Group) -> String {
    if g.expected.is_empty() {
        "-".to_string()
    } else {
        format!("{} of {}", g.as_expected(), g.sheets)
    }
}

/// The card's expected verdicts in words: "open weights or hybrid".
pub fn expected_words(g: &Group) -> String {
    g.expected
        .iter()
        .map(|v| Outcome::Verdict(*v).words())
        .collect::<Vec<_>>()
        .join(" or ")
}

fn count_cell(n: usize) -> String {
    if n == 0 {
        ".".to_string()
    } else {
        n.to_string()
    }
}

/// The opening lines: what was read and how.
pub fn summary_lines(room: &Room) -> Vec<String> {
    let mut out = Vec::new();
    let complete = room.sheets - room.partial;
    let mut first = format!(
        "{} counted",
        plural(room.sheets, "answer sheet", "answer sheets")
    );
    if room.sheets > 0 {
        let _ = write!(first, ": {complete} complete, {} partial", room.partial);
        if room.partial > 0 {
            first.push_str(" (questions left open are not counted)");
        }
    }
    first.push('.');
    out.push(first);
    if room.skipped_total > 0 {
        out.push(format!(
            "{} skipped (listed at the end).",
            plural(room.skipped_total, "file", "files")
        ));
    }
    out
}

/// The verdict table rows: (name, sheets, counts by outcome, as expected).
fn verdict_rows(room: &Room) -> Vec<(String, usize, [usize; 5], String)> {
    let mut rows: Vec<(String, usize, [usize; 5], String)> = room
        .groups
        .iter()
        .map(|g| (g.short.clone(), g.sheets, g.outcomes, expected_cell(g)))
        .collect();
    let (all, tail) = room.all_sheets();
    rows.push(("All sheets".to_string(), room.sheets, all, tail));
    rows
}

/// One group's spread on one question, in words: "Never outside... 3, Only within... 1".
pub fn spread_words(s: &super::room::Spread) -> String {
    let mut parts: Vec<String> = s.counts.iter().map(|(l, n)| format!("{l} {n}")).collect();
    if s.no_answer > 0 {
        parts.push(format!("left open {}", s.no_answer));
    }
    parts.join(", ")
}

/// Which cards raised a flag, in a short sentence: "On every sheet.", or "Every sheet of:
/// A, B. Some sheets of: C (2 of 4). Not on: D."
pub fn flag_reach(room: &Room, f: &super::room::FlagCount) -> String {
    if f.sheets == room.sheets {
        return "On every sheet.".to_string();
    }
    let mut all = Vec::new();
    let mut some = Vec::new();
    let mut none = Vec::new();
    for (gi, g) in room.groups.iter().enumerate() {
        let n = f.groups.iter().find(|(x, _)| *x == gi).map_or(0, |x| x.1);
        if n == 0 {
            none.push(g.short.clone());
        } else if n == g.sheets {
            all.push(g.short.clone());
        } else {
            some.push(format!("{} ({n} of {})", g.short, g.sheets));
        }
    }
    let mut parts = Vec::new();
    if !all.is_empty() {
        if all.len() > 3 && all.len() > some.len() + none.len() {
            parts.push("Every sheet of the other cards.".to_string());
        } else {
            parts.push(format!("Every sheet of: {}.", all.join(", ")));
        }
    }
    if !some.is_empty() {
        parts.push(format!("Some sheets of: {}.", some.join(", ")));
    }
    if !none.is_empty() {
        parts.push(format!("Not on: {}.", none.join(", ")));
    }
    // "The other cards" reads best after the exceptions.
    if parts
        .first()
        .is_some_and(|p| p.starts_with("Every sheet of the other"))
    {
        parts.rotate_left(1);
    }
    parts.join(" ")
}

/// A question's groups split in two: those whose answers differ (most split first), and
/// those where at least two sheets gave the same answer (with how many sheets). A question
/// left open on an unfinished sheet is not an answer, so it never makes a split; a card with
/// fewer than two answers has nothing to compare and is in neither list.
pub fn split_and_alike<'r>(
    room: &'r Room,
    q: &'r QuestionSpread,
) -> (Vec<(usize, &'r super::room::Spread)>, Vec<String>) {
    let mut split = Vec::new();
    let mut alike = Vec::new();
    for (gi, s) in &q.groups {
        if s.counts.len() > 1 {
            split.push((*gi, s));
        } else if s.answered() >= 2 {
            alike.push(format!("{} {}", room.groups[*gi].short, s.answered()));
        }
    }
    split.sort_by(|a, b| {
        let share = |s: &super::room::Spread| {
            let n = s.answered();
            (n - s.top().map_or(0, |t| t.1)) as f64 / n.max(1) as f64
        };
        share(b.1).total_cmp(&share(a.1)).then(a.0.cmp(&b.0))
    });
    (split, alike)
}

/// The heading line of a question: "44%  Where data may go (18 answers, 2 left open)".
fn question_counts(q: &QuestionSpread) -> String {
    let mut s = plural(q.answered, "answer", "answers");
    if q.no_answer > 0 {
        let _ = write!(s, ", {} left open", q.no_answer);
    }
    s
}

/// A sheet to discuss, in one sentence.
pub fn surprise_sentence(room: &Room, s: &Surprise) -> String {
    let g = &room.groups[s.group];
    let who = s
        .respondent
        .as_ref()
        .map_or_else(|| "anonymous".to_string(), |r| format!("'{r}'"));
    let verdict = if s.clarity == crate::engine::Clarity::Conflict {
        "no option fits (its answers rule out both sides)"
    } else {
        Outcome::Verdict(s.verdict).words()
    };
    format!(
        "{} ({who}) played {}: {verdict}{}; the card expects {}.",
        s.path,
        g.short,
        if s.partial {
            format!(
                " (partial: {} of {} questions answered)",
                s.answered, s.asked
            )
        } else {
            String::new()
        },
        expected_words(g)
    )
}

/// The notes about sheets from other banks, unusable answers and unknown cards.
pub fn note_lines(room: &Room) -> Vec<String> {
    let mut out = Vec::new();
    if !room.other_banks.is_empty() {
        let n: usize = room.other_banks.values().sum();
        let which: Vec<String> = room
            .other_banks
            .iter()
            .map(|(b, n)| format!("{b} ({n})"))
            .collect();
        out.push(format!(
            "{} answered on another version of the question bank: {}. {} counted with this version's questions ({}).",
            plural(n, "sheet was", "sheets were"),
            which.join(", "),
            if n == 1 { "It is" } else { "They are" },
            room.bank_version
        ));
    }
    if room.unusable_answers > 0 {
        out.push(format!(
            "{} answers this bank cannot use (questions or options it no longer has); those answers are left out.",
            plural(room.unusable_answers, "sheet has", "sheets have")
        ));
    }
    for g in &room.groups {
        if let GroupKind::Unknown(id) = &g.kind {
            out.push(format!(
                "{} played scenario '{id}', which this version does not know; counted apart, with no expected verdict.",
                plural(g.sheets, "sheet", "sheets")
            ));
        }
    }
    out
}

/// The comparison as plain text wrapped to `width` columns.
pub fn text(room: &Room, width: usize) -> String {
    let w = width.max(40);
    let mut out = String::new();
    let line = |out: &mut String, s: &str| {
        for l in wrap(s, w) {
            let _ = writeln!(out, "{l}");
        }
    };
    let _ = writeln!(out, "weighup compare: the room's answers");
    line(&mut out, &format!("Read: {}", room.sources.join(", ")));
    let _ = writeln!(out);
    for l in summary_lines(room) {
        line(&mut out, &l);
    }
    line(
        &mut out,
        &format!(
            "{REEVALUATED} (Question bank {} version {}.)",
            room.bank_id, room.bank_version
        ),
    );
    if room.sheets == 0 {
        let _ = writeln!(out);
        line(&mut out, "No answer sheets to compare yet.");
    } else {
        let _ = writeln!(out);
        let _ = writeln!(out, "VERDICTS BY SCENARIO");
        // Five outcomes and "as expected" in 78 columns: a card's short title (at most 24
        // characters) is shortened to 21, and the sheet count keeps it apart.
        let _ = writeln!(
            out,
            "{:<21}{:>6}{:>5}{:>7}{:>7}{:>9}{:>10}  as expected",
            "", "sheets", "open", "hybrid", "closed", "conflict", "undecided"
        );
        for (name, n, c, exp) in verdict_rows(room) {
            let _ = writeln!(
                out,
                "{:<21}{:>6}{:>5}{:>7}{:>7}{:>9}{:>10}  {exp}",
                super::room::shorten(&name, 21),
                n,
                count_cell(c[0]),
                count_cell(c[1]),
                count_cell(c[2]),
                count_cell(c[3]),
                count_cell(c[4])
            );
        }
        let expect: Vec<String> = room
            .groups
            .iter()
            .filter(|g| !g.expected.is_empty())
            .map(|g| format!("{}: {}", g.short, expected_words(g)))
            .collect();
        if !expect.is_empty() {
            let _ = writeln!(out);
            line(
                &mut out,
                &format!("What each card expects: {}.", expect.join("; ")),
            );
        }

        let _ = writeln!(out);
        let _ = writeln!(out, "WHERE THE ROOM SPLIT (most disagreement first)");
        line(&mut out, DIFFER_EXPLAINED);
        let split: Vec<&QuestionSpread> = room
            .questions
            .iter()
            .filter(|q| q.disagreement().is_some_and(|d| d > 0.0))
            .collect();
        if split.is_empty() {
            let _ = writeln!(out);
            line(
                &mut out,
                "No question split a card: everyone who played the same card answered alike.",
            );
        }
        for q in split {
            let _ = writeln!(out);
            let _ = writeln!(
                out,
                "{}",
                wrap_indent(
                    &format!("{} ({})", q.short, question_counts(q)),
                    w,
                    &format!("{:>4}  ", q.percent()),
                    "      "
                )
            );
            let (split, alike) = split_and_alike(room, q);
            for (gi, s) in split {
                let g = &room.groups[gi];
                let _ = writeln!(
                    out,
                    "{}",
                    wrap_indent(
                        &format!("{}: {}", g.short, spread_words(s)),
                        w,
                        "      ",
                        "        "
                    )
                );
            }
            if !alike.is_empty() {
                let _ = writeln!(
                    out,
                    "{}",
                    wrap_indent(
                        &format!("Same answer throughout: {}.", alike.join(", ")),
                        w,
                        "      ",
                        "        "
                    )
                );
            }
        }
        let agreed: Vec<&str> = room.agreed().map(|q| q.short.as_str()).collect();
        let _ = writeln!(out);
        let _ = writeln!(out, "WHERE THE ROOM AGREED (0% differ)");
        let compared = room.questions.iter().any(|q| q.disagreement().is_some());
        if agreed.is_empty() && compared {
            line(
                &mut out,
                "No question: every question split at least one card.",
            );
        } else if agreed.is_empty() {
            line(
                &mut out,
                "Nothing to compare yet: no card has two answers to a question.",
            );
        } else {
            line(&mut out, &format!("{}.", agreed.join(", ")));
        }
        let lonely: Vec<&str> = room
            .questions
            .iter()
            .filter(|q| q.disagreement().is_none())
            .map(|q| q.short.as_str())
            .collect();
        if !lonely.is_empty() {
            line(
                &mut out,
                &format!(
                    "Not enough answers on any card to compare: {}.",
                    lonely.join(", ")
                ),
            );
        }

        let _ = writeln!(out);
        let _ = writeln!(
            out,
            "FLAGS RAISED MOST (licence and terms conditions to read)"
        );
        if room.flags.is_empty() {
            line(&mut out, "No flags were raised.");
        }
        for f in &room.flags {
            let head = format!("{:>3} of {:<3} ", f.sheets, room.sheets);
            let _ = writeln!(
                out,
                "{}",
                wrap_indent(
                    &format!("[{}] {}", f.severity.title(), f.title),
                    w,
                    &head,
                    &" ".repeat(head.len() + 2)
                )
            );
            let pad = " ".repeat(head.len() + 2);
            let _ = writeln!(out, "{}", wrap_indent(&flag_reach(room, f), w, &pad, &pad));
        }

        let _ = writeln!(out);
        let _ = writeln!(
            out,
            "SHEETS WHOSE VERDICT DIFFERS FROM THEIR CARD ({})",
            room.surprises_total
        );
        if room.surprises_total == 0 {
            line(&mut out, &format!("None. {}", room.no_surprises()));
        }
        for s in &room.surprises {
            let _ = writeln!(
                out,
                "{}",
                wrap_indent(&surprise_sentence(room, s), w, "- ", "  ")
            );
            for c in &s.constraints {
                let _ = writeln!(
                    out,
                    "{}",
                    wrap_indent(&format!("Hard constraint: {c}."), w, "    ", "      ")
                );
            }
            for d in &s.differences {
                let _ = writeln!(
                    out,
                    "{}",
                    wrap_indent(
                        &format!(
                            "{}: \"{}\"; most on this card said \"{}\" ({} of {}).",
                            d.short, d.answer, d.most, d.most_count, d.of
                        ),
                        w,
                        "    ",
                        "      "
                    )
                );
            }
        }
        if room.surprises_total > room.surprises.len() {
            line(
                &mut out,
                &format!(
                    "... and {} more.",
                    room.surprises_total - room.surprises.len()
                ),
            );
        }
    }

    let notes = note_lines(room);
    if !notes.is_empty() {
        let _ = writeln!(out);
        let _ = writeln!(out, "NOTES");
        for n in notes {
            let _ = writeln!(out, "{}", wrap_indent(&n, w, "- ", "  "));
        }
    }
    if room.skipped_total > 0 || room.ignored > 0 {
        let _ = writeln!(out);
        let _ = writeln!(out, "SKIPPED FILES ({})", room.skipped_total);
        for s in &room.skipped {
            let _ = writeln!(
                out,
                "{}",
                wrap_indent(&format!("{}: {}", s.path, s.reason), w, "- ", "  ")
            );
        }
        if room.skipped_total > room.skipped.len() {
            line(
                &mut out,
                &format!("... and {} more.", room.skipped_total - room.skipped.len()),
            );
        }
        if room.ignored > 0 {
            line(
                &mut out,
                &format!(
                    "{} in the folders {} not .json and {} not read.",
                    plural(room.ignored, "other file", "other files"),
                    if room.ignored == 1 { "is" } else { "are" },
                    if room.ignored == 1 { "was" } else { "were" }
                ),
            );
        }
    }
    out
}

/// The comparison as Markdown (GitHub-flavoured tables), for slides and notes.
pub fn markdown(room: &Room) -> String {
    let mut out = String::new();
    let e = md_escape;
    let _ = writeln!(out, "# weighup compare: the room's answers");
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "Read: {}",
        room.sources
            .iter()
            .map(|s| format!("`{}`", s.replace('`', "'")))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let _ = writeln!(out);
    for l in summary_lines(room) {
        let _ = writeln!(out, "{}", e(&l));
    }
    let _ = writeln!(
        out,
        "{} (Question bank {} version {}.)",
        REEVALUATED,
        e(&room.bank_id),
        e(&room.bank_version)
    );
    if room.sheets > 0 {
        let _ = writeln!(out);
        let _ = writeln!(out, "## Verdicts by scenario");
        let _ = writeln!(out);
        let _ = writeln!(
            out,
            "| Scenario | Sheets | Open weights | Hybrid | Closed | Conflicting answers | Undecided | As the card expects |"
        );
        let _ = writeln!(out, "|---|--:|--:|--:|--:|--:|--:|---|");
        for (name, n, c, exp) in verdict_rows(room) {
            let _ = writeln!(
                out,
                "| {} | {n} | {} | {} | {} | {} | {} | {exp} |",
                e(&name),
                c[0],
                c[1],
                c[2],
                c[3],
                c[4]
            );
        }
        let expect: Vec<String> = room
            .groups
            .iter()
            .filter(|g| !g.expected.is_empty())
            .map(|g| format!("- **{}:** {}", e(&g.short), expected_words(g)))
            .collect();
        if !expect.is_empty() {
            let _ = writeln!(out);
            let _ = writeln!(out, "What each card expects:");
            let _ = writeln!(out);
            for x in expect {
                let _ = writeln!(out, "{x}");
            }
        }
        let _ = writeln!(out);
        let _ = writeln!(out, "## Where the room split");
        let _ = writeln!(out);
        let _ = writeln!(out, "{}", e(DIFFER_EXPLAINED));
        let _ = writeln!(out);
        let _ = writeln!(out, "| Differ | Question | Answers |");
        let _ = writeln!(out, "|--:|---|---|");
        for q in &room.questions {
            let (split, alike) = split_and_alike(room, q);
            let mut spread: Vec<String> = split
                .iter()
                .map(|(gi, s)| format!("{}: {}", e(&room.groups[*gi].short), e(&spread_words(s))))
                .collect();
            if !alike.is_empty() {
                spread.push(format!("Same answer throughout: {}", e(&alike.join(", "))));
            }
            let _ = writeln!(
                out,
                "| {} | {} ({}) | {} |",
                q.percent(),
                e(&q.short),
                question_counts(q),
                spread.join("<br>")
            );
        }
        let _ = writeln!(out);
        let _ = writeln!(out, "## Flags raised most");
        let _ = writeln!(out);
        if room.flags.is_empty() {
            let _ = writeln!(out, "No flags were raised.");
        } else {
            let _ = writeln!(out, "| Sheets | Severity | Flag | By scenario |");
            let _ = writeln!(out, "|--:|---|---|---|");
            for f in &room.flags {
                let by: Vec<String> = f
                    .groups
                    .iter()
                    .map(|(gi, n)| format!("{} {n}", e(&room.groups[*gi].short)))
                    .collect();
                let _ = writeln!(
                    out,
                    "| {} of {} | {} | {} | {} |",
                    f.sheets,
                    room.sheets,
                    f.severity.title(),
                    e(&f.title),
                    by.join(", ")
                );
            }
        }
        let _ = writeln!(out);
        let _ = writeln!(
            out,
            "## Sheets whose verdict differs from their card ({})",
            room.surprises_total
        );
        let _ = writeln!(out);
        if room.surprises_total == 0 {
            let _ = writeln!(out, "None. {}", room.no_surprises());
        }
        for s in &room.surprises {
            let _ = writeln!(out, "- {}", e(&surprise_sentence(room, s)));
            for c in &s.constraints {
                let _ = writeln!(out, "  - Hard constraint: {}.", e(c));
            }
            for d in &s.differences {
                let _ = writeln!(
                    out,
                    "  - {}: \"{}\"; most on this card said \"{}\" ({} of {}).",
                    e(&d.short),
                    e(&d.answer),
                    e(&d.most),
                    d.most_count,
                    d.of
                );
            }
        }
        if room.surprises_total > room.surprises.len() {
            let _ = writeln!(
                out,
                "- ... and {} more.",
                room.surprises_total - room.surprises.len()
            );
        }
    }
    let notes = note_lines(room);
    if !notes.is_empty() {
        let _ = writeln!(out);
        let _ = writeln!(out, "## Notes");
        let _ = writeln!(out);
        for n in notes {
            let _ = writeln!(out, "- {}", e(&n));
        }
    }
    if room.skipped_total > 0 || room.ignored > 0 {
        let _ = writeln!(out);
        let _ = writeln!(out, "## Skipped files ({})", room.skipped_total);
        let _ = writeln!(out);
        for s in &room.skipped {
            let _ = writeln!(out, "- `{}`: {}", s.path.replace('`', "'"), e(&s.reason));
        }
        if room.skipped_total > room.skipped.len() {
            let _ = writeln!(
                out,
                "- ... and {} more.",
                room.skipped_total - room.skipped.len()
            );
        }
        if room.ignored > 0 {
            let _ = writeln!(
                out,
                "\n{} in the folders not .json, not read.",
                plural(room.ignored, "other file", "other files")
            );
        }
    }
    out
}

/// The CSV header.
pub const CSV_HEADER: &str = "table,scenario,item,value,count,of,detail";

/// The comparison as CSV, one fact per row (see the facilitator's guide for the columns).
/// Cells that a spreadsheet would read as a formula start with a quote.
pub fn csv(room: &Room) -> String {
    let mut out = String::new();
    let mut row = |cells: [&str; 7]| {
        let line: Vec<String> = cells.iter().map(|c| csv_cell(c)).collect();
        let _ = writeln!(out, "{}", line.join(","));
    };
    row([
        "table", "scenario", "item", "value", "count", "of", "detail",
    ]);
    let id = |g: &Group| g.id.clone().unwrap_or_default();
    row([
        "sheets",
        "",
        "counted",
        "",
        &room.sheets.to_string(),
        "",
        &format!(
            "question bank {} version {}",
            room.bank_id, room.bank_version
        ),
    ]);
    for g in &room.groups {
        let gid = id(g);
        let sheets = g.sheets.to_string();
        row([
            "sheets",
            &gid,
            "complete",
            "",
            &(g.sheets - g.partial).to_string(),
            &sheets,
            &g.short,
        ]);
        row([
            "sheets",
            &gid,
            "partial",
            "",
            &g.partial.to_string(),
            &sheets,
            &g.short,
        ]);
        for o in Outcome::ALL {
            // Undecided sheets are counted apart: neither expected nor not expected.
            let expected = match o {
                Outcome::Verdict(v) if g.expected.contains(&v) => "expected",
                o if !g.expected.is_empty() && o != Outcome::UNDECIDED => "not expected",
                Outcome::Verdict(_) => "",
            };
            row([
                "verdict",
                &gid,
                o.id(),
                expected,
                &g.outcome(o).to_string(),
                &sheets,
                &g.short,
            ]);
        }
    }
    for q in &room.questions {
        let pct = q
            .disagreement()
            .map_or_else(String::new, |d| format!("{d:.3}"));
        row([
            "disagreement",
            "",
            &q.id,
            &pct,
            &q.differ.to_string(),
            &q.compared.to_string(),
            &q.short,
        ]);
        for (gi, s) in &q.groups {
            let g = &room.groups[*gi];
            let gid = id(g);
            // Out of the sheets that were asked the question (answered or left open), for
            // answers and left-open alike, as the Markdown and text reports count them.
            let of = (s.answered() + s.no_answer).to_string();
            for (label, n) in &s.counts {
                row(["answer", &gid, &q.id, label, &n.to_string(), &of, &q.short]);
            }
            if s.no_answer > 0 {
                row([
                    "answer",
                    &gid,
                    &q.id,
                    "(left open)",
                    &s.no_answer.to_string(),
                    &of,
                    &q.short,
                ]);
            }
        }
    }
    for f in &room.flags {
        row([
            "flag",
            "",
            &f.id,
            f.severity.id(),
            &f.sheets.to_string(),
            &room.sheets.to_string(),
            &f.title,
        ]);
        for (gi, n) in &f.groups {
            let g = &room.groups[*gi];
            row([
                "flag",
                &id(g),
                &f.id,
                f.severity.id(),
                &n.to_string(),
                &g.sheets.to_string(),
                &f.title,
            ]);
        }
    }
    for s in &room.surprises {
        let g = &room.groups[s.group];
        let mut detail = format!("expected {}", expected_words(g));
        for c in &s.constraints {
            let _ = write!(detail, "; hard constraint: {c}");
        }
        for d in &s.differences {
            let _ = write!(
                detail,
                "; {}: \"{}\" (most: \"{}\", {} of {})",
                d.short, d.answer, d.most, d.most_count, d.of
            );
        }
        row([
            "differs",
            &id(g),
            &s.path,
            s.verdict.id(),
            "1",
            "",
            &format!(
                "{}{detail}",
                s.respondent
                    .as_ref()
                    .map_or_else(|| "anonymous; ".to_string(), |r| format!("{r}; "))
            ),
        ]);
    }
    for (b, n) in &room.other_banks {
        row([
            "other-bank",
            "",
            b,
            "",
            &n.to_string(),
            &room.sheets.to_string(),
            "",
        ]);
    }
    for s in &room.skipped {
        row(["skipped", "", &s.path, "", "", "", &s.reason]);
    }
    if room.skipped_total > room.skipped.len() {
        row([
            "skipped",
            "",
            "(more)",
            "",
            &(room.skipped_total - room.skipped.len()).to_string(),
            "",
            "not listed",
        ]);
    }
    out
}

/// One CSV cell: quoted when needed; a leading = + - @ gets a ' so that spreadsheets do not
/// run it as a formula.
fn csv_cell(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_are_quoted_and_defused() {
        assert_eq!(csv_cell("plain"), "plain");
        assert_eq!(csv_cell("a,b"), "\"a,b\"");
        assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_cell("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(csv_cell("-3"), "'-3");
    }
}
