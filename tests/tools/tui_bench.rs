//! Benchmarks for the full-screen app (run by `tests/tools/bench-tui.sh`, not by the tests).
//!
//! `render`: renders each screen into a buffer many times and prints the time per frame.
//! `first-frame BIN`: in one pseudo-terminal session after another, alternately starts a
//! trivial program (`/bin/echo`) and weighup, and prints how long each took to put its first
//! output on screen (for weighup: the whole welcome screen, parsed by vt100).
//! `memory BIN`: answers the whole questionnaire in a pseudo-terminal and prints weighup's
//! peak resident memory (`VmHWM`, Linux).

use std::io::{Read, Write};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;
use time::macros::datetime;
use weighup::bank::{Bank, Kind};
use weighup::session::Started;
use weighup::sheet::Sheet;
use weighup::tui::app::Screen;
use weighup::tui::{Action, App, TuiOptions, action_for};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("render") => render(),
        Some("first-frame") => first_frame(&args[1], 30),
        Some("memory") => memory(&args[1]),
        _ => eprintln!("usage: tui_bench render | first-frame BIN | memory BIN"),
    }
}

fn press(app: &mut App, code: KeyCode) {
    if let Some(a) = action_for(app, KeyEvent::new(code, KeyModifiers::NONE)) {
        app.update(a);
    }
}

/// An app with every question answered (first option everywhere, as a person might).
fn answered_app() -> App {
    let bank = Bank::builtin().expect("the built-in bank");
    let now = datetime!(2026-11-30 14:12 UTC);
    let started = Started {
        sheet: Sheet::new(&bank, now),
        path: PathBuf::from("/tmp/bench.json"),
        notices: Vec::new(),
        resumed: false,
    };
    let mut app = App::new(&bank, started, TuiOptions::default(), now);
    app.update(Action::Resize(120, 40));
    press(&mut app, KeyCode::Enter);
    for _ in 0..80 {
        let kind = match app.screen() {
            Screen::Question(s) => app.bank().questions[s.index].kind,
            _ => break,
        };
        match kind {
            Kind::Number => {
                for c in "750".chars() {
                    press(&mut app, KeyCode::Char(c));
                }
                press(&mut app, KeyCode::Enter);
            }
            Kind::Text => press(&mut app, KeyCode::Tab),
            Kind::Multi => {
                press(&mut app, KeyCode::Char('1'));
                press(&mut app, KeyCode::Enter);
            }
            _ => press(&mut app, KeyCode::Char('1')),
        }
    }
    app
}

fn time_frames(name: &str, app: &App, area: Rect) {
    let mut buf = Buffer::empty(area);
    // Warm up.
    for _ in 0..50 {
        buf.reset();
        app.render(area, &mut buf);
    }
    let n = 2000;
    let mut times: Vec<Duration> = Vec::with_capacity(n);
    for _ in 0..n {
        buf.reset();
        let t = Instant::now();
        app.render(area, &mut buf);
        times.push(t.elapsed());
    }
    times.sort();
    let mean = times.iter().sum::<Duration>() / u32::try_from(n).unwrap();
    println!(
        "{name:<28} {}x{}  mean {:>7.1} µs  median {:>7.1} µs  p99 {:>7.1} µs",
        area.width,
        area.height,
        mean.as_secs_f64() * 1e6,
        times[n / 2].as_secs_f64() * 1e6,
        times[n * 99 / 100].as_secs_f64() * 1e6
    );
}

fn render() {
    let area = Rect::new(0, 0, 120, 40);
    let bank = Bank::builtin().expect("the built-in bank");
    let now = datetime!(2026-11-30 14:12 UTC);
    let started = Started {
        sheet: Sheet::new(&bank, now),
        path: PathBuf::from("/tmp/bench.json"),
        notices: Vec::new(),
        resumed: false,
    };
    let mut fresh = App::new(&bank, started, TuiOptions::default(), now);
    fresh.update(Action::Resize(120, 40));
    time_frames("welcome", &fresh, area);
    press(&mut fresh, KeyCode::Enter);
    time_frames("first question", &fresh, area);

    let mut app = answered_app();
    time_frames("check your answers", &app, area);
    press(&mut app, KeyCode::Char('i'));
    time_frames("all questions (index)", &app, area);
    press(&mut app, KeyCode::Char('r'));
    time_frames("result (top)", &app, area);
    for _ in 0..200 {
        press(&mut app, KeyCode::PageDown);
    }
    time_frames("result (end, flags)", &app, area);
    press(&mut app, KeyCode::Char('1'));
    time_frames("flag detail", &app, area);
    press(&mut app, KeyCode::Char('g'));
    time_frames("glossary overlay", &app, area);
    // The whole update + render of one key press on the result screen.
    let mut app = answered_app();
    press(&mut app, KeyCode::Char('r'));
    let mut buf = Buffer::empty(area);
    let n = 500;
    let t = Instant::now();
    for i in 0..n {
        press(
            &mut app,
            if i % 2 == 0 {
                KeyCode::PageDown
            } else {
                KeyCode::PageUp
            },
        );
        buf.reset();
        (&app).render(area, &mut buf);
    }
    println!(
        "{:<28} 120x40  mean {:>7.1} µs",
        "result: key + update + render",
        t.elapsed().as_secs_f64() * 1e6 / f64::from(n)
    );
}

