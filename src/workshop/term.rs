//! The terminal loop of the facilitator's view: the only workshop code that touches the
//! terminal. The terminal is restored on every exit: quit, Ctrl-C, a termination signal, an
//! error (a guard's `Drop`) and a panic (ratatui's panic hook). It never exits the process: a
//! signal ends the loop and is returned as the error naming it.

use std::io::IsTerminal as _;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{self, Event};
use ratatui::crossterm::{cursor, execute};

use crate::bank::Bank;
use crate::error::{Error, SIGINT, SIGTERM};

use super::room::compare;
use super::scenario::Scenario;
use super::view::{CompareApp, Effect, Theme, key_action};

/// While results are hidden, read the files again this often, so that the count of sheets
/// climbs as the room saves (only when a reading takes less than a second).
const AUTO_RELOAD: Duration = Duration::from_secs(3);

/// Restores the terminal when dropped, whatever the way out.
struct Restore;

impl Drop for Restore {
    fn drop(&mut self) {
        restore_terminal();
    }
}

/// Puts the terminal back (raw mode off, main screen, cursor shown). Safe to call twice.
pub fn restore_terminal() {
    ratatui::restore();
    let _ = execute!(std::io::stdout(), cursor::Show);
}

/// Notes SIGTERM, SIGINT, SIGQUIT and SIGHUP (the terminal is gone) for the loop, which then
/// ends the view and returns the signal. Returns the number noted (0: none yet).
#[cfg(unix)]
fn watch_signals() -> Arc<AtomicUsize> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
    let got = Arc::new(AtomicUsize::new(0));
    for sig in [SIGTERM, SIGINT, SIGQUIT, SIGHUP] {
        // The handler only stores a number, which is async-signal-safe.
        let _ = signal_hook::flag::register_usize(sig, Arc::clone(&got), sig as usize);
    }
    got
}

#[cfg(not(unix))]
fn watch_signals() -> Arc<AtomicUsize> {
    Arc::new(AtomicUsize::new(0))
}

/// Can the full-screen view run here?
pub fn has_terminal() -> bool {
    std::io::stdin().is_terminal()
        && std::io::stdout().is_terminal()
        && std::env::var("TERM").map_or(true, |t| t != "dumb")
}

/// Runs the view until the facilitator quits. Returns a line to print afterwards.
pub fn run(bank: &Bank, cards: &[Scenario], paths: &[PathBuf]) -> Result<String, Error> {
    if !has_terminal() {
        return Err(Error::input("the interactive comparison needs a terminal")
            .fix("use --format text, md or csv"));
    }
    // A signal ends the loop within one poll. (When the terminal library never returns, the
    // command line's watchdog restores the terminal and ends the process.)
    let signals = watch_signals();
    let t0 = Instant::now();
    let room = compare(bank, cards, paths);
    let mut reading_took = t0.elapsed();
    let mut app = CompareApp::new(room, cards.to_vec(), Theme::from_env());

    let guard = Restore;
    let mut terminal = ratatui::try_init()
        .map_err(|e| Error::runtime(format!("cannot start the full-screen view: {e}")))?;
    let mut last_read = Instant::now();
    let outcome = loop {
        let sig = signals.load(Ordering::SeqCst);
        if sig != 0 {
            break Err(Error::interrupted(i32::try_from(sig).unwrap_or(SIGTERM)));
        }
        let drawn = terminal.draw(|f| {
            let area = f.area();
            app.size = (area.width, area.height);
            f.render_widget(&app, area);
        });
        if let Err(e) = drawn {
            break Err(Error::runtime(format!("cannot draw the screen: {e}")));
        }
        let ready = match event::poll(Duration::from_millis(250)) {
            Ok(r) => r,
            Err(e) => break Err(Error::runtime(format!("cannot read keys: {e}"))),
        };
        let mut reload = false;
        if ready {
            match event::read() {
                Ok(Event::Key(key)) => {
                    if let Some(action) = key_action(key) {
                        match app.update(action) {
                            Effect::None => {}
                            Effect::Reload => reload = true,
                            Effect::Quit => break Ok(()),
                            Effect::Interrupted => break Err(Error::interrupted(SIGINT)),
                        }
                    }
                }
                Ok(_) => {}
                Err(e) => {
                    break Err(Error::runtime(format!("cannot read keys: {e}")));
                }
            }
        } else if !app.revealed
            && last_read.elapsed() >= AUTO_RELOAD
            && reading_took < Duration::from_secs(1)
        {
            let t = Instant::now();
            let room = compare(bank, cards, paths);
            reading_took = t.elapsed();
            last_read = Instant::now();
            if room != app.room {
                app.set_room(room);
            }
        }
        if reload {
            let t = Instant::now();
            let room = compare(bank, cards, paths);
            reading_took = t.elapsed();
            last_read = Instant::now();
            app.set_room(room);
        }
    };
    drop(terminal);
    drop(guard);
    outcome.map(|()| {
        let room = &app.room;
        format!(
            "Compared {} answer sheet{} ({} file{} skipped). For a report to keep: weighup compare {} --format md\n",
            room.sheets,
            if room.sheets == 1 { "" } else { "s" },
            room.skipped_total,
            if room.skipped_total == 1 { "" } else { "s" },
            room.sources.join(" ")
        )
    })
}
