//! The facilitator's view of the room as a full-screen app: state, keys and screens, with no
//! terminal code (the loop is in `term.rs`). Results stay hidden until the facilitator
//! reveals them, so that early answers do not sway the room.

use std::fmt::Write as _;

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};
use unicode_width::UnicodeWidthStr as _;

use crate::catalogue::Severity;
use crate::text::wrap;

use super::output::{
    DIFFER_EXPLAINED, expected_words, flag_reach, note_lines, split_and_alike, spread_words,
};
use super::room::{Group, Outcome, QuestionSpread, Room, shorten};
use super::scenario::Scenario;

/// The pages of the revealed view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Overview,
    Verdicts,
    Questions,
    Flags,
    Sheets,
}

impl Tab {
    pub const ALL: [Tab; 5] = [
        Tab::Overview,
        Tab::Verdicts,
        Tab::Questions,
        Tab::Flags,
        Tab::Sheets,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Tab::Overview => "Overview",
            Tab::Verdicts => "Verdicts",
            Tab::Questions => "Questions",
            Tab::Flags => "Flags",
            Tab::Sheets => "Sheets",
        }
    }

    fn index(self) -> usize {
        Tab::ALL.iter().position(|t| *t == self).unwrap_or(0)
    }
}

/// What the facilitator asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Reveal,
    Hide,
    NextTab,
    PrevTab,
    Go(Tab),
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    Reload,
    Help,
    /// Esc: close help, or quit.
    Back,
    Quit,
    Interrupt,
}

/// What the loop must do after an update.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    None,
    /// Read the files again.
    Reload,
    Quit,
    Interrupted,
}

/// Maps a key press to an action (key releases are ignored).
pub fn key_action(key: KeyEvent) -> Option<Action> {
    if key.kind != KeyEventKind::Press {
        return None;
    }
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        return match key.code {
            KeyCode::Char('c' | 'C') => Some(Action::Interrupt),
            _ => None,
        };
    }
    Some(match key.code {
        KeyCode::Char(' ') | KeyCode::Enter => Action::Reveal,
        KeyCode::Char('h' | 'H') => Action::Hide,
        KeyCode::Tab | KeyCode::Right | KeyCode::Char('l') => Action::NextTab,
        KeyCode::BackTab | KeyCode::Left => Action::PrevTab,
        KeyCode::Char(c @ '1'..='5') => Action::Go(Tab::ALL[(c as usize) - ('1' as usize)]),
        KeyCode::Up | KeyCode::Char('k') => Action::Up,
        KeyCode::Down | KeyCode::Char('j') => Action::Down,
        KeyCode::PageUp => Action::PageUp,
        KeyCode::PageDown => Action::PageDown,
        KeyCode::Home | KeyCode::Char('g') => Action::Top,
        KeyCode::End | KeyCode::Char('G') => Action::Bottom,
        KeyCode::Char('r' | 'R') => Action::Reload,
        KeyCode::Char('?') => Action::Help,
        KeyCode::Esc => Action::Back,
        KeyCode::Char('q' | 'Q') => Action::Quit,
        _ => return None,
    })
}

/// Styles; without colour (`NO_COLOR`) only bold and reverse video are used.
#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    /// Colour unless the `NO_COLOR` environment variable is set (to anything but empty).
    pub fn from_env() -> Theme {
        Theme {
            color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        }
    }

    fn heading(self) -> Style {
        let s = Style::new().bold();
        if self.color { s.cyan() } else { s }
    }

    fn dim(self) -> Style {
        if self.color {
            Style::new().dark_gray()
        } else {
            Style::new()
        }
    }

    fn bar(self) -> Style {
        if self.color {
            Style::new().bold().reversed()
        } else {
            Style::new().reversed()
        }
    }

    fn severity(self, s: Severity) -> Style {
        match (self.color, s) {
            (true, Severity::Blocks) => Style::new().red().bold(),
            (true, Severity::ReadCarefully) => Style::new().yellow(),
            (false, Severity::Blocks) => Style::new().bold(),
            _ => Style::new(),
        }
    }

    fn outcome(self, o: Outcome, expected: bool) -> Style {
        let s = if expected {
            Style::new().bold()
        } else {
            Style::new()
        };
        if !self.color {
            return s;
        }
        match o {
            Outcome::Verdict(crate::bank::Verdict::OpenWeights) => s.green(),
            Outcome::Verdict(crate::bank::Verdict::Hybrid) => s.magenta(),
            Outcome::Verdict(crate::bank::Verdict::Closed) => s.blue(),
            Outcome::Verdict(crate::bank::Verdict::Conflict) => s.red(),
            Outcome::Verdict(crate::bank::Verdict::Undecided) => s.dark_gray(),
        }
    }
}

