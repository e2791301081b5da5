//! `weighup serve`: one laptop hosts the workshop room over SSH.
//!
//! Every participant types one `ssh` command and gets the full-screen questionnaire in their
//! own terminal; the room code is the SSH user name, so there is no password prompt. Each
//! connection runs the same app as the local terminal ([`crate::tui::runtime`]), drawn with a
//! ratatui backend that writes to the SSH channel and fed by a decoder of the channel's bytes
//! ([`keys`]). Sheets are saved into the room folder after every answer, with the project's
//! atomic, private saves. Only interactive sessions are served: no command execution, no
//! file transfer, no port forwarding.

pub mod keys;
pub mod lobby;

use std::collections::{HashMap, HashSet, VecDeque};
use std::fmt::Write as _;
use std::io::{self, Write as _};
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU8, AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, SyncSender};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use crossterm::event::Event;
use ratatui::Terminal;
use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};
use russh::keys::{HashAlg, PrivateKey};
use russh::server::{Auth, ChannelOpenHandle, Msg, Session};
use russh::{Channel, ChannelId, MethodKind, MethodSet, Pty};
use time::OffsetDateTime;

use crate::bank::Bank;
use crate::error::Error;
use crate::persist;
use crate::session::Started;
use crate::sheet::Sheet;
use crate::tui::runtime::{self, Ending, EventSource, Stop};
use crate::tui::{App, Theme, TuiOptions};
use crate::workshop::Scenario;

/// The most bytes taken from one SSH data message (a paste is bounded again by the decoder).
const DATA_MAX: usize = 16 * 1024;
/// Input messages waiting for a participant's app; more are dropped.
const INPUT_QUEUE: usize = 256;
/// The smallest and largest window sizes taken from a client.
const SIZE_MAX: u32 = 1000;

/// What `weighup serve` was asked to do.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub room: PathBuf,
    pub bind: IpAddr,
    pub port: u16,
    /// The room's cards (none: every built-in card to choose from).
    pub scenarios: Vec<String>,
    pub code: Option<String>,
    pub max: usize,
    pub idle: Duration,
}

// ---- the room ----

/// Everything the connections share.
struct Room {
    dir: PathBuf,
    code: String,
    bank: Bank,
    cards: Vec<Scenario>,
    max: usize,
    idle: Duration,
    /// 0 open; 130 Ctrl-C; 143 SIGTERM: every participant's app saves and ends.
    stop: AtomicU8,
    /// Participants with an app running.
    active: AtomicUsize,
    /// Open connections, signed in or not (bounded, so a flood of connections that never
    /// sign in cannot use up the laptop).
    connections: AtomicUsize,
    /// Sheets open in a participant's app now.
    open: Mutex<HashSet<PathBuf>>,
    /// Failed room codes by address: how many, and when the last was.
    failures: Mutex<HashMap<IpAddr, (u32, Instant)>>,
    /// The command participants type (for messages).
    ssh_line: String,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Room {
    /// The room folder's name, safe to show.
    fn title(&self) -> String {
        crate::text::sanitize_line(&self.dir.file_name().map_or_else(
            || self.dir.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        ))
    }

    /// The unfinished sheet with this label (any case), newest first, that nobody has open.
    fn find_unfinished(&self, label: &str) -> Option<(PathBuf, Sheet)> {
        let open = lock(&self.open);
        persist::list_sheets(&self.dir).into_iter().find(|(p, s)| {
            !s.complete
                && !open.contains(p)
                && s.respondent
                    .as_deref()
                    .is_some_and(|r| r.trim().eq_ignore_ascii_case(label.trim()))
        })
    }

    /// A sheet for the participant's choice: the unfinished one with their label, or a new
    /// one, saved at once so that its name is taken.
    fn claim(&self, choice: &lobby::Choice, now: OffsetDateTime) -> Result<Started, String> {
        if choice.resume {
            if let Some((path, _)) = self.find_unfinished(&choice.label) {
                let loaded = persist::load_checked(&path, &self.bank).map_err(|e| e.to_string())?;
                let mut sheet = loaded.sheet;
                if choice.card.is_some() {
                    sheet.scenario.clone_from(&choice.card);
                }
                let (done, asked) = sheet.progress(&self.bank);
                persist::reserve(&path).map_err(|e| e.to_string())?;
                lock(&self.open).insert(path.clone());
                return Ok(Started {
                    sheet,
                    path,
                    notices: vec![format!(
                        "Continuing your answers: {done} of {asked} questions answered."
                    )],
                    resumed: true,
                });
            }
        }
        let mut open = lock(&self.open);
        let path =
            persist::reserve_new(&self.dir, Some(&choice.label), now).map_err(|e| e.to_string())?;
        let mut sheet = Sheet::new(&self.bank, now);
        sheet.respondent = Some(choice.label.clone());
        sheet.scenario.clone_from(&choice.card);
        persist::save(&path, &sheet).map_err(|e| e.to_string())?;
        open.insert(path.clone());
        Ok(Started {
            sheet,
            path,
            notices: Vec::new(),
            resumed: false,
        })
    }

    /// A failed room code from `ip`: how long to wait before answering (longer each time).
    fn failed(&self, ip: Option<IpAddr>) -> Duration {
        let Some(ip) = ip else {
            return Duration::from_secs(1);
        };
        let mut failures = lock(&self.failures);
        let entry = failures.entry(ip).or_insert((0, Instant::now()));
        if entry.1.elapsed() > Duration::from_secs(600) {
            entry.0 = 0;
        }
        entry.0 = entry.0.saturating_add(1);
        entry.1 = Instant::now();
        let n = entry.0.min(5);
        Duration::from_millis(500 << n).min(Duration::from_secs(10))
    }

    fn log(line: &str) {
        let now = OffsetDateTime::now_utc();
        let mut out = io::stdout().lock();
        let _ = writeln!(
            out,
            "{:02}:{:02}:{:02} {}",
            now.hour(),
            now.minute(),
            now.second(),
            crate::text::sanitize_line(line)
        );
        let _ = out.flush();
    }
}

impl lobby::Room for Room {
    fn title(&self) -> String {
        Room::title(self)
    }

