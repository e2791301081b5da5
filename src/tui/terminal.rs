//! This computer's terminal: the one place that switches it to full screen and back, and
//! that listens for signals, for every full-screen front end (the questionnaire and the
//! workshop's comparison view).
//!
//! [`run_local`] enters the full-screen mode, runs a [`Program`] on the shared
//! [`runtime`](super::runtime) with the terminal's events and this process's signals, and
//! restores the terminal on every way out: quit, error, panic, Ctrl-C, SIGTERM, SIGHUP. It
//! never exits the process: a signal ends the loop and is returned, and the command line turns
//! it into the exit code (`cli::exit_code`).

use std::io::{BufWriter, IsTerminal as _, Stdout, Write as _};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event,
};
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use crossterm::{cursor, execute};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use super::runtime::{self, Ending, EventSource, Program, Stop};
use crate::error::{Error, SIGHUP, SIGINT};

/// How a full-screen run on this terminal ended.
#[derive(Debug)]
pub enum Exit {
    /// The person quit.
    Quit,
    /// Ended by this signal: Ctrl-C typed in the app is SIGINT, a closed terminal SIGHUP.
    Signal(i32),
    /// The terminal stopped working (it was restored as far as it still could be).
    Broken(std::io::Error),
}

/// Can a full-screen app run here? Standard input and output are a terminal that is not
/// `dumb`. (Whether the person asked for the plain mode, or `ACCESSIBLE`, is the command
/// line's business.)
pub fn available() -> bool {
    std::io::stdin().is_terminal()
        && std::io::stdout().is_terminal()
        && std::env::var("TERM").map_or(true, |t| t != "dumb")
}

/// Runs `program` full screen on this terminal until it ends. `Err` only when the terminal
/// cannot be set up.
pub fn run_local(program: &mut impl Program, mouse: bool) -> Result<Exit, Error> {
    let signals = Signals::install();
    let mut guard = TerminalGuard::enter(mouse)
        .map_err(|e| Error::runtime(format!("cannot start the full-screen app: {e}")))?;
    let ended = runtime::run_program(
        &mut guard.terminal,
        program,
        &mut LocalEvents { signals: &signals },
        // Web addresses on screen are clickable where file names printed on exit are.
        crate::text::links_on_stdout(),
    );
    drop(guard);
    Ok(match ended {
        Ok(Ending::Quit) => Exit::Quit,
        Ok(Ending::Interrupted) => Exit::Signal(signals.received().unwrap_or(SIGINT)),
        Ok(Ending::HangUp | Ending::Idle) => Exit::Signal(SIGHUP),
        Err(e) => Exit::Broken(e),
    })
}

type Term = Terminal<CrosstermBackend<BufWriter<Stdout>>>;

/// The local terminal's events, and this process's signals.
struct LocalEvents<'a> {
    signals: &'a Signals,
}

impl EventSource for LocalEvents<'_> {
    fn next_event(&mut self, timeout: Duration) -> std::io::Result<Option<Event>> {
        if event::poll(timeout)? {
            event::read().map(Some)
        } else {
            Ok(None)
        }
    }

    fn stop(&self) -> Option<Stop> {
        self.signals.received().map(|s| {
            if s == SIGHUP {
                Stop::HangUp
            } else {
                Stop::Terminate
            }
        })
    }
}

// ---- the terminal ----

/// Raw mode, alternate screen, bracketed paste (and the mouse, when asked) are on.
static ACTIVE: AtomicBool = AtomicBool::new(false);
static MOUSE: AtomicBool = AtomicBool::new(false);

/// Puts the terminal back as it was. Safe to call more than once, from any thread, and from
/// the panic hook.
pub fn restore_terminal() {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
    let mut out = std::io::stdout();
    if MOUSE.swap(false, Ordering::SeqCst) {
        let _ = execute!(out, DisableMouseCapture);
    }
    let _ = execute!(
        out,
        DisableBracketedPaste,
        cursor::Show,
        LeaveAlternateScreen
    );
    let _ = disable_raw_mode();
    let _ = out.flush();
}

/// The terminal in full-screen mode; restored when dropped (normal exit, error, and
/// unwinding panics), and by the panic hook (aborting panics).
struct TerminalGuard {
    terminal: Term,
}

impl TerminalGuard {
    fn enter(mouse: bool) -> std::io::Result<TerminalGuard> {
        install_panic_hook();
        enable_raw_mode()?;
        ACTIVE.store(true, Ordering::SeqCst);
        let mut out = std::io::stdout();
        let entered = execute!(out, EnterAlternateScreen, EnableBracketedPaste).and_then(|()| {
            if mouse {
                MOUSE.store(true, Ordering::SeqCst);
                execute!(out, EnableMouseCapture)
            } else {
                Ok(())
            }
        });
        if let Err(e) = entered {
            restore_terminal();
            return Err(e);
        }
        let backend = CrosstermBackend::new(BufWriter::with_capacity(1 << 16, std::io::stdout()));
        match Terminal::new(backend) {
            Ok(terminal) => Ok(TerminalGuard { terminal }),
            Err(e) => {
                restore_terminal();
                Err(e)
            }
        }
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        // Through the terminal first, so that dropping it writes nothing more afterwards.
        let _ = self.terminal.show_cursor();
        let _ = self.terminal.backend_mut().flush();
        restore_terminal();
    }
}

fn install_panic_hook() {
    static INSTALLED: AtomicBool = AtomicBool::new(false);
    if INSTALLED.swap(true, Ordering::SeqCst) {
        return;
    }
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore_terminal();
        eprintln!(
            "weighup stopped because of a bug. Your answers up to the last one are saved. Please report this message:"
        );
        previous(info);
    }));
}

// ---- signals ----

/// SIGTERM, SIGINT and SIGQUIT end the app cleanly; SIGHUP (the terminal closed) too. The
/// loop returns the signal; the command line turns it into the exit code. (When the terminal
/// library never returns, the command line's watchdog calls [`restore_terminal`] and exits.)
struct Signals {
    /// The signal received, 0 for none.
    got: Arc<AtomicUsize>,
}

impl Signals {
    #[cfg(unix)]
    fn install() -> Signals {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
        let got = Arc::new(AtomicUsize::new(0));
        for sig in [SIGTERM, SIGINT, SIGQUIT, SIGHUP] {
            let got = Arc::clone(&got);
            // The handler only stores a number, which is async-signal-safe.
            let _ = signal_hook::flag::register_usize(sig, got, sig as usize);
        }
        Signals { got }
    }

    #[cfg(not(unix))]
    fn install() -> Signals {
        Signals {
            got: Arc::new(AtomicUsize::new(0)),
        }
    }

    fn received(&self) -> Option<i32> {
        match self.got.load(Ordering::SeqCst) {
            0 => None,
            sig => i32::try_from(sig).ok(),
        }
    }
}
