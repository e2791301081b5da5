//! One runtime for every full-screen app (the questionnaire and the workshop's comparison
//! view), whatever the terminal is: the local one, a test, or one SSH channel per participant
//! of `weighup serve`.
//!
//! [`run_program`] draws a [`Program`] on any ratatui backend, takes events from any
//! [`EventSource`], hands them to the program and stops it when asked. [`QuestionnaireProgram`] is
//! the questionnaire as a program: it maps keys to actions, calls the pure [`App::update`] and
//! carries out its effects (save, quit); [`run`] runs it. Setting up and restoring a terminal,
//! and where the events come from, belong to the caller: the local terminal in `terminal.rs`,
//! the SSH channel in `serve`.

use std::io;
use std::path::Path;
use std::time::Duration;

use crossterm::event::{Event, KeyEventKind, MouseButton, MouseEventKind};
use ratatui::backend::Backend;
use ratatui::layout::{Position, Rect};
use ratatui::{Frame, Terminal};
use time::OffsetDateTime;

use super::links::Links;
use super::{Action, App, Effect, action_for, draw};

use crate::sheet::Sheet;

pub use crate::questionnaire::{review_copy_path, write_to_disk};

/// Why the runtime was asked to stop from outside the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    /// Ctrl-C or SIGTERM on this computer, or the server shutting down.
    Terminate,
    /// The terminal went away (SIGHUP, or the SSH connection dropped).
    HangUp,
    /// Nothing was typed for too long (the workshop server).
    Idle,
}

/// How a full-screen app ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// The person quit.
    Quit,
    /// Ctrl-C in the app, or [`Stop::Terminate`].
    Interrupted,
    /// The terminal went away.
    HangUp,
    /// Nothing was typed for too long.
    Idle,
}

/// Where events come from: the local terminal, a test script, an SSH channel.
pub trait EventSource {
    /// Waits up to `timeout` for the next event; `Ok(None)` when none came.
    fn next_event(&mut self, timeout: Duration) -> io::Result<Option<Event>>;

    /// Has something outside the app asked it to stop? Checked between events.
    fn stop(&self) -> Option<Stop> {
        None
    }
}

/// What the runtime does after a program has handled an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Nothing changed on screen.
    Idle,
    /// Draw the screen again.
    Redraw,
    /// Stop the loop.
    End(Ending),
}

/// A full-screen app the runtime can drive: the questionnaire ([`QuestionnaireProgram`]) or the
/// workshop's comparison view ([`super::compare`]). The program maps events to its own
/// actions, updates its state and carries out its effects; the runtime owns the loop, the
/// redraws, resizing and stopping.
pub trait Program {
    /// Draws one frame. The runtime then replaces any unsafe character ([`sanitize`]).
    fn draw(&self, frame: &mut Frame);

    /// Where the terminal's cursor goes after drawing (a text field), if anywhere.
    fn cursor(&self, _area: Rect) -> Option<Position> {
        None
    }

    /// Handles one event (a key, a paste, the mouse, a new size). `area` is the screen.
    fn handle(&mut self, event: Event, area: Rect) -> Step;

    /// No event came for a while: time for work of its own (reading files again).
    fn tick(&mut self) -> Step {
        Step::Idle
    }

    /// Something outside asked the loop to stop ([`EventSource::stop`]): keep what must be
    /// kept before it ends.
    fn stopping(&mut self) {}
}

/// Runs a program until it ends or is stopped from outside. With `links`, web addresses on
/// screen become clickable (see [`super::links`]) on terminals that show links.
pub fn run_program<B, P>(
    terminal: &mut Terminal<B>,
    program: &mut P,
    events: &mut impl EventSource,
    links: bool,
) -> io::Result<Ending>
where
    B: Backend,
    B::Error: Send + Sync + 'static,
    P: Program + ?Sized,
{
    let size = terminal.size().map_err(io::Error::other)?;
    let area = Rect::new(0, 0, size.width, size.height);
    program.handle(Event::Resize(size.width, size.height), area);
    let mut redraw = true;
    let mut links = Links::new(links);
    loop {
        if redraw {
            let frame = terminal
                .draw(|f| {
                    program.draw(f);
                    sanitize(f);
                    // Only from the sanitised frame: see `links`.
                    links.plan(f.buffer_mut());
                })
                .map_err(io::Error::other)?;
            let area = frame.area;
            if links
                .write(terminal.backend_mut())
                .map_err(io::Error::other)?
            {
                // Drawing the links moved the terminal's cursor: back to the text field.
                if let Some(p) = program.cursor(area) {
                    terminal.set_cursor_position(p).map_err(io::Error::other)?;
                }
                terminal.backend_mut().flush().map_err(io::Error::other)?;
            }
            redraw = false;
        }
        if let Some(stop) = events.stop() {
            program.stopping();
            return Ok(match stop {
                Stop::HangUp => Ending::HangUp,
                Stop::Terminate => Ending::Interrupted,
                Stop::Idle => Ending::Idle,
            });
        }
        let step = match events.next_event(Duration::from_millis(200))? {
            None => program.tick(),
            Some(event) => {
                if let Event::Resize(..) = event {
                    terminal.autoresize().map_err(io::Error::other)?;
                }
                let area = terminal.get_frame().area();
                program.handle(event, area)
            }
        };
        match step {
            Step::Idle => {}
            Step::Redraw => redraw = true,
            Step::End(ending) => return Ok(ending),
        }
    }
}