    fn cards(&self) -> &[Scenario] {
        &self.cards
    }

    fn unfinished(&self, label: &str) -> Option<lobby::Unfinished> {
        self.find_unfinished(label).map(|(_, s)| {
            let (answered, asked) = s.progress(&self.bank);
            lobby::Unfinished { answered, asked }
        })
    }
}

// ---- the participant's terminal ----

/// What the SSH side sends to a participant's app.
enum Input {
    Bytes(Vec<u8>),
    Resize(u16, u16),
}

/// What a participant's app sends to the SSH side, in order.
enum Output {
    Data(Vec<u8>),
    /// The app has ended: send the exit status and close the channel.
    Close(u32),
}

/// Bytes for the channel, sent on flush.
struct ChannelOut {
    buf: Vec<u8>,
    tx: tokio::sync::mpsc::Sender<Output>,
}

impl io::Write for ChannelOut {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        self.buf.extend_from_slice(data);
        Ok(data.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let data = std::mem::take(&mut self.buf);
        self.tx
            .blocking_send(Output::Data(data))
            .map_err(|_| io::Error::new(io::ErrorKind::BrokenPipe, "the connection is closed"))
    }
}

/// The crossterm backend over the channel, with the size the client reported.
struct SshBackend {
    inner: CrosstermBackend<ChannelOut>,
    size: Arc<Mutex<(u16, u16)>>,
}

impl Backend for SshBackend {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        self.inner.draw(content)
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        self.inner.hide_cursor()
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        self.inner.show_cursor()
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        // A remote terminal cannot be asked synchronously; the app never needs it.
        Ok(Position::ORIGIN)
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        self.inner.set_cursor_position(position)
    }

    fn clear(&mut self) -> io::Result<()> {
        self.inner.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.inner.clear_region(clear_type)
    }

    fn size(&self) -> io::Result<Size> {
        let (w, h) = *lock(&self.size);
        Ok(Size::new(w, h))
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        Ok(WindowSize {
            columns_rows: self.size()?,
            pixels: Size::new(0, 0),
        })
    }

    fn flush(&mut self) -> io::Result<()> {
        Backend::flush(&mut self.inner)
    }
}

/// A participant's keys, window changes, and the reasons to stop.
struct SshEvents {
    rx: Receiver<Input>,
    queue: VecDeque<Event>,
    decoder: keys::Decoder,
    size: Arc<Mutex<(u16, u16)>>,
    gone: Arc<AtomicBool>,
    room: Arc<Room>,
    last_input: Instant,
}

impl EventSource for SshEvents {
    fn next_event(&mut self, timeout: Duration) -> io::Result<Option<Event>> {
        let until = Instant::now() + timeout;
        loop {
            if let Some(e) = self.queue.pop_front() {
                return Ok(Some(e));
            }
            let left = until.saturating_duration_since(Instant::now());
            // A lone Esc is the Esc key unless the rest of a sequence follows at once.
            let wait = if self.decoder.waiting() {
                left.min(Duration::from_millis(30))
            } else {
                left
            };
            match self.rx.recv_timeout(wait) {
                Ok(Input::Bytes(b)) => {
                    self.last_input = Instant::now();
                    self.queue.extend(self.decoder.feed(&b));
                }
                Ok(Input::Resize(w, h)) => {
                    *lock(&self.size) = (w, h);
                    return Ok(Some(Event::Resize(w, h)));
                }
                Err(RecvTimeoutError::Timeout) => {
                    self.queue.extend(self.decoder.flush());
                    if self.queue.is_empty() && Instant::now() >= until {
                        return Ok(None);
                    }
                }
                Err(RecvTimeoutError::Disconnected) => {
                    self.gone.store(true, Ordering::SeqCst);
                    return Ok(None);
                }
            }
        }
    }

    fn stop(&self) -> Option<Stop> {
        if self.room.stop.load(Ordering::SeqCst) != 0 {
            Some(Stop::Terminate)
        } else if self.gone.load(Ordering::SeqCst) {
            Some(Stop::HangUp)
        } else if self.last_input.elapsed() > self.room.idle {
            Some(Stop::Idle)
        } else {
            None
        }
    }
}

/// Full screen on, bracketed paste on.
const ENTER: &[u8] = b"\x1b[?1049h\x1b[?2004h\x1b[H\x1b[2J";
/// Back to the normal screen, the cursor visible.
const LEAVE: &[u8] = b"\x1b[?2004l\x1b[0m\x1b[?25h\x1b[?1049l";

