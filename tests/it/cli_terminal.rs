//! The real binary in a pseudo-terminal: the plain mode is chosen for a dumb terminal or
//! ACCESSIBLE=1 even though input and output are a terminal, and Ctrl-C there exits 130
//! with the answers saved. The plain mode draws nothing, so reading its raw output is safe.
#![cfg(unix)]

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

const DEADLINE: Duration = Duration::from_secs(20);

struct Term {
    output: Arc<Mutex<String>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    _master: Box<dyn portable_pty::MasterPty + Send>,
}

impl Term {
    fn start(data: &Path, env: &[(&str, &str)], args: &[&str]) -> Term {
        let pty = native_pty_system();
        let pair = pty
            .openpty(PtySize {
                rows: 24,
                cols: 80,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(assert_cmd::cargo::cargo_bin!("weighup"));
        cmd.args(args);
        cmd.env("WEIGHUP_DATA_DIR", data);
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("ACCESSIBLE");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let output = Arc::new(Mutex::new(String::new()));
        let sink = Arc::clone(&output);
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        });
        let writer = pair.master.take_writer().unwrap();
        Term {
            output,
            writer,
            child,
            _master: pair.master,
        }
    }

    fn wait_for(&self, text: &str) {
        let start = Instant::now();
        while !self.output.lock().unwrap().replace('\r', "").contains(text) {
            assert!(
                start.elapsed() < DEADLINE,
                "never saw {text:?} in:\n{}",
                self.output.lock().unwrap()
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    fn exit_code(&mut self) -> u32 {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.exit_code();
            }
            assert!(start.elapsed() < DEADLINE, "weighup did not exit");
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

#[test]
fn a_dumb_terminal_gets_the_plain_mode() {
    let data = tempfile::tempdir().unwrap();
    let mut t = Term::start(data.path(), &[("TERM", "dumb")], &[]);
    t.wait_for("Question 1 of 28, Data and privacy:");
    t.send("quit\r");
    t.wait_for("Stopped. Nothing was answered, so nothing was saved.");
    assert_eq!(t.exit_code(), 0);
    assert!(
        !t.output.lock().unwrap().contains('\x1b'),
        "no escape sequences"
    );
}

#[test]
fn accessible_asks_for_the_plain_mode() {
    let data = tempfile::tempdir().unwrap();
    let mut t = Term::start(data.path(), &[("ACCESSIBLE", "1")], &[]);
    t.wait_for("Question 1 of 28, Data and privacy:");
    t.send("quit\r");
    assert_eq!(t.exit_code(), 0);
}

#[test]
fn ctrl_c_in_a_terminal_exits_130_with_the_answers_saved() {
    let data = tempfile::tempdir().unwrap();
    let sheet = data.path().join("sheet.json");
    let mut t = Term::start(
        data.path(),
        &[],
        &["--plain", "--out", sheet.to_str().unwrap()],
    );
    t.wait_for("Your answer (1 to 5): ");
    t.send("3\r");
    t.wait_for("Question 2 of 29");
    t.send("\x03");
    t.wait_for("weighup: interrupted. Your answers are saved in");
    assert_eq!(t.exit_code(), 130);
    let saved = weighup::persist::load(&sheet).unwrap();
    assert_eq!(saved.answers.len(), 1);
}