/// The one boundary for everything the apps draw: text from sheets, banks, cards and file
/// names never reaches the terminal with a control or bidirectional-override character.
pub fn sanitize(frame: &mut Frame) {
    for cell in &mut frame.buffer_mut().content {
        if crate::text::has_unsafe(cell.symbol()) {
            cell.set_symbol("?");
        }
    }
}

/// Runs the questionnaire until it ends. The sheet is saved after every answer and, when
/// anything is unsaved, before every ending.
pub fn run<B>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    events: &mut impl EventSource,
    mouse: bool,
    links: bool,
) -> io::Result<Ending>
where
    B: Backend,
    B::Error: Send + Sync + 'static,
{
    run_program(
        terminal,
        &mut QuestionnaireProgram::new(app, mouse),
        events,
        links,
    )
}

/// The questionnaire as a [`Program`]: keys become [`Action`]s, and its effects (saving,
/// quitting) are carried out here.
pub struct QuestionnaireProgram<'a> {
    app: &'a mut App,
    /// Does the mouse click options?
    mouse: bool,
}

impl<'a> QuestionnaireProgram<'a> {
    pub fn new(app: &'a mut App, mouse: bool) -> QuestionnaireProgram<'a> {
        QuestionnaireProgram { app, mouse }
    }
}

impl Program for QuestionnaireProgram<'_> {
    fn draw(&self, frame: &mut Frame) {
        draw(frame, self.app);
    }

    fn cursor(&self, area: Rect) -> Option<Position> {
        self.app.cursor_position(area)
    }

    fn handle(&mut self, event: Event, area: Rect) -> Step {
        let app = &mut *self.app;
        let action = match event {
            Event::Key(key) if key.kind == KeyEventKind::Press => action_for(app, key),
            Event::Paste(text) => Some(Action::Paste(text)),
            Event::Resize(w, h) => Some(Action::Resize(w, h)),
            Event::Mouse(m) if self.mouse => match m.kind {
                MouseEventKind::Down(MouseButton::Left) => {
                    app.option_at(area, m.column, m.row).map(Action::Pick)
                }
                MouseEventKind::ScrollUp => Some(Action::Up),
                MouseEventKind::ScrollDown => Some(Action::Down),
                _ => None,
            },
            _ => None,
        };
        let Some(action) = action else {
            return Step::Idle;
        };
        app.set_now(OffsetDateTime::now_utc());
        let effect = app.update(action);
        let effect = apply_effect(app, effect, write_to_disk);
        if matches!(effect, Effect::Quit | Effect::Interrupt) {
            return Step::End(if effect == Effect::Quit {
                Ending::Quit
            } else {
                Ending::Interrupted
            });
        }
        Step::Redraw
    }

    fn stopping(&mut self) {
        // What is typed counts: save it before leaving.
        self.app.commit_pending();
        if self.app.unsaved() {
            save(self.app);
        }
    }
}

/// Carries out an effect of [`App::update`] with `write` doing the writing: the runtime
/// passes [`write_to_disk`], tests a function that keeps the disk out of it. Before quitting,
/// anything unsaved is saved. Returns the effect.
pub fn apply_effect(
    app: &mut App,
    effect: Effect,
    write: impl Fn(&Path, &Sheet) -> Result<(), String>,
) -> Effect {
    match effect {
        Effect::None => {}
        Effect::Save => app.save_with(&write),
        Effect::OverwriteOriginal => app.overwrite_with(&write),
        Effect::Quit | Effect::Interrupt => {
            if app.unsaved() {
                app.save_with(&write);
            }
        }
    }
    effect
}

/// Autosaves the sheet (when reviewing, the first save picks a copy next to the original).
pub fn save(app: &mut App) {
    app.save_with(write_to_disk);
}
