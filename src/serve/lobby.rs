//! The first screens a participant sees over SSH, before the questionnaire: their name or
//! table label, the card (when the room plays several), and, when a sheet with that label is
//! unfinished in the room, whether to continue it.

use std::io;
use std::time::Duration;

use crossterm::event::{Event, KeyCode, KeyEventKind, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::tui::input::TextInput;
use crate::tui::{EventSource, Stop, Theme};
use crate::workshop::Scenario;

/// The longest label accepted.
pub const LABEL_MAX: usize = 40;

/// An unfinished sheet in the room with the participant's label.
#[derive(Debug, Clone)]
pub struct Unfinished {
    pub answered: usize,
    pub asked: usize,
}

/// What the room asks of the lobby.
pub trait Room {
    fn title(&self) -> String;
    fn cards(&self) -> &[Scenario];
    /// An unfinished sheet with this label that nobody has open now.
    fn unfinished(&self, label: &str) -> Option<Unfinished>;
}

/// What the participant chose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub label: String,
    /// The card's id, if the room plays cards.
    pub card: Option<String>,
    /// Continue the unfinished sheet with this label.
    pub resume: bool,
}

/// How the lobby ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Chosen(Choice),
    /// The participant left (Esc, Ctrl-C) or was stopped.
    Left(Option<Stop>),
}

enum Step {
    Label,
    Card { cursor: usize },
    Resume { cursor: usize, found: Unfinished },
}

/// Runs the lobby on the participant's terminal.
pub fn run<B>(
    terminal: &mut Terminal<B>,
    events: &mut impl EventSource,
    room: &impl Room,
    theme: Theme,
) -> io::Result<Outcome>
where
    B: Backend,
    B::Error: Send + Sync + 'static,
{
    let mut label = TextInput::new("");
    let mut card: Option<String> = None;
    let mut step = Step::Label;
    let mut error: Option<String> = None;
    loop {
        terminal
            .draw(|f| {
                let area = f.area();
                let text = view(room, &step, &label, error.as_deref(), theme);
                f.render_widget(
                    Paragraph::new(text).wrap(Wrap { trim: false }),
                    Rect {
                        x: area.x + 1,
                        width: area.width.saturating_sub(2),
                        ..area
                    },
                );
                if matches!(step, Step::Label) {
                    let x = 3 + label.text()[..label.cursor()].chars().count();
                    f.set_cursor_position((
                        (area.x + x as u16).min(area.right().saturating_sub(1)),
                        area.y + 6,
                    ));
                }
            })
            .map_err(io::Error::other)?;
        if let Some(stop) = events.stop() {
            return Ok(Outcome::Left(Some(stop)));
        }
        let Some(event) = events.next_event(Duration::from_millis(200))? else {
            continue;
        };
        let key = match event {
            Event::Key(k) if k.kind == KeyEventKind::Press => k,
            Event::Paste(text) if matches!(step, Step::Label) => {
                label.paste(&text.replace(['\r', '\n'], " "));
                truncate(&mut label);
                continue;
            }
            Event::Resize(..) => {
                terminal.autoresize().map_err(io::Error::other)?;
                continue;
            }
            _ => continue,
        };
        if key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('c') {
            return Ok(Outcome::Left(None));
        }
        error = None;
        match &mut step {
            Step::Label => match key.code {
                KeyCode::Esc => return Ok(Outcome::Left(None)),
                KeyCode::Enter => {
                    let text = label.text().trim().to_string();
                    if text.is_empty() {
                        error = Some("Type a name or a table label first, such as Table 3.".into());
                    } else if crate::text::has_unsafe(&text) {
                        error = Some("Use letters, digits, spaces and punctuation only.".into());
                    } else if room.cards().len() > 1 {
                        step = Step::Card { cursor: 0 };
                    } else {
                        card = room.cards().first().map(|c| c.id.clone());
                        if let Some(found) = room.unfinished(&text) {
                            step = Step::Resume { cursor: 0, found };
                        } else {
                            return Ok(chosen(&label, card, false));
                        }
                    }
                }
                KeyCode::Backspace => label.backspace(),
                KeyCode::Delete => label.delete(),
                KeyCode::Left => label.left(),
                KeyCode::Right => label.right(),
                KeyCode::Home => label.home(),
                KeyCode::End => label.end(),
                KeyCode::Char(c) if !c.is_control() => {
                    label.insert(c);
                    truncate(&mut label);
                }
                _ => {}
            },
            Step::Card { cursor } => {
                let n = room.cards().len();
                match key.code {
                    KeyCode::Up => *cursor = cursor.saturating_sub(1),
                    KeyCode::Down | KeyCode::Tab => *cursor = (*cursor + 1).min(n - 1),
                    KeyCode::Char(c) if c.is_ascii_digit() && c != '0' => {
                        let i = c as usize - '1' as usize;
                        if i < n {
                            *cursor = i;
                        }
                    }
                    KeyCode::Esc | KeyCode::Backspace => step = Step::Label,
                    KeyCode::Enter => {
                        card = Some(room.cards()[*cursor].id.clone());
                        if let Some(found) = room.unfinished(label.text().trim()) {
                            step = Step::Resume { cursor: 0, found };
                        } else {
                            return Ok(chosen(&label, card, false));
                        }
                    }
                    _ => {}
                }
            }
            Step::Resume { cursor, .. } => match key.code {
                KeyCode::Up | KeyCode::Char('1') => *cursor = 0,
                KeyCode::Down | KeyCode::Tab | KeyCode::Char('2') => *cursor = 1,
                KeyCode::Esc | KeyCode::Backspace => step = Step::Label,
                KeyCode::Enter => return Ok(chosen(&label, card, *cursor == 0)),
                _ => {}
            },
        }
    }
}

