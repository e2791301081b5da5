//! The bytes a remote terminal sends, turned into the key events the app understands.
//!
//! Over SSH there is no local terminal to ask: the client sends what its keyboard produces
//! (UTF-8 text, control characters and escape sequences). This decoder covers what the app
//! uses: printable text, Enter, Tab, Shift-Tab, Backspace, Delete, Esc, the arrows, Page Up
//! and Down, Home and End, F1 and F2, Ctrl-letter, and bracketed paste. Anything else is
//! dropped. Input is bounded: a paste longer than [`PASTE_MAX`] is cut there.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers};

/// The longest paste kept (the longest field takes 1000 characters).
pub const PASTE_MAX: usize = 4096;

/// The longest unfinished escape sequence kept waiting for its end.
const SEQ_MAX: usize = 32;

const PASTE_END: &[u8] = b"\x1b[201~";

/// Decodes a stream of bytes, possibly split anywhere, into events.
#[derive(Debug, Default)]
pub struct Decoder {
    /// Bytes of an unfinished sequence or character.
    pending: Vec<u8>,
    /// Inside a bracketed paste: the text so far.
    paste: Option<Vec<u8>>,
}

fn key(code: KeyCode, modifiers: KeyModifiers) -> Event {
    Event::Key(KeyEvent {
        code,
        modifiers,
        kind: KeyEventKind::Press,
        state: KeyEventState::NONE,
    })
}

fn plain(code: KeyCode) -> Event {
    key(code, KeyModifiers::NONE)
}

/// What one attempt to read from the front of the buffer gave.
enum Step {
    /// An event (or nothing, for an ignored sequence) and the bytes used.
    Done(Option<Event>, usize),
    /// The bytes so far may be the start of something longer.
    More,
}

impl Decoder {
    pub fn new() -> Decoder {
        Decoder::default()
    }

    /// The events in `bytes` (together with what was left over from before).
    pub fn feed(&mut self, bytes: &[u8]) -> Vec<Event> {
        self.pending.extend_from_slice(bytes);
        let mut out = Vec::new();
        let mut at = 0;
        while at < self.pending.len() {
            if let Some(paste) = &mut self.paste {
                let rest = &self.pending[at..];
                if let Some(end) = find(rest, PASTE_END) {
                    let room = PASTE_MAX.saturating_sub(paste.len());
                    paste.extend_from_slice(&rest[..end.min(room)]);
                    let text = String::from_utf8_lossy(paste).into_owned();
                    self.paste = None;
                    out.push(Event::Paste(text));
                    at += end + PASTE_END.len();
                    continue;
                }
                // Keep what may be the start of the end marker.
                let keep = partial_suffix(rest, PASTE_END);
                let take = rest.len() - keep;
                let room = PASTE_MAX.saturating_sub(paste.len());
                paste.extend_from_slice(&rest[..take.min(room)]);
                at += take;
                break;
            }
            match step(&self.pending[at..]) {
                Step::Done(event, used) => {
                    if let Some(Event::Paste(_)) = event {
                        self.paste = Some(Vec::new());
                    } else if let Some(e) = event {
                        out.push(e);
                    }
                    at += used;
                }
                Step::More => break,
            }
        }
        self.pending.drain(..at);
        if self.pending.len() > SEQ_MAX && self.paste.is_none() {
            // Not a sequence this decoder knows: drop it rather than wait for ever.
            self.pending.clear();
        }
        out
    }

    /// Is a lone Esc waiting to see whether a sequence follows?
    pub fn waiting(&self) -> bool {
        self.paste.is_none() && self.pending == b"\x1b"
    }

