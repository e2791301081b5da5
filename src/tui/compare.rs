//! The workshop's comparison view (`weighup compare DIR` in a terminal): the facilitator's
//! full-screen view of the room's sheets, on the questionnaire's runtime, terminal, theme,
//! widgets and keys. The tallies themselves are the library's ([`crate::workshop`]).
//!
//! - [`app`]: the state and its pure update ([`CompareApp`]).
//! - [`keymap`]: keys to actions, and the footer and help that name them.
//! - `pages`: each page as lines; `view`: the frame around them.
//!
//! This module runs it: it reads the folders, and reads them again every few seconds while
//! results are hidden, so that the count climbs as the room saves.

pub mod app;
pub mod keymap;
mod pages;
mod view;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use crossterm::event::Event;
use ratatui::Frame;
use ratatui::layout::Rect;

pub use app::{Action, CompareApp, Effect, Tab};
pub use keymap::key_action;

use super::runtime::{Ending, Program, Step};
use super::terminal::{self, Exit};
use super::theme::Theme;
use crate::bank::Bank;
use crate::error::Error;
use crate::workshop::{Scenario, compare};

/// While results are hidden, read the files again this often, so that the count of sheets
/// climbs as the room saves (only when a reading takes less than a second).
const AUTO_RELOAD: Duration = Duration::from_secs(3);

/// The view as a [`Program`] for the runtime: the app, and the folders it reads.
pub struct Comparison<'a> {
    pub app: CompareApp,
    bank: &'a Bank,
    cards: &'a [Scenario],
    paths: &'a [PathBuf],
    last_read: Instant,
    reading_took: Duration,
}

impl<'a> Comparison<'a> {
    /// Reads the room for the first time.
    pub fn new(
        bank: &'a Bank,
        cards: &'a [Scenario],
        paths: &'a [PathBuf],
        theme: Theme,
    ) -> Comparison<'a> {
        let t0 = Instant::now();
        let room = compare(bank, cards, paths);
        Comparison {
            app: CompareApp::new(room, cards.to_vec(), theme),
            bank,
            cards,
            paths,
            last_read: Instant::now(),
            reading_took: t0.elapsed(),
        }
    }

    fn read_again(&mut self) -> crate::workshop::Room {
        let t = Instant::now();
        let room = compare(self.bank, self.cards, self.paths);
        self.reading_took = t.elapsed();
        self.last_read = Instant::now();
        room
    }
}

impl Program for Comparison<'_> {
    fn draw(&self, frame: &mut Frame) {
        frame.render_widget(&self.app, frame.area());
    }

    fn handle(&mut self, event: Event, _area: Rect) -> Step {
        let action = match event {
            Event::Key(key) => key_action(&self.app, key),
            Event::Resize(w, h) => Some(Action::Resize(w, h)),
            _ => None,
        };
        let Some(action) = action else {
            return Step::Idle;
        };
        match self.app.update(action) {
            Effect::None => {}
            Effect::Reload => {
                let room = self.read_again();
                self.app.set_room(room);
            }
            Effect::Quit => return Step::End(Ending::Quit),
            Effect::Interrupted => return Step::End(Ending::Interrupted),
        }
        Step::Redraw
    }

    fn tick(&mut self) -> Step {
        if self.app.revealed
            || self.last_read.elapsed() < AUTO_RELOAD
            || self.reading_took >= Duration::from_secs(1)
        {
            return Step::Idle;
        }
        let room = self.read_again();
        if room == self.app.room {
            return Step::Idle;
        }
        self.app.set_room(room);
        Step::Redraw
    }
}

/// Runs the view until the facilitator quits. Returns a line to print afterwards.
pub fn run(bank: &Bank, cards: &[Scenario], paths: &[PathBuf]) -> Result<String, Error> {
    if !terminal::available() {
        return Err(Error::input("the interactive comparison needs a terminal")
            .fix("use --format text, md or csv"));
    }
    let mut view = Comparison::new(bank, cards, paths, Theme::from_env());
    match terminal::run_local(&mut view, false)? {
        Exit::Quit => {}
        Exit::Signal(signal) => return Err(Error::interrupted(signal)),
        Exit::Broken(e) => {
            return Err(Error::runtime(format!("the terminal stopped working: {e}")));
        }
    }
    let room = &view.app.room;
    Ok(format!(
        "Compared {} answer sheet{} ({} file{} skipped). For a report to keep: weighup compare {} --format md\n",
        room.sheets,
        if room.sheets == 1 { "" } else { "s" },
        room.skipped_total,
        if room.skipped_total == 1 { "" } else { "s" },
        room.sources.join(" ")
    ))
}
