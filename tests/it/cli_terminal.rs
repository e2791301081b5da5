//! The real binary in a pseudo-terminal: the plain mode is chosen for a dumb terminal or
//! ACCESSIBLE=1 even though input and output are a terminal, and Ctrl-C there exits 130
//! with the answers saved. The plain mode draws nothing, so reading its raw output is safe.
#![cfg(unix)]

use std::path::Path;

use crate::support::pty::Session;

/// `weighup ARGS` in an 80x24 terminal with these environment variables.
fn start(data: &Path, env: &[(&str, &str)], args: &[&str]) -> Session {
    Session::start_env(data, args, 24, 80, env)
}

#[test]
fn a_dumb_terminal_gets_the_plain_mode() {
    let data = tempfile::tempdir().unwrap();
    let mut t = start(data.path(), &[("TERM", "dumb")], &[]);
    t.wait_output("Question 1 of 28, Data and privacy:");
    t.send("quit\r");
    t.wait_output("Stopped. Nothing was answered, so nothing was saved.");
    assert_eq!(t.wait_exit(), 0);
    assert!(!t.output().contains('\x1b'), "no escape sequences");
}

#[test]
fn accessible_asks_for_the_plain_mode() {
    let data = tempfile::tempdir().unwrap();
    let mut t = start(data.path(), &[("ACCESSIBLE", "1")], &[]);
    t.wait_output("Question 1 of 28, Data and privacy:");
    t.send("quit\r");
    assert_eq!(t.wait_exit(), 0);
}

#[test]
fn ctrl_c_in_a_terminal_exits_130_with_the_answers_saved() {
    let data = tempfile::tempdir().unwrap();
    let sheet = data.path().join("sheet.json");
    let mut t = start(
        data.path(),
        &[],
        &["--plain", "--out", sheet.to_str().unwrap()],
    );
    t.wait_output("Your answer (1 to 5): ");
    t.send("3\r");
    t.wait_output("Question 2 of 29");
    t.send("\x03");
    t.wait_output("weighup: interrupted. Your answers are saved in");
    assert_eq!(t.wait_exit(), 130);
    let saved = weighup::persist::load(&sheet).unwrap();
    assert_eq!(saved.answers.len(), 1);
}
