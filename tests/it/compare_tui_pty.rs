//! The real `weighup compare` in a pseudo-terminal: results hidden, revealed with Space, and
//! the terminal restored (main screen back) after q and after Ctrl-C. The screen is read
//! through a terminal emulator (vt100), never from the raw byte stream.

#![cfg(unix)]

use std::io::{Read as _, Write as _};
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

struct Session {
    parser: vt100::Parser,
    bytes: Receiver<Vec<u8>>,
    writer: Box<dyn std::io::Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    _master: Box<dyn portable_pty::MasterPty + Send>,
    _dir: tempfile::TempDir,
}

impl Session {
    fn start() -> Session {
        Session::start_with(&[("NO_COLOR", "1")])
    }

    /// Starts `weighup compare` on the fixture room with these environment variables.
    fn start_with(env: &[(&str, &str)]) -> Session {
        let dir = tempfile::tempdir().unwrap();
        let bank = weighup::bank::Bank::builtin().unwrap();
        let src = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/compare/room");
        for e in std::fs::read_dir(&src).unwrap() {
            let e = e.unwrap();
            if e.file_type().unwrap().is_file() {
                let text = String::from_utf8_lossy(&std::fs::read(e.path()).unwrap())
                    .replace(
                        "\"version\": \"CURRENT\"",
                        &format!("\"version\": \"{}\"", bank.meta.version),
                    )
                    .replace(
                        "\"hash\": \"CURRENT\"",
                        &format!("\"hash\": \"{}\"", bank.hash),
                    );
                std::fs::write(dir.path().join(e.file_name()), text).unwrap();
            }
        }
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: 24,
                cols: 80,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_weighup"));
        cmd.args(["compare", dir.path().to_str().unwrap()]);
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        cmd.env_remove("ACCESSIBLE");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pty.slave.spawn_command(cmd).unwrap();
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().unwrap();
        let writer = pty.master.take_writer().unwrap();
        let (tx, rx) = channel();
        // Drain the terminal on a thread so that the app never blocks on a full buffer.
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        if tx.send(buf[..n].to_vec()).is_err() {
                            break;
                        }
                    }
                }
            }
        });
        Session {
            _master: pty.master,
            parser: vt100::Parser::new(24, 80, 0),
            bytes: rx,
            writer,
            child,
            _dir: dir,
        }
    }

    fn pump(&mut self, wait: Duration) {
        if let Ok(b) = self.bytes.recv_timeout(wait) {
            self.parser.process(&b);
        }
        while let Ok(b) = self.bytes.try_recv() {
            self.parser.process(&b);
        }
    }

    fn wait_for(&mut self, text: &str) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            self.pump(Duration::from_millis(50));
            if self.parser.screen().contents().contains(text) {
                return;
            }
        }
        panic!(
            "'{text}' never appeared; the screen:\n{}",
            self.parser.screen().contents()
        );
    }

    fn send(&mut self, keys: &[u8]) {
        self.writer.write_all(keys).unwrap();
        self.writer.flush().unwrap();
    }

    /// The exit code, or `None` if the process is still running after a few seconds.
    fn ends_within_seconds(&mut self) -> Option<u32> {
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().unwrap() {
                return Some(status.exit_code());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        None
    }

    /// Waits for the process to end; returns its exit code.
    fn exit_code(&mut self) -> u32 {
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            self.pump(Duration::from_millis(50));
            if let Some(status) = self.child.try_wait().unwrap() {
                self.pump(Duration::from_millis(200));
                return status.exit_code();
            }
        }
        let _ = self.child.kill();
        panic!("weighup compare did not exit");
    }
}

#[test]
fn reveal_then_quit_restores_the_terminal() {
    let mut s = Session::start();
    s.wait_for("RESULTS HIDDEN");
    assert!(s.parser.screen().alternate_screen());
    assert!(!s.parser.screen().contents().contains("open weights"));
    s.send(b" ");
    s.wait_for("RESULTS SHOWN");
    s.wait_for("Where the room split most");
    s.send(b"3");
    s.wait_for("Where data may go (15 answers");
    s.send(b"q");
    assert_eq!(s.exit_code(), 0);
    assert!(
        !s.parser.screen().alternate_screen(),
        "back on the main screen"
    );
    assert!(
        !s.parser.screen().hide_cursor(),
        "the cursor is shown again"
    );
    let after = s.parser.screen().contents();
    // The copy in the sub-folder is not copied here: 4 files skipped, not 5.
    assert!(
        after.contains("Compared 16 answer sheets (4 files skipped)"),
        "{after}"
    );
}

#[test]
fn ctrl_c_exits_with_130_and_restores_the_terminal() {
    let mut s = Session::start();
    s.wait_for("RESULTS HIDDEN");
    s.send(b"\x03");
    assert_eq!(s.exit_code(), 130);
    assert!(!s.parser.screen().alternate_screen());
    assert!(!s.parser.screen().hide_cursor());
}

#[test]
fn sigterm_restores_the_terminal_and_exits() {
    let mut s = Session::start();
    s.wait_for("RESULTS HIDDEN");
    let pid = s.child.process_id().unwrap();
    let killed = std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    assert_eq!(s.exit_code(), 128 + 15);
    assert!(!s.parser.screen().alternate_screen());
}

/// Closing the window hangs the terminal up (SIGHUP): the view must end, not keep reading
/// a terminal that is gone.
#[test]
fn a_hangup_ends_the_process() {
    let mut s = Session::start();
    s.wait_for("RESULTS HIDDEN");
    let pid = s.child.process_id().unwrap();
    std::process::Command::new("kill")
        .args(["-HUP", &pid.to_string()])
        .status()
        .unwrap();
    let code = s.ends_within_seconds();
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
    let screen = s.parser.screen();
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
    let mut s = Session::start_with(&[]);
    s.wait_for("RESULTS HIDDEN");
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
    s.send(b"q");
    assert_eq!(s.exit_code(), 0);

    let mut s = Session::start_with(&[("NO_COLOR", "1")]);
    s.wait_for("RESULTS HIDDEN");
    s.send(b" ");
    s.wait_for("RESULTS SHOWN");
    assert_eq!(colours(&s), vec![], "NO_COLOR: no colour at all");
    s.send(b"q");
    assert_eq!(s.exit_code(), 0);
}

/// `ACCESSIBLE` asks for the line-by-line questionnaire; `weighup compare` honours it the same
/// way and prints the text report instead of opening the full-screen view.
#[test]
fn accessible_prints_text_as_the_questionnaire_runs_line_by_line() {
    let mut s = Session::start_with(&[("ACCESSIBLE", "1"), ("NO_COLOR", "1")]);
    assert_eq!(s.exit_code(), 0);
    assert!(!s.parser.screen().alternate_screen());
    // The end of the text report (the notes), never the view's hidden results.
    let text = s.parser.screen().contents();
    assert!(text.contains("NOTES"), "{text}");
    assert!(!text.contains("RESULTS HIDDEN"), "{text}");
}
