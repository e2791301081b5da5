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
pub mod theme;
mod update;
pub mod view;

use std::fmt::Write as _;
use std::io::{BufWriter, Stdout, Write as _};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, KeyEventKind, MouseButton, MouseEventKind,
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
    let mut app = App::new(bank, started, opts, OffsetDateTime::now_utc())
        .with_theme(Theme::from_env())
        .with_resume_offer(offer);

    let signals = Signals::install();
    let mut guard = TerminalGuard::enter(opts.mouse)
        .map_err(|e| Error::runtime(format!("cannot start the full-screen app: {e}")))?;
    let ended = event_loop(&mut guard.terminal, &mut app, &signals, opts.mouse);
    drop(guard);
    match ended {
        Ok(Ending::Quit) => Ok(summary(&app)),
        // The terminal is gone: nothing to print to. The answers are saved.
        Ok(Ending::Interrupted(SIGHUP)) => Err(Error::interrupted(SIGHUP)),
        Ok(Ending::Interrupted(signal)) => {
            Err(Error::interrupted(signal).with_output(summary(&app)))
        }
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

enum Ending {
    Quit,
    /// By this signal (SIGINT for Ctrl-C typed as a key).
    Interrupted(i32),
}

type Term = Terminal<CrosstermBackend<BufWriter<Stdout>>>;

fn event_loop(
    terminal: &mut Term,
    app: &mut App,
    signals: &Signals,
    mouse: bool,
) -> std::io::Result<Ending> {
    let size = terminal.size()?;
    app.update(Action::Resize(size.width, size.height));
    let mut redraw = true;
    loop {
        if redraw {
            terminal.draw(|f| draw(f, app))?;
            redraw = false;
        }
        if let Some(signal) = signals.received() {
            // What is typed counts: save it before leaving.
            app.commit_pending();
            if app.unsaved() {
                save(app);
            }
            return Ok(Ending::Interrupted(signal));
        }
        if !event::poll(Duration::from_millis(200))? {
            continue;
        }
        let action = match event::read()? {
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
            terminal.autoresize()?;
        }
        app.set_now(OffsetDateTime::now_utc());
        let effect = app.update(action);
        match effect {
            Effect::None => {}
            Effect::Save => save(app),
            Effect::OverwriteOriginal => {
                if let Some(original) = app.original().map(Path::to_path_buf) {
                    match persist::save(&original, app.sheet()) {
                        Ok(()) => app.overwrite_succeeded(),
                        Err(e) => app.save_failed(e.to_string()),
                    }
                }
            }
            Effect::Quit | Effect::Interrupt => {
                if app.unsaved() {
                    save(app);
                }
                return Ok(if effect == Effect::Quit {
                    Ending::Quit
                } else {
                    Ending::Interrupted(SIGINT)
                });
            }
        }
    }
}

/// Autosaves the sheet. When reviewing, the first save picks a copy next to the original.
fn save(app: &mut App) {
    if app.save_target().is_none() {
        if let Some(original) = app.original() {
            let copy = review_copy_path(original);
            app.set_copy_path(copy);
        }
    }
    let Some(target) = app.save_target().map(Path::to_path_buf) else {
        return;
    };
    match persist::save(&target, app.sheet()) {
        Ok(()) => app.save_succeeded(),
        Err(e) => app.save_failed(e.to_string()),
    }
}

/// `answers.json` → `answers-reviewed.json` (then `-reviewed-2`...), never an existing file.
pub fn review_copy_path(original: &Path) -> PathBuf {
    let dir = original.parent().unwrap_or_else(|| Path::new(""));
    let stem = original
        .file_stem()
        .map_or_else(|| "answers".into(), |s| s.to_string_lossy().into_owned());
    let mut n = 1;
    loop {
        let name = if n == 1 {
            format!("{stem}-reviewed.json")
        } else {
            format!("{stem}-reviewed-{n}.json")
        };
        let p = dir.join(name);
        if !p.exists() {
            return p;
        }
        n += 1;
    }
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
                        format!("weighup open {}", quote(p)),
                    );
                } else {
                    say(
                        "To continue later:",
                        format!("weighup --resume {}", quote(p)),
                    );
                }
            }
        }
    }
    if let Some(err) = &app.save_error {
        let _ = writeln!(out, "Error: your latest answers could not be saved: {err}");
    }
    out
}

/// A path as it can be pasted into a shell.
fn quote(p: &Path) -> String {
    let s = p.display().to_string();
    if s.chars()
        .all(|c| c.is_ascii_alphanumeric() || "/._-+,:@".contains(c))
    {
        s
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
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
