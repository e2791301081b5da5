//! The full-screen ratatui front ends: the questionnaire (this module) and the workshop's
//! comparison view ([`compare`]). All terminal code of the crate is under `src/tui`.
//!
//! Elm-like: [`App`] is the model, keys become [`Action`]s ([`keymap::action_for`]),
//! [`App::update`] returns an [`Effect`] and does no IO, and the views draw `&App`. Both apps
//! run on one loop, [`runtime`], which reads events and carries out effects; [`terminal`]
//! sets up this computer's terminal and its signals and makes sure the terminal is restored on
//! every exit: normal quit, error, panic, Ctrl-C, SIGTERM, SIGHUP.

pub mod action;
pub mod app;
pub mod compare;
pub mod input;
pub mod keymap;
pub mod links;
pub mod overlay;
pub mod runtime;
pub mod screen;
pub mod scroll;
pub mod terminal;
pub mod theme;
mod update;
pub mod view;

use std::fmt::Write as _;
use std::path::Path;

use ratatui::Frame;
use time::OffsetDateTime;

use crate::bank::Bank;
use crate::error::{Error, SIGHUP};
use crate::persist;
use crate::session::Started;

pub use action::{Action, Effect};
pub use app::App;
pub use keymap::action_for;
pub use runtime::{Ending, EventSource, Program, Step, Stop, apply_effect, review_copy_path};
pub use terminal::restore_terminal;
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
    runtime::sanitize(frame);
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
    let ended = terminal::run_local(
        &mut runtime::QuestionnaireProgram::new(&mut app, opts.mouse),
        opts.mouse,
    )?;
    match ended {
        terminal::Exit::Quit => Ok(summary(&app)),
        // Ctrl-C in the app, or a signal: the answers are saved. After a hang-up the terminal
        // is gone, so there is nothing to print to.
        terminal::Exit::Signal(SIGHUP) => Err(Error::interrupted(SIGHUP)),
        terminal::Exit::Signal(signal) => {
            Err(Error::interrupted(signal).with_output(summary(&app)))
        }
        terminal::Exit::Broken(e) => Err(Error::runtime(format!(
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

/// What stays in the scrollback after the app closes: the verdict and where the answers are.
pub fn summary(app: &App) -> String {
    let mut out = String::new();
    let e = app.evaluation();
    if !app.has_answers() {
        out.push_str("weighup: you left before answering any question, so nothing was saved.\n");
        return out;
    }
    let (done, asked) = app.progress();
    let flags = e.flags.len();
    if e.clarity == crate::engine::Clarity::Undecided && done < asked {
        // Too few answers for any verdict: say so plainly, once.
        let _ = writeln!(
            out,
            "No recommendation yet: you answered {done} of {asked} questions, too few to choose a side."
        );
    } else {
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
            crate::words::sure(e)
        );
        let _ = writeln!(
            out,
            "You answered {done} of {asked} questions; {flags} licence or terms flag{} to read.",
            if flags == 1 { "" } else { "s" }
        );
    }
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