/// Starts `cmd` in a fresh pseudo-terminal; returns the time until `done` holds for the
/// parsed screen.
fn time_to_screen(cmd: CommandBuilder, done: impl Fn(&vt100::Screen) -> bool) -> Duration {
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 80,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut reader = pty.master.try_clone_reader().unwrap();
    let mut writer = pty.master.take_writer().unwrap();
    let parser = Arc::new(Mutex::new(vt100::Parser::new(24, 80, 0)));
    let start = Instant::now();
    let mut child = pty.slave.spawn_command(cmd).unwrap();
    drop(pty.slave);
    let mut buf = vec![0u8; 1 << 16];
    let elapsed;
    loop {
        let n = reader.read(&mut buf).unwrap_or(0);
        assert!(n > 0, "the program ended before its first screen");
        let mut p = parser.lock().unwrap();
        p.process(&buf[..n]);
        if done(p.screen()) {
            elapsed = start.elapsed();
            break;
        }
    }
    // Quit weighup (Ctrl-C), and drain until the end.
    let _ = writer.write_all(b"\x03");
    let _ = writer.flush();
    let handle = std::thread::spawn(move || while reader.read(&mut buf).unwrap_or(0) > 0 {});
    let _ = child.wait();
    drop(pty.master);
    let _ = handle.join();
    elapsed
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn first_frame(bin: &str, runs: usize) {
    let data = tempfile::tempdir().unwrap();
    let mut trivial = Vec::new();
    let mut weighup = Vec::new();
    for _ in 0..runs {
        let mut echo = CommandBuilder::new("/bin/echo");
        echo.arg("x");
        trivial.push(time_to_screen(echo, |s| s.contents().contains('x')));
        let mut cmd = CommandBuilder::new(bin);
        cmd.env("WEIGHUP_DATA_DIR", data.path());
        cmd.env("TERM", "xterm-256color");
        weighup.push(time_to_screen(cmd, |s| {
            let c = s.contents();
            c.contains("Start the questionnaire") && c.contains("q quit")
        }));
    }
    let t = median(trivial);
    let w = median(weighup);
    println!(
        "first output, median of {runs} runs under the same pseudo-terminal: /bin/echo {:.2} ms, weighup's complete first frame {:.2} ms, difference {:.2} ms",
        t.as_secs_f64() * 1e3,
        w.as_secs_f64() * 1e3,
        (w.as_secs_f64() - t.as_secs_f64()) * 1e3
    );
}

fn memory(bin: &str) {
    let data = tempfile::tempdir().unwrap();
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 40,
            cols: 120,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(bin);
    cmd.env("WEIGHUP_DATA_DIR", data.path());
    cmd.env("TERM", "xterm-256color");
    let mut child = pty.slave.spawn_command(cmd).unwrap();
    drop(pty.slave);
    let pid = child.process_id().unwrap();
    let mut reader = pty.master.try_clone_reader().unwrap();
    let mut writer = pty.master.take_writer().unwrap();
    let parser = Arc::new(Mutex::new(vt100::Parser::new(40, 120, 0)));
    let p2 = Arc::clone(&parser);
    let drain = std::thread::spawn(move || {
        let mut buf = vec![0u8; 1 << 16];
        loop {
            match reader.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => p2.lock().unwrap().process(&buf[..n]),
            }
        }
    });
    let wait = |text: &str| {
        let end = Instant::now() + Duration::from_secs(20);
        while !parser.lock().unwrap().screen().contents().contains(text) {
            assert!(Instant::now() < end, "timed out waiting for {text}");
            std::thread::sleep(Duration::from_millis(10));
        }
    };
    let mut send = |s: &str| {
        writer.write_all(s.as_bytes()).unwrap();
        writer.flush().unwrap();
        std::thread::sleep(Duration::from_millis(30));
    };
    wait("Start the questionnaire");
    send("\r");
    // Answer everything with the first option (numbers 750, notes skipped, multi: first).
    for _ in 0..40 {
        let screen = parser.lock().unwrap().screen().contents();
        if screen.contains("Check your answers") {
            break;
        }
        if screen.contains("Space tick") {
            send("1\r");
        } else if screen.contains("↓ Not sure") {
            send("750\r");
        } else if screen.contains("Shift-Tab back") {
            send("\t");
        } else {
            send("1");
        }
    }
    wait("Check your answers");
    send("r");
    wait("Recommendation:");
    for _ in 0..40 {
        send("\x1b[6~");
    }
    send("1");
    send("g");
    for _ in 0..20 {
        send("j");
    }
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let peak = status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .unwrap_or("VmHWM: unknown")
        .to_string();
    send("\x03");
    let _ = child.wait();
    drop(pty.master);
    let _ = drain.join();
    println!(
        "peak resident memory after a whole questionnaire, the result and the glossary: {peak}"
    );
}
