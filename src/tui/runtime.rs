//! One runtime for the questionnaire, whatever the terminal is: the local one, a test, or one
//! SSH channel per participant of `weighup serve`.
//!
//! [`run`] draws the [`App`] on any ratatui backend, takes events from any [`EventSource`],
//! maps keys to actions, calls the pure [`App::update`] and carries out its effects (save,
//! quit). Setting up and restoring a terminal, and where the events come from, belong to the
//! caller: the local terminal in `tui.rs`, the SSH channel in `serve`.

use std::io;
use std::path::Path;
use std::time::Duration;

use crossterm::event::{Event, KeyEventKind, MouseButton, MouseEventKind};
use ratatui::Terminal;
use ratatui::backend::Backend;
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

/// How the questionnaire ended.
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

/// Runs the app until it ends. The sheet is saved after every answer and, when anything is
/// unsaved, before every ending.
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
    let size = terminal.size().map_err(io::Error::other)?;
    app.update(Action::Resize(size.width, size.height));
    let mut redraw = true;
    // Web addresses on screen become clickable (see `links`), when the terminal shows links.
    let mut links = Links::new(links);
    loop {
        if redraw {
            let frame = terminal
                .draw(|f| {
                    draw(f, app);
                    links.plan(f.buffer_mut());
                })
                .map_err(io::Error::other)?;
            let area = frame.area;
            if links
                .write(terminal.backend_mut())
                .map_err(io::Error::other)?
            {
                // Drawing the links moved the terminal's cursor: back to the text field.
                if let Some(p) = app.cursor_position(area) {
                    terminal.set_cursor_position(p).map_err(io::Error::other)?;
                }
                terminal.backend_mut().flush().map_err(io::Error::other)?;
            }
            redraw = false;
        }
        if let Some(stop) = events.stop() {
            // What is typed counts: save it before leaving.
            app.commit_pending();
            if app.unsaved() {
                save(app);
            }
            return Ok(match stop {
                Stop::HangUp => Ending::HangUp,
                Stop::Terminate => Ending::Interrupted,
                Stop::Idle => Ending::Idle,
            });
        }
        let Some(event) = events.next_event(Duration::from_millis(200))? else {
            continue;
        };
        let action = match event {
            Event::Key(key) if key.kind == KeyEventKind::Press => action_for(app, key),
            Event::Paste(text) => Some(Action::Paste(text)),
            Event::Resize(w, h) => Some(Action::Resize(w, h)),
            Event::Mouse(m) if mouse => {
                let area = terminal.get_frame().area();
                match m.kind {
                    MouseEventKind::Down(MouseButton::Left) => {
                        app.option_at(area, m.column, m.row).map(Action::Pick)
                    }
                    MouseEventKind::ScrollUp => Some(Action::Up),
                    MouseEventKind::ScrollDown => Some(Action::Down),
                    _ => None,
                }
            }
            _ => None,
        };
        let Some(action) = action else {
            continue;
        };
        redraw = true;
        if let Action::Resize(..) = action {
            terminal.autoresize().map_err(io::Error::other)?;
        }
        app.set_now(OffsetDateTime::now_utc());
        let effect = app.update(action);
        let effect = apply_effect(app, effect, write_to_disk);
        if matches!(effect, Effect::Quit | Effect::Interrupt) {
            return Ok(if effect == Effect::Quit {
                Ending::Quit
            } else {
                Ending::Interrupted
            });
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
