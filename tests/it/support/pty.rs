//! The real binary in a pseudo-terminal: one driver for every test that needs a terminal.
//!
//! The app's output is drained on a thread (or the app would block on a full buffer) into a
//! vt100 parser, so tests read the screen a person sees (ratatui redraws only cells that
//! changed, so the raw byte stream is not the screen) and, for the line-by-line mode, the raw
//! text as well.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtyPair, PtySize, native_pty_system};

use super::cmd::BIN;

/// How long to wait for a screen or an exit before failing (raise it on a slow machine with
/// `WEIGHUP_PTY_WAIT_MS`).
pub fn deadline() -> Duration {
    let ms = std::env::var("WEIGHUP_PTY_WAIT_MS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20_000);
    Duration::from_millis(ms)
}

/// A new pseudo-terminal of this size.
pub fn open(rows: u16, cols: u16) -> PtyPair {
    native_pty_system()
        .openpty(PtySize {
            rows,
            cols,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("a pseudo-terminal")
}

/// `weighup ARGS` as a terminal would start it: a colour terminal, none of the caller's
/// `NO_COLOR` or `ACCESSIBLE`, then `env`. With a data folder, it is both `WEIGHUP_DATA_DIR`
/// and the current folder.
pub fn command(args: &[&str], data: Option<&Path>, env: &[(&str, &str)]) -> CommandBuilder {
    let mut cmd = CommandBuilder::new(BIN);
    cmd.args(args);
    if let Some(data) = data {
        cmd.env("WEIGHUP_DATA_DIR", data);
        cmd.cwd(data);
    }
    cmd.env("TERM", "xterm-256color");
    cmd.env_remove("NO_COLOR");
    cmd.env_remove("ACCESSIBLE");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd
}

/// Sends a signal (`TERM`, `HUP`, ...) to a process.
pub fn signal(pid: i32, sig: &str) {
    let ok = std::process::Command::new("kill")
        .args([format!("-{sig}"), pid.to_string()])
        .status()
        .expect("kill runs")
        .success();
    assert!(ok, "kill -{sig} {pid}");
}

/// weighup running in a pseudo-terminal, its output drained on a thread into a vt100 parser
/// and kept as raw bytes.
pub struct Session {
    pub master: Box<dyn MasterPty + Send>,
    pub child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    pub parser: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
    reader: Option<std::thread::JoinHandle<()>>,
}

impl Session {
    /// `weighup ARGS` with `data` as its data folder and current folder.
    pub fn start(data: &Path, args: &[&str], rows: u16, cols: u16) -> Session {
        Session::start_env(data, args, rows, cols, &[])
    }

    pub fn start_env(
        data: &Path,
        args: &[&str],
        rows: u16,
        cols: u16,
        env: &[(&str, &str)],
    ) -> Session {
        Session::spawn(command(args, Some(data), env), rows, cols)
    }

    /// Runs `cmd` (see [`command`]) in a new terminal of this size.
    pub fn spawn(cmd: CommandBuilder, rows: u16, cols: u16) -> Session {
        let pty = open(rows, cols);
        let child = pty.slave.spawn_command(cmd).expect("weighup starts");
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().unwrap();
        let writer = pty.master.take_writer().unwrap();
        let parser = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let (p2, r2) = (Arc::clone(&parser), Arc::clone(&raw));
        let handle = std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        p2.lock().unwrap().process(&buf[..n]);
                        r2.lock().unwrap().extend_from_slice(&buf[..n]);
                    }
                }
            }
        });
        Session {
            master: pty.master,
            child,
            writer,
            parser,
            raw,
            reader: Some(handle),
        }
    }

    /// From the welcome screen to the first question.
    pub fn start_questions(&mut self) {
        self.wait_text("Start the questionnaire");
        self.send("\r");
        self.wait_text("Question 1 of");
    }

    /// Starts the questions and answers the first with its second option ("Ordinary internal
    /// business information"), so that one answer is saved.
    pub fn answer_first_question(&mut self) {
        self.start_questions();
        self.send("2");
        self.wait_text("Question 2 of");
    }

    /// The terminal as parsed so far (screen, modes, cells).
    pub fn vt(&self) -> MutexGuard<'_, vt100::Parser> {
        self.parser.lock().unwrap()
    }

    pub fn screen(&self) -> String {
        self.vt().screen().contents()
    }

    /// Everything written so far as text, carriage returns removed (for the plain mode, which
    /// draws nothing and can be read as a stream).
    pub fn output(&self) -> String {
        String::from_utf8_lossy(&self.raw.lock().unwrap()).replace('\r', "")
    }

    /// Waits until the screen satisfies `ok`, or fails with the screen in the message.
    pub fn wait_for(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let end = Instant::now() + deadline();
        loop {
            let s = self.screen();
            if ok(&s) {
                return s;
            }
            assert!(
                Instant::now() < end,
                "timed out waiting for {what}; the screen shows:\n{s}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn wait_text(&self, text: &str) -> String {
        self.wait_for(&format!("'{text}'"), |s| s.contains(text))
    }

    /// Waits until the output stream (see [`Session::output`]) holds `text`.
    pub fn wait_output(&self, text: &str) {
        let end = Instant::now() + deadline();
        while !self.output().contains(text) {
            assert!(
                Instant::now() < end,
                "never saw {text:?} in:\n{}",
                self.output()
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    pub fn send(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    /// Resizes the terminal. The parser takes the new size first: the app's redraw for the
    /// new size may arrive as soon as the terminal has it, and must not be clipped to the old.
    pub fn resize(&self, rows: u16, cols: u16) {
        self.vt().screen_mut().set_size(rows, cols);
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
    }

    /// The exit code once the process has ended within `wait`, with its last output read.
    pub fn exit_within(&mut self, wait: Duration) -> Option<u32> {
        let end = Instant::now() + wait;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                self.drain();
                return Some(status.exit_code());
            }
            if Instant::now() >= end {
                return None;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits for the process to end; returns its exit code.
    pub fn wait_exit(&mut self) -> u32 {
        match self.exit_within(deadline()) {
            Some(code) => code,
            None => panic!("weighup did not exit; the screen shows:\n{}", self.screen()),
        }
    }

    /// Waits (briefly) until the reader has seen the end of the output: the terminal closes
    /// when the app exits.
    fn drain(&self) {
        let end = Instant::now() + Duration::from_secs(2);
        while self.reader.as_ref().is_some_and(|h| !h.is_finished()) && Instant::now() < end {
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Everything the app wrote, once it has exited and the output is drained.
    pub fn raw_after_exit(&mut self) -> Vec<u8> {
        self.drain();
        self.raw.lock().unwrap().clone()
    }

    pub fn pid(&self) -> i32 {
        i32::try_from(self.child.process_id().expect("a pid")).unwrap()
    }

    /// (canonical mode, echo) of the terminal's line discipline, read through the master.
    pub fn line_modes(&self) -> (bool, bool) {
        let t = self.master.get_termios().expect("termios");
        let flags = format!("{:?}", t.local_flags);
        let has = |name: &str| {
            flags
                .split(|c: char| !c.is_ascii_alphanumeric() && c != '_')
                .any(|w| w == name)
        };
        (has("ICANON"), has("ECHO"))
    }

    /// "Question n of m" on the header, if a question is shown.
    pub fn position(&self) -> Option<(usize, usize)> {
        let s = self.screen();
        let first = s.lines().next()?.to_string();
        let at = first.find("Question ")?;
        let mut parts = first[at + 9..].split(" of ");
        let n = parts.next()?.trim().parse().ok()?;
        let m = parts.next()?.split_whitespace().next()?.parse().ok()?;
        Some((n, m))
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}