/// One participant, from the lobby to the closing words. Runs on its own thread.
fn participant(
    room: &Arc<Room>,
    events: SshEvents,
    out: &tokio::sync::mpsc::Sender<Output>,
    theme: Theme,
    links: bool,
) {
    let mut events = events;
    let writer = ChannelOut {
        buf: ENTER.to_vec(),
        tx: out.clone(),
    };
    let backend = SshBackend {
        inner: CrosstermBackend::new(writer),
        size: Arc::clone(&events.size),
    };
    let Ok(mut terminal) = Terminal::new(backend) else {
        let _ = out.blocking_send(Output::Close(1));
        return;
    };
    let words = match lobby::run(&mut terminal, &mut events, room.as_ref(), theme) {
        Ok(lobby::Outcome::Chosen(choice)) => {
            answer(room, &mut terminal, &mut events, &choice, theme, links)
        }
        Ok(lobby::Outcome::Left(Some(Stop::Terminate))) => closed_words(room, None),
        Ok(lobby::Outcome::Left(_)) | Err(_) => "Goodbye: nothing was saved.\r\n".to_string(),
    };
    let _ = terminal.show_cursor();
    let mut bye = LEAVE.to_vec();
    bye.extend_from_slice(words.as_bytes());
    let _ = out.blocking_send(Output::Data(bye));
    let _ = out.blocking_send(Output::Close(0));
}

/// A client without a terminal (`ssh -T`, a screen reader's plain session, a pipe) reads
/// lines: the project's plain mode, fed by the channel's lines.
struct LineInput {
    events: SshEvents,
    /// Bytes since the last line break (a line longer than [`LINE_MAX`] is cut).
    line: usize,
}

/// The longest line taken from a client without a terminal.
const LINE_MAX: usize = 4096;

impl io::Read for LineInput {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            if self.events.stop().is_some() {
                return Ok(0);
            }
            match self.events.rx.recv_timeout(Duration::from_millis(200)) {
                Ok(Input::Bytes(b)) => {
                    self.events.last_input = Instant::now();
                    let mut n = 0;
                    for &c in b.iter().take(buf.len()) {
                        if self.line >= LINE_MAX && c != b'\n' {
                            buf[n] = b'\n';
                            self.line = 0;
                        } else {
                            buf[n] = c;
                            self.line = if c == b'\n' { 0 } else { self.line + 1 };
                        }
                        n += 1;
                    }
                    if n > 0 {
                        return Ok(n);
                    }
                }
                Ok(Input::Resize(..)) | Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => return Ok(0),
            }
        }
    }
}

/// Reads one answer line for the lobby questions of the plain mode (`None` at the end).
fn read_answer(input: &mut impl io::BufRead) -> Option<String> {
    let mut line = String::new();
    match input.read_line(&mut line) {
        Ok(0) | Err(_) => None,
        Ok(_) => Some(line.trim().to_string()),
    }
}

/// The plain mode for one participant without a terminal: label, card, continue, then the
/// questions line by line.
fn plain_participant(room: &Arc<Room>, events: SshEvents, out: &tokio::sync::mpsc::Sender<Output>) {
    let mut input = io::BufReader::new(LineInput { events, line: 0 });
    let mut output = ChannelOut {
        buf: Vec::new(),
        tx: out.clone(),
    };
    let words = plain_session(room, &mut input, &mut output);
    let _ = output.write_all(words.as_bytes());
    let _ = output.flush();
    let _ = out.blocking_send(Output::Close(0));
}

fn plain_session(
    room: &Arc<Room>,
    input: &mut io::BufReader<LineInput>,
    output: &mut ChannelOut,
) -> String {
    let say = |output: &mut ChannelOut, text: &str| {
        let _ = output.write_all(text.as_bytes());
        let _ = output.flush();
    };
    say(
        output,
        &format!(
            "weighup: welcome to the room \"{}\". Your answers are saved in the facilitator's room folder.\nYour name or table label (use the same one to continue later):\n",
            room.title()
        ),
    );
    let label = loop {
        let Some(l) = read_answer(input) else {
            return "Goodbye: nothing was saved.\n".into();
        };
        let l: String = l.chars().take(lobby::LABEL_MAX).collect();
        if !l.is_empty() && !crate::text::has_unsafe(&l) {
            break l;
        }
        say(
            output,
            "Type a name or a table label, such as Table 3, using letters, digits, spaces and punctuation:\n",
        );
    };
    let card = if room.cards.len() > 1 {
        let mut text = String::from("Which scenario card does your table play? Type its number:\n");
        for (i, c) in room.cards.iter().enumerate() {
            let _ = writeln!(
                text,
                "  {}. {}",
                i + 1,
                crate::text::sanitize_line(&c.title)
            );
        }
        say(output, &text);
        loop {
            let Some(a) = read_answer(input) else {
                return "Goodbye: nothing was saved.\n".into();
            };
            match a.parse::<usize>() {
                Ok(n) if (1..=room.cards.len()).contains(&n) => {
                    break Some(room.cards[n - 1].id.clone());
                }
                _ => say(
                    output,
                    &format!("Type a number from 1 to {}:\n", room.cards.len()),
                ),
            }
        }
    } else {
        room.cards.first().map(|c| c.id.clone())
    };
    let mut resume = false;
    if let Some(found) = lobby::Room::unfinished(room.as_ref(), &label) {
        say(
            output,
            &format!(
                "There are unfinished answers under \"{label}\" ({} of {} questions answered). Continue them? Type yes or no:\n",
                found.answered, found.asked
            ),
        );
        resume = read_answer(input).is_some_and(|a| !a.to_lowercase().starts_with('n'));
    }
    let choice = lobby::Choice {
        label,
        card,
        resume,
    };
    let started = match room.claim(&choice, OffsetDateTime::now_utc()) {
        Ok(s) => s,
        Err(e) => {
            return format!(
                "Sorry: weighup could not start your answer sheet in the room ({e}). Please tell the facilitator.\n"
            );
        }
    };
    let path = started.path.clone();
    Room::log(&format!(
        "{} joined without a terminal ({})",
        choice.label,
        file_name(&path)
    ));
    let result = crate::plain::run_with(
        &room.bank,
        started,
        input,
        output,
        crate::plain::PlainOptions::default(),
    );
    let kept = crate::persist::load(&path).is_ok_and(|s| !s.answers.is_empty());
    if !kept && !choice.resume {
        let _ = std::fs::remove_file(&path);
    }
    persist::release(&path);
    lock(&room.open).remove(&path);
    Room::log(&format!("{} left (no terminal)", choice.label));
    if room.stop.load(Ordering::SeqCst) != 0 {
        return closed_words(room, kept.then_some(path.as_path())).replace('\r', "");
    }
    match result {
        Ok(_) => String::new(),
        Err(e) => format!("{}\n", e.text()),
    }
}

