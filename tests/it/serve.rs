//! `weighup serve` on loopback, driven by an SSH client (russh's) the way a participant's
//! terminal would: the room code as user name, a PTY, keys, the screen read with vt100.
#![cfg(feature = "serve")]

use std::io::{BufRead as _, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use russh::ChannelMsg;
use russh::client::{self, Handle};

const CODE: &str = "test-room-42";

struct Server {
    child: Child,
    port: u16,
    fingerprint: String,
    log: Arc<std::sync::Mutex<String>>,
}

impl Server {
    fn start(room: &Path, data: &Path) -> Server {
        Server::start_with(room, data, &[])
    }

    fn start_with(room: &Path, data: &Path, extra: &[&str]) -> Server {
        let mut child = Command::new(crate::support::cmd::BIN)
            .args(["serve", "--room"])
            .arg(room)
            .args(["--port", "0", "--bind", "127.0.0.1", "--code", CODE])
            .args(["--scenario", "seed-saas"])
            .args(extra)
            .env("WEIGHUP_DATA_DIR", data)
            .env_remove("NO_COLOR")
            .env_remove("WEIGHUP_LINKS")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let mut lines = BufReader::new(stdout).lines();
        let mut port = 0;
        let mut fingerprint = String::new();
        let mut seen = String::new();
        while port == 0 || fingerprint.is_empty() {
            let line = lines
                .next()
                .expect("the server printed its ssh line")
                .unwrap();
            seen.push_str(&line);
            seen.push('\n');
            if let Some(rest) = line.trim().strip_prefix("ssh -p ") {
                port = rest.split(' ').next().unwrap().parse().unwrap();
                assert!(rest.ends_with(&format!("{CODE}@127.0.0.1")), "{seen}");
            }
            if let Some(f) = line.strip_prefix("Server key fingerprint: ") {
                fingerprint = f.to_string();
            }
        }
        assert!(seen.contains(&format!("Room code: {CODE}")), "{seen}");
        let log = Arc::new(std::sync::Mutex::new(seen));
        let log2 = Arc::clone(&log);
        std::thread::spawn(move || {
            for line in lines.map_while(Result::ok) {
                let mut l = log2.lock().unwrap();
                l.push_str(&line);
                l.push('\n');
            }
        });
        Server {
            child,
            port,
            fingerprint,
            log,
        }
    }

    fn terminate(&mut self) -> i32 {
        let pid = self.child.id().to_string();
        assert!(
            Command::new("kill")
                .args(["-TERM", &pid])
                .status()
                .unwrap()
                .success()
        );
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.code().unwrap_or(-1);
            }
            assert!(Instant::now() < deadline, "the server did not stop");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Trusts the server's key when it is the one the server printed.
struct Client {
    fingerprint: String,
}

impl client::Handler for Client {
    type Error = russh::Error;

    async fn check_server_key(
        &mut self,
        key: &russh::keys::PublicKeyOrCertificate,
    ) -> Result<bool, Self::Error> {
        Ok(key
            .public_key()
            .fingerprint(russh::keys::HashAlg::Sha256)
            .to_string()
            == self.fingerprint)
    }
}

async fn connect(server: &Server) -> Handle<Client> {
    let config = Arc::new(client::Config::default());
    client::connect(
        config,
        ("127.0.0.1", server.port),
        Client {
            fingerprint: server.fingerprint.clone(),
        },
    )
    .await
    .expect("connects and trusts the printed key")
}

/// A participant's terminal: the channel and the screen.
struct Participant {
    _handle: Handle<Client>,
    channel: russh::Channel<client::Msg>,
    screen: vt100::Parser,
    /// Every byte the server sent.
    raw: Vec<u8>,
    closed: bool,
    exit: Option<u32>,
}

impl Participant {
    async fn join(server: &Server) -> Participant {
        let mut handle = connect(server).await;
        assert!(handle.authenticate_none(CODE).await.unwrap().success());
        let channel = handle.channel_open_session().await.unwrap();
        channel
            .request_pty(false, "xterm-256color", 100, 30, 0, 0, &[])
            .await
            .unwrap();
        channel.request_shell(false).await.unwrap();
        Participant {
            _handle: handle,
            channel,
            screen: vt100::Parser::new(30, 100, 0),
            raw: Vec::new(),
            closed: false,
            exit: None,
        }
    }

    async fn send(&mut self, keys: &str) {
        self.channel.data(keys.as_bytes()).await.unwrap();
    }

    fn text(&self) -> String {
        self.screen.screen().contents()
    }

    /// Reads until `ok` holds for the screen (or the channel closes).
    async fn wait(&mut self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let t = self.text();
            if ok(&t) {
                return t;
            }
            assert!(
                !self.closed && Instant::now() < deadline,
                "waited for {what}; the screen shows:\n{t}"
            );
            let left = deadline.saturating_duration_since(Instant::now());
            match tokio::time::timeout(left, self.channel.wait()).await {
                Ok(Some(ChannelMsg::Data { data } | ChannelMsg::ExtendedData { data, .. })) => {
                    self.screen.process(&data);
                    self.raw.extend_from_slice(&data);
                }
                Ok(Some(ChannelMsg::ExitStatus { exit_status })) => self.exit = Some(exit_status),
                Ok(Some(ChannelMsg::Close) | None) => self.closed = true,
                Ok(Some(_)) | Err(_) => {}
            }
        }
    }

    async fn wait_text(&mut self, text: &str) -> String {
        let t = text.to_string();
        self.wait(text, move |s| s.contains(&t)).await
    }

    /// Reads everything until the server closes the channel.
    async fn wait_closed(&mut self) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        while !self.closed {
            assert!(Instant::now() < deadline, "the channel stayed open");
            match tokio::time::timeout(Duration::from_secs(10), self.channel.wait()).await {
                Ok(Some(ChannelMsg::Data { data } | ChannelMsg::ExtendedData { data, .. })) => {
                    self.screen.process(&data);
                    self.raw.extend_from_slice(&data);
                }
                Ok(Some(ChannelMsg::ExitStatus { exit_status })) => self.exit = Some(exit_status),
                Ok(Some(ChannelMsg::Close) | None) => self.closed = true,
                Ok(Some(_)) | Err(_) => {}
            }
        }
        self.text()
    }

    /// "Question 3 of 28" on the first line.
    fn position(&self) -> Option<(usize, usize)> {
        let t = self.text();
        let first = t.lines().next()?;
        let at = first.find("Question ")?;
        let mut words = first[at + 9..].split_whitespace();
        let n = words.next()?.parse().ok()?;
        words.next()?;
        let of = words
            .next()?
            .trim_end_matches(|c: char| !c.is_ascii_digit())
            .parse()
            .ok()?;
        Some((n, of))
    }

    /// Answers the question on screen, reading the footer for its kind.
    async fn answer_shown(&mut self) -> bool {
        let Some(pos) = self.position() else {
            return false;
        };
        let screen = self.text();
        if screen.contains("Space tick") {
            self.send(" \r").await;
        } else if screen.contains("↓ Not sure") {
            self.send("12\r").await;
        } else if screen.contains("Shift-Tab back") {
            self.send("A note typed over SSH: é, q and j are letters here.\r")
                .await;
        } else {
            self.send("1").await;
        }
        let label = format!("Question {} of {}", pos.0, pos.1);
        self.wait("the next screen", move |t| {
            t.contains("Check your answers") || !t.lines().next().unwrap_or("").contains(&label)
        })
        .await;
        true
    }

    /// From the lobby to the first question, as "label".
    async fn start(&mut self, label: &str) {
        self.wait_text("Your name or table label").await;
        self.send(&format!("{label}\r")).await;
        self.wait_text("Start").await;
        for _ in 0..4 {
            if self.position().is_some() {
                return;
            }
            self.send("\r").await;
            self.wait("the next screen", |t| {
                t.contains("Question 1 of") || t.contains("Start") || t.contains("brief")
            })
            .await;
            tokio::time::sleep(Duration::from_millis(100)).await;
            let _ = tokio::time::timeout(Duration::from_millis(200), self.pump()).await;
        }
        self.wait_text("Question 1 of").await;
    }

    async fn pump(&mut self) {
        if let Some(ChannelMsg::Data { data }) = self.channel.wait().await {
            self.screen.process(&data);
            self.raw.extend_from_slice(&data);
        }
    }
}

