//! The terminal loop of the facilitator's view: the only workshop code that touches the
//! terminal. The terminal is restored on every exit: quit, Ctrl-C, a termination signal, an
//! error (a guard's `Drop`) and a panic (ratatui's panic hook).

use std::io::IsTerminal as _;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{self, Event};
use ratatui::crossterm::{cursor, execute};

use crate::bank::Bank;
use crate::cli::Failure;

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
        ratatui::restore();
        let _ = execute!(std::io::stdout(), cursor::Show);
    }
}

/// Restores the terminal and exits on SIGTERM, SIGINT or SIGQUIT (exit code 128 + signal),
/// and exits on SIGHUP (the terminal is gone). Returns the handle that stops the watch.
#[cfg(unix)]
fn watch_signals() -> Option<(signal_hook::iterator::Handle, std::thread::JoinHandle<()>)> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
    let mut signals =
        signal_hook::iterator::Signals::new([SIGTERM, SIGINT, SIGQUIT, SIGHUP]).ok()?;
    let handle = signals.handle();
    let thread = std::thread::spawn(move || {
        if let Some(sig) = signals.forever().next() {
            if sig != SIGHUP {
                ratatui::restore();
                let _ = execute!(std::io::stdout(), cursor::Show);
            }
            std::process::exit(128 + sig);
        }
    });
    Some((handle, thread))
}

/// Can the full-screen view run here?
pub fn has_terminal() -> bool {
    std::io::stdin().is_terminal()
        && std::io::stdout().is_terminal()
        && std::env::var("TERM").map_or(true, |t| t != "dumb")
}

/// Runs the view until the facilitator quits. Returns a line to print afterwards.
pub fn run(bank: &Bank, cards: &[Scenario], paths: &[PathBuf]) -> Result<String, Failure> {
    if !has_terminal() {
        return Err(Failure::Input(
            "weighup: the interactive comparison needs a terminal; use --format text, md or csv"
                .to_string(),
        ));
    }
    // Termination signals end the view from a thread of their own: the main thread may be
    // inside the terminal library, which does not return when the terminal goes away (it
    // keeps reading an end of file). The terminal is restored before exiting.
    #[cfg(unix)]
    let signals = watch_signals();
    let t0 = Instant::now();
    let room = compare(bank, cards, paths);
    let mut reading_took = t0.elapsed();
    let mut app = CompareApp::new(room, cards.to_vec(), Theme::from_env());

    let guard = Restore;
    let mut terminal = ratatui::try_init().map_err(|e| {
        Failure::Runtime(format!("weighup: cannot start the full-screen view: {e}"))
    })?;
    let mut last_read = Instant::now();
    let outcome = loop {
        let drawn = terminal.draw(|f| {
            let area = f.area();
            app.size = (area.width, area.height);
            f.render_widget(&app, area);
        });
        if let Err(e) = drawn {
            break Err(Failure::Runtime(format!(
                "weighup: cannot draw the screen: {e}"
            )));
        }
        let ready = match event::poll(Duration::from_millis(250)) {
            Ok(r) => r,
            Err(e) => break Err(Failure::Runtime(format!("weighup: cannot read keys: {e}"))),
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
                            Effect::Interrupted => break Err(Failure::Interrupted),
                        }
                    }
                }
                Ok(_) => {}
                Err(e) => {
                    break Err(Failure::Runtime(format!("weighup: cannot read keys: {e}")));
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
    #[cfg(unix)]
    if let Some((handle, thread)) = signals {
        handle.close();
        let _ = thread.join();
    }
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
