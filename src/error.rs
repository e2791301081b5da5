//! The one error of the library and the front ends: what went wrong, in words, and which kind
//! of ending it is. Nothing here prints or exits: the command line (`cli.rs`) alone adds the
//! `weighup:` prefix, lays out the `fix:` line and turns the kind into an exit code.

use thiserror::Error;

/// The hang-up signal: the terminal went away (its window closed).
pub const SIGHUP: i32 = 1;
/// Ctrl-C, as a signal or as a key in the full-screen app.
pub const SIGINT: i32 = 2;
/// Ctrl-\.
pub const SIGQUIT: i32 = 3;
/// A polite kill (`kill PID`, a shutdown).
pub const SIGTERM: i32 = 15;

/// How a run ended, other than done.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Bad input or usage: a file, an option or the answers given. The person can fix it.
    Input,
    /// Something failed while running (the disk, the terminal, a built-in file).
    Runtime,
    /// Ended by this signal (or by Ctrl-C typed in the full-screen app, which is SIGINT).
    Interrupted(i32),
}

/// An error for a person to read: a message naming the file, the place and the problem, and
/// the fix when there is one to give.
#[derive(Debug, Error)]
#[error("{message}")]
pub struct Error {
    pub kind: Kind,
    /// What went wrong, without a prefix. Empty when there is no one to tell (a hang-up).
    pub message: String,
    /// How to put it right, one sentence.
    pub fix: Option<String>,
    /// What to print on standard output before the message (the summary of an interrupted
    /// questionnaire: where the answers are saved).
    pub output: String,
}

impl Error {
    fn new(kind: Kind, message: impl Into<String>) -> Error {
        Error {
            kind,
            message: message.into(),
            fix: None,
            output: String::new(),
        }
    }

    /// Bad input or usage.
    pub fn input(message: impl Into<String>) -> Error {
        Error::new(Kind::Input, message)
    }

    /// A failure while running.
    pub fn runtime(message: impl Into<String>) -> Error {
        Error::new(Kind::Runtime, message)
    }

    /// Ended by a signal. The message says "interrupted" unless one is given with
    /// [`Error::saying`]; a hang-up says nothing (the terminal is gone).
    pub fn interrupted(signal: i32) -> Error {
        Error::new(
            Kind::Interrupted(signal),
            if signal == SIGHUP { "" } else { "interrupted" },
        )
    }

    /// The same error with another message.
    #[must_use]
    pub fn saying(mut self, message: impl Into<String>) -> Error {
        self.message = message.into();
        self
    }

    /// The same error with the way to fix it.
    #[must_use]
    pub fn fix(mut self, fix: impl Into<String>) -> Error {
        self.fix = Some(fix.into());
        self
    }

    /// The same error, printing this on standard output first.
    #[must_use]
    pub fn with_output(mut self, output: impl Into<String>) -> Error {
        self.output = output.into();
        self
    }

    /// The signal that ended the run, if one did.
    /// The error as it is printed: `weighup: ` before the message and the fix on a line of
    /// its own, indented. The one place that lays errors out (the command line prints it on
    /// standard error; the workshop server tells a participant). Empty when there is no
    /// message.
    pub fn text(&self) -> String {
        if self.message.is_empty() {
            return String::new();
        }
        let mut text = format!("weighup: {}", self.message);
        if let Some(fix) = &self.fix {
            text.push_str("\n    fix: ");
            text.push_str(fix);
        }
        text
    }

    pub fn signal(&self) -> Option<i32> {
        match self.kind {
            Kind::Interrupted(s) => Some(s),
            _ => None,
        }
    }
}

/// A sheet that cannot be read or written is bad input: the person chose the file. The
/// persistence errors carry their fix after a `fix:` line of their own; it becomes the fix.
impl From<crate::persist::PersistError> for Error {
    fn from(e: crate::persist::PersistError) -> Error {
        let text = e.to_string();
        match text.split_once("\n    fix: ") {
            Some((message, fix)) => Error::input(message).fix(fix),
            None => Error::input(text),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_persistence_fix_becomes_the_fix() {
        let e = Error::from(crate::persist::PersistError::Busy {
            path: "a.json".into(),
            pid: 7,
        });
        assert_eq!(e.kind, Kind::Input);
        assert!(e.message.starts_with("a.json: another weighup"), "{e:?}");
        assert!(!e.message.contains("fix"), "{e:?}");
        assert!(
            e.fix
                .as_deref()
                .is_some_and(|f| f.starts_with("give another file name")),
            "{e:?}"
        );
    }

    #[test]
    fn a_hangup_has_nothing_to_say() {
        assert_eq!(Error::interrupted(SIGHUP).message, "");
        assert_eq!(Error::interrupted(SIGTERM).message, "interrupted");
        assert_eq!(Error::interrupted(SIGTERM).signal(), Some(SIGTERM));
    }
}
