//! The full-screen ratatui app: the only code that touches the terminal.

use crate::bank::Bank;
use crate::cli::Failure;
use crate::session::Started;

/// How the app was opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TuiOptions {
    /// Opened from `weighup open FILE`: land on the result; keep the original file unless the
    /// reviewer chooses to overwrite it.
    pub review: bool,
    /// Let the mouse click options.
    pub mouse: bool,
}

/// Runs the app. Returns what to print on stdout after the terminal is restored
/// (the verdict and where the answers are saved).
pub fn run(_bank: &Bank, _started: Started, _opts: TuiOptions) -> Result<String, Failure> {
    Err(Failure::Runtime(
        "weighup: the full-screen app is not built yet; try --plain".to_string(),
    ))
}
