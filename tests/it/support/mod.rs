//! What the test modules share, written once: the pseudo-terminal driver (`pty`), the banks
//! (`banks`), the `weighup` command (`cmd`) and the fixtures on disk (`files`).

pub mod banks;
pub mod cmd;
pub mod files;
#[cfg(unix)]
pub mod pty;