fn sheets(room: &Path) -> Vec<(PathBuf, serde_json::Value)> {
    let mut out: Vec<_> = std::fs::read_dir(room)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| {
            let v = serde_json::from_slice(&std::fs::read(&p).unwrap()).unwrap();
            (p, v)
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

fn mode(p: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_participant_answers_everything_and_the_sheet_is_in_the_room() {
    let tmp = tempfile::tempdir().unwrap();
    let room = tmp.path().join("room");
    let data = tmp.path().join("data");
    let server = Server::start(&room, &data);
    // The host key is kept private in the data folder.
    assert_eq!(mode(&data.join("serve-host-key")), 0o600);

    let mut p = Participant::join(&server).await;
    p.start("Table 3").await;
    let mut answered = 0;
    while p.answer_shown().await {
        answered += 1;
        assert!(answered < 60, "the questionnaire never ends");
    }
    p.wait_text("Check your answers").await;
    p.send("r").await;
    p.wait_text("Recommendation:").await;
    p.send("q").await;
    p.wait_text("Quit weighup?").await;
    p.send("y").await;
    let end = p.wait_closed().await;
    assert!(
        end.contains("Your answers are saved in the room as weighup-table-3-"),
        "{end}"
    );
    assert_eq!(p.exit, Some(0));

    let found = sheets(&room);
    assert_eq!(found.len(), 1, "{found:?}");
    let (path, sheet) = &found[0];
    assert_eq!(sheet["complete"], true);
    assert_eq!(sheet["respondent"], "Table 3");
    assert_eq!(sheet["scenario"], "seed-saas");
    assert_eq!(sheet["answers"].as_object().unwrap().len(), answered);
    assert_eq!(mode(path), 0o600);
    let log = server.log.lock().unwrap().clone();
    assert!(log.contains("Table 3 finished"), "{log}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_code_and_a_command_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let room = tmp.path().join("room");
    let server = Server::start(&room, &tmp.path().join("data"));

    let mut h = connect(&server).await;
    assert!(!h.authenticate_none("wrong-code-1").await.unwrap().success());
    match h
        .authenticate_keyboard_interactive_start("wrong-code-1", None)
        .await
        .unwrap()
    {
        client::KeyboardInteractiveAuthResponse::InfoRequest {
            instructions,
            prompts,
            ..
        } => {
            assert!(
                instructions.contains("not this room's code"),
                "{instructions}"
            );
            assert!(prompts.is_empty());
        }
        other => panic!("expected the message, got {other:?}"),
    }
    let started = Instant::now();
    let r = h
        .authenticate_keyboard_interactive_respond(Vec::new())
        .await
        .unwrap();
    assert!(
        matches!(r, client::KeyboardInteractiveAuthResponse::Failure { .. }),
        "{r:?}"
    );
    assert!(
        started.elapsed() >= Duration::from_millis(400),
        "no slow-down"
    );

    // The right code, but a command instead of the questionnaire.
    let mut h = connect(&server).await;
    assert!(h.authenticate_none(CODE).await.unwrap().success());
    let mut ch = h.channel_open_session().await.unwrap();
    ch.exec(true, "cat /etc/passwd").await.unwrap();
    let mut said = String::new();
    let mut failed = false;
    while let Ok(Some(msg)) = tokio::time::timeout(Duration::from_secs(5), ch.wait()).await {
        match msg {
            // The words come first, then the channel closes with status 2 (a client may see
            // the close before the request's failure).
            ChannelMsg::Failure | ChannelMsg::ExitStatus { exit_status: 2 } => failed = true,
            ChannelMsg::ExtendedData { data, .. } | ChannelMsg::Data { data } => {
                said.push_str(&String::from_utf8_lossy(&data));
            }
            ChannelMsg::Close => break,
            _ => {}
        }
    }
    assert!(failed, "the exec request was not refused");
    assert!(said.contains("only the questionnaire"), "{said}");
    // Port forwarding is refused too.
    assert!(
        h.channel_open_direct_tcpip("127.0.0.1", 22, "127.0.0.1", 5555)
            .await
            .is_err()
    );
    assert!(sheets(&room).is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dropped_connection_keeps_the_sheet_and_the_same_label_continues_it() {
    let tmp = tempfile::tempdir().unwrap();
    let room = tmp.path().join("room");
    let server = Server::start(&room, &tmp.path().join("data"));

    let mut p = Participant::join(&server).await;
    p.start("Team Blue").await;
    for _ in 0..3 {
        assert!(p.answer_shown().await);
    }
    drop(p);
    // The server notices and lets the sheet go.
    let deadline = Instant::now() + Duration::from_secs(5);
    while !server.log.lock().unwrap().contains("Team Blue dropped") {
        assert!(Instant::now() < deadline, "{}", server.log.lock().unwrap());
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let found = sheets(&room);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].1["answers"].as_object().unwrap().len(), 3);

    let mut p = Participant::join(&server).await;
    p.wait_text("Your name or table label").await;
    p.send("team blue\r").await;
    let offer = p.wait_text("Continue them").await;
    assert!(offer.contains("3 of"), "{offer}");
    p.send("\r").await;
    p.wait_text("Continue").await;
    p.send("\r").await;
    p.wait("the fourth question", |t| {
        t.lines().next().unwrap_or("").contains("Question 4 of")
    })
    .await;
    assert!(p.answer_shown().await);
    let found = sheets(&room);
    assert_eq!(found.len(), 1, "continued in the same file");
    assert_eq!(found[0].1["answers"].as_object().unwrap().len(), 4);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_saves_the_open_sheets_tells_the_participants_and_exits_143() {
    let tmp = tempfile::tempdir().unwrap();
    let room = tmp.path().join("room");
    let mut server = Server::start(&room, &tmp.path().join("data"));

    let mut p = Participant::join(&server).await;
    p.start("Late table").await;
    assert!(p.answer_shown().await);
    assert!(p.answer_shown().await);
    let code = tokio::task::spawn_blocking(move || {
        let code = server.terminate();
        (code, server)
    });
    let end = p.wait_closed().await;
    assert!(end.contains("The facilitator has closed the room"), "{end}");
    assert!(
        end.contains("saved in the room as weighup-late-table-"),
        "{end}"
    );
    let (code, _server) = code.await.unwrap();
    assert_eq!(code, 143);
    let found = sheets(&room);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].1["answers"].as_object().unwrap().len(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_room_says_so() {
    let tmp = tempfile::tempdir().unwrap();
    let room = tmp.path().join("room");
    let server = Server::start_with(&room, &tmp.path().join("data"), &["--max", "1"]);

    let mut first = Participant::join(&server).await;
    first.wait_text("Your name or table label").await;

    let mut second = Participant::join(&server).await;
    let said = second.wait_closed().await;
    assert!(
        said.contains("the room is full: it takes 1 people at once"),
        "{said}"
    );
    assert_eq!(second.exit, Some(1));

    drop(first);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_without_a_terminal_gets_the_plain_mode() {
    let tmp = tempfile::tempdir().unwrap();
    let room = tmp.path().join("room");
    let server = Server::start(&room, &tmp.path().join("data"));

    let mut h = connect(&server).await;
    assert!(h.authenticate_none(CODE).await.unwrap().success());
    let mut ch = h.channel_open_session().await.unwrap();
    ch.request_shell(true).await.unwrap();
    let mut said = String::new();
    let mut read_until = async |ch: &mut russh::Channel<client::Msg>, text: &str| {
        let deadline = Instant::now() + Duration::from_secs(10);
        while !said.contains(text) {
            assert!(
                Instant::now() < deadline,
                "waited for {text:?}; got:\n{said}"
            );
            if let Ok(Some(ChannelMsg::Data { data })) =
                tokio::time::timeout(Duration::from_secs(10), ch.wait()).await
            {
                said.push_str(&String::from_utf8_lossy(&data));
            }
        }
        said.clone()
    };
    read_until(&mut ch, "Your name or table label").await;
    ch.data(&b"Screen reader table\n"[..]).await.unwrap();
    let first = read_until(&mut ch, "Question 1 of").await;
    assert!(
        !first.contains('\x1b'),
        "no escape sequences in the plain mode: {first:?}"
    );
    ch.data(&b"1\n"[..]).await.unwrap();
    read_until(&mut ch, "Question 2 of").await;
    ch.eof().await.unwrap();
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let found = sheets(&room);
        if found.len() == 1 && found[0].1["answers"].as_object().unwrap().len() == 1 {
            assert_eq!(found[0].1["respondent"], "Screen reader table");
            break;
        }
        assert!(Instant::now() < deadline, "{found:?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_colour_when_asked_a_resize_redraws_and_an_idle_session_is_saved_and_closed() {
    let tmp = tempfile::tempdir().unwrap();
    let room = tmp.path().join("room");
    let server = Server::start_with(&room, &tmp.path().join("data"), &["--idle-seconds", "3"]);

    let mut handle = connect(&server).await;
    assert!(handle.authenticate_none(CODE).await.unwrap().success());
    let channel = handle.channel_open_session().await.unwrap();
    channel.set_env(false, "NO_COLOR", "1").await.unwrap();
    channel
        .request_pty(false, "xterm-256color", 100, 30, 0, 0, &[])
        .await
        .unwrap();
    channel.request_shell(false).await.unwrap();
    let mut p = Participant {
        _handle: handle,
        channel,
        screen: vt100::Parser::new(30, 100, 0),
        raw: Vec::new(),
        closed: false,
        exit: None,
    };
    p.start("Quiet table").await;
    // No colour anywhere on the question screen.
    let s = p.screen.screen();
    for row in 0..30 {
        for col in 0..100 {
            let cell = s.cell(row, col).unwrap();
            assert_eq!(
                cell.fgcolor(),
                vt100::Color::Default,
                "colour at {row},{col}"
            );
            assert_eq!(
                cell.bgcolor(),
                vt100::Color::Default,
                "colour at {row},{col}"
            );
        }
    }
    assert!(p.answer_shown().await);

    // The window gets smaller: the screen is drawn again at the new size.
    p.screen.screen_mut().set_size(20, 70);
    p.channel.window_change(70, 20, 0, 0).await.unwrap();
    p.wait("the footer on the last row of 20", |t| {
        t.lines().nth(19).is_some_and(|l| l.contains("help"))
    })
    .await;

    // Then nothing is typed: the session is saved and closed, with a message.
    let end = p.wait_closed().await;
    assert!(end.contains("Nothing was typed for 3 seconds"), "{end}");
    assert!(end.contains("connect again"), "{end}");
    let found = sheets(&room);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].1["answers"].as_object().unwrap().len(), 1);
}

/// Over SSH too, a web address on screen is a clickable link (OSC 8) for a terminal that shows
/// links, and none for one that says `WEIGHUP_LINKS=0`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_web_address_in_the_glossary_is_a_link_unless_the_client_turns_links_off() {
    let tmp = tempfile::tempdir().unwrap();
    let room = tmp.path().join("room");
    let server = Server::start(&room, &tmp.path().join("data"));
    let url = "https://opensource.org/ai/open-source-ai-definition";
    for off in [false, true] {
        let mut handle = connect(&server).await;
        assert!(handle.authenticate_none(CODE).await.unwrap().success());
        let channel = handle.channel_open_session().await.unwrap();
        if off {
            channel.set_env(false, "WEIGHUP_LINKS", "0").await.unwrap();
        }
        channel
            .request_pty(false, "xterm-256color", 100, 30, 0, 0, &[])
            .await
            .unwrap();
        channel.request_shell(false).await.unwrap();
        let mut p = Participant {
            _handle: handle,
            channel,
            screen: vt100::Parser::new(30, 100, 0),
            raw: Vec::new(),
            closed: false,
            exit: None,
        };
        p.start(if off { "No links" } else { "Links" }).await;
        p.send("g").await;
        p.wait_text("Glossary").await;
        // Up to "Open Source AI Definition (OSI)", whose source is `url`.
        p.send("\x1b[A\x1b[A\x1b[A").await;
        p.wait_text(url).await;
        // The screen is drawn, and the link after it, in the same burst.
        let _ = tokio::time::timeout(Duration::from_millis(300), p.pump()).await;
        let raw = String::from_utf8_lossy(&p.raw).into_owned();
        let open = format!("\x1b]8;;{url}\x1b\\");
        if off {
            assert!(!raw.contains("\x1b]8;"), "no link with WEIGHUP_LINKS=0");
        } else {
            let at = raw.find(&open).expect("the address is a link");
            assert!(raw[at..].contains("\x1b]8;;\x1b\\"), "the link is closed");
        }
    }
}