fn closed_words(room: &Room, path: Option<&Path>) -> String {
    let _ = room;
    match path {
        Some(p) => format!(
            "The facilitator has closed the room. Your answers are saved in the room as {}.\r\n",
            file_name(p)
        ),
        None => "The facilitator has closed the room.\r\n".to_string(),
    }
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
}

/// The questionnaire for the chosen label and card; the closing words.
fn answer(
    room: &Arc<Room>,
    terminal: &mut Terminal<SshBackend>,
    events: &mut SshEvents,
    choice: &lobby::Choice,
    theme: Theme,
    links: bool,
) -> String {
    let now = OffsetDateTime::now_utc();
    let started = match room.claim(choice, now) {
        Ok(s) => s,
        Err(e) => {
            Room::log(&format!(
                "could not start a sheet for {}: {e}",
                choice.label
            ));
            return format!(
                "Sorry: weighup could not start your answer sheet in the room ({e}). Please tell the facilitator.\r\n"
            );
        }
    };
    let path = started.path.clone();
    let resumed = started.resumed;
    Room::log(&format!(
        "{} {} ({}); {} connected",
        choice.label,
        if resumed { "continues" } else { "joined" },
        file_name(&path),
        room.active.load(Ordering::SeqCst)
    ));
    let opts = TuiOptions {
        fresh: !resumed,
        ..TuiOptions::default()
    };
    let mut app = App::new(&room.bank, started, opts, now).with_theme(theme);
    let ending = runtime::run(terminal, &mut app, events, false, links);
    if app.unsaved() {
        runtime::save(&mut app);
    }
    let (done, asked) = app.progress();
    let kept = app.has_answers() || resumed;
    if !kept {
        // Nothing answered on a new sheet: it is not a participant's data.
        let _ = std::fs::remove_file(&path);
    }
    persist::release(&path);
    lock(&room.open).remove(&path);
    let how = match ending {
        Ok(Ending::Quit) if app.sheet().complete => "finished",
        Ok(Ending::Idle) => "was away too long",
        Ok(Ending::Interrupted) if room.stop.load(Ordering::SeqCst) != 0 => "was stopped",
        Ok(Ending::HangUp) | Err(_) => "dropped the connection",
        _ => "left",
    };
    Room::log(&format!(
        "{} {how}: {done} of {asked} answered; {} still connected",
        choice.label,
        room.active.load(Ordering::SeqCst).saturating_sub(1)
    ));
    if room.stop.load(Ordering::SeqCst) != 0 {
        return closed_words(room, kept.then_some(path.as_path()));
    }
    let mut words = String::new();
    if let Some(err) = app.questionnaire().save_error() {
        let _ = write!(
            words,
            "Your latest answers could not be saved ({err}). Please tell the facilitator.\r\n"
        );
    }
    if !kept {
        words.push_str("You left before answering any question, so nothing was saved.\r\n");
        return words;
    }
    if matches!(ending, Ok(Ending::Idle)) {
        let secs = room.idle.as_secs();
        let how_long = if secs < 120 {
            format!("{secs} seconds")
        } else {
            format!("{} minutes", secs / 60)
        };
        let _ = write!(
            words,
            "Nothing was typed for {how_long}, so weighup closed your session.\r\n"
        );
    }
    let e = app.evaluation();
    let _ = write!(
        words,
        "Thank you. You answered {done} of {asked} questions; weighup's result so far: {}.\r\nYour answers are saved in the room as {}.\r\n",
        e.verdict_title,
        file_name(&path)
    );
    if !app.sheet().complete {
        let _ = write!(
            words,
            "To continue, connect again ({}) and give the same label: \"{}\".\r\n",
            room.ssh_line, choice.label
        );
    }
    words
}

// ---- the SSH side ----

/// One channel of one connection.
struct Chan {
    pty: Option<(u16, u16)>,
    no_color: bool,
    /// The client's `TERM`, and whether it sent `WEIGHUP_LINKS=0`: for clickable links.
    term: String,
    links_off: bool,
    input: Option<SyncSender<Input>>,
    gone: Arc<AtomicBool>,
}

/// One SSH connection.
struct Conn {
    room: Arc<Room>,
    peer: Option<IpAddr>,
    channels: HashMap<ChannelId, Chan>,
}

