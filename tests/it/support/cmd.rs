//! The `weighup` binary as the tests run it.

use std::path::Path;

use assert_cmd::Command;

/// The binary cargo built for these tests.
pub const BIN: &str = env!("CARGO_BIN_EXE_weighup");

/// `weighup`, without the caller's `ACCESSIBLE` (which would switch the mode).
pub fn weighup() -> Command {
    let mut c = Command::new(BIN);
    c.env_remove("ACCESSIBLE");
    c
}

/// `weighup` with `data` as its data folder and home, so it never reads or writes the real
/// ones, and without the caller's `CI` or `ACCESSIBLE`.
pub fn weighup_in(data: &Path) -> Command {
    let mut c = weighup();
    c.env("WEIGHUP_DATA_DIR", data)
        .env("HOME", data)
        .env_remove("CI");
    c
}

/// What a finished process wrote to standard error.
pub fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}