    /// A lone Esc waits for what may follow it; when nothing follows, it is the Esc key.
    pub fn flush(&mut self) -> Vec<Event> {
        if self.paste.is_none() && self.pending == b"\x1b" {
            self.pending.clear();
            return vec![plain(KeyCode::Esc)];
        }
        Vec::new()
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// How many bytes at the end of `hay` are the start of `needle`.
fn partial_suffix(hay: &[u8], needle: &[u8]) -> usize {
    (1..needle.len())
        .rev()
        .find(|&n| hay.len() >= n && hay[hay.len() - n..] == needle[..n])
        .unwrap_or(0)
}

fn step(b: &[u8]) -> Step {
    let first = b[0];
    match first {
        0x1b => escape(b),
        b'\r' | b'\n' => Step::Done(Some(plain(KeyCode::Enter)), 1),
        b'\t' => Step::Done(Some(plain(KeyCode::Tab)), 1),
        0x7f | 0x08 => Step::Done(Some(plain(KeyCode::Backspace)), 1),
        0x01..=0x1a => {
            let c = char::from(b'a' + first - 1);
            Step::Done(Some(key(KeyCode::Char(c), KeyModifiers::CONTROL)), 1)
        }
        0x00 | 0x1c..=0x1f => Step::Done(None, 1),
        _ => utf8(b),
    }
}

fn utf8(b: &[u8]) -> Step {
    let len = match b[0] {
        0x00..=0x7f => 1,
        0xc2..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf4 => 4,
        _ => return Step::Done(None, 1),
    };
    if b.len() < len {
        return Step::More;
    }
    match std::str::from_utf8(&b[..len]) {
        Ok(s) => {
            let c = s.chars().next().unwrap_or('?');
            Step::Done(Some(plain(KeyCode::Char(c))), len)
        }
        Err(_) => Step::Done(None, 1),
    }
}

fn escape(b: &[u8]) -> Step {
    if b.len() == 1 {
        return Step::More;
    }
    match b[1] {
        b'[' => csi(b),
        b'O' => {
            if b.len() < 3 {
                return Step::More;
            }
            let code = match b[2] {
                b'A' => Some(KeyCode::Up),
                b'B' => Some(KeyCode::Down),
                b'C' => Some(KeyCode::Right),
                b'D' => Some(KeyCode::Left),
                b'H' => Some(KeyCode::Home),
                b'F' => Some(KeyCode::End),
                b'P' => Some(KeyCode::F(1)),
                b'Q' => Some(KeyCode::F(2)),
                b'M' => Some(KeyCode::Enter),
                _ => None,
            };
            Step::Done(code.map(plain), 3)
        }
        // Esc Esc, or Alt with a key: the app has no Alt bindings, so it is Esc, then the key.
        _ => Step::Done(Some(plain(KeyCode::Esc)), 1),
    }
}

/// `ESC [ params final`.
fn csi(b: &[u8]) -> Step {
    let Some(end) = b[2..].iter().position(|c| (0x40..=0x7e).contains(c)) else {
        return Step::More;
    };
    let end = end + 2;
    let params = &b[2..end];
    let used = end + 1;
    let nums: Vec<u32> = std::str::from_utf8(params)
        .unwrap_or("")
        .split(';')
        .map(|n| n.parse().unwrap_or(0))
        .collect();
    let modifiers = match nums.get(1) {
        Some(m) if *m > 1 => {
            let bits = m - 1;
            let mut mods = KeyModifiers::NONE;
            if bits & 1 != 0 {
                mods |= KeyModifiers::SHIFT;
            }
            if bits & 2 != 0 {
                mods |= KeyModifiers::ALT;
            }
            if bits & 4 != 0 {
                mods |= KeyModifiers::CONTROL;
            }
            mods
        }
        _ => KeyModifiers::NONE,
    };
    let code = match b[end] {
        b'A' => Some(KeyCode::Up),
        b'B' => Some(KeyCode::Down),
        b'C' => Some(KeyCode::Right),
        b'D' => Some(KeyCode::Left),
        b'H' => Some(KeyCode::Home),
        b'F' => Some(KeyCode::End),
        b'Z' => return Step::Done(Some(key(KeyCode::BackTab, KeyModifiers::SHIFT)), used),
        b'~' => match nums.first().copied().unwrap_or(0) {
            1 | 7 => Some(KeyCode::Home),
            4 | 8 => Some(KeyCode::End),
            3 => Some(KeyCode::Delete),
            5 => Some(KeyCode::PageUp),
            6 => Some(KeyCode::PageDown),
            11 => Some(KeyCode::F(1)),
            12 => Some(KeyCode::F(2)),
            200 => return Step::Done(Some(Event::Paste(String::new())), used),
            _ => None,
        },
        _ => None,
    };
    Step::Done(code.map(|c| key(c, modifiers)), used)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(events: &[Event]) -> Vec<KeyCode> {
        events
            .iter()
            .filter_map(|e| match e {
                Event::Key(k) => Some(k.code),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn keys_the_app_uses() {
        let mut d = Decoder::new();
        let e = d.feed(b"a\r\t\x1b[Z\x7f\x1b[A\x1b[B\x1b[C\x1b[D\x1b[5~\x1b[6~\x1b[H\x1b[F\x1bOP\x1b[1~\x1b[4~\x1b[3~");
        assert_eq!(
            codes(&e),
            vec![
                KeyCode::Char('a'),
                KeyCode::Enter,
                KeyCode::Tab,
                KeyCode::BackTab,
                KeyCode::Backspace,
                KeyCode::Up,
                KeyCode::Down,
                KeyCode::Right,
                KeyCode::Left,
                KeyCode::PageUp,
                KeyCode::PageDown,
                KeyCode::Home,
                KeyCode::End,
                KeyCode::F(1),
                KeyCode::Home,
                KeyCode::End,
                KeyCode::Delete,
            ]
        );
    }

    #[test]
    fn ctrl_c_and_utf8_split_across_reads() {
        let mut d = Decoder::new();
        let e = d.feed(b"\x03");
        assert!(
            matches!(&e[0], Event::Key(k) if k.code == KeyCode::Char('c') && k.modifiers == KeyModifiers::CONTROL)
        );
        let s = "é€".as_bytes();
        assert!(d.feed(&s[..1]).is_empty());
        let e = d.feed(&s[1..4]);
        assert_eq!(codes(&e), vec![KeyCode::Char('é')]);
        let e = d.feed(&s[4..]);
        assert_eq!(codes(&e), vec![KeyCode::Char('€')]);
    }

    #[test]
    fn a_lone_esc_is_the_esc_key_and_a_split_sequence_waits() {
        let mut d = Decoder::new();
        assert!(d.feed(b"\x1b").is_empty());
        assert_eq!(codes(&d.flush()), vec![KeyCode::Esc]);
        assert!(d.feed(b"\x1b[").is_empty());
        assert_eq!(codes(&d.feed(b"A")), vec![KeyCode::Up]);
    }

    #[test]
    fn bracketed_paste_is_one_event_and_bounded() {
        let mut d = Decoder::new();
        let e = d.feed(b"\x1b[200~hello\r\nworld\x1b[20");
        assert!(e.is_empty());
        let e = d.feed(b"1~x");
        assert_eq!(e[0], Event::Paste("hello\r\nworld".into()));
        assert_eq!(codes(&e[1..]), vec![KeyCode::Char('x')]);
        let mut big = b"\x1b[200~".to_vec();
        big.extend(std::iter::repeat_n(b'a', PASTE_MAX * 3));
        big.extend_from_slice(b"\x1b[201~");
        let e = d.feed(&big);
        assert!(matches!(&e[0], Event::Paste(t) if t.len() == PASTE_MAX));
    }
}