impl Drop for Conn {
    fn drop(&mut self) {
        for c in self.channels.values() {
            c.gone.store(true, Ordering::SeqCst);
        }
    }
}

fn wrong_code_words(room: &Room) -> String {
    format!(
        "That is not this room's code. Type the command shown on the projector exactly, such as: {}",
        room.ssh_line
    )
}

impl Conn {
    /// Says something on the channel's error stream, then closes it with `status`.
    fn refuse(session: &mut Session, channel: ChannelId, words: &str, status: u32) {
        let _ = session.extended_data(channel, 1, format!("weighup: {words}\r\n").into_bytes());
        let _ = session.exit_status_request(channel, status);
        let _ = session.eof(channel);
        let _ = session.close(channel);
    }

    fn start(&mut self, channel: ChannelId, session: &mut Session) {
        let Some(chan) = self.channels.get_mut(&channel) else {
            return;
        };
        let pty = chan.pty;
        let active = self.room.active.fetch_add(1, Ordering::SeqCst);
        if active >= self.room.max || self.room.stop.load(Ordering::SeqCst) != 0 {
            self.room.active.fetch_sub(1, Ordering::SeqCst);
            let words = format!(
                "the room is full: it takes {} people at once. Please share a screen with a neighbour, or ask the facilitator.",
                self.room.max
            );
            Conn::refuse(session, channel, &words, 1);
            return;
        }
        let (in_tx, in_rx) = std::sync::mpsc::sync_channel(INPUT_QUEUE);
        chan.input = Some(in_tx);
        let (out_tx, mut out_rx) = tokio::sync::mpsc::channel::<Output>(64);
        let handle = session.handle();
        tokio::spawn(async move {
            while let Some(o) = out_rx.recv().await {
                match o {
                    Output::Data(d) => {
                        if handle.data(channel, d).await.is_err() {
                            break;
                        }
                    }
                    Output::Close(status) => {
                        let _ = handle.exit_status_request(channel, status).await;
                        let _ = handle.eof(channel).await;
                        let _ = handle.close(channel).await;
                        break;
                    }
                }
            }
        });
        let events = SshEvents {
            rx: in_rx,
            queue: VecDeque::new(),
            decoder: keys::Decoder::new(),
            size: Arc::new(Mutex::new(pty.unwrap_or((80, 24)))),
            gone: Arc::clone(&chan.gone),
            room: Arc::clone(&self.room),
            last_input: Instant::now(),
        };
        let theme = if chan.no_color {
            Theme::NO_COLOR
        } else {
            Theme::COLOR
        };
        // The same rule as on this computer, for the client's terminal; the facilitator's
        // WEIGHUP_LINKS=0 turns links off for everyone, a participant's for themselves.
        let setting = std::env::var("WEIGHUP_LINKS").ok();
        let links = !chan.links_off && crate::text::links_allowed(&chan.term, setting.as_deref());
        let room = Arc::clone(&self.room);
        let spawned = std::thread::Builder::new()
            .name("participant".into())
            .stack_size(1 << 20)
            .spawn(move || {
                if pty.is_some() {
                    participant(&room, events, &out_tx, theme, links);
                } else {
                    plain_participant(&room, events, &out_tx);
                }
                room.active.fetch_sub(1, Ordering::SeqCst);
            });
        if spawned.is_err() {
            self.room.active.fetch_sub(1, Ordering::SeqCst);
            Conn::refuse(
                session,
                channel,
                "the server is too busy; try again in a minute.",
                1,
            );
        }
    }
}

fn clamp_size(w: u32, h: u32) -> (u16, u16) {
    let w = if w == 0 { 80 } else { w.min(SIZE_MAX) };
    let h = if h == 0 { 24 } else { h.min(SIZE_MAX) };
    (w as u16, h as u16)
}

impl russh::server::Handler for Conn {
    type Error = russh::Error;

    async fn auth_none(&mut self, user: &str) -> Result<Auth, Self::Error> {
        if user == self.room.code {
            return Ok(Auth::Accept);
        }
        Ok(Auth::Reject {
            proceed_with_methods: Some(MethodSet::from(&[MethodKind::KeyboardInteractive][..])),
            partial_success: false,
        })
    }

