//! The command line's side of signals: the only code that ends the process early. The front
//! ends never exit; they return an error naming the signal, and `main` exits 128 + signal.
//! Two cases cannot wait for a front end to return, and are handled here.

use std::io::Write as _;
use std::path::Path;
#[cfg(unix)]
use std::time::Duration;

#[cfg(unix)]
use super::{error_text, exit_code};

/// How long a full-screen view has to end by itself after a signal before the watchdog ends
/// the process.
#[cfg(unix)]
const WATCHDOG: Duration = Duration::from_millis(1500);

/// A thread that makes sure a signal ends a full-screen view. The view's loop normally sees
/// the signal within one poll and returns; but when the terminal itself has gone (its window
/// closed, tmux killed), the terminal library can keep reading the dead terminal without ever
/// returning, and the process would stay behind using the processor. Then this thread puts
/// the terminal back as far as it still can (`restore`) and exits with 128 + the signal.
/// Answers are already saved after every answer, and saving is atomic, so ending here loses
/// nothing that was given.
#[cfg(unix)]
pub fn watchdog(restore: fn()) {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGTERM, SIGINT, SIGQUIT, SIGHUP])
    else {
        return;
    };
    let _ = std::thread::Builder::new()
        .name("signal-watchdog".into())
        .spawn(move || {
            if let Some(sig) = signals.forever().next() {
                std::thread::sleep(WATCHDOG);
                restore();
                std::process::exit(128 + sig);
            }
        });
}

#[cfg(not(unix))]
pub fn watchdog(_restore: fn()) {}

/// The plain mode waits in a blocking read of standard input, which a signal does not end.
/// So Ctrl-C, a polite kill, Ctrl-\ or a closed terminal is handled on a thread of its own:
/// it waits for a save in progress, says where the answers are, and exits 128 + signal
/// (130, 143, 131, 129).
#[cfg(unix)]
pub fn plain_interrupts(path: &Path) {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP, SIGQUIT])
    else {
        return;
    };
    let path = path.to_path_buf();
    std::thread::spawn(move || {
        if let Some(sig) = signals.forever().next() {
            let (_saving, error) = crate::plain::interrupted(&path, sig);
            crate::persist::release_all();
            let _ = writeln!(
                std::io::stderr().lock(),
                "\n{}",
                crate::text::sanitize(&error_text(&error))
            );
            std::process::exit(exit_code(&error).into());
        }
    });
}

/// On other systems Ctrl-C ends the program the usual way; every answer is already saved.
#[cfg(not(unix))]
pub fn plain_interrupts(_path: &Path) {}
