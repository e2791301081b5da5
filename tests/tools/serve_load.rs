//! A bounded load test of `weighup serve` (not part of `cargo test`): N participants on
//! 127.0.0.1 connect at once and each answer every question. Reports how many sheets are
//! complete in the room, the server's peak memory, memory per participant, and the time from
//! a key press to the first bytes of the redrawn screen (median, 99th percentile, worst).
//!
//! Run: `sh tests/tools/bench-serve.sh` (or `cargo run --release --example serve_load -- BIN N`).

use std::io::{BufRead as _, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use russh::ChannelMsg;
use russh::client;

const CODE: &str = "load-room-11";

struct Trust;

impl client::Handler for Trust {
    type Error = russh::Error;

    async fn check_server_key(
        &mut self,
        _key: &russh::keys::PublicKeyOrCertificate,
    ) -> Result<bool, Self::Error> {
        Ok(true)
    }
}

/// One participant's session: the channel, the screen, the key-to-redraw times.
struct Seat {
    channel: russh::Channel<client::Msg>,
    screen: vt100::Parser,
    delays: Vec<Duration>,
    closed: bool,
}

impl Seat {
    /// Sends keys and waits for the first bytes back (the redraw), timing it; then reads
    /// until `ok` holds for the screen.
    async fn key(&mut self, keys: &str, ok: impl Fn(&str) -> bool) -> Result<(), String> {
        let sent = Instant::now();
        self.channel
            .data(keys.as_bytes())
            .await
            .map_err(|e| e.to_string())?;
        let mut first = true;
        let deadline = sent + Duration::from_secs(30);
        loop {
            if !first && ok(&self.screen.screen().contents()) {
                return Ok(());
            }
            if self.closed || Instant::now() > deadline {
                return Err(format!(
                    "stuck after {keys:?}:\n{}",
                    self.screen.screen().contents()
                ));
            }
            match tokio::time::timeout(Duration::from_secs(30), self.channel.wait()).await {
                Ok(Some(ChannelMsg::Data { data })) => {
                    if first {
                        self.delays.push(sent.elapsed());
                        first = false;
                    }
                    self.screen.process(&data);
                }
                Ok(Some(ChannelMsg::Close) | None) => self.closed = true,
                _ => {}
            }
        }
    }

    async fn read_until(&mut self, ok: impl Fn(&str) -> bool) -> Result<(), String> {
        let deadline = Instant::now() + Duration::from_secs(30);
        while !ok(&self.screen.screen().contents()) {
            if self.closed || Instant::now() > deadline {
                return Err(format!("stuck:\n{}", self.screen.screen().contents()));
            }
            match tokio::time::timeout(Duration::from_secs(30), self.channel.wait()).await {
                Ok(Some(ChannelMsg::Data { data })) => self.screen.process(&data),
                Ok(Some(ChannelMsg::Close) | None) => self.closed = true,
                _ => {}
            }
        }
        Ok(())
    }

    fn first_line(&self) -> String {
        self.screen
            .screen()
            .contents()
            .lines()
            .next()
            .unwrap_or("")
            .to_string()
    }
}

async fn participant(port: u16, n: usize) -> Result<Vec<Duration>, String> {
    let config = Arc::new(client::Config {
        nodelay: true,
        ..client::Config::default()
    });
    let mut handle = client::connect(config, ("127.0.0.1", port), Trust)
        .await
        .map_err(|e| e.to_string())?;
    if !handle
        .authenticate_none(CODE)
        .await
        .map_err(|e| e.to_string())?
        .success()
    {
        return Err("the room code was refused".into());
    }
    let channel = handle
        .channel_open_session()
        .await
        .map_err(|e| e.to_string())?;
    channel
        .request_pty(false, "xterm-256color", 100, 30, 0, 0, &[])
        .await
        .map_err(|e| e.to_string())?;
    channel
        .request_shell(false)
        .await
        .map_err(|e| e.to_string())?;
    let mut seat = Seat {
        channel,
        screen: vt100::Parser::new(30, 100, 0),
        delays: Vec::new(),
        closed: false,
    };
    seat.read_until(|t| t.contains("Your name or table label"))
        .await?;
    seat.key(&format!("Load {n}\r"), |t| t.contains("Start"))
        .await?;
    // The welcome, then the card's brief, then the first question.
    while !seat.first_line().contains("Question 1 of") {
        seat.key("\r", |_| true).await?;
    }
    let mut answered = 0;
    loop {
        let line = seat.first_line();
        let Some(at) = line.find("Question ") else {
            break;
        };
        let label = line[at..].split("  ").next().unwrap_or("").to_string();
        let screen = seat.screen.screen().contents();
        let keys = if screen.contains("Space tick") {
            " \r"
        } else if screen.contains("↓ Not sure") {
            "12\r"
        } else if screen.contains("Shift-Tab back") {
            "A note from the load test.\r"
        } else {
            "1"
        };
        seat.key(keys, |t| {
            t.contains("Check your answers") || !t.lines().next().unwrap_or("").contains(&label)
        })
        .await?;
        answered += 1;
        if answered > 60 {
            return Err("the questionnaire never ends".into());
        }
    }
    seat.key("q", |t| t.contains("Quit weighup?")).await?;
    seat.channel
        .data(&b"y"[..])
        .await
        .map_err(|e| e.to_string())?;
    while !seat.closed {
        match tokio::time::timeout(Duration::from_secs(30), seat.channel.wait()).await {
            Ok(Some(ChannelMsg::Close) | None) | Err(_) => seat.closed = true,
            _ => {}
        }
    }
    Ok(seat.delays)
}

/// `VmHWM` (peak) and `VmRSS` (now) of a process, in KiB.
fn memory(pid: u32) -> (u64, u64) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    };
    (field("VmHWM:"), field("VmRSS:"))
}