/// The facilitator's view.
#[derive(Debug, Clone)]
pub struct CompareApp {
    pub room: Room,
    /// The cards, for the expected verdicts' reasoning.
    pub cards: Vec<Scenario>,
    pub revealed: bool,
    pub tab: Tab,
    /// Lines scrolled down in the current page.
    pub scroll: usize,
    pub help: bool,
    /// A one-line message, such as what a reload found.
    pub notice: Option<String>,
    pub theme: Theme,
    /// The screen size, set by the loop before each draw (for scrolling limits).
    pub size: (u16, u16),
}

impl CompareApp {
    pub fn new(room: Room, cards: Vec<Scenario>, theme: Theme) -> CompareApp {
        CompareApp {
            room,
            cards,
            revealed: false,
            tab: Tab::Overview,
            scroll: 0,
            help: false,
            notice: None,
            theme,
            size: (80, 24),
        }
    }

    /// Replaces the room after reading the files again, keeping the page and the reveal.
    pub fn set_room(&mut self, room: Room) {
        let before = self.room.sheets;
        let after = room.sheets;
        let sheets = |n: usize| format!("{n} sheet{}", if n == 1 { "" } else { "s" });
        self.notice = Some(if after == before {
            format!("Read the files again: still {}.", sheets(after))
        } else {
            format!("Read the files again: {} (was {before}).", sheets(after))
        });
        self.room = room;
        self.scroll = self.scroll.min(self.max_scroll());
    }

    fn body_height(&self) -> usize {
        // Title, tabs or status, summary, and keys take four rows.
        usize::from(self.size.1.saturating_sub(4)).max(1)
    }

    fn max_scroll(&self) -> usize {
        let n = self
            .page_lines(usize::from(self.size.0), self.body_height())
            .len();
        n.saturating_sub(self.body_height())
    }

    /// Applies an action. Pure: the loop carries out the effect.
    pub fn update(&mut self, action: Action) -> Effect {
        if action != Action::Reload {
            self.notice = None;
        }
        if self.help {
            self.help = false;
            if !matches!(action, Action::Quit | Action::Interrupt) {
                return Effect::None;
            }
        }
        let page = self.body_height().saturating_sub(1).max(1);
        match action {
            Action::Reveal => {
                if !self.revealed {
                    self.revealed = true;
                    self.tab = Tab::Overview;
                    self.scroll = 0;
                }
            }
            Action::Hide => {
                self.revealed = false;
                self.scroll = 0;
            }
            Action::NextTab | Action::PrevTab | Action::Go(_) if !self.revealed => {}
            Action::NextTab => self.go(Tab::ALL[(self.tab.index() + 1) % Tab::ALL.len()]),
            Action::PrevTab => {
                self.go(Tab::ALL[(self.tab.index() + Tab::ALL.len() - 1) % Tab::ALL.len()]);
            }
            Action::Go(t) => self.go(t),
            Action::Up => self.scroll = self.scroll.saturating_sub(1),
            Action::Down => self.scroll = (self.scroll + 1).min(self.max_scroll()),
            Action::PageUp => self.scroll = self.scroll.saturating_sub(page),
            Action::PageDown => self.scroll = (self.scroll + page).min(self.max_scroll()),
            Action::Top => self.scroll = 0,
            Action::Bottom => self.scroll = self.max_scroll(),
            Action::Reload => return Effect::Reload,
            Action::Help => self.help = true,
            Action::Back | Action::Quit => return Effect::Quit,
            Action::Interrupt => return Effect::Interrupted,
        }
        Effect::None
    }