    async fn auth_keyboard_interactive<'a>(
        &'a mut self,
        user: &str,
        _submethods: &str,
        response: Option<russh::server::Response<'a>>,
    ) -> Result<Auth, Self::Error> {
        if user == self.room.code {
            return Ok(Auth::Accept);
        }
        if response.is_none() {
            // No prompt: only the message, which the client shows.
            return Ok(Auth::Partial {
                name: "weighup".into(),
                instructions: wrong_code_words(&self.room).into(),
                prompts: Vec::new().into(),
            });
        }
        let wait = self.room.failed(self.peer);
        tokio::time::sleep(wait).await;
        Ok(Auth::Reject {
            proceed_with_methods: Some(MethodSet::from(&[MethodKind::KeyboardInteractive][..])),
            partial_success: false,
        })
    }

    async fn auth_password(&mut self, _user: &str, _password: &str) -> Result<Auth, Self::Error> {
        let wait = self.room.failed(self.peer);
        tokio::time::sleep(wait).await;
        Ok(Auth::reject())
    }

    async fn auth_publickey_offered(
        &mut self,
        _user: &str,
        _key: &russh::keys::PublicKey,
    ) -> Result<Auth, Self::Error> {
        Ok(Auth::Reject {
            proceed_with_methods: Some(MethodSet::from(&[MethodKind::KeyboardInteractive][..])),
            partial_success: false,
        })
    }

    async fn channel_open_session(
        &mut self,
        channel: Channel<Msg>,
        reply: ChannelOpenHandle,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        if !self.channels.is_empty() {
            // One questionnaire per connection.
            return Ok(());
        }
        self.channels.insert(
            channel.id(),
            Chan {
                pty: None,
                no_color: false,
                term: String::new(),
                links_off: false,
                input: None,
                gone: Arc::new(AtomicBool::new(false)),
            },
        );
        reply.accept().await;
        Ok(())
    }

    async fn pty_request(
        &mut self,
        channel: ChannelId,
        term: &str,
        col_width: u32,
        row_height: u32,
        _pix_width: u32,
        _pix_height: u32,
        _modes: &[(Pty, u32)],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        match self.channels.get_mut(&channel) {
            Some(c) if c.input.is_none() => {
                c.pty = Some(clamp_size(col_width, row_height));
                c.term = term.to_string();
                session.channel_success(channel)?;
            }
            _ => session.channel_failure(channel)?,
        }
        Ok(())
    }

    async fn env_request(
        &mut self,
        channel: ChannelId,
        variable_name: &str,
        variable_value: &str,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        if variable_name == "NO_COLOR" && !variable_value.is_empty() {
            if let Some(c) = self.channels.get_mut(&channel) {
                c.no_color = true;
            }
        }
        if variable_name == "WEIGHUP_LINKS" && variable_value == "0" {
            if let Some(c) = self.channels.get_mut(&channel) {
                c.links_off = true;
            }
        }
        Ok(())
    }

    async fn shell_request(
        &mut self,
        channel: ChannelId,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        if self
            .channels
            .get(&channel)
            .is_some_and(|c| c.input.is_none())
        {
            session.channel_success(channel)?;
            self.start(channel, session);
        } else {
            session.channel_failure(channel)?;
        }
        Ok(())
    }

    async fn exec_request(
        &mut self,
        channel: ChannelId,
        _data: &[u8],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        // The words first: a client stops reading at the failure.
        let words = format!(
            "this room runs only the questionnaire, not commands. Connect without a command: {}",
            self.room.ssh_line
        );
        Conn::refuse(session, channel, &words, 2);
        session.channel_failure(channel)?;
        Ok(())
    }

    async fn subsystem_request(
        &mut self,
        channel: ChannelId,
        _name: &str,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        Conn::refuse(session, channel, "this room offers no file transfer.", 2);
        session.channel_failure(channel)?;
        Ok(())
    }

    async fn window_change_request(
        &mut self,
        channel: ChannelId,
        col_width: u32,
        row_height: u32,
        _pix_width: u32,
        _pix_height: u32,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        if let Some(c) = self.channels.get_mut(&channel) {
            let (w, h) = clamp_size(col_width, row_height);
            if let Some(tx) = &c.input {
                let _ = tx.try_send(Input::Resize(w, h));
            } else {
                c.pty = Some((w, h));
            }
        }
        Ok(())
    }

    async fn data(
        &mut self,
        channel: ChannelId,
        data: &[u8],
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        if let Some(tx) = self.channels.get(&channel).and_then(|c| c.input.as_ref()) {
            let data = &data[..data.len().min(DATA_MAX)];
            // A full queue drops the keys (someone pasting a book); a closed one means the
            // app has ended.
            let _ = tx.try_send(Input::Bytes(data.to_vec()));
        }
        Ok(())
    }

    async fn channel_eof(
        &mut self,
        channel: ChannelId,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        if let Some(c) = self.channels.get(&channel) {
            c.gone.store(true, Ordering::SeqCst);
        }
        Ok(())
    }

    async fn channel_close(
        &mut self,
        channel: ChannelId,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        if let Some(c) = self.channels.get(&channel) {
            c.gone.store(true, Ordering::SeqCst);
        }
        Ok(())
    }
}

// ---- starting the server ----

/// Words for room codes: short, plain, easy to say aloud and to type.
const WORDS: &[&str] = &[
    "river", "lamp", "maple", "stone", "cloud", "harbor", "meadow", "copper", "orchid", "pepper",
    "canyon", "violet", "falcon", "garden", "lantern", "marble", "otter", "pebble", "quartz",
    "saddle", "timber", "walnut", "willow", "amber", "birch", "cedar", "delta", "ember", "fern",
    "glacier", "hazel", "island", "juniper", "kettle", "lemon", "mango", "nutmeg", "olive",
    "prairie", "raven", "summit", "tulip", "velvet", "zephyr", "anchor", "beacon", "comet", "dune",
    "echo", "forest", "grove", "harvest", "indigo", "jasmine", "kite", "lagoon", "mist", "north",
    "ocean", "pine", "ripple", "sparrow", "thistle", "valley",
];

fn random_bytes<const N: usize>() -> Result<[u8; N], Error> {
    use ring::rand::SecureRandom as _;
    let mut b = [0u8; N];
    ring::rand::SystemRandom::new()
        .fill(&mut b)
        .map_err(|_| Error::runtime("this computer gave no random numbers"))?;
    Ok(b)
}