fn chosen(label: &TextInput, card: Option<String>, resume: bool) -> Outcome {
    Outcome::Chosen(Choice {
        label: label.text().trim().to_string(),
        card,
        resume,
    })
}

fn truncate(label: &mut TextInput) {
    if label.text().chars().count() > LABEL_MAX {
        let cut: String = label.text().chars().take(LABEL_MAX).collect();
        *label = TextInput::new(&cut);
    }
}

fn view<'a>(
    room: &impl Room,
    step: &Step,
    label: &TextInput,
    error: Option<&str>,
    theme: Theme,
) -> Vec<Line<'a>> {
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let mut lines = vec![
        Line::from(Span::styled(
            format!("weighup: welcome to the room \"{}\"", room.title()),
            bold,
        )),
        Line::from(""),
    ];
    let focus = |on: bool, text: String| {
        if on {
            Line::from(Span::styled(
                format!("> {text}"),
                Style::default().add_modifier(Modifier::REVERSED),
            ))
        } else {
            Line::from(format!("  {text}"))
        }
    };
    match step {
        Step::Label => {
            lines.push(Line::from(
                "Your answers are saved in the facilitator's room folder under a name or a table label.",
            ));
            lines.push(Line::from(
                "Use the same label if you connect again: you can then continue where you left off.",
            ));
            lines.push(Line::from(""));
            lines.push(Line::from(Span::styled("Your name or table label:", bold)));
            lines.push(Line::from(format!(" [{}]", label.text())));
            lines.push(Line::from(""));
            lines.push(Line::from("Enter: continue   Esc: leave"));
        }
        Step::Card { cursor } => {
            lines.push(Line::from(Span::styled(
                "Which scenario card does your table play?",
                bold,
            )));
            lines.push(Line::from(""));
            for (i, c) in room.cards().iter().enumerate() {
                lines.push(focus(
                    i == *cursor,
                    format!("{}. {}", i + 1, crate::text::sanitize_line(&c.title)),
                ));
            }
            lines.push(Line::from(""));
            lines.push(Line::from(
                "Up/Down or a number: choose   Enter: start   Esc: back",
            ));
        }
        Step::Resume { cursor, found } => {
            lines.push(Line::from(Span::styled(
                format!(
                    "There are unfinished answers under the label \"{}\".",
                    label.text().trim()
                ),
                bold,
            )));
            lines.push(Line::from(""));
            lines.push(focus(
                *cursor == 0,
                format!(
                    "1. Continue them ({} of {} questions answered)",
                    found.answered, found.asked
                ),
            ));
            lines.push(focus(*cursor == 1, "2. Start a new answer sheet".into()));
            lines.push(Line::from(""));
            lines.push(Line::from("Up/Down: choose   Enter: go on   Esc: back"));
        }
    }
    if let Some(e) = error {
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled(format!("! {e}"), theme.error())));
    }
    lines
}
