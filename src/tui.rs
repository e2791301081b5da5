//! The full-screen ratatui app: the only code that touches the terminal.
//!
//! Elm-like: [`App`] is the model, keys become [`Action`]s ([`keymap::action_for`]),
//! [`App::update`] returns an [`Effect`] and does no IO, and the views draw `&App`. This
//! module is the loop that reads events, carries out effects (save, quit) and makes sure the
//! terminal is restored on every exit: normal quit, error, panic, Ctrl-C, SIGTERM, SIGHUP.

pub mod action;
pub mod app;
pub mod input;
pub mod keymap;
pub mod links;
pub mod runtime;
pub mod theme;
mod update;
pub mod view;

use std::fmt::Write as _;
use std::io::{BufWriter, Stdout, Write as _};
use std::path::Path;
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
use ratatui::backend::CrosstermBackend;
use ratatui::{Frame, Terminal};
use time::OffsetDateTime;

use crate::bank::Bank;
use crate::error::{Error, SIGHUP, SIGINT};
use crate::persist;
use crate::session::Started;

pub use action::{Action, Effect};
pub use app::App;
pub use keymap::action_for;
pub use runtime::{Ending, EventSource, Stop, apply_effect, review_copy_path};
pub use theme::Theme;

/// How the app was opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TuiOptions {
    /// Opened from `weighup open FILE`: land on the result; keep the original file unless the
    /// reviewer chooses to overwrite it.
    pub review: bool,
    /// Let the mouse click options.
    pub mouse: bool,
    /// The command line asked for a new sheet (`--out`, `--scenario` or `--label`): the
    /// welcome screen's first choice starts exactly that, and it never offers to continue
    /// some other unfinished sheet instead.
    pub fresh: bool,
}

/// Draws one frame: the screen, and the terminal cursor in a text field.
pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    frame.render_widget(app, area);
    // The one boundary for everything the app draws: text from sheets, banks, cards and file
    // names never reaches the terminal with a control or bidirectional-override character.
    for cell in &mut frame.buffer_mut().content {
        if crate::text::has_unsafe(cell.symbol()) {
            cell.set_symbol("?");
        }
    }
    if let Some(p) = app.cursor_position(area) {
        frame.set_cursor_position(p);
    }
}

/// Runs the app. Returns what to print on stdout after the terminal is restored
/// (the verdict and where the answers are saved).
pub fn run(bank: &Bank, started: Started, opts: TuiOptions) -> Result<String, Error> {
    let offer = if started.resumed || opts.review || opts.fresh {
        None
    } else {
        resume_offer(bank)
    };
    let app = App::new(bank, started, opts, OffsetDateTime::now_utc()).with_resume_offer(offer);
    run_app(app, opts)
}

/// Runs the app on a saved sheet opened for review (`weighup open FILE`): changes go to
/// `copy` (`--out`) or to a copy next to the original.
pub fn run_review(
    bank: &Bank,
    started: Started,
    copy: Option<std::path::PathBuf>,
    opts: TuiOptions,
) -> Result<String, Error> {
    let q = crate::questionnaire::Questionnaire::review(bank, started, copy);
    run_app(App::on(q, OffsetDateTime::now_utc(), false), opts)
}

fn run_app(app: App, opts: TuiOptions) -> Result<String, Error> {
    let mut app = app.with_theme(Theme::from_env());
    let signals = Signals::install();
    let mut guard = TerminalGuard::enter(opts.mouse)
        .map_err(|e| Error::runtime(format!("cannot start the full-screen app: {e}")))?;
    let ended = event_loop(&mut guard.terminal, &mut app, &signals, opts.mouse);
    drop(guard);
    match ended {
        Ok(Ending::Quit) => Ok(summary(&app)),
        // Ctrl-C in the app, or a signal: the answers are saved. After a hang-up the terminal
        // is gone, so there is nothing to print to.
        Ok(Ending::Interrupted) => match signals.received().unwrap_or(SIGINT) {
            SIGHUP => Err(Error::interrupted(SIGHUP)),
            signal => Err(Error::interrupted(signal).with_output(summary(&app))),
        },
        Ok(Ending::HangUp | Ending::Idle) => Err(Error::interrupted(SIGHUP)),
        Err(e) => Err(Error::runtime(format!(
            "the terminal stopped working: {e}. Your answers are saved{}.",
            app.saved_path()
                .map_or_else(String::new, |p| format!(" in {}", p.display()))
        ))),
    }
}

/// The latest unfinished sheet for this bank in the data folder, to offer on the welcome
/// screen.
fn resume_offer(bank: &Bank) -> Option<app::ResumeOffer> {
    let dir = persist::default_dir()?;
    let path = persist::latest_unfinished(&dir)?;
    let sheet = persist::load_checked(&path, bank).ok()?.sheet;
    (sheet.bank.id == bank.meta.id && !sheet.answers.is_empty())
        .then_some(app::ResumeOffer { path, sheet })
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

fn event_loop(
    terminal: &mut Term,
    app: &mut App,
    signals: &Signals,
    mouse: bool,
) -> std::io::Result<Ending> {
    // Web addresses on screen are clickable where file names printed on exit are.
    let links = crate::text::links_on_stdout();
    runtime::run(terminal, app, &mut LocalEvents { signals }, mouse, links)
}

/// What stays in the scrollback after the app closes: the verdict and where the answers are.
pub fn summary(app: &App) -> String {
    let mut out = String::new();
    let e = app.evaluation();
    if !app.has_answers() {
        out.push_str("weighup: you left before answering any question, so nothing was saved.\n");
        return out;
    }
    let (done, asked) = app.progress();
    let lead = if !e.verdict.recommends() {
        "weighup's result"
    } else if done < asked {
        "So far, weighup leans toward"
    } else {
        "weighup recommends"
    };
    let _ = writeln!(
        out,
        "{lead}: {} ({}; how sure: {}).",
        e.verdict_title,
        e.clarity_title.to_lowercase(),
        crate::plain::words::sure(e)
    );
    let flags = e.flags.len();
    let _ = writeln!(
        out,
        "You answered {done} of {asked} questions; {flags} licence or terms flag{} to read.",
        if flags == 1 { "" } else { "s" }
    );
    // Each file name and command on a line of its own, whole, so it can be copied.
    let mut say = |label: &str, value: String| {
        let _ = writeln!(out, "{label}");
        let _ = writeln!(out, "  {value}");
    };
    let shown = |p: &Path| p.display().to_string();
    match app.review() {
        Some(r) if r.overwritten => {
            say(
                "The original file now holds your changed answers:",
                shown(&r.original),
            );
        }
        Some(r) => match &r.copy {
            Some(copy) if app.saved_path().is_some() => {
                say("Your changes are saved in:", shown(copy));
                say("The original is unchanged:", shown(&r.original));
            }
            _ => say("Nothing changed in:", shown(&r.original)),
        },
        None => {
            if let Some(p) = app.saved_path() {
                say("Your answers are saved in:", shown(p));
                if app.sheet().complete {
                    say(
                        "To look at them again:",
                        format!("weighup open {}", crate::text::shell_quote(p)),
                    );
                } else {
                    say(
                        "To continue later:",
                        format!("weighup --resume {}", crate::text::shell_quote(p)),
                    );
                }
            }
        }
    }
    if let Some(err) = app.questionnaire().save_error() {
        let _ = writeln!(out, "Error: your latest answers could not be saved: {err}");
    }
    out
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
