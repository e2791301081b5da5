//! The real `weighup compare` in a pseudo-terminal: results hidden, revealed with Space, and
//! the terminal restored (main screen back) after q and after Ctrl-C. The screen is read
//! through a terminal emulator (vt100), never from the raw byte stream.

#![cfg(unix)]

use std::time::Duration;

use tempfile::TempDir;

use crate::support::files::{ROOM, copy_room};
use crate::support::pty::{Session, command, signal};

/// `weighup compare` on a copy of the fixture room, without colour.
fn start() -> (TempDir, Session) {
    start_with(&[("NO_COLOR", "1")])
}

/// Starts `weighup compare` on a copy of the fixture room (its files, not its sub-folder)
/// with these environment variables.
fn start_with(env: &[(&str, &str)]) -> (TempDir, Session) {
    let dir = tempfile::tempdir().unwrap();
    let bank = crate::support::banks::builtin();
    copy_room(ROOM, dir.path(), &bank, false);
    let cmd = command(&["compare", dir.path().to_str().unwrap()], None, env);
    (dir, Session::spawn(cmd, 24, 80))
}

#[test]
fn reveal_then_quit_restores_the_terminal() {
    let (_room, mut s) = start();
    s.wait_text("RESULTS HIDDEN");
    assert!(s.vt().screen().alternate_screen());
    assert!(!s.screen().contains("open weights"));
    s.send(" ");
    s.wait_text("RESULTS SHOWN");
    s.wait_text("Where the room split most");
    s.send("3");
    s.wait_text("Where data may go (15 answers");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    assert!(
        !s.vt().screen().alternate_screen(),
        "back on the main screen"
    );
    assert!(!s.vt().screen().hide_cursor(), "the cursor is shown again");
    let after = s.screen();
    // The copy in the sub-folder is not copied here: 4 files skipped, not 5.
    assert!(
        after.contains("Compared 16 answer sheets (4 files skipped)"),
        "{after}"
    );
}

#[test]
fn ctrl_c_exits_with_130_and_restores_the_terminal() {
    let (_room, mut s) = start();
    s.wait_text("RESULTS HIDDEN");
    s.send("\x03");
    assert_eq!(s.wait_exit(), 130);
    assert!(!s.vt().screen().alternate_screen());
    assert!(!s.vt().screen().hide_cursor());
}

#[test]
fn sigterm_restores_the_terminal_and_exits() {
    let (_room, mut s) = start();
    s.wait_text("RESULTS HIDDEN");
    signal(s.pid(), "TERM");
    assert_eq!(s.wait_exit(), 128 + 15);
    assert!(!s.vt().screen().alternate_screen());
}

/// Closing the window hangs the terminal up (SIGHUP): the view must end, not keep reading
/// a terminal that is gone.
#[test]
fn a_hangup_ends_the_process() {
    let (_room, mut s) = start();
    s.wait_text("RESULTS HIDDEN");
    signal(s.pid(), "HUP");
    let code = s.exit_within(Duration::from_secs(5));
    if code.is_none() {
        let _ = s.child.kill();
    }
    assert_eq!(
        code,
        Some(128 + 1),
        "weighup compare must end when its terminal hangs up"
    );
}

/// Every cell's colours on screen, apart from the default.
fn colours(s: &Session) -> Vec<(vt100::Color, vt100::Color)> {
    let vt = s.vt();
    let screen = vt.screen();
    let (rows, cols) = screen.size();
    let mut out = Vec::new();
    for r in 0..rows {
        for c in 0..cols {
            if let Some(cell) = screen.cell(r, c) {
                if cell.fgcolor() != vt100::Color::Default
                    || cell.bgcolor() != vt100::Color::Default
                {
                    out.push((cell.fgcolor(), cell.bgcolor()));
                }
            }
        }
    }
    out
}

/// The view draws with the questionnaire's theme: its colours (the keys in the footer in
/// yellow, headings in cyan), and none at all with `NO_COLOR`.
#[test]
fn colours_are_the_questionnaires_and_no_color_turns_them_off() {
    let (_room, mut s) = start_with(&[]);
    s.wait_text("RESULTS HIDDEN");
    let shown = colours(&s);
    // The questionnaire's key colour (yellow) and heading colour (cyan).
    assert!(
        shown.contains(&(vt100::Color::Idx(3), vt100::Color::Default)),
        "{shown:?}"
    );
    assert!(
        shown.contains(&(vt100::Color::Idx(6), vt100::Color::Default)),
        "{shown:?}"
    );
    s.send("q");
    assert_eq!(s.wait_exit(), 0);

    let (_room, mut s) = start_with(&[("NO_COLOR", "1")]);
    s.wait_text("RESULTS HIDDEN");
    s.send(" ");
    s.wait_text("RESULTS SHOWN");
    assert_eq!(colours(&s), vec![], "NO_COLOR: no colour at all");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

/// `ACCESSIBLE` asks for the line-by-line questionnaire; `weighup compare` honours it the same
/// way and prints the text report instead of opening the full-screen view.
#[test]
fn accessible_prints_text_as_the_questionnaire_runs_line_by_line() {
    let (_room, mut s) = start_with(&[("ACCESSIBLE", "1"), ("NO_COLOR", "1")]);
    assert_eq!(s.wait_exit(), 0);
    assert!(!s.vt().screen().alternate_screen());
    // The end of the text report (the notes), never the view's hidden results.
    let text = s.screen();
    assert!(text.contains("NOTES"), "{text}");
    assert!(!text.contains("RESULTS HIDDEN"), "{text}");
}