/// A new room code such as `river-lamp-42`.
fn new_code() -> Result<String, Error> {
    let b = random_bytes::<3>()?;
    Ok(format!(
        "{}-{}-{}",
        WORDS[usize::from(b[0]) % WORDS.len()],
        WORDS[usize::from(b[1]) % WORDS.len()],
        10 + usize::from(b[2]) % 90
    ))
}

/// A room code given with `--code`: what a user name may safely be.
fn check_code(code: &str) -> Result<(), Error> {
    let ok = (4..=40).contains(&code.len())
        && code
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !code.starts_with('-');
    if ok {
        Ok(())
    } else {
        Err(Error::input(format!(
            "the room code \"{}\" cannot be an SSH user name.\n    fix: use 4 to 40 small letters, digits and dashes, such as river-lamp-42 (or leave out --code for a new one)",
            crate::text::sanitize_line(code)
        )))
    }
}

/// The server's host key: made on first use, kept private (0600) in the data folder.
fn host_key() -> Result<(PrivateKey, PathBuf), Error> {
    let dir = persist::default_dir().ok_or_else(|| {
        Error::runtime("cannot find your data folder for the server's key")
            .fix("set WEIGHUP_DATA_DIR to a folder you may write to")
    })?;
    let path = dir.join("serve-host-key");
    let cannot = |e: &dyn std::fmt::Display| {
        Error::runtime(format!("cannot use the server's key {}: {e}", path.display())).fix(
            "remove the file to make a new key (participants' ssh will then warn once that the key changed)",
        )
    };
    match persist::read_regular(&path, 64 * 1024) {
        Ok(bytes) => {
            let key = PrivateKey::from_openssh(&bytes).map_err(|e| cannot(&e))?;
            return Ok((key, path));
        }
        Err(e) if path.exists() || std::fs::symlink_metadata(&path).is_ok() => {
            return Err(cannot(&e));
        }
        Err(_) => {}
    }
    let seed = random_bytes::<32>()?;
    let pair = russh::keys::ssh_key::private::Ed25519Keypair::from_seed(&seed);
    let key = PrivateKey::from(pair);
    let text = key
        .to_openssh(russh::keys::ssh_key::LineEnding::LF)
        .map_err(|e| cannot(&e))?;
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        opts.mode(0o600);
    }
    std::fs::create_dir_all(&dir).map_err(|e| cannot(&e))?;
    let mut f = opts.open(&path).map_err(|e| cannot(&e))?;
    f.write_all(text.as_bytes()).map_err(|e| cannot(&e))?;
    f.sync_all().map_err(|e| cannot(&e))?;
    Ok((key, path))
}

/// The addresses participants can reach: the one given with --bind, or this computer's
/// address on its main network (found without sending anything).
fn addresses(bind: IpAddr) -> Vec<IpAddr> {
    if !bind.is_unspecified() {
        return vec![bind];
    }
    let mut out = Vec::new();
    for probe in ["192.0.2.1:9", "[2001:db8::1]:9"] {
        let local = if probe.starts_with('[') {
            "[::]:0"
        } else {
            "0.0.0.0:0"
        };
        if let Ok(s) = std::net::UdpSocket::bind(local) {
            if s.connect(probe).is_ok() {
                if let Ok(a) = s.local_addr() {
                    if !a.ip().is_unspecified() && !a.ip().is_loopback() {
                        out.push(a.ip());
                    }
                }
            }
        }
    }
    if out.is_empty() {
        out.push(IpAddr::from([127, 0, 0, 1]));
    }
    out
}

fn ssh_line(code: &str, addr: IpAddr, port: u16) -> String {
    let host = match addr {
        IpAddr::V6(a) => a.to_string(),
        IpAddr::V4(a) => a.to_string(),
    };
    if port == 22 {
        format!("ssh {code}@{host}")
    } else {
        format!("ssh -p {port} {code}@{host}")
    }
}

/// Runs the room until Ctrl-C or SIGTERM; then every open sheet is saved, every participant is
/// told, and the exit code says which signal ended it (130 or 143).
pub fn serve(bank: &Bank, opts: &ServeOptions) -> Result<String, Error> {
    let code = match &opts.code {
        Some(c) => {
            check_code(c)?;
            c.clone()
        }
        None => new_code()?,
    };
    let all = crate::workshop::scenarios().map_err(|p| Error::input(format!("{p}")))?;
    let mut cards = Vec::new();
    for id in &opts.scenarios {
        cards.push(Scenario::find(id).map_err(Error::input)?);
    }
    if cards.is_empty() {
        cards = all;
    }
    persist::create_private_dir(&opts.room).map_err(|e| {
        Error::input(format!("cannot use the room folder {}: {e}\n    fix: give a folder you may write to with --room",
            opts.room.display()
        ))
    })?;
    if !opts.room.is_dir() {
        return Err(Error::input(format!(
            "{} is not a folder.\n    fix: give a folder with --room",
            opts.room.display()
        )));
    }
    let (key, key_path) = host_key()?;
    let fingerprint = key.public_key().fingerprint(HashAlg::Sha256).to_string();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Error::runtime(format!("cannot start the server: {e}")))?;
    runtime.block_on(run_room(
        bank,
        opts,
        code,
        cards,
        key,
        &key_path,
        fingerprint,
    ))
}

