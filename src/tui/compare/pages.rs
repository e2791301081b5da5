//! The pages of the comparison view as lines of text, for the width of the screen: the room
//! while results are hidden, then the overview, verdicts, questions, flags and sheets.

use std::fmt::Write as _;

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr as _;

use super::app::{CompareApp, Tab};
use crate::bank::Verdict;
use crate::catalogue::Severity;
use crate::tui::view::para;
use crate::workshop::output::{
    self, DIFFER_EXPLAINED, expected_words, flag_reach, note_lines, split_and_alike, spread_words,
};
use crate::workshop::room::{Outcome, QuestionSpread, shorten};

impl CompareApp {
    /// The lines of the current page (hidden or revealed), for this width; `height` is the
    /// room on screen (the overview shows more when there is more room).
    pub fn page_lines(&self, width: usize, height: usize) -> Vec<Line<'static>> {
        let w = width.max(20);
        if !self.revealed {
            return self.hidden_lines(w);
        }
        match self.tab {
            Tab::Overview => self.overview_lines(w, height),
            Tab::Verdicts => self.verdict_lines(w),
            Tab::Questions => self.question_lines(w),
            Tab::Flags => self.flag_lines(w),
            Tab::Sheets => self.sheet_lines(w),
        }
    }

    fn heading(&self, s: &str) -> Line<'static> {
        Line::from(Span::styled(s.to_string(), self.theme.heading()))
    }

    /// `text` wrapped to `w` columns (long file names and web addresses shortened in the
    /// middle, never cut off), `first` before its first line and `rest` before the others.
    fn wrapped(text: &str, w: usize, first: &str, rest: &str, style: Style) -> Vec<Line<'static>> {
        para(text, w, style, first, rest)
    }

    fn hidden_lines(&self, w: usize) -> Vec<Line<'static>> {
        let room = &self.room;
        let mut out = Self::wrapped(
            "The results are hidden, so that early answers do not sway the room.",
            w,
            "",
            "",
            Style::new(),
        );
        out.push(Line::from(""));
        if room.sheets == 0 {
            out.extend(Self::wrapped(
                "No answer sheets yet. When participants save their answers into this folder, press r to read it again.",
                w,
                "",
                "",
                Style::new(),
            ));
        } else {
            out.push(self.heading(&format!(
                "{:<28}{:>8}{:>10}",
                "Sheets in so far", "sheets", "complete"
            )));
            for g in &room.groups {
                out.push(Line::from(format!(
                    "{:<28}{:>8}{:>10}",
                    shorten(&g.short, 27),
                    g.sheets,
                    g.sheets - g.partial
                )));
            }
            out.push(Line::from(format!(
                "{:<28}{:>8}{:>10}",
                "All",
                room.sheets,
                room.sheets - room.partial
            )));
        }
        if room.skipped_total > 0 {
            out.push(Line::from(""));
            out.push(self.heading(&format!(
                "Files skipped ({}): not counted",
                room.skipped_total
            )));
            for s in &room.skipped {
                out.extend(Self::wrapped(
                    &format!("{}: {}", s.path, s.reason),
                    w,
                    "- ",
                    "  ",
                    Style::new(),
                ));
            }
        }
        out.push(Line::from(""));
        out.extend(Self::wrapped(
            "Press Space to reveal the results. Press r to read the files again as more sheets arrive.",
            w,
            "",
            "",
            self.theme.strong(),
        ));
        out
    }

    /// The verdict table's first column: a card's short title (at most 24 characters), narrower
    /// on a narrow screen so that every count stays in view.
    fn name_width(w: usize) -> usize {
        let counts = 6 + Outcome::ALL
            .iter()
            .map(|o| o.short().len() + 1)
            .sum::<usize>();
        w.saturating_sub(counts).clamp(12, 21)
    }

    fn verdict_row(
        &self,
        name_w: usize,
        name: &str,
        g_sheets: usize,
        outcomes: [usize; 5],
        expected: &[Verdict],
        tail: &str,
    ) -> Line<'static> {
        let mut spans = vec![Span::raw(format!(
            "{:<name_w$}{:>6}",
            shorten(name, name_w),
            g_sheets
        ))];
        for (o, n) in Outcome::ALL.iter().zip(outcomes) {
            // As wide as the column titles of `verdict_table`.
            let width = o.short().len() + 1;
            let cell = if n == 0 {
                ".".to_string()
            } else {
                n.to_string()
            };
            let exp = matches!(o, Outcome::Verdict(v) if expected.contains(v));
            spans.push(Span::styled(
                format!("{cell:>width$}"),
                if n == 0 {
                    self.theme.muted()
                } else {
                    self.outcome_style(*o, exp)
                },
            ));
        }
        spans.push(Span::raw(format!("  {tail}")));
        Line::from(spans)
    }

    fn verdict_table(&self, w: usize) -> Vec<Line<'static>> {
        let room = &self.room;
        let nw = Self::name_width(w);
        let mut out = vec![self.heading(&format!(
            "{:<nw$}{:>6}{:>5}{:>7}{:>7}{:>9}{:>10}  {}",
            "Verdicts",
            "sheets",
            "open",
            "hybrid",
            "closed",
            "conflict",
            "undecided",
            "as expected"
        ))];
        for g in &room.groups {
            let tail = if g.expected.is_empty() {
                "-".to_string()
            } else {
                format!("{} of {}", g.as_expected(), g.sheets)
            };
            out.push(self.verdict_row(nw, &g.short, g.sheets, g.outcomes, &g.expected, &tail));
        }
        if room.groups.len() > 1 {
            let (all, tail) = room.all_sheets();
            out.push(self.verdict_row(nw, "All sheets", room.sheets, all, &[], &tail));
        }
        out
    }

    /// The cards on which a question split, the most split first.
    fn split_detail(&self, q: &QuestionSpread) -> String {
        let (split, _) = split_and_alike(&self.room, q);
        let names: Vec<&str> = split
            .iter()
            .map(|(gi, _)| self.room.groups[*gi].short.as_str())
            .collect();
        format!("on {}", names.join(", "))
    }

    fn overview_lines(&self, w: usize, height: usize) -> Vec<Line<'static>> {
        let room = &self.room;
        if room.sheets == 0 {
            return vec![Line::from("No answer sheets to compare yet.")];
        }
        let mut out = self.verdict_table(w);
        // Three questions and three flags at least; more when the screen has room.
        let fixed = out.len() + 4;
        let spare = height.saturating_sub(fixed);
        let n_split = (spare / 2).clamp(3, 8);
        let n_flags = spare.saturating_sub(n_split).clamp(3, 8);
        let split: Vec<&QuestionSpread> = room
            .questions
            .iter()
            .filter(|q| q.disagreement().is_some_and(|d| d > 0.0))
            .collect();
        out.extend(Self::wrapped(
            "Where the room split most (differ: answers unlike most on the same card)",
            w,
            "",
            "  ",
            self.theme.heading(),
        ));
        if split.is_empty() {
            out.push(Line::from(
                "  Nowhere: everyone on the same card answered alike.",
            ));
        }
        for q in split.iter().take(n_split) {
            let head = format!("{:>4}  {:<22} ", q.percent(), shorten(&q.short, 21));
            let detail = shorten(&self.split_detail(q), w.saturating_sub(head.width()));
            out.push(Line::from(vec![
                Span::styled(head, self.theme.strong()),
                Span::raw(detail),
            ]));
        }
        let agreed: Vec<&str> = room.agreed().map(|q| q.short.as_str()).collect();
        if !agreed.is_empty() {
            let text = format!("Agreed on every card: {}.", agreed.join(", "));
            let avail = w;
            out.push(Line::from(shorten(&text, avail)));
        }
        out.push(self.heading("Flags raised most (those that can block first)"));
        let mut shown = 0;
        // Blocking flags first: they can rule a licence or service out.
        let mut flags: Vec<_> = room.flags.iter().collect();
        flags.sort_by_key(|f| (f.severity != Severity::Blocks, std::cmp::Reverse(f.sheets)));
        for f in flags.iter().take(n_flags) {
            let head = format!("{:>4}/{:<4}", f.sheets, room.sheets);
            let tag = format!("{:<15}", f.severity.title());
            let title = shorten(&f.title, w.saturating_sub(head.width() + tag.width() + 1));
            out.push(Line::from(vec![
                Span::raw(head),
                Span::styled(tag, self.theme.severity(f.severity)),
                Span::raw(format!(" {title}")),
            ]));
            shown += 1;
        }
        if shown == 0 {
            out.push(Line::from("  No flags were raised."));
        }
        out.push(Line::from(if room.surprises_total == 0 {
            room.no_surprises().to_string()
        } else {
            format!(
                "{} not expect: see 5 Sheets.",
                if room.surprises_total == 1 {
                    "1 sheet got a verdict its card does".to_string()
                } else {
                    format!(
                        "{} sheets got verdicts their cards do",
                        room.surprises_total
                    )
                }
            )
        }));
        out
    }

    fn verdict_lines(&self, w: usize) -> Vec<Line<'static>> {
        let room = &self.room;
        let mut out = Vec::new();
        let max = room
            .groups
            .iter()
            .map(|g| g.sheets)
            .max()
            .unwrap_or(1)
            .max(1);
        let bar_room = w.saturating_sub(28).clamp(4, 30);
        for g in &room.groups {
            let mut head = format!(
                "{} ({} sheet{}",
                g.title,
                g.sheets,
                if g.sheets == 1 { "" } else { "s" }
            );
            if g.partial > 0 {
                let _ = write!(head, ", {} partial", g.partial);
            }
            head.push(')');
            out.extend(Self::wrapped(&head, w, "", "  ", self.theme.heading()));
            for o in Outcome::ALL {
                let n = g.outcome(o);
                // Conflicting and undecided sheets are not verdicts a card can expect: shown
                // only when there are some.
                if n == 0 && matches!(o, Outcome::Verdict(v) if !v.recommends()) {
                    continue;
                }
                let exp = matches!(o, Outcome::Verdict(v) if g.expected.contains(&v));
                let len = (n * bar_room).div_ceil(max);
                out.push(Line::from(vec![
                    Span::raw(format!(
                        "  {}{:<20}",
                        if exp { "> " } else { "  " },
                        o.words()
                    )),
                    Span::styled("█".repeat(len), self.outcome_style(o, exp)),
                    Span::raw(format!(" {n}")),
                ]));
            }
            if g.expected.is_empty() {
                out.push(Line::from("  No card: no expected verdict."));
            } else {
                out.extend(Self::wrapped(
                    &format!(
                        "The card expects {} (marked >): {} of {} as expected.",
                        expected_words(g),
                        g.as_expected(),
                        g.sheets
                    ),
                    w,
                    "  ",
                    "  ",
                    Style::new(),
                ));
                if let Some(card) =
                    g.id.as_deref()
                        .and_then(|id| self.cards.iter().find(|c| c.id == id))
                {
                    out.extend(Self::wrapped(
                        &card.facilitator.reasoning,
                        w,
                        "  Why: ",
                        "       ",
                        self.theme.muted(),
                    ));
                }
            }
            out.push(Line::from(""));
        }
        out
    }

    fn question_lines(&self, w: usize) -> Vec<Line<'static>> {
        let room = &self.room;
        let mut out = Self::wrapped(DIFFER_EXPLAINED, w, "", "", self.theme.muted());
        for q in &room.questions {
            out.push(Line::from(""));
            let mut head = format!("{}  ({} answers", q.short, q.answered);
            if q.no_answer > 0 {
                let _ = write!(head, ", {} left open", q.no_answer);
            }
            head.push(')');
            out.extend(Self::wrapped(
                &head,
                w,
                &format!("{:>4}  ", q.percent()),
                "      ",
                self.theme.strong(),
            ));
            let name_w = room
                .groups
                .iter()
                .map(|g| g.short.width())
                .max()
                .unwrap_or(0)
                .min(22);
            let (split, alike) = split_and_alike(room, q);
            for (gi, s) in split {
                let g = &room.groups[gi];
                let first = format!("      {:<name_w$}  ", shorten(&g.short, name_w));
                let rest = " ".repeat(first.width());
                out.extend(Self::wrapped(
                    &spread_words(s),
                    w,
                    &first,
                    &rest,
                    Style::new(),
                ));
            }
            if !alike.is_empty() {
                out.extend(Self::wrapped(
                    &format!("Same answer throughout: {}.", alike.join(", ")),
                    w,
                    "      ",
                    "        ",
                    self.theme.muted(),
                ));
            }
        }
        out
    }

    fn flag_lines(&self, w: usize) -> Vec<Line<'static>> {
        let room = &self.room;
        let mut out = Self::wrapped(
            "Licence and terms conditions the answers raised, the most raised first. Blocks: may rule a licence or service out. Not legal advice: read the terms themselves.",
            w,
            "",
            "",
            self.theme.muted(),
        );
        if room.flags.is_empty() {
            out.push(Line::from(""));
            out.push(Line::from("No flags were raised."));
        }
        for f in &room.flags {
            out.push(Line::from(""));
            let head = format!("{:>4} of {:<4} ", f.sheets, room.sheets);
            let tag = format!("[{}] ", f.severity.title());
            let pad = " ".repeat(head.width() + 2);
            let mut lines = Self::wrapped(
                &f.title,
                w,
                &format!("{head}{tag}"),
                &pad,
                self.theme.strong(),
            );
            if let Some(first) = lines.first_mut() {
                // Restyle the severity tag.
                let text: String = first.spans.iter().map(|s| s.content.to_string()).collect();
                let rest = text[head.len() + tag.len()..].to_string();
                *first = Line::from(vec![
                    Span::raw(head.clone()),
                    Span::styled(tag.clone(), self.theme.severity(f.severity)),
                    Span::styled(rest, self.theme.strong()),
                ]);
            }
            out.extend(lines);
            out.extend(Self::wrapped(
                &flag_reach(room, f),
                w,
                &pad,
                &pad,
                self.theme.muted(),
            ));
        }
        out
    }

    fn sheet_lines(&self, w: usize) -> Vec<Line<'static>> {
        let room = &self.room;
        let mut out = vec![self.heading(&format!(
            "Sheets whose verdict differs from their card ({})",
            room.surprises_total
        ))];
        if room.surprises_total == 0 {
            out.push(Line::from(
                "None: every sheet that played a card got a verdict the card expects.",
            ));
        }
        for s in &room.surprises {
            out.extend(Self::wrapped(
                &output::surprise_sentence(room, s),
                w,
                "- ",
                "  ",
                Style::new(),
            ));
            for c in &s.constraints {
                out.extend(Self::wrapped(
                    &format!("Hard constraint: {c}."),
                    w,
                    "    ",
                    "      ",
                    self.theme.muted(),
                ));
            }
            for d in &s.differences {
                out.extend(Self::wrapped(
                    &format!(
                        "{}: \"{}\"; most on this card said \"{}\" ({} of {}).",
                        d.short, d.answer, d.most, d.most_count, d.of
                    ),
                    w,
                    "    ",
                    "      ",
                    self.theme.muted(),
                ));
            }
        }
        if room.surprises_total > room.surprises.len() {
            out.push(Line::from(format!(
                "... and {} more.",
                room.surprises_total - room.surprises.len()
            )));
        }
        let notes = note_lines(room);
        if !notes.is_empty() {
            out.push(Line::from(""));
            out.push(self.heading("Notes"));
            for n in notes {
                out.extend(Self::wrapped(&n, w, "- ", "  ", Style::new()));
            }
        }
        out.push(Line::from(""));
        out.push(self.heading(&format!("Files skipped ({})", room.skipped_total)));
        if room.skipped_total == 0 {
            out.push(Line::from("None."));
        }
        for s in &room.skipped {
            out.extend(Self::wrapped(
                &format!("{}: {}", s.path, s.reason),
                w,
                "- ",
                "  ",
                Style::new(),
            ));
        }
        if room.skipped_total > room.skipped.len() {
            out.push(Line::from(format!(
                "... and {} more.",
                room.skipped_total - room.skipped.len()
            )));
        }
        if room.ignored > 0 {
            out.push(Line::from(if room.ignored == 1 {
                "1 other file in the folders is not .json and was not read.".to_string()
            } else {
                format!(
                    "{} other files in the folders are not .json and were not read.",
                    room.ignored
                )
            }));
        }
        out
    }

    pub(super) fn summary_line(&self) -> String {
        let room = &self.room;
        let mut parts = vec![format!(
            "{} sheet{}",
            room.sheets,
            if room.sheets == 1 { "" } else { "s" }
        )];
        if room.partial > 0 {
            parts.push(format!("{} partial", room.partial));
        }
        let cards = room.cards_played();
        parts.push(format!("{cards} card{}", if cards == 1 { "" } else { "s" }));
        if room.skipped_total > 0 {
            parts.push(format!("{} skipped", room.skipped_total));
        }
        parts.join(" · ")
    }

    /// A count of sheets with this outcome: in the verdict's colour, bold when the card
    /// expects it.
    fn outcome_style(&self, o: Outcome, expected: bool) -> Style {
        let Outcome::Verdict(v) = o;
        let s = self.theme.outcome(v);
        if expected {
            s.patch(self.theme.strong())
        } else {
            s
        }
    }
}