fn complete_sheets(room: &Path) -> (usize, usize) {
    let mut all = 0;
    let mut complete = 0;
    for e in std::fs::read_dir(room).unwrap().filter_map(Result::ok) {
        let p = e.path();
        if p.extension().is_some_and(|x| x == "json") {
            all += 1;
            let v: serde_json::Value =
                serde_json::from_slice(&std::fs::read(&p).unwrap()).unwrap_or_default();
            if v["complete"] == true {
                complete += 1;
            }
        }
    }
    (complete, all)
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let mut args = std::env::args().skip(1);
    let bin = args
        .next()
        .unwrap_or_else(|| "target/release/weighup".into());
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(50);
    let tmp = tempfile::tempdir().unwrap();
    let room = tmp.path().join("room");
    let mut child = Command::new(&bin)
        .args(["serve", "--room"])
        .arg(&room)
        .args(["--port", "0", "--bind", "127.0.0.1", "--code", CODE])
        .args(["--scenario", "seed-saas", "--max", &(n + 10).to_string()])
        .env("WEIGHUP_DATA_DIR", tmp.path().join("data"))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("starts the server");
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let port: u16 = loop {
        let line = lines.next().expect("the ssh line").unwrap();
        if let Some(rest) = line.trim().strip_prefix("ssh -p ") {
            break rest.split(' ').next().unwrap().parse().unwrap();
        }
    };
    std::thread::spawn(move || for _ in lines.map_while(Result::ok) {});
    tokio::time::sleep(Duration::from_millis(300)).await;
    let (_, idle_rss) = memory(child.id());

    let started = Instant::now();
    let tasks: Vec<_> = (0..n)
        .map(|i| tokio::spawn(participant(port, i + 1)))
        .collect();
    let mut delays = Vec::new();
    let mut failed = Vec::new();
    for t in tasks {
        match t.await.unwrap() {
            Ok(d) => delays.extend(d),
            Err(e) => failed.push(e),
        }
    }
    let wall = started.elapsed();
    let (peak, _) = memory(child.id());
    let (complete, all) = complete_sheets(&room);
    let _ = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    let code = child.wait().ok().and_then(|s| s.code());

    delays.sort();
    let pct = |p: f64| {
        delays
            .get(((delays.len() as f64 * p).ceil() as usize).saturating_sub(1))
            .copied()
            .unwrap_or_default()
    };
    println!(
        "participants: {n} at once on 127.0.0.1 ({} failed)",
        failed.len()
    );
    for e in failed.iter().take(3) {
        println!("  failure: {e}");
    }
    println!("sheets complete in the room: {complete} of {all}");
    println!("wall time: {:.1} s", wall.as_secs_f64());
    println!("keys timed: {}", delays.len());
    println!(
        "key to redraw: median {:.1} ms, p99 {:.1} ms, worst {:.1} ms",
        pct(0.5).as_secs_f64() * 1000.0,
        pct(0.99).as_secs_f64() * 1000.0,
        delays.last().copied().unwrap_or_default().as_secs_f64() * 1000.0
    );
    println!(
        "server memory: idle {:.1} MiB, peak {:.1} MiB, per participant {:.2} MiB",
        idle_rss as f64 / 1024.0,
        peak as f64 / 1024.0,
        peak.saturating_sub(idle_rss) as f64 / 1024.0 / n as f64
    );
    println!("server exit code after SIGTERM: {code:?}");
}