async fn run_room(
    bank: &Bank,
    opts: &ServeOptions,
    code: String,
    cards: Vec<Scenario>,
    key: PrivateKey,
    key_path: &Path,
    fingerprint: String,
) -> Result<String, Error> {
    let listener = tokio::net::TcpListener::bind(SocketAddr::new(opts.bind, opts.port))
        .await
        .map_err(|e| {
            Error::runtime(format!("cannot listen on {} port {}: {e}\n    fix: choose another port with --port (above 1024 needs no administrator rights), or stop the program using it",
                opts.bind, opts.port
            ))
        })?;
    let port = listener.local_addr().map_or(opts.port, |a| a.port());
    let addrs = addresses(opts.bind);
    let lines: Vec<String> = addrs.iter().map(|a| ssh_line(&code, *a, port)).collect();
    let room = Arc::new(Room {
        dir: opts.room.clone(),
        code: code.clone(),
        bank: bank.clone(),
        cards,
        max: opts.max,
        idle: opts.idle,
        stop: AtomicU8::new(0),
        active: AtomicUsize::new(0),
        connections: AtomicUsize::new(0),
        open: Mutex::new(HashSet::new()),
        failures: Mutex::new(HashMap::new()),
        ssh_line: lines[0].clone(),
    });
    {
        let mut out = io::stdout().lock();
        let _ = writeln!(out, "weighup serve: the room \"{}\" is open.", room.title());
        let _ = writeln!(out, "Participants type:");
        for l in &lines {
            let _ = writeln!(out, "  {l}");
        }
        let _ = writeln!(out, "Room code: {code}");
        let _ = writeln!(out, "Server key fingerprint: {fingerprint}");
        let _ = writeln!(
            out,
            "  (the first time, ssh asks whether to trust this key: it should show the same text)"
        );
        let _ = writeln!(out, "Answers are saved in: {}", room.dir.display());
        let _ = writeln!(out, "Server key: {}", key_path.display());
        let _ = writeln!(
            out,
            "Press Enter here to see who is answering. Watch the room with `weighup compare {}`.",
            room.dir.display()
        );
        let _ = writeln!(
            out,
            "Ctrl-C closes the room (every open sheet is saved first)."
        );
        let _ = out.flush();
    }
    console(&room);
    let config = Arc::new(russh::server::Config {
        keys: vec![key],
        auth_rejection_time: Duration::from_millis(500),
        auth_rejection_time_initial: Some(Duration::ZERO),
        inactivity_timeout: Some(opts.idle + Duration::from_secs(60)),
        keepalive_interval: Some(Duration::from_secs(30)),
        max_auth_attempts: 6,
        nodelay: true,
        methods: MethodSet::from(&[MethodKind::None, MethodKind::KeyboardInteractive][..]),
        ..Default::default()
    });
    let stop_code = wait_for_stop(&listener, &room, &config).await;
    room.stop.store(stop_code, Ordering::SeqCst);
    Room::log("closing the room: saving every open sheet");
    let deadline = Instant::now() + Duration::from_secs(5);
    while room.active.load(Ordering::SeqCst) > 0 && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    // Let the last words reach the participants.
    tokio::time::sleep(Duration::from_millis(300)).await;
    persist::release_all();
    let message = format!(
        "the room is closed; the answers are in {}",
        room.dir.display()
    );
    Err(Error::interrupted(i32::from(stop_code) - 128).saying(message))
}

/// Enter in the server's own window prints who is answering and how far each has got
/// (never anyone's result).
fn console(room: &Arc<Room>) {
    let room = Arc::clone(room);
    let _ = std::thread::Builder::new()
        .name("console".into())
        .spawn(move || {
            let mut line = String::new();
            while io::stdin().read_line(&mut line).is_ok_and(|n| n > 0) {
                line.clear();
                let block =
                    crate::workshop::room_status(&room.bank, std::slice::from_ref(&room.dir));
                let mut out = io::stdout().lock();
                let _ = write!(
                    out,
                    "{} connected now; {}",
                    room.active.load(Ordering::SeqCst),
                    crate::text::sanitize(&block)
                );
                let _ = out.flush();
            }
        });
}

/// Accepts connections until Ctrl-C (130) or SIGTERM (143).
async fn wait_for_stop(
    listener: &tokio::net::TcpListener,
    room: &Arc<Room>,
    config: &Arc<russh::server::Config>,
) -> u8 {
    #[cfg(unix)]
    let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).ok();
    loop {
        #[cfg(unix)]
        let terminated = async {
            match term.as_mut() {
                Some(t) => {
                    t.recv().await;
                }
                None => std::future::pending::<()>().await,
            }
        };
        #[cfg(not(unix))]
        let terminated = std::future::pending::<()>();
        tokio::select! {
            _ = tokio::signal::ctrl_c() => return 130,
            () = terminated => return 143,
            accepted = listener.accept() => {
                let Ok((socket, peer)) = accepted else { continue };
                if room.connections.load(Ordering::SeqCst) >= room.max.saturating_mul(2) + 16 {
                    // Too many connections at once: this one is closed before any work.
                    drop(socket);
                    continue;
                }
                room.connections.fetch_add(1, Ordering::SeqCst);
                let conn = Conn {
                    room: Arc::clone(room),
                    peer: Some(peer.ip()),
                    channels: HashMap::new(),
                };
                let config = Arc::clone(config);
                let room = Arc::clone(room);
                tokio::spawn(async move {
                    if let Ok(session) = russh::server::run_stream(config, socket, conn).await {
                        let _ = session.await;
                    }
                    room.connections.fetch_sub(1, Ordering::SeqCst);
                });
            }
        }
    }
}