    fn go(&mut self, tab: Tab) {
        if self.tab != tab {
            self.tab = tab;
            self.scroll = 0;
        }
    }

    /// The lines of the current page (hidden or revealed), for this width; `height` is the
    /// room on screen (the overview shows more when there is more room).
    pub fn page_lines(&self, width: usize, height: usize) -> Vec<Line<'static>> {
        let w = width.saturating_sub(2).max(20);
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

    fn wrapped(text: &str, w: usize, first: &str, rest: &str, style: Style) -> Vec<Line<'static>> {
        let avail = w.saturating_sub(first.width().max(rest.width())).max(10);
        wrap(text, avail)
            .into_iter()
            .enumerate()
            .map(|(i, l)| {
                Line::from(Span::styled(
                    format!("{}{l}", if i == 0 { first } else { rest }),
                    style,
                ))
            })
            .collect()
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
            Style::new().bold(),
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
        expected: &[crate::bank::Verdict],
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
                    self.theme.dim()
                } else {
                    self.theme.outcome(*o, exp)
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
            let mut all = [0usize; 5];
            for g in &room.groups {
                for (a, n) in all.iter_mut().zip(g.outcomes) {
                    *a += n;
                }
            }
            let with_card: usize = room
                .groups
                .iter()
                .filter(|g| !g.expected.is_empty())
                .map(|g| g.sheets)
                .sum();
            let expected: usize = room.groups.iter().map(Group::as_expected).sum();
            let tail = if with_card == 0 {
                "-".to_string()
            } else {
                format!("{expected} of {with_card}")
            };
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
        out.push(
            self.heading(
                "Where the room split most (differ: answers unlike most on the same card)",
            ),
        );
        if split.is_empty() {
            out.push(Line::from(
                "  Nowhere: everyone on the same card answered alike.",
            ));
        }
        for q in split.iter().take(n_split) {
            let head = format!("{:>4}  {:<22} ", q.percent(), shorten(&q.short, 21));
            let detail = shorten(&self.split_detail(q), w.saturating_sub(head.width()));
            out.push(Line::from(vec![
                Span::styled(head, Style::new().bold()),
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
            "Every sheet that played a card got a verdict the card expects.".to_string()
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
                    Span::styled("█".repeat(len), self.theme.outcome(o, exp)),
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
                        self.theme.dim(),
                    ));
                }
            }
            out.push(Line::from(""));
        }
        out
    }

    fn question_lines(&self, w: usize) -> Vec<Line<'static>> {
        let room = &self.room;
        let mut out = Self::wrapped(DIFFER_EXPLAINED, w, "", "", self.theme.dim());
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
                Style::new().bold(),
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
                    self.theme.dim(),
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
            self.theme.dim(),
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
                Style::new().bold(),
            );
            if let Some(first) = lines.first_mut() {
                // Restyle the severity tag.
                let text: String = first.spans.iter().map(|s| s.content.to_string()).collect();
                let rest = text[head.len() + tag.len()..].to_string();
                *first = Line::from(vec![
                    Span::raw(head.clone()),
                    Span::styled(tag.clone(), self.theme.severity(f.severity)),
                    Span::styled(rest, Style::new().bold()),
                ]);
            }
            out.extend(lines);
            out.extend(Self::wrapped(
                &flag_reach(room, f),
                w,
                &pad,
                &pad,
                self.theme.dim(),
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
                &super::output::surprise_sentence(room, s),
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
                    self.theme.dim(),
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
                    self.theme.dim(),
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

    fn summary_line(&self) -> String {
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

    fn render_help(area: Rect, buf: &mut Buffer) {
        let lines = [
            "Space   reveal the results",
            "h       hide them again",
            "1-5     Overview, Verdicts, Questions, Flags, Sheets",
            "Tab     next page (Shift-Tab: previous)",
            "Up/Down scroll (PgUp/PgDn, Home/End)",
            "r       read the files again",
            "q, Esc  quit",
            "",
            "Each sheet is evaluated again with this version of",
            "weighup; results saved in the files are not used.",
            "",
            "Press any key to close this help.",
        ];
        let width = (lines.iter().map(|l| l.width()).max().unwrap_or(20) + 4) as u16;
        let height = lines.len() as u16 + 2;
        let popup = area.centered(
            Constraint::Length(width.min(area.width)),
            Constraint::Length(height.min(area.height)),
        );
        Clear.render(popup, buf);
        Paragraph::new(lines.iter().map(|l| Line::from(*l)).collect::<Vec<_>>())
            .block(Block::bordered().title(" Keys "))
            .render(popup, buf);
    }
}

impl Widget for &CompareApp {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.width < 20 || area.height < 6 {
            Paragraph::new("Make the window larger to see the room.").render(area, buf);
            return;
        }
        let [title, tabs, summary, body, keys] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(1),
        ])
        .areas(area);
        let status = if self.revealed {
            " RESULTS SHOWN "
        } else {
            " RESULTS HIDDEN "
        };
        let name = " weighup compare: the room's answers";
        let gap = usize::from(area.width).saturating_sub(name.width() + status.width());
        Line::from(vec![
            Span::styled(name, Style::new().bold()),
            Span::raw(" ".repeat(gap)),
            Span::styled(status, Style::new().add_modifier(Modifier::REVERSED)),
        ])
        .render(title, buf);

        if self.revealed {
            let mut spans = vec![Span::raw(" ")];
            for (i, t) in Tab::ALL.iter().enumerate() {
                let label = format!(" {} {} ", i + 1, t.title());
                if *t == self.tab {
                    spans.push(Span::styled(label, self.theme.bar()));
                } else {
                    spans.push(Span::raw(label));
                }
                spans.push(Span::raw(" "));
            }
            Line::from(spans).render(tabs, buf);
        } else {
            Line::from(Span::styled(
                format!(
                    " Reading {} (again every few seconds)",
                    self.room.sources.join(", ")
                ),
                self.theme.dim(),
            ))
            .render(tabs, buf);
        }
        let summary_text = self.notice.clone().unwrap_or_else(|| self.summary_line());
        Line::from(Span::styled(format!(" {summary_text}"), self.theme.dim())).render(summary, buf);

        let lines = self.page_lines(usize::from(area.width), usize::from(body.height));
        let max = lines.len().saturating_sub(usize::from(body.height));
        let scroll = self.scroll.min(max);
        let inner = Rect {
            x: body.x + 1,
            width: body.width.saturating_sub(1),
            ..body
        };
        let visible: Vec<Line> = lines
            .into_iter()
            .skip(scroll)
            .take(usize::from(body.height))
            .collect();
        Paragraph::new(visible).render(inner, buf);
        let more_below = scroll < max;
        let more_above = scroll > 0;

        let narrow = area.width < 72;
        let hint = match (self.revealed, narrow) {
            (true, false) => " 1-5 pages · ↑↓ scroll · h hide · r reload · ? keys · q quit",
            (true, true) => " 1-5 pages · ↑↓ · h hide · ? keys · q quit",
            (false, _) => " Space reveal · r reload · ? keys · q quit",
        };
        let mut spans = vec![Span::styled(hint, self.theme.bar())];
        let marker = match (more_above, more_below) {
            (true, true) => " ↑↓ more",
            (false, true) if narrow => " ↓ more",
            (true, false) if narrow => " ↑ more",
            (false, true) => " ↓ more below",
            (true, false) => " ↑ more above",
            (false, false) => "",
        };
        let used = hint.width() + marker.width();
        spans.push(Span::styled(
            " ".repeat(usize::from(area.width).saturating_sub(used)),
            self.theme.bar(),
        ));
        spans.push(Span::styled(marker, self.theme.bar()));
        Line::from(spans).render(keys, buf);

        if self.help {
            CompareApp::render_help(area, buf);
        }
    }
}
